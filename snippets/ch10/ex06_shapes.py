"""Ejercicio 6: formas de las matrices de un MLP 10 → 50 (ReLU) → 3 (ReLU)."""

import keras
import numpy as np

keras.utils.set_random_seed(42)

model = keras.Sequential(
    [
        keras.Input(shape=(10,)),
        keras.layers.Dense(50, activation="relu", name="hidden"),
        keras.layers.Dense(3, activation="relu", name="output"),
    ]
)
W_h, b_h = model.get_layer("hidden").get_weights()
W_o, b_o = model.get_layer("output").get_weights()

m = 4  # un lote de m ejemplos
X = np.random.default_rng(0).normal(size=(m, 10)).astype("float32")


def relu(z):
    return np.maximum(0, z)


Y = relu(relu(X @ W_h + b_h) @ W_o + b_o)  # la ecuación, a mano

for name, array in [("X", X), ("W_h", W_h), ("b_h", b_h), ("W_o", W_o), ("b_o", b_o), ("Y", Y)]:
    print(f"{name:4s} {array.shape}")
print("Y == model(X):", np.allclose(Y, keras.ops.convert_to_numpy(model(X)), atol=1e-5))
print("parámetros:", model.count_params())
