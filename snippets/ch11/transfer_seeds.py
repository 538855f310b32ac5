"""¿Cuánto depende de la semilla la ganancia de la transferencia?
Repite el experimento 8 contra 9 con cinco semillas: cada una sortea los 20
ejemplos de entrenamiento de B y los pesos iniciales."""

from pathlib import Path

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32")
is_a = y < 8
X_B, y_B = X[~is_a], (y[~is_a] == 9).astype("float32")


def hidden_layers():
    return [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu", kernel_initializer="he_normal"),
        keras.layers.Dense(32, activation="relu", kernel_initializer="he_normal"),
    ]


def accuracy(model, X, y):
    return float(np.mean((model(X).numpy().ravel() > 0.5) == y))


# El modelo A se entrena una sola vez, con todos los dígitos 0-7.
model_A = keras.Sequential([*hidden_layers(), keras.layers.Dense(8, activation="softmax")])
model_A.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model_A.fit(X[is_a], y[is_a], epochs=10, batch_size=32, verbose=0)

rows = []
for seed in range(5):
    keras.utils.set_random_seed(seed)
    X_train, X_test, y_train, y_test = train_test_split(
        X_B, y_B, train_size=20, stratify=y_B, random_state=seed
    )
    # Desde cero.
    model_B = keras.Sequential([*hidden_layers(), keras.layers.Dense(1, activation="sigmoid")])
    model_B.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy")
    model_B.fit(X_train, y_train, epochs=10, batch_size=2, verbose=0)
    # Transferencia: clon de A, cabeza nueva, congelar, entrenar, descongelar, ajustar.
    clone = keras.models.clone_model(model_A)
    clone.set_weights(model_A.get_weights())
    model_T = keras.Sequential(
        [keras.Input(shape=(64,)), *clone.layers[:-1], keras.layers.Dense(1, activation="sigmoid")]
    )
    for layer in model_T.layers[:-1]:
        layer.trainable = False
    model_T.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy")
    model_T.fit(X_train, y_train, epochs=5, batch_size=2, verbose=0)
    frozen = accuracy(model_T, X_test, y_test)
    for layer in model_T.layers[:-1]:
        layer.trainable = True
    model_T.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy")
    model_T.fit(X_train, y_train, epochs=5, batch_size=2, verbose=0)
    tuned = accuracy(model_T, X_test, y_test)
    rows.append((seed, accuracy(model_B, X_test, y_test), frozen, tuned))

scratch, frozen, tuned = (np.array(col) for col in list(zip(*rows, strict=True))[1:])
gain = tuned - scratch
lines = ["| seed | scratch | frozen_head | fine_tuned | gain |", "|---:|---:|---:|---:|---:|"]
lines += [f"| {s} | {a:.3f} | {f:.3f} | {t:.3f} | {t - a:+.3f} |" for s, a, f, t in rows]
lines.append(
    f"| mean ± std | {scratch.mean():.3f} ± {scratch.std():.3f} | {frozen.mean():.3f} ± "
    f"{frozen.std():.3f} | {tuned.mean():.3f} ± {tuned.std():.3f} | "
    f"{gain.mean():+.3f} ± {gain.std():.3f} |"
)
Path("results.md").write_text("\n".join(lines) + "\n")  # la tabla de la página
print(f"seeds where fine_tuned > scratch: {int((gain > 0).sum())}/{len(gain)}")
