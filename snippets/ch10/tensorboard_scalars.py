"""Escribir registros de TensorBoard y volver a leer sus escalares."""

from pathlib import Path

import keras
import matplotlib.pyplot as plt
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

X, y = load_digits(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(
    X / 16.0, y, test_size=0.25, random_state=42, stratify=y
)

# --8<-- [start:write]
root_logdir = Path("logs")
learning_rates = [1e-3, 1e-2]
for lr in learning_rates:
    keras.utils.set_random_seed(42)
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        loss="sparse_categorical_crossentropy",
        optimizer=keras.optimizers.Adam(learning_rate=lr),
        metrics=["accuracy"],
    )
    # Una carpeta por ejecución: TensorBoard las muestra como curvas distintas.
    run_logdir = root_logdir / f"adam_lr_{lr:g}"
    tensorboard_cb = keras.callbacks.TensorBoard(run_logdir)
    model.fit(
        X_train,
        y_train,
        epochs=10,
        validation_data=(X_valid, y_valid),
        callbacks=[tensorboard_cb],
        verbose=0,
    )
# --8<-- [end:write]

# --8<-- [start:read]
# Qué quedó escrito: una subcarpeta train/ y otra validation/ por ejecución,
# cada una con un archivo de eventos (events.out.tfevents.*).
for folder in sorted(p.parent for p in root_logdir.rglob("events.out.tfevents.*")):
    print(folder.as_posix())


def read_scalars(folder):
    """{etiqueta: (pasos, valores)} de los escalares de una carpeta de eventos."""
    events = EventAccumulator(str(folder), size_guidance={"tensors": 0})
    events.Reload()
    scalars = {}
    for tag in events.Tags()["tensors"]:
        if not tag.startswith("epoch_"):  # p. ej. "keras": la configuración del modelo
            continue
        points = events.Tensors(tag)  # Keras 3 escribe los escalares como tensores
        steps = [p.step for p in points]
        values = [float(tf.make_ndarray(p.tensor_proto)) for p in points]
        scalars[tag] = (steps, values)
    return scalars


logs = {
    (lr, split): read_scalars(root_logdir / f"adam_lr_{lr:g}" / split)
    for lr in learning_rates
    for split in ["train", "validation"]
}
print("etiquetas en train/:", sorted(logs[learning_rates[0], "train"]))
print("etiquetas en validation/:", sorted(logs[learning_rates[0], "validation"]))
for lr in learning_rates:
    steps, values = logs[lr, "validation"]["epoch_accuracy"]
    print(f"lr = {lr:g}: {len(steps)} épocas, última val accuracy = {values[-1]:.3f}")
# --8<-- [end:read]

# Las mismas curvas que dibujaría TensorBoard, con matplotlib.
fig, axes = plt.subplots(1, 2, figsize=(8, 3.4), sharex=True)
for color, lr in zip(["C0", "C1"], learning_rates, strict=True):
    for split, style, marker in [("train", "-", "o"), ("validation", "--", "s")]:
        for ax, tag in zip(axes, ["epoch_loss", "epoch_accuracy"], strict=True):
            steps, values = logs[lr, split][tag]
            ax.plot(
                [s + 1 for s in steps],
                values,
                style,
                marker=marker,
                markersize=3,
                color=color,
                label=f"lr={lr:g} {split}",
            )
axes[0].set(title="epoch_loss", xlabel="epoch")
axes[1].set(title="epoch_accuracy", xlabel="epoch", ylim=(0.5, 1.0))
axes[1].legend(loc="lower right")
fig.savefig("tensorboard_scalars.svg")
