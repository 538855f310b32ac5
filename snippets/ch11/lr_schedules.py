"""Todas las programaciones de la tasa de aprendizaje sobre los mismos 1000 pasos."""

import json
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import ops

keras.utils.set_random_seed(42)
lr0, n_steps, steps_per_epoch = 0.01, 1000, 50


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


# --8<-- [start:schedules]
S = keras.optimizers.schedules
schedules = {
    # potencia (c = 1): lr0 / (1 + t / s)
    "power": S.InverseTimeDecay(lr0, decay_steps=100, decay_rate=1.0),
    # exponencial: lr0 * 0.1 ** (t / s)
    "exponential": S.ExponentialDecay(lr0, decay_steps=500, decay_rate=0.1),
    # constante por tramos: 0.01 hasta el paso 300, 0.005 hasta el 600, luego 0.001
    "piecewise": S.PiecewiseConstantDecay([300, 600], [lr0, lr0 / 2, lr0 / 10]),
    # coseno con calentamiento lineal de 100 pasos desde 0
    "cosine_warmup": S.CosineDecay(0.0, decay_steps=900, warmup_target=lr0, warmup_steps=100),
    "one_cycle": OneCycle(max_lr=lr0, total_steps=n_steps),
}
# Cualquiera de ellos se pasa como tasa: el optimizador lo evalúa en cada paso.
optimizer = keras.optimizers.SGD(learning_rate=schedules["exponential"], momentum=0.9)
# --8<-- [end:schedules]


# --8<-- [start:callback]
# Por épocas, con un callback: cualquier función (epoch, lr) -> nueva tasa.
# Aquí, la programación de potencia general con c = 2 y s = 5 épocas
# (InverseTimeDecay solo cubre c = 1).
def power_schedule(epoch, lr):
    return lr0 / (1 + epoch / 5) ** 2


lr_callback = keras.callbacks.LearningRateScheduler(power_schedule)
# model.fit(..., callbacks=[lr_callback])
# --8<-- [end:callback]
print("power_schedule(epoch) for epoch 0-4:", [round(power_schedule(e, None), 5) for e in range(5)])

steps = np.arange(0, n_steps, 5)
curves = {name: np.array([float(s(int(t))) for t in steps]) for name, s in schedules.items()}

# --8<-- [start:plateau]
# Programación por rendimiento: ReduceLROnPlateau mira val_loss al final de cada
# época. Aquí la alimentamos con una val_loss simulada que se estanca.
model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr0), loss="mse")
plateau = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2)
plateau.set_model(model)
n_epochs = n_steps // steps_per_epoch
val_loss = np.maximum(1.0 / (1 + np.arange(n_epochs)), 0.2)  # se estanca en 0.2
val_loss += np.random.default_rng(42).normal(0, 0.01, n_epochs)
lr_per_epoch = []
for epoch in range(n_epochs):
    lr_per_epoch.append(float(model.optimizer.learning_rate.numpy()))
    plateau.on_epoch_end(epoch, logs={"val_loss": float(val_loss[epoch])})
# --8<-- [end:plateau]
curves["performance"] = np.array(lr_per_epoch)[steps // steps_per_epoch]

fig, ax = plt.subplots(figsize=(8, 4))
styles = ["-", "--", "-.", ":", "-", "--"]
for (name, lr), style in zip(curves.items(), styles, strict=True):
    ax.plot(steps, lr, style, label=name, color="#000000" if name == "one_cycle" else None)
ax.set(xlabel="step", ylabel="learning_rate")
ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5))
fig.savefig("lr_schedules.svg")

# Tabla de valores en algunos pasos (y el mismo dato para los tests).
check_steps = [0, 100, 250, 450, 500, 700, 950]
values = {name: [float(lr[steps == t][0]) for t in check_steps] for name, lr in curves.items()}
Path("values.json").write_text(json.dumps({"steps": check_steps, "lr": values}, indent=1))
names = list(curves)
lines = ["| step | " + " | ".join(names) + " |", "|---:" * (len(names) + 1) + "|"]
for i, t in enumerate(check_steps):
    lines.append(f"| {t} | " + " | ".join(f"{values[n][i]:.5f}" for n in names) + " |")
Path("results.md").write_text("\n".join(lines) + "\n")
print("\n".join(lines))
