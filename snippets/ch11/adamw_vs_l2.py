"""Adam con penalización ℓ2 frente a AdamW (decaimiento de pesos desacoplado).

Dos grupos de 50 pesos que empiezan en 1. La pérdida no depende de ellos,
salvo por ruido: el grupo «quiet» no recibe gradiente de la pérdida y el grupo
«noisy» recibe un gradiente aleatorio de media 0 y desviación 10. Solo la
regularización los empuja hacia 0.
"""

from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(42)
lr, wd, steps = 0.01, 0.5, 400
lam = wd / 2  # penalización λ·Σw²: su gradiente 2λw coincide con wd·w
noise_std = {"quiet": 0.0, "noisy": 10.0}


# --8<-- [start:run]
def run(optimizer_name):
    w = {g: keras.Variable(np.ones(50, dtype="float32"), name=g) for g in noise_std}
    if optimizer_name == "adam + l2":
        optimizer = keras.optimizers.Adam(learning_rate=lr)
    else:  # decaimiento desacoplado: w ← w − lr·wd·w, fuera de Adam
        optimizer = keras.optimizers.AdamW(learning_rate=lr, weight_decay=wd)
    history = {g: [1.0] for g in noise_std}
    for _ in range(steps):
        grads = []
        for g, var in w.items():
            grad = noise_std[g] * rng.standard_normal(50).astype("float32")
            if optimizer_name == "adam + l2":
                grad += 2 * lam * var.numpy()  # ℓ2 sumado a la pérdida: entra en Adam
            grads.append(grad)
        optimizer.apply_gradients(zip(grads, w.values(), strict=True))
        for g, var in w.items():
            history[g].append(float(np.mean(var.numpy())))
    return history


results = {name: run(name) for name in ["adam + l2", "adamw"]}
# --8<-- [end:run]

# Referencia: decaimiento exponencial (1 − lr·wd)^t.
t = np.arange(steps + 1)
reference = (1 - lr * wd) ** t

rows = ["| optimizer | group | mean_w_step_100 | mean_w_final |", "|---|---|---|---|"]
for name, history in results.items():
    for g, values in history.items():
        rows.append(f"| {name} | {g} | {values[100]:.3f} | {values[-1]:.3f} |")
rows.append(f"| (1 - lr·wd)^t | — | {reference[100]:.3f} | {reference[-1]:.3f} |")
table = "\n".join(rows) + "\n"
Path("results.md").write_text(table)
print(table)

fig, axes = plt.subplots(1, 2, figsize=(8, 3.4), sharey=True)
for ax, (name, history) in zip(axes, results.items(), strict=True):
    ax.plot(t, history["quiet"], "-", label="quiet (σ = 0)")
    ax.plot(t, history["noisy"], "--", label="noisy (σ = 10)")
    ax.plot(t, reference, ":", color="black", label="(1 − η·wd)^t")
    ax.set(title=name, xlabel="step")
axes[0].set_ylabel("mean w")
axes[1].legend(loc="upper right")
fig.savefig("adamw_vs_l2.svg")
