"""Activaciones no saturantes de Keras y sus derivadas (calculadas por autodiferenciación)."""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

z = tf.constant(np.linspace(-4, 3, 701), dtype="float32")

# Las funciones son las de keras.activations; la fuga de leaky_relu, 0.2.
activations = {
    "relu": keras.activations.relu,
    "leaky_relu": lambda x: keras.activations.leaky_relu(x, negative_slope=0.2),
    "elu": keras.activations.elu,
    "selu": keras.activations.selu,
    "gelu": keras.activations.gelu,
    "swish": keras.activations.silu,
    "mish": keras.activations.mish,
}

curves = {}
for name, f in activations.items():
    with tf.GradientTape() as tape:
        tape.watch(z)
        out = f(z)
    curves[name] = (out.numpy(), tape.gradient(out, z).numpy())

fig, (ax_f, ax_d) = plt.subplots(1, 2, figsize=(8, 4.2), sharex=True, layout="constrained")
colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
styles = ["-", "--", "-.", ":", "-", "--", "-."]
zn = z.numpy()
for (name, (f, df)), color, style in zip(curves.items(), colors, styles, strict=True):
    ax_f.plot(zn, f, style, color=color, label=name)
    ax_d.plot(zn, df, style, color=color, label=name)
ax_f.set(title="f(z)", xlabel="z", ylim=(-2, 3))
ax_d.set(title="f'(z)", xlabel="z", ylim=(-0.2, 1.9))
fig.legend(*ax_f.get_legend_handles_labels(), loc="outside lower center", ncols=4)
fig.savefig("activations_family.svg")

# Mínimo de cada función en el intervalo y su pendiente en z = -4 (la zona negativa)
print(f"{'activation':11s} {'min f(z)':>9s} {'f(-4)':>8s} {'f_prime(-4)':>12s}")
for name, (f, df) in curves.items():
    print(f"{name:11s} {f.min():9.3f} {f[0]:8.3f} {df[0]:12.3f}")
