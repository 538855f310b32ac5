"""Qué hacen clipvalue, clipnorm y global_clipnorm con un mismo gradiente."""

import keras
import matplotlib.pyplot as plt
import numpy as np

g = np.array([0.9, 100.0], dtype="float32")  # un gradiente dominado por su 2.ª componente


# --8<-- [start:apply]
def sgd_step(gradients, **clip):
    """Un paso de SGD (learning_rate=1, w = 0) con el recorte indicado: devuelve -Δw,
    es decir, el gradiente tal como lo usó el optimizador."""
    variables = [keras.Variable(np.zeros_like(gr)) for gr in gradients]
    optimizer = keras.optimizers.SGD(learning_rate=1.0, **clip)
    optimizer.apply_gradients(
        zip([keras.ops.array(gr) for gr in gradients], variables, strict=True)
    )
    return np.concatenate([-v.numpy() for v in variables])


np.set_printoptions(precision=5, suppress=True)
results = {
    "none": sgd_step([g]),
    "clipvalue=1.0": sgd_step([g], clipvalue=1.0),
    "clipnorm=1.0": sgd_step([g], clipnorm=1.0),
    # Los mismos números repartidos en DOS variables (p. ej., kernel y sesgo):
    "clipnorm=1.0, 2 vars": sgd_step([g[:1], g[1:]], clipnorm=1.0),
    "global_clipnorm=1.0, 2 vars": sgd_step([g[:1], g[1:]], global_clipnorm=1.0),
}
# --8<-- [end:apply]


def angle(v):  # ángulo respecto del eje vertical, en grados
    return np.degrees(np.arctan2(v[0], v[1]))


print(f"{'clipping':28s} {'gradient used':>22s} {'norm':>8s} {'angle':>7s}")
for name, v in results.items():
    print(f"{name:28s} {np.array2string(v):>22s} {np.linalg.norm(v):8.4f} {angle(v):6.2f}°")

fig, ax = plt.subplots(figsize=(4.6, 4.2))
ax.add_patch(plt.Rectangle((-1, -1), 2, 2, fill=False, ls="--", color="#D55E00"))
ax.add_patch(plt.Circle((0, 0), 1, fill=False, ls=":", color="#009E73", lw=2))
u = g / np.linalg.norm(g) * 1.6  # la dirección de g (su largo real, 100, no cabe)
arrows = [
    (u, "#0072B2", "g (direction)"),
    (results["clipvalue=1.0"], "#D55E00", "clipvalue=1"),
    (results["clipnorm=1.0"], "#009E73", "clipnorm=1"),
]
for v, color, label in arrows:
    ax.annotate("", xy=v, xytext=(0, 0), arrowprops=dict(arrowstyle="-|>", color=color, lw=2))
    ax.plot([], [], color=color, label=label)
ax.set(xlim=(-1.3, 1.3), ylim=(-1.3, 1.8), aspect="equal", xlabel="g₁", ylabel="g₂")
ax.legend(loc="upper left", fontsize=9)
fig.savefig("gradient_clipping.svg")
