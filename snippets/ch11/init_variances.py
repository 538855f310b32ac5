"""Inicializadores de Keras: varianza teórica frente a la varianza de una muestra."""

from pathlib import Path

import keras
import numpy as np

keras.utils.set_random_seed(42)

# --8<-- [start:usage]
# Por nombre, en la capa:
dense = keras.layers.Dense(100, activation="relu", kernel_initializer="he_normal")

# O con VarianceScaling, que cubre a todos: He con fan_avg en vez de fan_in
he_avg_init = keras.initializers.VarianceScaling(scale=2.0, mode="fan_avg", distribution="uniform")
dense_avg = keras.layers.Dense(100, activation="relu", kernel_initializer=he_avg_init)
# --8<-- [end:usage]

fan_in, fan_out = 400, 100  # un kernel de forma (fan_in, fan_out)
fan_avg = (fan_in + fan_out) / 2
initializers = {
    "GlorotNormal": (keras.initializers.GlorotNormal(seed=1), 1 / fan_avg),
    "GlorotUniform": (keras.initializers.GlorotUniform(seed=1), 1 / fan_avg),
    "HeNormal": (keras.initializers.HeNormal(seed=1), 2 / fan_in),
    "HeUniform": (keras.initializers.HeUniform(seed=1), 2 / fan_in),
    "LecunNormal": (keras.initializers.LecunNormal(seed=1), 1 / fan_in),
    "LecunUniform": (keras.initializers.LecunUniform(seed=1), 1 / fan_in),
    "VarianceScaling(2, fan_avg, uniform)": (he_avg_init, 2 / fan_avg),
}

rows = ["| initializer | σ² (formula) | σ² (sample) | max abs(w) |", "|---|---|---|---|"]
for name, (init, var) in initializers.items():
    w = keras.ops.convert_to_numpy(init((fan_in, fan_out)))
    rows.append(f"| `{name}` | {var:.5f} | {w.var():.5f} | {np.abs(w).max():.4f} |")
table = "\n".join(rows)
Path("results.md").write_text(table + "\n")
print(f"fan_in = {fan_in}, fan_out = {fan_out}, fan_avg = {fan_avg:g}")
print(table)
