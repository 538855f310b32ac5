"""1cycle frente a una tasa constante: el mismo MLP, el mismo SGD con momentum."""

from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import ops
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)
X, y = load_digits(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(
    (X / 16.0).astype("float32"), y, test_size=0.3, stratify=y, random_state=42
)


# --8<-- [start:onecycle]
class OneCycle(keras.optimizers.schedules.LearningRateSchedule):
    """1cycle (Smith, 2018): sube linealmente de max_lr / 10 a max_lr durante
    la primera mitad del ciclo, baja igual durante la segunda y, en el último
    tramo (end_fraction de los pasos), cae linealmente hasta max_lr / 10_000."""

    def __init__(self, max_lr, total_steps, end_fraction=0.1):
        super().__init__()
        self.max_lr, self.total_steps, self.end_fraction = max_lr, total_steps, end_fraction

    def __call__(self, step):
        step = ops.cast(step, "float32")
        low, high, last = self.max_lr / 10, self.max_lr, self.max_lr / 10_000
        half = self.total_steps * (1 - self.end_fraction) / 2
        up = low + (high - low) * step / half
        down = high - (high - low) * (step - half) / half
        tail = low - (low - last) * (step - 2 * half) / (self.total_steps - 2 * half)
        lr = ops.where(step < half, up, ops.where(step < 2 * half, down, tail))
        return ops.maximum(lr, last)

    def get_config(self):
        return {
            "max_lr": self.max_lr,
            "total_steps": self.total_steps,
            "end_fraction": self.end_fraction,
        }


# --8<-- [end:onecycle]


# --8<-- [start:train]
epochs, batch_size = 15, 32
total_steps = epochs * int(np.ceil(len(X_train) / batch_size))
learning_rates = {
    "constant": 0.01,  # la tasa por defecto de SGD
    "one_cycle": OneCycle(max_lr=0.1, total_steps=total_steps),
}
base = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
histories = {}
for name, lr in learning_rates.items():
    model = keras.models.clone_model(base)
    model.set_weights(base.get_weights())
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=lr, momentum=0.9),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=10,  # 10 lotes por llamada (la tasa sigue cambiando en cada lote)
    )
    keras.utils.set_random_seed(42)
    histories[name] = model.fit(
        X_train,
        y_train,
        epochs=epochs,
        batch_size=batch_size,
        validation_data=(X_valid, y_valid),
        verbose=0,
    ).history
# --8<-- [end:train]

fig, (ax_lr, ax_loss) = plt.subplots(1, 2, figsize=(8, 3.4))
step = np.arange(total_steps)
ax_lr.plot(step, np.full(total_steps, 0.01), "--", label="constant")
ax_lr.plot(
    step,
    [float(learning_rates["one_cycle"](int(t))) for t in step],
    "-",
    color="#000000",
    label="one_cycle",
)
ax_lr.set(xlabel="step", ylabel="learning_rate")
epoch = np.arange(1, epochs + 1)
ax_loss.plot(epoch, histories["constant"]["val_loss"], "--", marker="s", label="constant")
ax_loss.plot(
    epoch, histories["one_cycle"]["val_loss"], "-", marker="o", color="#000000", label="one_cycle"
)
ax_loss.set(xlabel="epoch", ylabel="val_loss", yscale="log")
ax_loss.set_xticks(range(1, epochs + 1, 2))
ax_loss.legend()
fig.savefig("one_cycle.svg")

lines = ["| learning_rate | loss | val_loss | val_accuracy |", "|---|---:|---:|---:|"]
for name, h in histories.items():
    lines.append(
        f"| `{name}` | {h['loss'][-1]:.3f} | {h['val_loss'][-1]:.3f} "
        f"| {h['val_accuracy'][-1]:.3f} |"
    )
Path("results.md").write_text("\n".join(lines) + "\n")
print(f"total_steps={total_steps}")
print("\n".join(lines))
