"""Retropropagación a mano en una red 2-3-1, comparada con tf.GradientTape."""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(42)
X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)  # m = 4 ejemplos
y = np.array([[0], [1], [1], [0]], dtype=np.float64)
params = {
    "W1": rng.normal(scale=0.5, size=(2, 3)),  # entrada (2) -> oculta (3)
    "b1": np.zeros(3),
    "W2": rng.normal(scale=0.5, size=(3, 1)),  # oculta (3) -> salida (1)
    "b2": np.zeros(1),
}


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# --8<-- [start:by_hand]
def forward_backward(p, X, y):
    m = len(X)
    # Pasada hacia delante: se guardan los valores intermedios.
    Z1 = X @ p["W1"] + p["b1"]
    A1 = sigmoid(Z1)
    y_hat = A1 @ p["W2"] + p["b2"]  # salida lineal
    loss = np.mean((y_hat - y) ** 2)  # MSE
    # Pasada hacia atrás: regla de la cadena, de la salida hacia la entrada.
    d_yhat = 2 * (y_hat - y) / m  # dL/dŷ
    d_W2 = A1.T @ d_yhat
    d_b2 = d_yhat.sum(axis=0)
    d_A1 = d_yhat @ p["W2"].T  # el error vuelve por los mismos pesos
    d_Z1 = d_A1 * A1 * (1 - A1)  # σ'(z) = σ(z)(1 - σ(z))
    d_W1 = X.T @ d_Z1
    d_b1 = d_Z1.sum(axis=0)
    return loss, {"W1": d_W1, "b1": d_b1, "W2": d_W2, "b2": d_b2}


loss, grads = forward_backward(params, X, y)
print("parámetros entrenables:", sum(value.size for value in params.values()))
# --8<-- [end:by_hand]

# --8<-- [start:tape]
# Los mismos cálculos hacia delante; TensorFlow obtiene los gradientes solo
# (diferenciación automática en modo inverso).
tf_params = {name: tf.Variable(value) for name, value in params.items()}
with tf.GradientTape() as tape:
    A1 = tf.sigmoid(X @ tf_params["W1"] + tf_params["b1"])
    y_hat = A1 @ tf_params["W2"] + tf_params["b2"]
    tf_loss = tf.reduce_mean((y_hat - y) ** 2)
tf_grads = tape.gradient(tf_loss, tf_params)

print(f"pérdida: a mano {loss:.6f}, GradientTape {float(tf_loss):.6f}")
for name in params:
    diff = np.abs(grads[name] - tf_grads[name].numpy()).max()
    print(f"{name}: forma {str(grads[name].shape):7s} máx |a mano - tape| = {diff:.1e}")
# --8<-- [end:tape]

# --8<-- [start:step]
# Un paso de descenso de gradiente: cada parámetro baja en contra de su gradiente.
eta = 0.5
new_params = {name: params[name] - eta * grads[name] for name in params}
new_loss, _ = forward_backward(new_params, X, y)
print(f"tras un paso con eta = {eta}: pérdida {loss:.6f} -> {new_loss:.6f}")
# --8<-- [end:step]
