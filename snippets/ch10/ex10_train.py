"""Ejercicio 10 (2/2): entrenar el MLP profundo con la tasa elegida, guardando el
mejor modelo, con parada temprana y registros para TensorBoard."""

from pathlib import Path

import keras
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# Los mismos datos y el mismo modelo que en ex10_lr_search.py.
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32")
X_train_full, X_test, y_train_full, y_test = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=42
)
X_train, X_valid, y_train, y_valid = train_test_split(
    X_train_full, y_train_full, test_size=0.2, stratify=y_train_full, random_state=42
)


def build_model(learning_rate):
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        loss="sparse_categorical_crossentropy",
        optimizer=keras.optimizers.SGD(learning_rate=learning_rate, momentum=0.9),
        metrics=["accuracy"],
    )
    return model


# --8<-- [start:train]
LEARNING_RATE = 0.015  # ≈ un décimo de la tasa de pérdida mínima (ex10_lr_search.py)
model = build_model(LEARNING_RATE)
callbacks = [
    keras.callbacks.ModelCheckpoint("digits_mlp.keras", monitor="val_loss", save_best_only=True),
    keras.callbacks.EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True),
    keras.callbacks.TensorBoard(log_dir=Path("logs") / "digits_mlp"),
]
history = model.fit(
    X_train,
    y_train,
    epochs=100,
    batch_size=32,
    validation_data=(X_valid, y_valid),
    callbacks=callbacks,
    verbose=0,
)

best = keras.models.load_model("digits_mlp.keras")  # el mejor punto, según val_loss
test_loss, test_accuracy = best.evaluate(X_test, y_test, verbose=0)
print(f"épocas entrenadas: {len(history.epoch)}")
print(f"mejor val_accuracy: {max(history.history['val_accuracy']):.4f}")
print(f"test_accuracy:      {test_accuracy:.4f}")
# --8<-- [end:train]
print("registros de TensorBoard:", sorted(p.name for p in (Path("logs") / "digits_mlp").iterdir()))

fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(8, 3.2), sharex=True)
for key, style in [("loss", "-"), ("val_loss", "--")]:
    ax_loss.plot(history.epoch, history.history[key], style, label=key)
for key, style in [("accuracy", "-"), ("val_accuracy", "--")]:
    ax_acc.plot(history.epoch, history.history[key], style, label=key)
best_epoch = min(history.epoch, key=lambda e: history.history["val_loss"][e])
for ax in (ax_loss, ax_acc):
    ax.axvline(best_epoch, color="black", ls=":", lw=1.2)
ax_loss.set(xlabel="epoch", yscale="log")
ax_acc.set(xlabel="epoch", ylim=(0.8, 1.0))
ax_loss.legend()
ax_acc.legend(loc="lower right")
fig.savefig("learning_curves.svg")
