"""El mismo MLP, con los mismos pesos iniciales, entrenado con cada optimizador."""

from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)
X, y = load_digits(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(
    (X / 16.0).astype("float32"), y, test_size=0.3, stratify=y, random_state=42
)

# --8<-- [start:optimizers]
# Cada optimizador con los hiperparámetros por defecto de su clase en Keras,
# salvo los que dan nombre a la variante (momentum, nesterov).
optimizers = {
    "SGD": lambda: keras.optimizers.SGD(),  # learning_rate=0.01
    "SGD(momentum=0.9)": lambda: keras.optimizers.SGD(momentum=0.9),
    "SGD(momentum=0.9, nesterov=True)": lambda: keras.optimizers.SGD(momentum=0.9, nesterov=True),
    "Adagrad": lambda: keras.optimizers.Adagrad(),  # learning_rate=0.001
    "RMSprop": lambda: keras.optimizers.RMSprop(),  # rho=0.9
    "Adam": lambda: keras.optimizers.Adam(),  # beta_1=0.9, beta_2=0.999
    "Adamax": lambda: keras.optimizers.Adamax(),
    "Nadam": lambda: keras.optimizers.Nadam(),
    "AdamW": lambda: keras.optimizers.AdamW(),  # weight_decay=0.004
}
# --8<-- [end:optimizers]


# --8<-- [start:train]
class ValidationMetrics(keras.callbacks.Callback):
    """Añade val_loss y val_accuracy al final de cada época con una sola pasada
    del modelo: con un conjunto de validación tan pequeño es más barato que
    validation_data. History, que Keras añade al final, ya los registra."""

    def on_epoch_end(self, epoch, logs=None):
        proba = keras.ops.convert_to_numpy(self.model(X_valid, training=False))
        loss = keras.losses.sparse_categorical_crossentropy(y_valid, proba)
        logs["val_loss"] = float(np.mean(keras.ops.convert_to_numpy(loss)))
        logs["val_accuracy"] = float(np.mean(proba.argmax(axis=1) == y_valid))


base = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
initial_weights = base.get_weights()  # todos parten del mismo punto

histories = {}
for name, make_optimizer in optimizers.items():
    model = keras.models.clone_model(base)
    model.set_weights(initial_weights)
    optimizer = make_optimizer()
    model.compile(
        optimizer=optimizer,
        loss="sparse_categorical_crossentropy",
        steps_per_execution=40,  # los 40 lotes de una época en una sola llamada: más rápido
    )
    keras.utils.set_random_seed(42)  # el mismo orden de lotes para todos
    history = model.fit(
        X_train, y_train, epochs=15, batch_size=32, callbacks=[ValidationMetrics()], verbose=0
    )
    histories[name] = (history.history, float(optimizer.learning_rate.numpy()))
# --8<-- [end:train]

fig, ax = plt.subplots(figsize=(8, 4))
# Color, trazo y marcador distintos: las curvas se distinguen sin color.
colors = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#D55E00",
    "#0072B2",
]
styles = ["-", "--", "-.", ":", "-", "--", "-.", ":", "-"]
markers = ["o", "s", "^", "v", "D", "P", "X", "*", "h"]
epochs = np.arange(1, 16)
for i, (name, (h, _)) in enumerate(histories.items()):
    ax.plot(
        epochs,
        h["val_loss"],
        styles[i],
        marker=markers[i],
        markersize=5,
        color=colors[i],
        label=name,
    )
ax.set(xlabel="epoch", ylabel="val_loss", yscale="log", xticks=range(1, 16, 2))
ax.legend(fontsize=9, loc="center left", bbox_to_anchor=(1.01, 0.5))
fig.savefig("optimizers.svg")

lines = [
    "| optimizer | learning_rate | loss | val_loss | val_accuracy |",
    "|---|---:|---:|---:|---:|",
]
for name, (h, lr) in histories.items():
    lines.append(
        f"| `{name}` | {lr:g} | {h['loss'][-1]:.3f} | {h['val_loss'][-1]:.3f} "
        f"| {h['val_accuracy'][-1]:.3f} |"
    )
Path("results.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
