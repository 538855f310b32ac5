"""Guardar y restaurar un modelo: formato .keras completo y solo los pesos."""

import zipfile
from pathlib import Path

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# Dígitos 8x8 de scikit-learn, aplanados (64 píxeles) y escalados a [0, 1].
X, y = load_digits(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X / 16.0, y, test_size=0.25, random_state=42, stratify=y
)


def build_model():
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        loss="sparse_categorical_crossentropy",
        optimizer=keras.optimizers.Adam(learning_rate=1e-3),
        metrics=["accuracy"],
    )
    return model


model = build_model()
model.fit(X_train, y_train, epochs=10, verbose=0)
y_proba = model.predict(X_test, verbose=0)

# --8<-- [start:keras]
# 1) Modelo completo: arquitectura + pesos + optimizador y compilación.
model.save("digits_mlp.keras")
restored = keras.models.load_model("digits_mlp.keras")
diff = np.abs(restored.predict(X_test, verbose=0) - y_proba).max()
print(f"modelo .keras: max |diferencia| = {diff:.1e}")

# Un .keras es un archivo zip; estos son sus miembros.
with zipfile.ZipFile("digits_mlp.keras") as archive:
    print("contenido:", sorted(archive.namelist()))

# El optimizador vuelve con su estado: se puede seguir entrenando.
print("pasos del optimizador restaurado:", int(restored.optimizer.iterations))
# --8<-- [end:keras]

# --8<-- [start:weights]
# 2) Solo los pesos: hay que reconstruir la misma arquitectura en código.
model.save_weights("digits_mlp.weights.h5")
clone = build_model()  # misma arquitectura, pesos aleatorios nuevos
before = np.abs(clone.predict(X_test, verbose=0) - y_proba).max()
# El archivo también guarda las variables del optimizador; construirlo antes
# de cargar permite restaurarlas (si no, Keras avisa y las omite).
clone.optimizer.build(clone.trainable_variables)
clone.load_weights("digits_mlp.weights.h5")
after = np.abs(clone.predict(X_test, verbose=0) - y_proba).max()
print(f"solo pesos: max |diferencia| antes = {before:.2f}, después = {after:.1e}")
print("pasos del optimizador del clon:", int(clone.optimizer.iterations))
# --8<-- [end:weights]

for name in ["digits_mlp.keras", "digits_mlp.weights.h5"]:
    print(f"{name:22s} {Path(name).stat().st_size / 1024:6.1f} KiB")
