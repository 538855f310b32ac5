"""Una capa BatchNormalization sola: modo de entrenamiento frente a modo de inferencia."""

import keras
import numpy as np

rng = np.random.default_rng(42)
# Lotes de 64 ejemplos con 3 rasgos de escalas muy distintas: medias 5, -2, 0.
X = rng.normal(loc=[5.0, -2.0, 0.0], scale=[2.0, 0.5, 10.0], size=(64, 3)).astype("float32")

bn = keras.layers.BatchNormalization(momentum=0.9)  # por defecto: 0.99
bn.build(X.shape)
np.set_printoptions(precision=3, suppress=True)

print("batch mean         ", X.mean(axis=0))
print("batch std          ", X.std(axis=0))
# Inferencia con la capa recién creada: moving_mean = 0 y moving_variance = 1,
# así que la salida es casi la entrada (salvo el épsilon).
out = keras.ops.convert_to_numpy(bn(X, training=False))
print("inference, step 0 :", "mean", out.mean(axis=0), "std", out.std(axis=0))

# Entrenamiento: normaliza con las estadísticas del lote y actualiza las medias móviles.
for step in range(1, 51):
    out = keras.ops.convert_to_numpy(bn(X, training=True))
    if step in (1, 10, 50):
        print(f"after {step:2d} training calls: moving_mean", bn.moving_mean.numpy())
print("training output   :", "mean", out.mean(axis=0), "std", out.std(axis=0))

out = keras.ops.convert_to_numpy(bn(X, training=False))
print("inference, step 50:", "mean", out.mean(axis=0), "std", out.std(axis=0))
