"""ReLU muertas: fracción de neuronas ocultas cuya salida es 0 para todos los
ejemplos de entrenamiento, antes y después de entrenar con Adam y distintas
tasas de aprendizaje."""

from pathlib import Path

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X, y = load_digits(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.25, random_state=42)
scaler = StandardScaler().fit(X_train)
X_train, X_valid = scaler.transform(X_train), scaler.transform(X_valid)


def build(activation):
    return keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(100, activation=activation, kernel_initializer="he_normal"),
            keras.layers.Dense(100, activation=activation, kernel_initializer="he_normal"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


# --8<-- [start:dead]
def dead_fraction(model, X):
    """Por capa oculta: fracción de neuronas con z <= 0 en todos y cada uno de los ejemplos de X.
    Con ReLU su salida es siempre 0 y su gradiente también: no vuelven a aprender."""
    hidden = model.layers[:-1]
    # La preactivación z = X W + b de cada capa, calculada capa a capa.
    a, fractions = X, []
    for layer in hidden:
        z = a @ layer.kernel.numpy() + layer.bias.numpy()
        fractions.append(float(np.mean(np.all(z <= 0, axis=0))))
        a = keras.ops.convert_to_numpy(layer.activation(z))
    return fractions


# --8<-- [end:dead]


rows = ["| activation | learning_rate | dead_before | dead_after | val_accuracy |"]
rows.append("|---|---|---|---|---|")
for activation, lr in [("relu", 0.001), ("relu", 0.01), ("relu", 0.05), ("leaky_relu", 0.05)]:
    keras.utils.set_random_seed(42)
    model = build(activation)
    before = dead_fraction(model, X_train)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=lr),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(X_train, y_train, epochs=10, batch_size=32, verbose=0)
    after = dead_fraction(model, X_train)
    acc = model.evaluate(X_valid, y_valid, verbose=0)[1]
    fmt = lambda fr: " / ".join(f"{f:.0%}" for f in fr)  # noqa: E731
    rows.append(f"| `{activation}` | {lr} | {fmt(before)} | {fmt(after)} | {acc:.3f} |")

table = "\n".join(rows)
Path("results.md").write_text(table + "\n")
print(table)
