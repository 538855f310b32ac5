"""XOR: un perceptrón (frontera lineal) frente a un MLP pequeño con una capa oculta."""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.linear_model import Perceptron
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

# --8<-- [start:data]
# Los cuatro puntos de XOR y una versión con ruido: nubes alrededor de cada esquina.
X_xor = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
y_xor = np.array([0, 1, 1, 0])

rng = np.random.default_rng(42)
corners = rng.integers(0, 4, size=300)
X = X_xor[corners] + rng.normal(scale=0.15, size=(300, 2))
y = y_xor[corners]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
# --8<-- [end:data]

# --8<-- [start:models]
models = {
    "Perceptron": Perceptron(random_state=42),
    "MLPClassifier": MLPClassifier(
        hidden_layer_sizes=(8,),
        activation="tanh",
        solver="lbfgs",
        max_iter=2000,
        random_state=42,
    ),
}
print(f"{'model':14s} {'train':>6s} {'test':>6s}  4 puntos de XOR")
for name, model in models.items():
    model.fit(X_train, y_train)
    print(
        f"{name:14s} {model.score(X_train, y_train):6.3f} {model.score(X_test, y_test):6.3f}"
        f"  {model.predict(X_xor)} (esperado {y_xor})"
    )
# --8<-- [end:models]

# Figura: regiones de decisión de cada modelo con los datos de prueba encima.
fig, axes = plt.subplots(1, 2, figsize=(7.5, 3.6), sharey=True)
xx, yy = np.meshgrid(np.linspace(-0.6, 1.6, 250), np.linspace(-0.6, 1.6, 250))
grid = np.c_[xx.ravel(), yy.ravel()]
for ax, (name, model) in zip(axes, models.items(), strict=True):
    zz = model.predict(grid).reshape(xx.shape)
    ax.contourf(xx, yy, zz, levels=[-0.5, 0.5, 1.5], colors=["#E69F00", "#56B4E9"], alpha=0.3)
    ax.plot(*X_test[y_test == 0].T, "^", ms=4, color="#D55E00", label="y=0")
    ax.plot(*X_test[y_test == 1].T, "s", ms=4, color="#0072B2", label="y=1")
    ax.set(title=name, xlabel="$x_1$", aspect="equal")
axes[0].set_ylabel("$x_2$")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside right center")
fig.savefig("xor_perceptron_vs_mlp.png", dpi=120)
