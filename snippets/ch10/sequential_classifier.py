"""Clasificador de imágenes con la API secuencial de Keras sobre load_digits."""

# --8<-- [start:data]
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# 1797 imágenes de 8x8 píxeles con intensidades enteras de 0 a 16; 10 clases (0-9).
digits = load_digits()
X, y = digits.images, digits.target

# Tres conjuntos: entrenamiento, validación (para vigilar el ajuste) y prueba.
X_train_full, X_test, y_train_full, y_test = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=42
)
X_train, X_valid, y_train, y_valid = train_test_split(
    X_train_full, y_train_full, test_size=0.2, stratify=y_train_full, random_state=42
)

# Escalar a [0, 1] dividiendo por la intensidad máxima (255 en Fashion MNIST).
X_train, X_valid, X_test = X_train / 16.0, X_valid / 16.0, X_test / 16.0
print("train:", X_train.shape, "valid:", X_valid.shape, "test:", X_test.shape)
# --8<-- [end:data]

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8)),
        keras.layers.Flatten(),  # 8x8 -> vector de 64
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),  # una probabilidad por clase
    ],
    name="digits_mlp",
)
model.summary()
# --8<-- [end:model]

# --8<-- [start:compile]
model.compile(
    loss="sparse_categorical_crossentropy",  # etiquetas enteras 0..9, no one-hot
    optimizer=keras.optimizers.SGD(learning_rate=0.05),
    metrics=["accuracy"],
)
history = model.fit(
    X_train, y_train, epochs=40, batch_size=32, validation_data=(X_valid, y_valid), verbose=0
)
# --8<-- [end:compile]

# --8<-- [start:curves]
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(8, 3.2), sharex=True)
epochs = np.arange(1, len(history.history["loss"]) + 1)
for key, style in [("loss", "-"), ("val_loss", "--")]:
    ax_loss.plot(epochs, history.history[key], style, label=key)
for key, style in [("accuracy", "-"), ("val_accuracy", "--")]:
    ax_acc.plot(epochs, history.history[key], style, label=key)
ax_loss.set(xlabel="epoch", title="loss")
ax_acc.set(xlabel="epoch", title="accuracy", ylim=(0, 1.02))
ax_loss.legend()
ax_acc.legend(loc="lower right")
fig.savefig("learning_curves.svg")
# --8<-- [end:curves]

# --8<-- [start:evaluate]
# evaluate devuelve la pérdida y las métricas de compile() sobre cada conjunto.
rows = ["| split | loss | accuracy |", "|---|---|---|"]
for split, (X_split, y_split) in {
    "train": (X_train, y_train),
    "valid": (X_valid, y_valid),
    "test": (X_test, y_test),
}.items():
    loss, accuracy = model.evaluate(X_split, y_split, verbose=0)
    rows.append(f"| {split} | {loss:.3f} | {accuracy:.3f} |")
Path("results.md").write_text("\n".join(rows) + "\n")

# predict devuelve una fila de 10 probabilidades por imagen (suman 1).
y_proba = model.predict(X_test[:3], verbose=0)
print("probabilidades de las 3 primeras imágenes:")
print(y_proba.round(2))
y_pred = y_proba.argmax(axis=1)  # la clase más probable
print("predicción:", y_pred, "  real:", y_test[:3])
# --8<-- [end:evaluate]

# --8<-- [start:gallery]
# Galería: 8 imágenes de prueba (fila superior) y 8 errores (fila inferior).
proba_test = model.predict(X_test, verbose=0)
pred_test = proba_test.argmax(axis=1)
errors = np.flatnonzero(pred_test != y_test)
rows = [np.arange(8), errors[:8]]
fig, axes = plt.subplots(2, 8, figsize=(8, 2.9))
for ax_row, indices in zip(axes, rows, strict=True):
    for ax in ax_row:
        ax.axis("off")
    for ax, i in zip(ax_row, indices, strict=False):
        ax.imshow(X_test[i], cmap="binary")
        ax.set_title(f"ŷ={pred_test[i]} ({proba_test[i].max():.2f})\ny={y_test[i]}", fontsize=9)
fig.savefig("predictions.png", dpi=100)
print(f"errores en prueba: {len(errors)} de {len(y_test)}")
# --8<-- [end:gallery]
