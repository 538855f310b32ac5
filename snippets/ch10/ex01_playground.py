"""Ejercicio 1: los experimentos de TensorFlow Playground, repetidos con Keras.

Entrenamos MLP pequeños sobre dos conjuntos de puntos en el plano (círculos
concéntricos y lunas) y dibujamos la región de decisión de cada uno.
"""

from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from sklearn.datasets import make_circles, make_moons
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# Como en Playground: la mitad de los puntos para entrenar, la otra mitad para validar.
datasets = {
    "circles": make_circles(n_samples=400, noise=0.1, factor=0.4, random_state=42),
    "moons": make_moons(n_samples=200, noise=0.35, random_state=42),
}
splits = {
    name: train_test_split(X, y, test_size=0.5, random_state=42, stratify=y)
    for name, (X, y) in datasets.items()
}

# (conjunto, capas ocultas, activación, tasa de aprendizaje, pasadas por los datos)
experiments = [
    ("circles", [], "-", 0.01, 100),  # sin capa oculta: regresión logística
    ("circles", [4], "relu", 0.01, 100),
    ("circles", [4], "tanh", 0.01, 100),
    ("moons", [8, 8], "relu", 0.01, 100),
    ("moons", [8, 8], "relu", 1.0, 100),  # tasa de aprendizaje excesiva
    ("moons", [64, 64, 64], "relu", 0.01, 300),  # red grande, datos ruidosos
]


def build_mlp(hidden, activation, learning_rate):
    model = keras.Sequential([keras.Input(shape=(2,))])
    for units in hidden:
        model.add(keras.layers.Dense(units, activation=activation))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=learning_rate),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    return model


def accuracy(model, X, y):
    proba = keras.ops.convert_to_numpy(model(X, training=False))[:, 0]
    return float(np.mean((proba > 0.5) == y))


# Malla del plano donde evaluamos cada red para colorear su región de decisión.
xx, yy = np.meshgrid(np.linspace(-1.8, 2.6, 100), np.linspace(-1.6, 2.1, 100))
grid = np.c_[xx.ravel(), yy.ravel()].astype("float32")
cmap = LinearSegmentedColormap.from_list("bo", ["#0072B2", "#FFFFFF", "#D55E00"])

fig, axes = plt.subplots(2, 3, figsize=(9, 6), sharex=True, sharey=True)
rows = [
    "| panel | dataset | hidden | activation | learning_rate | accuracy | val_accuracy |",
    "|---|---|---|---|---|---|---|",
]
for ax, letter, (name, hidden, activation, lr, passes) in zip(
    axes.ravel(), "abcdef", experiments, strict=True
):
    X_train, X_valid, y_train, y_valid = splits[name]
    model = build_mlp(hidden, activation, lr)
    # Cada época de fit() tiene un coste fijo; repetir los datos `passes` veces y
    # hacer una sola época viene a ser lo mismo que `passes` épocas (solo cambia
    # cómo se barajan los ejemplos) y es mucho más rápido.
    model.fit(
        np.tile(X_train, (passes, 1)), np.tile(y_train, passes), batch_size=32, epochs=1, verbose=0
    )
    acc_train, acc_valid = accuracy(model, X_train, y_train), accuracy(model, X_valid, y_valid)
    rows.append(
        f"| ({letter}) | {name} | {hidden} | {activation} | {lr} "
        f"| {acc_train:.3f} | {acc_valid:.3f} |"
    )

    proba = keras.ops.convert_to_numpy(model(grid, training=False)).reshape(xx.shape)
    ax.contourf(xx, yy, proba, levels=np.linspace(0, 1, 11), cmap=cmap, alpha=0.8)
    ax.contour(xx, yy, proba, levels=[0.5], colors="black", linewidths=1)
    for label, marker, color in [(0, "o", "#0072B2"), (1, "^", "#D55E00")]:
        pts = X_train[y_train == label]
        ax.scatter(
            pts[:, 0], pts[:, 1], s=12, marker=marker, c=color, edgecolors="black", linewidths=0.4
        )
    ax.set_title(f"({letter}) {hidden} {activation}\nlr={lr}, passes={passes}", fontsize=9)
    ax.grid(False)

fig.savefig("playground.png", dpi=90)
Path("results.md").write_text("\n".join(rows) + "\n")
print("\n".join(rows))
