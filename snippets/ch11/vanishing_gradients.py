"""Desviación estándar de las activaciones y norma del gradiente, capa a capa,
en una red densa de 30 capas ocultas con cinco combinaciones de
inicialización y activación."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(42)

# Datos reales y pequeños: 512 imágenes de 8x8 de load_digits, estandarizadas.
X, y = load_digits(return_X_y=True)
X = StandardScaler().fit_transform(X[:512]).astype("float32")
y = y[:512]

N_LAYERS, WIDTH = 30, 100
configs = {
    "N(0,1) + sigmoid": (keras.initializers.RandomNormal(stddev=1.0), "sigmoid"),
    "N(0,1) + tanh": (keras.initializers.RandomNormal(stddev=1.0), "tanh"),
    "glorot + sigmoid": ("glorot_normal", "sigmoid"),
    "glorot + tanh": ("glorot_normal", "tanh"),
    "he + relu": ("he_normal", "relu"),
}


def build(init, act):
    hidden = [
        keras.layers.Dense(WIDTH, activation=act, kernel_initializer=init) for _ in range(N_LAYERS)
    ]
    model = keras.Sequential(
        [keras.Input(shape=(64,)), *hidden, keras.layers.Dense(10, activation="softmax")]
    )
    return model, hidden


loss_fn = keras.losses.SparseCategoricalCrossentropy()
stats = {}
for name, (init, act) in configs.items():
    model, hidden = build(init, act)
    # Un modelo auxiliar devuelve la salida de cada capa oculta.
    probe = keras.Model(model.inputs[0], [layer.output for layer in hidden])
    activations = probe(X)
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(X))
    kernels = [layer.kernel for layer in hidden]
    grads = tape.gradient(loss, kernels)
    stats[name] = (
        [float(np.std(a)) for a in activations],
        # Norma en float64: en float32, g**2 de elementos diminutos se redondea a 0.
        [float(np.linalg.norm(g.numpy().astype("float64"))) for g in grads],
    )

layers = np.arange(1, N_LAYERS + 1)
fig, (ax_a, ax_g) = plt.subplots(1, 2, figsize=(8, 4.2), sharex=True, layout="constrained")
styles = ["-o", "-v", "--s", "-.^", ":D"]
for (name, (stds, norms)), style in zip(stats.items(), styles, strict=True):
    ax_a.plot(layers, stds, style, markersize=3.5, label=name)
    ax_g.plot(layers, norms, style, markersize=3.5, label=name)
ax_a.set(title="std(a)", xlabel="layer", yscale="log")
ax_g.set(title="‖∂L/∂W‖", xlabel="layer", yscale="log")
fig.legend(*ax_a.get_legend_handles_labels(), loc="outside lower center", ncols=3)
fig.savefig("vanishing_gradients.svg")

print(f"{'config':18s} {'std a1':>8s} {'std a30':>8s} {'‖g1‖':>10s} {'‖g30‖':>10s}")
for name, (stds, norms) in stats.items():
    print(f"{name:18s} {stds[0]:8.3f} {stds[-1]:8.3f} {norms[0]:10.2e} {norms[-1]:10.2e}")
