"""Ejercicio 10 (1/2): búsqueda exponencial de la tasa de aprendizaje.

MLP profundo sobre load_digits (imágenes de 8×8, el sustituto local de MNIST).
Durante unas pocas épocas la tasa de aprendizaje crece un factor constante en
cada lote; luego miramos cómo cambia la pérdida con ella.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# --8<-- [start:data]
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32")  # píxeles de 0 a 16 → de 0 a 1
X_train_full, X_test, y_train_full, y_test = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=42
)
X_train, X_valid, y_train, y_valid = train_test_split(
    X_train_full, y_train_full, test_size=0.2, stratify=y_train_full, random_state=42
)


def build_model(learning_rate):
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        loss="sparse_categorical_crossentropy",
        optimizer=keras.optimizers.SGD(learning_rate=learning_rate, momentum=0.9),
        metrics=["accuracy"],
    )
    return model


# --8<-- [end:data]


# --8<-- [start:callback]
class ExponentialLearningRate(keras.callbacks.Callback):
    """Multiplica la tasa de aprendizaje por `factor` tras cada lote y anota la
    pérdida de ese lote. En Keras 3, logs["loss"] es la media de la época en
    curso, ponderada por el tamaño de cada lote: de ella despejamos la del lote."""

    def __init__(self, factor, batch_size, n_samples):
        super().__init__()
        self.factor, self.batch_size, self.n_samples = factor, batch_size, n_samples
        self.rates, self.losses, self.smooth = [], [], []

    def on_epoch_begin(self, epoch, logs=None):
        self.seen, self.total = 0, 0.0  # ejemplos y pérdida acumulada de la época

    def on_train_batch_end(self, batch, logs=None):
        size = min(self.batch_size, self.n_samples - self.seen)
        self.seen += size
        total = logs["loss"] * self.seen
        self.losses.append((total - self.total) / size)
        self.total = total
        lr = float(self.model.optimizer.learning_rate)
        self.rates.append(lr)
        self.model.optimizer.learning_rate = lr * self.factor
        # Media móvil exponencial: la tendencia, sin el ruido de cada lote.
        last = self.smooth[-1] if self.smooth else self.losses[-1]
        self.smooth.append(0.9 * last + 0.1 * self.losses[-1])
        if not np.isfinite(self.losses[-1]) or self.smooth[-1] > 4 * min(self.smooth):
            self.model.stop_training = True  # la pérdida se disparó: basta


# --8<-- [end:callback]


# --8<-- [start:search]
min_lr, max_lr, epochs, batch_size = 1e-4, 10.0, 8, 32
steps = epochs * int(np.ceil(len(X_train) / batch_size))
model = build_model(min_lr)
factor = (max_lr / min_lr) ** (1 / steps)  # de min_lr a max_lr en `steps` lotes
exp_lr = ExponentialLearningRate(factor, batch_size, n_samples=len(X_train))
model.fit(X_train, y_train, epochs=epochs, batch_size=batch_size, callbacks=[exp_lr], verbose=0)

rates, losses, smooth = (np.array(v) for v in (exp_lr.rates, exp_lr.losses, exp_lr.smooth))
best = int(np.argmin(smooth))
print(f"lotes recorridos: {len(rates)} (de {steps}), tasa final: {rates[-1]:.3g}")
print(f"pérdida mínima (suavizada) {smooth[best]:.3f} con tasa {rates[best]:.3g}")
print(f"tasa propuesta (un décimo): {rates[best] / 10:.2g}")
# --8<-- [end:search]

fig, ax = plt.subplots(figsize=(6.5, 3.4))
ax.plot(rates, losses, ".", ms=3, alpha=0.4, label="loss (batch)")
ax.plot(rates, smooth, "-", label="loss (EMA)")
ax.axvline(rates[best], color="black", ls=":", lw=1.2)
ax.axvline(rates[best] / 10, color="#009E73", ls="--", lw=1.5, label="η = η_min / 10")
ax.set(xscale="log", xlabel="η (learning_rate)", ylabel="loss", ylim=(0, 1.3 * smooth[0]))
ax.legend(loc="lower left")
fig.savefig("lr_search.svg")
