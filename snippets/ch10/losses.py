"""Pérdidas de regresión en Keras: MSE, MAE y Huber, y sus derivadas."""

import keras
import matplotlib.pyplot as plt
import numpy as np

# --8<-- [start:losses]
error = np.linspace(-4, 4, 801)  # e = y - ŷ
y_true = np.zeros((len(error), 1), dtype="float32")
y_pred = -error[:, None].astype("float32")  # así y_true - y_pred = e

# Con una sola salida por fila, cada función devuelve la pérdida de cada fila.
losses = {
    "MSE": keras.losses.mean_squared_error(y_true, y_pred),
    "MAE": keras.losses.mean_absolute_error(y_true, y_pred),
    "Huber (delta=1)": keras.losses.huber(y_true, y_pred, delta=1.0),
}
losses = {name: keras.ops.convert_to_numpy(value) for name, value in losses.items()}

print(f"{'e':>5s} {'MSE':>7s} {'MAE':>7s} {'Huber':>7s}")
for e in [0.5, 1.0, 2.0, 4.0]:
    i = np.argmin(np.abs(error - e))
    print(f"{e:5.1f}" + "".join(f" {values[i]:7.3f}" for values in losses.values()))
# --8<-- [end:losses]

fig, (ax_l, ax_d) = plt.subplots(1, 2, figsize=(8, 3.4), sharex=True)
for (name, values), style in zip(losses.items(), ["-", "--", "-."], strict=True):
    ax_l.plot(error, values, style, label=name)
    ax_d.plot(error, np.gradient(values, error), style, label=name)
ax_l.set(title="$L(e)$", xlabel=r"$e = y - \hat{y}$", ylim=(-0.3, 6))
ax_d.set(title="$dL/de$", xlabel=r"$e = y - \hat{y}$", ylim=(-4.5, 4.5))
ax_l.legend(loc="upper center")
fig.savefig("losses.svg")
