"""Ejercicio 2: A XOR B con neuronas artificiales originales (McCulloch y Pitts).

Cada neurona es binaria: se activa si al menos `threshold` de sus entradas
excitadoras están activas y ninguna entrada inhibidora lo está.
XOR = (A OR B) AND NOT (A AND B).
"""

from itertools import product

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch


def mp_neuron(excitatory, inhibitory=(), threshold=1):
    """Neurona de McCulloch y Pitts: la inhibición es absoluta."""
    if any(inhibitory):
        return 0
    return int(sum(excitatory) >= threshold)


def xor_network(a, b):
    h_or = mp_neuron([a, b], threshold=1)  # se activa con una entrada activa
    h_and = mp_neuron([a, b], threshold=2)  # necesita las dos
    return mp_neuron([h_or], inhibitory=[h_and], threshold=1)


print(" A  B | A OR B  A AND B | salida  A XOR B")
for a, b in product([0, 1], repeat=2):
    h_or, h_and = mp_neuron([a, b], threshold=1), mp_neuron([a, b], threshold=2)
    out = xor_network(a, b)
    assert out == a ^ b
    print(f" {a}  {b} |   {h_or}        {h_and}    |   {out}        {a ^ b}")

# Dibujo de la red: flechas sólidas = conexiones excitadoras (+),
# línea discontinua terminada en un punto = conexión inhibidora (−).
pos = {"A": (0, 1), "B": (0, -1), "or": (2, 1), "and": (2, -1), "out": (4, 0)}
text = {"A": "A", "B": "B", "or": "∨\nθ=1", "and": "∧\nθ=2", "out": "θ=1"}
fig, ax = plt.subplots(figsize=(6, 3.2))
radius = 0.38
for name, (x, y) in pos.items():
    face = "#E8F1F8" if name in ("A", "B") else "white"
    ax.add_patch(Circle((x, y), radius, facecolor=face, edgecolor="black", lw=1.5, zorder=3))
    ax.text(x, y, text[name], ha="center", va="center", fontsize=11, zorder=4)


def connect(src, dst, inhibitory=False):
    (x0, y0), (x1, y1) = pos[src], pos[dst]
    style = "-" if not inhibitory else (0, (4, 2))
    end = "-|>" if not inhibitory else "-"
    arrow = FancyArrowPatch(
        (x0, y0),
        (x1, y1),
        arrowstyle=end,
        mutation_scale=14,
        shrinkA=radius * 72 / 1.1,
        shrinkB=radius * 72 / 1.1 + 2,
        linestyle=style,
        color="#D55E00" if inhibitory else "#0072B2",
        lw=1.8,
        zorder=2,
    )
    ax.add_patch(arrow)
    mx, my = x0 + 0.3 * (x1 - x0), y0 + 0.3 * (y1 - y0)
    ax.text(mx, my + 0.12, "−" if inhibitory else "+", ha="center", fontsize=12)
    if inhibitory:  # un punto junto a la neurona inhibida
        f = 1 - (radius + 0.08) / ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        ax.plot(x0 + f * (x1 - x0), y0 + f * (y1 - y0), "o", color="#D55E00", ms=7, zorder=3)


for src, dst in [("A", "or"), ("B", "or"), ("A", "and"), ("B", "and"), ("or", "out")]:
    connect(src, dst)
connect("and", "out", inhibitory=True)
ax.add_patch(
    FancyArrowPatch(
        (4 + radius, 0), (5.0, 0), arrowstyle="-|>", mutation_scale=14, color="black", lw=1.5
    )
)
ax.text(5.05, 0, "A ⊕ B", va="center", fontsize=12)
ax.set(xlim=(-0.5, 6.0), ylim=(-1.5, 1.5), aspect="equal")
ax.axis("off")
fig.savefig("xor_network.svg")
