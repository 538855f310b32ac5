"""Perceptrón en iris (largo y ancho del pétalo): regla de aprendizaje a mano y Perceptron."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_iris
from sklearn.linear_model import Perceptron

iris = load_iris()
X = iris.data[:, 2:4]  # petal length (cm), petal width (cm)
y = (iris.target == 0).astype(int)  # 1 = Iris setosa, 0 = las otras dos especies


# --8<-- [start:rule]
def heaviside(z):
    return (z >= 0).astype(int)


def train_perceptron(X, y, eta=1.0, max_epochs=100, seed=42):
    """Regla del perceptrón: w <- w + eta * (y - y_hat) * x, ejemplo a ejemplo."""
    rng = np.random.default_rng(seed)
    w, b = np.zeros(X.shape[1]), 0.0
    mistakes_per_epoch = []
    for _ in range(max_epochs):
        mistakes = 0
        for i in rng.permutation(len(X)):
            y_hat = heaviside(X[i] @ w + b)
            error = y[i] - y_hat  # -1, 0 o +1
            w += eta * error * X[i]
            b += eta * error
            mistakes += int(error != 0)
        mistakes_per_epoch.append(mistakes)
        if mistakes == 0:  # una época sin errores: los datos quedaron separados
            break
    return w, b, mistakes_per_epoch


w, b, mistakes = train_perceptron(X, y)
print("setosa frente al resto, errores por época:", mistakes)
print(f"a mano:  w = {w.round(2)}, b = {b:.2f}")

# Versicolor frente a virginica: sus pétalos se solapan, no hay recta que las separe.
both = iris.target > 0
_, _, mistakes_vv = train_perceptron(X[both], (iris.target[both] == 2).astype(int), max_epochs=20)
print("versicolor frente a virginica, errores por época:", mistakes_vv)
# --8<-- [end:rule]

# --8<-- [start:sklearn]
clf = Perceptron(random_state=42)  # eta0=1.0, sin regularización por defecto
clf.fit(X, y)
print(f"sklearn: w = {clf.coef_[0].round(2)}, b = {clf.intercept_[0]:.2f}, épocas = {clf.n_iter_}")
print(f"exactitud en entrenamiento: {clf.score(X, y):.3f}")

new_flowers = np.array([[1.5, 0.3], [4.5, 1.5]])  # (largo, ancho) en cm
print("predicciones para", new_flowers.tolist(), "->", clf.predict(new_flowers))
# --8<-- [end:sklearn]

# Figura: errores por época (izquierda) y frontera de decisión (derecha).
fig, (ax_m, ax_b) = plt.subplots(1, 2, figsize=(8, 3.4), gridspec_kw={"width_ratios": [1, 1.6]})
ax_m.plot(np.arange(1, len(mistakes) + 1), mistakes, "o-", label="setosa vs rest")
ax_m.plot(
    np.arange(1, len(mistakes_vv) + 1), mistakes_vv, "s--", ms=4, label="versicolor vs virginica"
)
ax_m.set(title="mistakes / epoch", xlabel="epoch", xticks=[1, 5, 10, 15, 20])
ax_m.legend(loc="upper right", fontsize=9)

xx, yy = np.meshgrid(np.linspace(0.5, 7.5, 300), np.linspace(-0.3, 2.8, 200))
grid = np.c_[xx.ravel(), yy.ravel()]
zz = clf.predict(grid).reshape(xx.shape)
ax_b.contourf(xx, yy, zz, levels=[-0.5, 0.5, 1.5], colors=["#E69F00", "#56B4E9"], alpha=0.25)
ax_b.plot(*X[y == 1].T, "s", ms=4, label="setosa (y=1)", color="#0072B2")
ax_b.plot(*X[y == 0].T, "^", ms=4, label="other (y=0)", color="#D55E00")
x1 = np.array([0.5, 7.5])
ax_b.plot(
    x1,
    -(clf.coef_[0, 0] * x1 + clf.intercept_[0]) / clf.coef_[0, 1],
    "k-",
    lw=1.5,
    label="Perceptron",
)
ax_b.plot(x1, -(w[0] * x1 + b) / w[1], "k--", lw=1.5, label="train_perceptron")
ax_b.set(xlim=(0.5, 7.5), ylim=(-0.3, 2.8), xlabel="petal length (cm)", ylabel="petal width (cm)")
ax_b.legend(loc="upper left", fontsize=9)
fig.savefig("perceptron_iris.svg")
