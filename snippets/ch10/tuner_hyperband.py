"""Hyperband con Keras Tuner: muchas pruebas cortas, y solo las mejores siguen."""

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


def build_model(hp):
    """El mismo espacio de búsqueda que en la búsqueda aleatoria."""
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


# --8<-- [start:search]
hyperband_tuner = kt.Hyperband(
    build_model,
    objective="val_accuracy",
    max_epochs=3,  # lo más que entrena un modelo
    factor=3,  # en cada ronda sigue 1 de cada 3, con 3 veces más épocas
    hyperband_iterations=1,
    seed=42,
    directory="tuner_runs",
    project_name="digits_hyperband",
    overwrite=True,
)
hyperband_tuner.search(
    X_train, y_train, epochs=3, batch_size=16, validation_data=(X_valid, y_valid), verbose=0
)
# --8<-- [end:search]

# --8<-- [start:results]
# Cada prueba anota su ronda ("tuner/round") y las épocas que entrenó ("tuner/epochs").
trials = sorted(hyperband_tuner.oracle.trials.values(), key=lambda t: int(t.trial_id))
rows = [
    "| trial | bracket | round | epochs | n_hidden | n_neurons | learning_rate "
    "| optimizer | val_accuracy |",
    "|---:|---:|---:|---:|---:|---:|---:|:---|---:|",
]
for trial in trials:
    hp = trial.hyperparameters.values
    rows.append(
        f"| {int(trial.trial_id)} | {hp['tuner/bracket']} | {hp['tuner/round']} "
        f"| {hp['tuner/epochs']} | {hp['n_hidden']} | {hp['n_neurons']} "
        f"| {hp['learning_rate']:.2e} | {hp['optimizer']} | {trial.score:.3f} |"
    )
Path("results.md").write_text("\n".join(rows) + "\n")

best_hp = hyperband_tuner.get_best_hyperparameters()[0]
best_model = hyperband_tuner.get_best_models(num_models=1)[0]
test_accuracy = best_model.evaluate(X_test, y_test, verbose=0)[1]
# Épocas realmente entrenadas: la ronda 1 reanuda desde "tuner/initial_epoch".
total_epochs = sum(
    t.hyperparameters.values["tuner/epochs"] - t.hyperparameters.values["tuner/initial_epoch"]
    for t in trials
)
print(f"pruebas: {len(trials)}, épocas entrenadas en total: {total_epochs}")
best = {k: v for k, v in best_hp.values.items() if not k.startswith("tuner/")}
print(
    "mejores hiperparámetros:",
    ", ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in best.items()),
)
print(f"exactitud en prueba del mejor modelo: {test_accuracy:.3f}")
# --8<-- [end:results]
