"""Dropout: qué hace la capa en entrenamiento y en inferencia, y su efecto en las curvas."""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# --8<-- [start:layer]
dropout = keras.layers.Dropout(rate=0.5)
x = np.ones((1, 10), dtype="float32")
print("training=True: ", dropout(x, training=True).numpy().round(2))
print("training=False:", dropout(x, training=False).numpy().round(2))
# --8<-- [end:layer]

X, y = load_digits(return_X_y=True)
X = X.astype("float32") / 16.0
X_train, X_valid, y_train, y_valid = train_test_split(
    X, y, train_size=300, stratify=y, random_state=42
)


# --8<-- [start:models]
def build_model(rate):
    """MLP 64-256-256-10, con Dropout(rate) tras cada capa oculta."""
    model = keras.Sequential([keras.Input(shape=(64,))])
    for _ in range(2):
        model.add(keras.layers.Dense(256, activation="relu", kernel_initializer="he_normal"))
        model.add(keras.layers.Dropout(rate))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model


histories = {}
for rate in [0.0, 0.3]:  # Dropout(0.0) no hace nada: es la red sin dropout
    model = build_model(rate)
    history = model.fit(
        X_train,
        y_train,
        epochs=40,
        batch_size=50,
        validation_data=(X_valid, y_valid),
        validation_batch_size=len(X_valid),  # validación en un solo lote: misma media, más rápida
        verbose=0,
    )
    histories[f"dropout={rate}"] = history.history
    h = history.history
    print(
        f"dropout={rate}: loss {h['loss'][-1]:.3f}  val_loss {h['val_loss'][-1]:.3f}  "
        f"min val_loss {min(h['val_loss']):.3f} (época {int(np.argmin(h['val_loss'])) + 1})  "
        f"val_accuracy {h['val_accuracy'][-1]:.3f}"
    )
# --8<-- [end:models]

fig, axes = plt.subplots(1, 2, figsize=(8, 3.4), sharey=True)
for ax, (name, h) in zip(axes, histories.items(), strict=True):
    epochs = np.arange(1, len(h["loss"]) + 1)
    ax.plot(epochs, h["loss"], "-", label="loss")
    ax.plot(epochs, h["val_loss"], "--", label="val_loss")
    ax.set(title=name, xlabel="epoch", yscale="log")
axes[0].legend(loc="upper right")
fig.savefig("dropout_curves.svg")
