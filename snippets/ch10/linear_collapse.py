"""Tres capas Dense sin activación equivalen a una sola capa lineal; con ReLU, no."""

import keras
import numpy as np

keras.utils.set_random_seed(42)
X = np.random.default_rng(0).normal(size=(200, 4)).astype("float32")


def three_dense(activation):
    model = keras.Sequential(
        [
            keras.Input(shape=(4,)),
            keras.layers.Dense(8, activation=activation, bias_initializer="random_normal"),
            keras.layers.Dense(8, activation=activation, bias_initializer="random_normal"),
            keras.layers.Dense(3, bias_initializer="random_normal"),
        ]
    )
    return model


# --8<-- [start:collapse]
linear = three_dense(activation=None)
(W1, b1), (W2, b2), (W3, b3) = [layer.get_weights() for layer in linear.layers]
W = W1 @ W2 @ W3  # 4 x 3: una única matriz
b = (b1 @ W2 + b2) @ W3 + b3  # 3: un único sesgo
diff = np.abs(linear(X).numpy() - (X @ W + b)).max()
print(f"tres capas lineales vs X @ W + b: máx diferencia = {diff:.1e}")
# --8<-- [end:collapse]

# --8<-- [start:relu]
# ¿Qué tan bien explica la mejor función lineal (mínimos cuadrados) lo que
# calcula cada red? Residuo relativo: 0 si la red es una función lineal.
X1 = np.c_[X, np.ones(len(X))]  # columna de unos para el sesgo
for name, activation in [("sin activación", None), ("ReLU", "relu")]:
    out = three_dense(activation)(X).numpy()
    coef, *_ = np.linalg.lstsq(X1, out, rcond=None)
    residual = np.linalg.norm(out - X1 @ coef) / np.linalg.norm(out - out.mean(axis=0))
    print(f"{name:15s} residuo relativo del mejor ajuste lineal = {residual:.3f}")
# --8<-- [end:relu]
