"""Penalizaciones ℓ1 y ℓ2 y restricción max-norm sobre la misma red (load_digits)."""

from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

X, y = load_digits(return_X_y=True)
X = X.astype("float32") / 16.0
# Un conjunto de entrenamiento pequeño para que la red pueda sobreajustar.
X_train, X_valid, y_train, y_valid = train_test_split(
    X, y, train_size=500, stratify=y, random_state=42
)


# --8<-- [start:build]
def build_model(**dense_kwargs):
    """MLP 64-128-128-10; dense_kwargs va a cada capa oculta."""
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(
                128, activation="relu", kernel_initializer="he_normal", **dense_kwargs
            ),
            keras.layers.Dense(
                128, activation="relu", kernel_initializer="he_normal", **dense_kwargs
            ),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


variants = {
    "none": build_model(),
    "l1(1e-4)": build_model(kernel_regularizer=keras.regularizers.l1(1e-4)),
    "l2(1e-3)": build_model(kernel_regularizer=keras.regularizers.l2(1e-3)),
    "max_norm(1.0)": build_model(kernel_constraint=keras.constraints.MaxNorm(1.0)),
}
# --8<-- [end:build]

# --8<-- [start:train]
rows = [
    "| variant | train_accuracy | val_accuracy | weight_rms | max_column_norm | near_zero |",
    "|---|---|---|---|---|---|",
]
hidden_weights = {}
for name, model in variants.items():
    model.fit(X_train, y_train, epochs=30, batch_size=50, verbose=0)
    _, train_acc = model.evaluate(X_train, y_train, verbose=0)
    _, val_acc = model.evaluate(X_valid, y_valid, verbose=0)
    W = model.layers[1].kernel.numpy()  # segunda capa oculta, 128×128
    hidden_weights[name] = W.ravel()
    column_norms = np.linalg.norm(W, axis=0)  # norma de los pesos que llegan a cada neurona
    rows.append(
        f"| {name} | {train_acc:.3f} | {val_acc:.3f} | {np.sqrt(np.mean(W**2)):.4f} "
        f"| {column_norms.max():.2f} | {np.mean(np.abs(W) < 1e-3):.1%} |"
    )
table = "\n".join(rows) + "\n"
Path("results.md").write_text(table)
print(table)
# --8<-- [end:train]

# Histograma de los pesos de la segunda capa oculta.
fig, ax = plt.subplots(figsize=(7, 3.4))
bins = np.linspace(-0.25, 0.25, 101)
for (name, w), style in zip(hidden_weights.items(), ["-", "--", "-.", ":"], strict=True):
    ax.hist(w, bins=bins, histtype="step", linestyle=style, linewidth=1.6, label=name)
ax.set(xlabel="w", ylabel="count", yscale="log")
ax.legend(loc="upper right")
fig.savefig("weights_hist.svg")
