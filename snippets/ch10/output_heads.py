"""Capas de salida de clasificación: sigmoide (binaria, multietiqueta) y softmax (multiclase)."""

import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(42)

# --8<-- [start:softmax]
logits = np.array([[2.0, 1.0, 0.1, -1.0]], dtype="float32")  # z_k de 4 neuronas de salida
p_softmax = keras.ops.convert_to_numpy(keras.activations.softmax(logits))[0]
p_sigmoid = keras.ops.convert_to_numpy(keras.activations.sigmoid(logits))[0]
print("logits            ", logits[0])
print("softmax           ", p_softmax.round(3), "suma =", round(float(p_softmax.sum()), 3))
print("sigmoide por clase", p_sigmoid.round(3), "suma =", round(float(p_sigmoid.sum()), 3))
# Sumar la misma constante a todos los logits no cambia la softmax.
shifted = keras.ops.convert_to_numpy(keras.activations.softmax(logits + 10.0))[0]
print("softmax(z + 10) == softmax(z):", bool(np.allclose(shifted, p_softmax)))
# --8<-- [end:softmax]

# --8<-- [start:heads]
# Tres cabezas sobre la misma capa oculta (20 rasgos de entrada, 5 ejemplos).
X = np.random.default_rng(0).normal(size=(5, 20)).astype("float32")
heads = {
    "binaria": (keras.layers.Dense(1, activation="sigmoid"), "binary_crossentropy"),
    "multietiqueta": (keras.layers.Dense(3, activation="sigmoid"), "binary_crossentropy"),
    "multiclase": (keras.layers.Dense(4, activation="softmax"), "sparse_categorical_crossentropy"),
}
for task, (output_layer, loss) in heads.items():
    model = keras.Sequential(
        [
            keras.Input(shape=(20,)),
            keras.layers.Dense(16, activation="relu"),
            output_layer,
        ]
    )
    model.compile(optimizer="adam", loss=loss)
    proba = keras.ops.convert_to_numpy(model(X))
    print(
        f"{task:13s} salida {proba.shape}, suma de cada fila: {proba.sum(axis=1).round(3)}"
        f"  pérdida: {loss}"
    )
# --8<-- [end:heads]

fig, (ax_z, ax_p) = plt.subplots(1, 2, figsize=(8, 3.2))
k = np.arange(len(logits[0]))
ax_z.bar(k, logits[0], color="#999999", edgecolor="black")
ax_z.axhline(0, color="black", lw=0.8)
ax_z.set(title="logits $z_k$", xticks=k, xticklabels=[f"k={i}" for i in k])
ax_p.bar(k - 0.2, p_softmax, width=0.4, label=r"$\mathrm{softmax}(\mathbf{z})_k$", color="#0072B2")
ax_p.bar(
    k + 0.2,
    p_sigmoid,
    width=0.4,
    label=r"$\sigma(z_k)$",
    color="#E69F00",
    hatch="//",
    edgecolor="black",
)
ax_p.set(title="$p_k$", xticks=k, xticklabels=[f"k={i}" for i in k], ylim=(0, 1))
ax_p.legend(loc="upper right")
fig.savefig("softmax.svg")
