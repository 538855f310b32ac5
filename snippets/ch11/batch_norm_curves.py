"""Curvas de aprendizaje de una red de 6 capas ocultas, con y sin normalización por
lotes, con una tasa de aprendizaje pequeña y con una grande."""

from pathlib import Path

import keras
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X, y = load_digits(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.25, random_state=42)
scaler = StandardScaler().fit(X_train)
X_train, X_valid = scaler.transform(X_train), scaler.transform(X_valid)


# --8<-- [start:build]
def build(batch_norm, n_hidden=6, width=64):
    layers = [keras.Input(shape=(64,))]
    for _ in range(n_hidden):
        if batch_norm:  # Dense sin sesgo -> BN -> activación
            layers += [
                keras.layers.Dense(width, use_bias=False, kernel_initializer="he_normal"),
                keras.layers.BatchNormalization(),
                keras.layers.Activation("relu"),
            ]
        else:
            layers.append(
                keras.layers.Dense(width, activation="relu", kernel_initializer="he_normal")
            )
    layers.append(keras.layers.Dense(10, activation="softmax"))
    return keras.Sequential(layers)


# --8<-- [end:build]


EPOCHS = 10
histories = {}
for lr in (0.01, 0.3):
    for batch_norm in (False, True):
        keras.utils.set_random_seed(42)
        model = build(batch_norm)
        model.compile(
            optimizer=keras.optimizers.SGD(learning_rate=lr),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        history = model.fit(
            X_train,
            y_train,
            epochs=EPOCHS,
            batch_size=32,
            validation_data=(X_valid, y_valid),
            verbose=0,
        )
        histories[lr, "BN" if batch_norm else "no BN"] = history.history

fig, axes = plt.subplots(1, 2, figsize=(8, 3.6), sharex=True, sharey=True)
epochs = range(1, EPOCHS + 1)
colors = {"no BN": ("#D55E00", "s"), "BN": ("#0072B2", "o")}
for ax, lr in zip(axes, (0.01, 0.3), strict=True):
    for name, (color, marker) in colors.items():
        h = histories[lr, name]
        ax.plot(epochs, h["accuracy"], "-" + marker, color=color, ms=3, label=f"{name}: train")
        ax.plot(epochs, h["val_accuracy"], "--" + marker, color=color, ms=3, label=f"{name}: valid")
    ax.set(title=f"SGD(learning_rate={lr})", xlabel="epoch", ylim=(0, 1.02), xticks=[1, 4, 7, 10])
axes[0].set_ylabel("accuracy")
axes[1].legend(loc="lower right")
fig.savefig("batch_norm_curves.svg")

rows = ["| learning_rate | model | epoch | loss | val_loss | val_accuracy |"]
rows.append("|---|---|---|---|---|---|")
for (lr, name), h in histories.items():
    for epoch in (1, 5, EPOCHS):
        i = epoch - 1
        rows.append(
            f"| {lr} | {name} | {epoch} | {h['loss'][i]:.3f} | {h['val_loss'][i]:.3f} "
            f"| {h['val_accuracy'][i]:.3f} |"
        )
table = "\n".join(rows)
Path("results.md").write_text(table + "\n")
print(table)
