"""Funciones de activación clásicas de un MLP y sus derivadas."""

import matplotlib.pyplot as plt
import numpy as np

z = np.linspace(-5, 5, 1001)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# Cada entrada: (función, derivada). La derivada del escalón es 0 en todo
# punto salvo en z = 0, donde no está definida.
activations = {
    "step": (lambda z: (z >= 0).astype(float), lambda z: np.zeros_like(z)),
    "sigmoid": (sigmoid, lambda z: sigmoid(z) * (1 - sigmoid(z))),
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(0, z), lambda z: (z > 0).astype(float)),
}

fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(8, 3.4), sharex=True)
styles = ["-", "--", "-.", ":"]
for (name, (f, df)), style in zip(activations.items(), styles, strict=True):
    ax_f.plot(z, f(z), style, label=name)
    ax_d.plot(z, df(z), style, label=name)
ax_f.set(title="f(z)", xlabel="z", ylim=(-1.2, 1.2))
ax_d.set(title="f'(z)", xlabel="z", ylim=(-0.2, 1.2))
ax_f.legend(loc="upper left")
fig.savefig("activations.svg")

# Valor máximo de cada derivada: cuánto gradiente deja pasar, como mucho.
for name, (_, df) in activations.items():
    print(f"{name:8s} max f'(z) = {df(z).max():.2f}")
