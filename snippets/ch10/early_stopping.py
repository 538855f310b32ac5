"""ModelCheckpoint y EarlyStopping sobre un MLP que llega a sobreajustar."""

import json

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# Pocos ejemplos de entrenamiento y una red ancha: sobreajusta pronto.
X, y = load_digits(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(
    X / 16.0, y, train_size=200, test_size=500, random_state=42, stratify=y
)

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    loss="sparse_categorical_crossentropy",
    optimizer=keras.optimizers.Adam(learning_rate=3e-3),
    metrics=["accuracy"],
)

# --8<-- [start:callbacks]
checkpoint_cb = keras.callbacks.ModelCheckpoint(
    "best_model.keras", monitor="val_loss", save_best_only=True
)
early_stopping_cb = keras.callbacks.EarlyStopping(
    monitor="val_loss", patience=5, restore_best_weights=True
)
history = model.fit(
    X_train,
    y_train,
    epochs=200,  # un techo: EarlyStopping decide cuándo parar
    validation_data=(X_valid, y_valid),
    callbacks=[checkpoint_cb, early_stopping_cb],
    verbose=0,
)
# --8<-- [end:callbacks]

# --8<-- [start:check]
val_loss = history.history["val_loss"]
epochs_run = len(val_loss)
best_epoch = early_stopping_cb.best_epoch + 1  # Keras cuenta desde 0
print(f"épocas ejecutadas: {epochs_run} de 200")
print(f"mejor época: {best_epoch}, val_loss = {min(val_loss):.4f}")
print(f"val_loss en la última época: {val_loss[-1]:.4f}")

# Con restore_best_weights=True el modelo vuelve a los pesos de la mejor época;
# el archivo de ModelCheckpoint guarda ese mismo modelo.
restored_loss = model.evaluate(X_valid, y_valid, verbose=0)[0]
best_file = keras.models.load_model("best_model.keras")
file_loss = best_file.evaluate(X_valid, y_valid, verbose=0)[0]
print(f"val_loss del modelo restaurado: {restored_loss:.4f}")
print(f"val_loss de best_model.keras:   {file_loss:.4f}")
# --8<-- [end:check]

# Curvas de aprendizaje, marcando la parada y la época restaurada.
epochs = np.arange(1, epochs_run + 1)
fig, ax = plt.subplots(figsize=(7, 3.6))
ax.plot(epochs, history.history["loss"], "-", label="loss")
ax.plot(epochs, val_loss, "--", label="val_loss")
ax.axvline(epochs_run, color="0.3", linestyle=":", label=f"stop (epoch {epochs_run})")
ax.plot(
    best_epoch, min(val_loss), "*", markersize=14, color="C2", label=f"best_epoch = {best_epoch}"
)
ax.axvspan(
    best_epoch,
    epochs_run,
    color="0.85",
    alpha=0.5,
    label=f"patience = {early_stopping_cb.patience}",
)
ax.set(xlabel="epoch", ylabel="loss", ylim=(0, 1.0))
ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
ax.legend(loc="upper right", ncols=2)
fig.savefig("early_stopping.svg")

# Los datos de la figura, para que las pruebas los contrasten con la salida.
curves = {"loss": history.history["loss"], "val_loss": val_loss, "best_epoch": best_epoch}
with open("early_stopping.json", "w") as f:
    json.dump(curves, f)
