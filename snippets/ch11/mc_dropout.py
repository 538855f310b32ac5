"""Dropout de Monte Carlo: muchas pasadas con el dropout activo, y su dispersión."""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

X, y = load_digits(return_X_y=True)
X = X.astype("float32") / 16.0
X_train, X_valid, y_train, y_valid = train_test_split(
    X, y, train_size=500, stratify=y, random_state=42
)

model = keras.Sequential([keras.Input(shape=(64,)), keras.layers.Dropout(0.2)])
for _ in range(2):
    model.add(keras.layers.Dense(256, activation="relu", kernel_initializer="he_normal"))
    model.add(keras.layers.Dropout(0.3))
model.add(keras.layers.Dense(10, activation="softmax"))
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
model.fit(X_train, y_train, epochs=30, batch_size=50, verbose=0)

# --8<-- [start:mc]
y_proba = model.predict(X_valid, verbose=0)  # una pasada, dropout apagado
# 100 pasadas con training=True: cada una apaga neuronas distintas.
y_probas = np.stack([model(X_valid, training=True).numpy() for _ in range(100)])
y_mean = y_probas.mean(axis=0)  # (muestras, clases): la predicción MC
y_std = y_probas.std(axis=0)

print(f"accuracy, una pasada sin dropout: {np.mean(y_proba.argmax(1) == y_valid):.3f}")
print(f"accuracy, media de 100 pasadas:   {np.mean(y_mean.argmax(1) == y_valid):.3f}")
# --8<-- [end:mc]

# --8<-- [start:examples]
# Los tres ejemplos con más dispersión en su clase más probable, y el más seguro.
top = y_mean.argmax(axis=1)
top_std = y_std[np.arange(len(top)), top]
order = np.argsort(top_std)
picked = [*order[::-1][:3], order[0]]
print("\n idx  y  pred  p(pred) 1 pasada  media MC  desv. MC")
for i in picked:
    c = top[i]
    print(
        f"{i:4d}  {y_valid[i]}  {c:4d}  {y_proba[i, c]:16.3f}  {y_mean[i, c]:8.3f}"
        f"  {y_std[i, c]:8.3f}"
    )
# --8<-- [end:examples]

fig, axes = plt.subplots(2, 4, figsize=(8, 4.2), height_ratios=[1, 1.4])
for col, i in enumerate(picked):
    axes[0, col].imshow(X_valid[i].reshape(8, 8), cmap="gray_r")
    axes[0, col].set_title(f"y = {y_valid[i]}")
    axes[0, col].axis("off")
    ax = axes[1, col]
    ax.boxplot(y_probas[:, i, :], positions=range(10), widths=0.6, showfliers=False)
    ax.plot(range(10), y_mean[i], "D", color="#D55E00", markersize=4, label="mean")
    ax.set(ylim=(-0.03, 1.03), xlabel="class")
    ax.set_xticks(range(10))
    ax.tick_params(axis="x", labelsize=7)
    if col:
        ax.set_yticklabels([])
axes[1, 0].set_ylabel("p(class)")
axes[1, 3].legend(loc="upper left", handletextpad=0.2)
fig.savefig("mc_dropout.svg")
