"""Aprendizaje por transferencia: reutilizar las capas ocultas de un modelo A
(dígitos 0 a 7) en una tarea B pequeña (distinguir el 8 del 9)."""

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# --8<-- [start:data]
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32")  # píxeles de 0 a 16 -> de 0 a 1

# Tarea A: dígitos 0-7, con muchos ejemplos.
is_a = y < 8
X_train_A, X_test_A, y_train_A, y_test_A = train_test_split(
    X[is_a], y[is_a], test_size=0.3, stratify=y[is_a], random_state=42
)
# Tarea B: ¿es un 9 (1) o un 8 (0)? Solo 20 ejemplos de entrenamiento.
X_B, y_B = X[~is_a], (y[~is_a] == 9).astype("float32")
X_train_B, X_test_B, y_train_B, y_test_B = train_test_split(
    X_B, y_B, train_size=20, stratify=y_B, random_state=42
)
print(f"A: train={len(X_train_A)} test={len(X_test_A)} classes=8")
print(f"B: train={len(X_train_B)} test={len(X_test_B)} classes=2")
# --8<-- [end:data]


# --8<-- [start:model_a]
def hidden_layers():
    return [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        keras.layers.Dense(32, activation="relu", kernel_initializer="he_normal"),
    ]


model_A = keras.Sequential([*hidden_layers(), keras.layers.Dense(8, activation="softmax")])
model_A.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model_A.fit(X_train_A, y_train_A, epochs=10, batch_size=32, verbose=0)
print(f"model_A: test_accuracy_A={model_A.evaluate(X_test_A, y_test_A, verbose=0)[1]:.3f}")
# --8<-- [end:model_a]

# --8<-- [start:clone]
# Clonar copia la arquitectura con pesos nuevos; set_weights copia los pesos.
# Así, entrenar el modelo B no modifica las capas del modelo A.
model_A_clone = keras.models.clone_model(model_A)
model_A_clone.set_weights(model_A.get_weights())
weights_A = [w.copy() for w in model_A.get_weights()]  # para comprobarlo al final

# Todas las capas menos la salida, y una cabeza nueva para la tarea binaria.
model_B_on_A = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        *model_A_clone.layers[:-1],
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
# --8<-- [end:clone]


# --8<-- [start:freeze]
def accuracy(model, X, y):
    return float(np.mean((model(X).numpy().ravel() > 0.5) == y))


def n_trainable(model):
    return sum(int(np.prod(w.shape)) for w in model.trainable_weights)


# Fase 1: congelar las capas reutilizadas y entrenar solo la cabeza.
for layer in model_B_on_A.layers[:-1]:
    layer.trainable = False
# Compilar DESPUÉS de cambiar trainable: las variables entrenables se fijan aquí.
model_B_on_A.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="binary_crossentropy"
)
frozen_before = [w.copy() for w in model_B_on_A.layers[0].get_weights()]
model_B_on_A.fit(X_train_B, y_train_B, epochs=5, batch_size=2, verbose=0)
frozen_after = model_B_on_A.layers[0].get_weights()
change = max(float(np.abs(a - b).max()) for a, b in zip(frozen_before, frozen_after, strict=True))
print(
    f"phase 1 (head): trainable_params={n_trainable(model_B_on_A)} "
    f"max_frozen_change={change} "
    f"test_accuracy_B={accuracy(model_B_on_A, X_test_B, y_test_B):.3f}"
)
# --8<-- [end:freeze]

# --8<-- [start:unfreeze]
# Fase 2: descongelar, recompilar con una tasa más baja y ajustar todo.
for layer in model_B_on_A.layers[:-1]:
    layer.trainable = True
model_B_on_A.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss="binary_crossentropy"
)
model_B_on_A.fit(X_train_B, y_train_B, epochs=5, batch_size=2, verbose=0)
print(
    f"phase 2 (fine-tuning): trainable_params={n_trainable(model_B_on_A)} "
    f"test_accuracy_B={accuracy(model_B_on_A, X_test_B, y_test_B):.3f}"
)
# --8<-- [end:unfreeze]

# --8<-- [start:scratch]
# Referencia: la misma arquitectura entrenada desde cero con los 20 ejemplos.
model_B = keras.Sequential([*hidden_layers(), keras.layers.Dense(1, activation="sigmoid")])
model_B.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-2), loss="binary_crossentropy")
model_B.fit(X_train_B, y_train_B, epochs=10, batch_size=2, verbose=0)
print(f"scratch: test_accuracy_B={accuracy(model_B, X_test_B, y_test_B):.3f}")

# El modelo A no cambió: B entrenó las capas del clon, no las de A.
intact = all(np.array_equal(a, b) for a, b in zip(weights_A, model_A.get_weights(), strict=True))
print(f"model_A weights unchanged: {intact}")
# --8<-- [end:scratch]
