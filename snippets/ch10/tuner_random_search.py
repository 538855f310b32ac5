"""Búsqueda aleatoria de hiperparámetros con Keras Tuner."""

from pathlib import Path

import keras
import keras_tuner as kt
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

X, y = load_digits(return_X_y=True)
X_train_full, X_test, y_train_full, y_test = train_test_split(
    X / 16.0, y, test_size=0.2, random_state=42, stratify=y
)
X_train, X_valid, y_train, y_valid = train_test_split(
    X_train_full, y_train_full, test_size=0.25, random_state=42, stratify=y_train_full
)


# --8<-- [start:build]
def build_model(hp):
    """Construye y compila un MLP con los hiperparámetros que propone el tuner."""
    n_hidden = hp.Int("n_hidden", min_value=1, max_value=3)
    n_neurons = hp.Int("n_neurons", min_value=16, max_value=128, step=16)
    learning_rate = hp.Float("learning_rate", min_value=1e-4, max_value=1e-1, sampling="log")
    optimizer = hp.Choice("optimizer", values=["sgd", "adam"])
    if optimizer == "sgd":
        optimizer = keras.optimizers.SGD(learning_rate=learning_rate, momentum=0.9)
    else:
        optimizer = keras.optimizers.Adam(learning_rate=learning_rate)

    model = keras.Sequential([keras.Input(shape=(64,))])
    for _ in range(n_hidden):
        model.add(keras.layers.Dense(n_neurons, activation="relu"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(loss="sparse_categorical_crossentropy", optimizer=optimizer, metrics=["accuracy"])
    return model


# --8<-- [end:build]


# --8<-- [start:search]
random_search_tuner = kt.RandomSearch(
    build_model,
    objective="val_accuracy",
    max_trials=6,
    seed=42,
    directory="tuner_runs",  # aquí guarda cada prueba: se puede reanudar
    project_name="digits_random_search",
    overwrite=True,  # empezar de cero en cada ejecución
)
random_search_tuner.search(
    X_train, y_train, epochs=4, batch_size=64, validation_data=(X_valid, y_valid), verbose=0
)
# --8<-- [end:search]

# --8<-- [start:results]
trials = random_search_tuner.oracle.get_best_trials(num_trials=6)
rows = [
    "| rank | n_hidden | n_neurons | learning_rate | optimizer | val_accuracy |",
    "|---:|---:|---:|---:|:---|---:|",
]
for rank, trial in enumerate(trials, 1):
    hp = trial.hyperparameters.values
    rows.append(
        f"| {rank} | {hp['n_hidden']} | {hp['n_neurons']} | "
        f"{hp['learning_rate']:.2e} | {hp['optimizer']} | {trial.score:.3f} |"
    )
Path("results.md").write_text("\n".join(rows) + "\n")

best_model = random_search_tuner.get_best_models(num_models=1)[0]
best = random_search_tuner.get_best_hyperparameters()[0].values
print(
    "mejores hiperparámetros:",
    ", ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in best.items()),
)
print(
    f"exactitud en prueba del mejor modelo: {best_model.evaluate(X_test, y_test, verbose=0)[1]:.3f}"
)
# --8<-- [end:results]
