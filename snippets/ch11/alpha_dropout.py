"""Dropout alfa: conserva la media y la varianza que necesita una red SELU."""

import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(42)

# --8<-- [start:layer]
z = np.random.default_rng(42).standard_normal((10_000, 100)).astype("float32")
for layer in [keras.layers.Dropout(0.2), keras.layers.AlphaDropout(0.2)]:
    out = layer(z, training=True).numpy()
    print(f"{layer.__class__.__name__:12s} media {out.mean():+.3f}  desviación {out.std():.3f}")
# --8<-- [end:layer]

# --8<-- [start:deep]
# Una pasada hacia delante por 20 capas SELU (LeCun normal), sin entrenar, con
# cada tipo de dropout activo tras cada capa. ¿Se conservan media y desviación?
dense_layers = [
    keras.layers.Dense(100, activation="selu", kernel_initializer="lecun_normal") for _ in range(20)
]
stats = {}
for name, make_dropout in {
    "none": lambda: keras.layers.Identity(),
    "Dropout(0.2)": lambda: keras.layers.Dropout(0.2),
    "AlphaDropout(0.2)": lambda: keras.layers.AlphaDropout(0.2),
}.items():
    a, means, stds = z, [], []
    for dense in dense_layers:  # los mismos pesos en los tres casos
        a = make_dropout()(dense(a), training=True)
        means.append(float(keras.ops.mean(a)))
        stds.append(float(keras.ops.std(a)))
    stats[name] = (means, stds)
    print(f"{name:18s} capa 20: media {means[-1]:+.3f}  desviación {stds[-1]:.3f}")
# --8<-- [end:deep]

fig, (ax_m, ax_s) = plt.subplots(1, 2, figsize=(8, 3.4), sharex=True)
layers = np.arange(1, 21)
for (name, (means, stds)), style in zip(stats.items(), ["-o", "--s", ":^"], strict=True):
    ax_m.plot(layers, means, style, markersize=4, label=name)
    ax_s.plot(layers, stds, style, markersize=4, label=name)
ax_m.set(title="mean", xlabel="layer")
ax_s.set(title="std", xlabel="layer")
ax_s.legend(loc="best")
fig.savefig("alpha_dropout.svg")
