"""Barrido exponencial de la tasa de aprendizaje (prueba de rango de Smith, 2018)."""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(
    X / 16.0, y, test_size=0.25, random_state=42, stratify=y
)


def build_model(learning_rate):
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(64, activation="relu"),
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


# --8<-- [start:callback]
class ExponentialLRSweep(keras.callbacks.Callback):
    """Multiplica la tasa de aprendizaje por `factor` tras cada lote y anota la pérdida."""

    def __init__(self, factor, beta=0.9, stop_factor=4.0):
        super().__init__()
        self.factor, self.beta, self.stop_factor = factor, beta, stop_factor
        self.rates, self.losses, self.smooth = [], [], []
        self.avg = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch_sum = 0.0  # logs["loss"] es la media desde el inicio de la época

    def on_train_batch_end(self, batch, logs=None):
        # Pérdida de este lote = suma acumulada ahora - suma acumulada antes.
        new_sum = logs["loss"] * (batch + 1)
        batch_loss, self.epoch_sum = new_sum - self.epoch_sum, new_sum
        # Media móvil exponencial con corrección de sesgo: la tendencia sin ruido.
        self.avg = self.beta * self.avg + (1 - self.beta) * batch_loss
        smooth = self.avg / (1 - self.beta ** (len(self.losses) + 1))
        lr = float(self.model.optimizer.learning_rate)
        self.rates.append(lr)
        self.losses.append(batch_loss)
        self.smooth.append(smooth)
        if not np.isfinite(smooth) or smooth > self.stop_factor * min(self.smooth):
            self.model.stop_training = True  # la pérdida se disparó: basta
        self.model.optimizer.learning_rate = lr * self.factor


# --8<-- [end:callback]


# --8<-- [start:sweep]
keras.utils.set_random_seed(42)
batch_size, epochs = 32, 6
n_steps = epochs * int(np.ceil(len(X_train) / batch_size))
lr_min, lr_max = 1e-5, 10.0
factor = (lr_max / lr_min) ** (1 / n_steps)  # de lr_min a lr_max en n_steps lotes
sweep_cb = ExponentialLRSweep(factor)
model = build_model(lr_min)
model.fit(X_train, y_train, batch_size=batch_size, epochs=epochs, callbacks=[sweep_cb], verbose=0)

rates, losses = np.array(sweep_cb.rates), np.array(sweep_cb.losses)
smooth = np.array(sweep_cb.smooth)
best = smooth.argmin()
# "Se dispara": primer lote, pasado el mínimo, con pérdida suavizada > 2 x la mínima.
above = smooth[best:] > 2 * smooth[best]
blowup = best + np.argmax(above) if above.any() else len(smooth) - 1
lr_blowup = rates[blowup]
lr_chosen = lr_blowup / 10
print(f"factor por lote = {factor:.4f}, lotes recorridos = {len(rates)} de {n_steps}")
print(f"pérdida mínima (suavizada) en lr = {rates[best]:.3g}")
print(f"la pérdida se dispara en lr = {lr_blowup:.3g}")
print(f"tasa elegida (una décima parte) = {lr_chosen:.3g}")
# --8<-- [end:sweep]

# --8<-- [start:check]
# Entrenar de cero con la tasa elegida y, para comparar, con otras dos.
for lr in [lr_chosen / 100, lr_chosen, lr_blowup]:
    keras.utils.set_random_seed(42)
    history = build_model(lr).fit(
        X_train, y_train, epochs=5, batch_size=32, validation_data=(X_valid, y_valid), verbose=0
    )
    print(f"lr = {lr:.3g}: val_accuracy tras 5 épocas = {history.history['val_accuracy'][-1]:.3f}")
# --8<-- [end:check]

fig, ax = plt.subplots(figsize=(7, 3.6))
ax.plot(rates, losses, "-", color="0.75", linewidth=1, label="loss (batch)")
ax.plot(rates, smooth, "-", color="C0", label="loss (EMA)")
ax.plot(rates[best], smooth[best], "v", color="C0", markersize=9, label=f"min: {rates[best]:.2g}")
ax.axvline(lr_blowup, color="C1", linestyle="--", label=f"blow-up: {lr_blowup:.2g}")
ax.axvline(lr_chosen, color="C2", linestyle="-.", label=f"lr = blow-up / 10 = {lr_chosen:.2g}")
ax.set(xscale="log", xlabel="learning_rate", ylabel="loss", ylim=(0, 2.5 * smooth[0]))
ax.legend(loc="upper left")
fig.savefig("lr_sweep.svg")
np.savez("lr_sweep.npz", rates=rates, losses=losses, smooth=smooth)
