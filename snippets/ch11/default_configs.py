"""Las dos configuraciones por defecto de la guía práctica, escritas en Keras."""

from functools import partial

import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(42)

X, y = load_digits(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=42
)
# Normalizar las entradas vale para las dos configuraciones.
scaler = StandardScaler().fit(X_train)
X_train, X_valid = scaler.transform(X_train), scaler.transform(X_valid)


# --8<-- [start:default]
def default_dnn(n_hidden=5, n_neurons=100):
    """He + Swish + normalización por lotes (red profunda) + AdamW."""
    Dense = partial(keras.layers.Dense, kernel_initializer="he_normal", use_bias=False)
    model = keras.Sequential([keras.Input(shape=(64,))])
    for _ in range(n_hidden):
        model.add(Dense(n_neurons))
        model.add(keras.layers.BatchNormalization())
        model.add(keras.layers.Activation("swish"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    optimizer = keras.optimizers.AdamW(learning_rate=1e-3, weight_decay=1e-4)
    return model, optimizer


# --8<-- [end:default]


# --8<-- [start:selu]
def self_normalizing_dnn(n_hidden=5, n_neurons=100):
    """LeCun + SELU, sin normalización, dropout alfa si hace falta + SGD de Nesterov."""
    Dense = partial(keras.layers.Dense, activation="selu", kernel_initializer="lecun_normal")
    model = keras.Sequential([keras.Input(shape=(64,))])
    for _ in range(n_hidden):
        model.add(Dense(n_neurons))
    model.add(keras.layers.AlphaDropout(0.1))
    model.add(keras.layers.Dense(10, activation="softmax"))
    optimizer = keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True)
    return model, optimizer


# --8<-- [end:selu]


# --8<-- [start:train]
for build in [default_dnn, self_normalizing_dnn]:
    model, optimizer = build()
    model.compile(loss="sparse_categorical_crossentropy", optimizer=optimizer, metrics=["accuracy"])
    callbacks = [
        # Programación por rendimiento: divide la tasa entre 2 si val_loss se estanca.
        keras.callbacks.ReduceLROnPlateau(factor=0.5, patience=3),
        # Parada temprana: la regularización por defecto.
        keras.callbacks.EarlyStopping(patience=6, restore_best_weights=True),
    ]
    history = model.fit(
        X_train,
        y_train,
        epochs=25,
        batch_size=64,
        validation_data=(X_valid, y_valid),
        callbacks=callbacks,
        verbose=0,
    )
    _, val_acc = model.evaluate(X_valid, y_valid, verbose=0)
    print(
        f"{build.__name__:22s} épocas: {len(history.history['loss']):2d}  "
        f"val_accuracy: {val_acc:.3f}"
    )
# --8<-- [end:train]
