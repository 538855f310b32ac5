"""Dos callbacks propios: uno que vigila el sobreajuste y otro que para al llegar a una meta."""

import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

X, y = load_digits(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(
    X / 16.0, y, test_size=0.25, random_state=42, stratify=y
)


# --8<-- [start:callbacks]
class LossRatioLogger(keras.callbacks.Callback):
    """Anota val_loss / loss al final de cada época: si crece, hay sobreajuste."""

    def on_train_begin(self, logs=None):
        self.ratios = []

    def on_epoch_end(self, epoch, logs=None):
        ratio = logs["val_loss"] / logs["loss"]
        self.ratios.append(ratio)
        print(
            f"época {epoch + 1:2d}: loss = {logs['loss']:.3f}, "
            f"val_loss = {logs['val_loss']:.3f}, val/train = {ratio:.2f}"
        )


class StopAtTarget(keras.callbacks.Callback):
    """Detiene el entrenamiento en cuanto una métrica alcanza un valor."""

    def __init__(self, monitor="val_accuracy", target=0.95):
        super().__init__()
        self.monitor = monitor
        self.target = target
        self.stopped_epoch = None

    def on_epoch_end(self, epoch, logs=None):
        if logs[self.monitor] >= self.target:
            self.stopped_epoch = epoch + 1
            self.model.stop_training = True  # fit() termina al acabar esta época


# --8<-- [end:callbacks]


# --8<-- [start:fit]
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
ratio_cb = LossRatioLogger()
target_cb = StopAtTarget(monitor="val_accuracy", target=0.95)
history = model.fit(
    X_train,
    y_train,
    epochs=50,
    validation_data=(X_valid, y_valid),
    callbacks=[ratio_cb, target_cb],
    verbose=0,
)
print(
    f"meta alcanzada en la época {target_cb.stopped_epoch}: "
    f"val_accuracy = {history.history['val_accuracy'][-1]:.3f}"
)
# --8<-- [end:fit]
