"""Ejercicio 8 (f): la red SELU con dropout alfa, entrenada con la política 1cycle.

load_digits (imágenes de 8×8, 10 clases) ocupa aquí el lugar de CIFAR-10.
"""

import time
from pathlib import Path

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(42)

# --8<-- [start:data]
X, y = load_digits(return_X_y=True)
X = X.astype("float32") / 16.0  # píxeles en [0, 1]
X_train, X_valid, y_train, y_valid = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=42
)
# SELU necesita entradas estandarizadas (media 0, desviación 1 en cada rasgo).
scaler = StandardScaler().fit(X_train)
X_train, X_valid = scaler.transform(X_train), scaler.transform(X_valid)
# --8<-- [end:data]


# --8<-- [start:timer]
class EpochTimer(keras.callbacks.Callback):
    """Guarda la duración de cada época, en segundos."""

    def on_train_begin(self, logs=None):
        self.times = []

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self.start)


# --8<-- [end:timer]


# --8<-- [start:schedule]
class OneCycle(keras.optimizers.schedules.LearningRateSchedule):
    """1cycle: sube lineal de max_lr/10 a max_lr en la primera mitad (45 %),
    baja igual en la segunda y, en el 10 % final, cae hasta max_lr/1000."""

    def __init__(self, total_steps, max_lr):
        self.total_steps = total_steps
        self.max_lr = max_lr

    def __call__(self, step):
        step = keras.ops.cast(step, "float32")
        half = 0.45 * self.total_steps
        start, peak, last = self.max_lr / 10, self.max_lr, self.max_lr / 1000
        up = start + (peak - start) * step / half
        down = peak - (peak - start) * (step - half) / half
        tail = start - (start - last) * (step - 2 * half) / (self.total_steps - 2 * half)
        return keras.ops.where(step < half, up, keras.ops.where(step < 2 * half, down, tail))

    def get_config(self):
        return {"total_steps": self.total_steps, "max_lr": self.max_lr}


# --8<-- [end:schedule]


# --8<-- [start:model]
model = keras.Sequential([keras.Input(shape=(64,))])
for _ in range(20):
    model.add(keras.layers.Dense(100, activation="selu", kernel_initializer="lecun_normal"))
model.add(keras.layers.AlphaDropout(rate=0.1))
model.add(keras.layers.Dense(10, activation="softmax"))

# Con 1cycle el presupuesto de épocas se fija de antemano: sin parada temprana.
n_epochs, batch_size = 15, 128
steps_per_epoch = int(np.ceil(len(X_train) / batch_size))
onecycle = OneCycle(total_steps=n_epochs * steps_per_epoch, max_lr=0.02)
model.compile(
    loss="sparse_categorical_crossentropy",
    optimizer=keras.optimizers.SGD(learning_rate=onecycle, momentum=0.9, nesterov=True),
    metrics=["accuracy"],
)
timer = EpochTimer()
history = model.fit(
    X_train,
    y_train,
    epochs=n_epochs,
    batch_size=batch_size,
    validation_data=(X_valid, y_valid),
    callbacks=[timer],
    verbose=0,
)
# --8<-- [end:model]

# --8<-- [start:report]
val_acc = history.history["val_accuracy"]
best = int(np.argmax(val_acc))
# La primera época incluye el trazado del grafo: no cuenta para el tiempo típico.
s_per_epoch = float(np.median(timer.times[1:]))
print(f"parámetros: {model.count_params():,}")
print(f"épocas entrenadas: {len(val_acc)} (mejor: {best + 1})")
print(f"val_accuracy de la mejor época: {val_acc[best]:.3f}")
Path("row.md").write_text(
    f"| selu + alpha dropout + 1cycle | {model.count_params():,} | {len(val_acc)} | {best + 1} "
    f"| {val_acc[best]:.3f} | {s_per_epoch:.2f} |"
)  # sin salto de línea final: la página junta las filas de todas las variantes
# --8<-- [end:report]
