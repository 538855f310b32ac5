"""Neuronas lógicas de McCulloch y Pitts: AND, OR, NOT y XOR combinándolas."""

from itertools import product

import matplotlib.pyplot as plt
from matplotlib.patches import Circle


# --8<-- [start:neuron]
def mp_neuron(excitatory, inhibitory=(), theta=1):
    """Neurona de McCulloch-Pitts con entradas binarias (0 o 1).

    Se activa (devuelve 1) si al menos `theta` entradas excitadoras están
    activas y ninguna entrada inhibidora lo está (inhibición absoluta).
    """
    if any(inhibitory):
        return 0
    return int(sum(excitatory) >= theta)


def AND(a, b):
    return mp_neuron([a, b], theta=2)


def OR(a, b):
    return mp_neuron([a, b], theta=1)


def NOT(a):
    # Umbral 0: se activa siempre, salvo que la entrada inhibidora esté activa.
    return mp_neuron([], inhibitory=[a], theta=0)


def XOR(a, b):
    # Dos capas: "a y no b", "b y no a", y un OR que las junta.
    a_not_b = mp_neuron([a], inhibitory=[b], theta=1)
    b_not_a = mp_neuron([b], inhibitory=[a], theta=1)
    return OR(a_not_b, b_not_a)


# --8<-- [end:neuron]


# --8<-- [start:table]
print("a b | AND OR XOR | NOT a")
for a, b in product([0, 1], repeat=2):
    print(f"{a} {b} |  {AND(a, b)}   {OR(a, b)}   {XOR(a, b)} |   {NOT(a)}")

# La otra construcción clásica: XOR(a, b) = AND(OR(a, b), NOT(AND(a, b)))
same = all(XOR(a, b) == AND(OR(a, b), NOT(AND(a, b))) for a, b in product([0, 1], repeat=2))
print("XOR == AND(OR, NOT(AND)):", same)
# --8<-- [end:table]

# Diagrama de las cuatro redes: círculos = neuronas (con su umbral),
# flecha = conexión excitadora, línea discontinua terminada en punto = inhibidora.
fig, axes = plt.subplots(1, 4, figsize=(8.5, 2.3), gridspec_kw={"width_ratios": [1, 1, 1, 1.5]})
R = 0.2


def node(ax, xy, text, neuron=True):
    ax.add_patch(Circle(xy, R, fill=neuron, fc="#56B4E9" if neuron else "white", ec="black"))
    ax.text(*xy, text, ha="center", va="center", fontsize=9.5)


def edge(ax, start, end, inhibitory=False):
    # Recorta la línea para que empiece y termine en el borde de los círculos.
    (x0, y0), (x1, y1) = start, end
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    a, b = (x0 + R * ux, y0 + R * uy), (x1 - R * ux, y1 - R * uy)
    if inhibitory:
        ax.plot(*zip(a, b, strict=True), "--", color="#D55E00", lw=1.5)
        ax.plot(*b, "o", color="#D55E00", ms=7)
    else:
        ax.annotate(
            "",
            xy=b,
            xytext=a,
            arrowprops=dict(arrowstyle="-|>", color="black", lw=1.5, shrinkA=0, shrinkB=0),
        )


def inputs(ax, names, ys):
    for name, y in zip(names, ys, strict=True):
        node(ax, (0, y), name, neuron=False)


for ax, (title, theta) in zip(axes[:2], [("AND", 2), ("OR", 1)], strict=True):
    inputs(ax, ["a", "b"], [1, 0])
    node(ax, (1, 0.5), f"θ={theta}")
    edge(ax, (0, 1), (1, 0.5))
    edge(ax, (0, 0), (1, 0.5))
    ax.set_title(title)

inputs(axes[2], ["a"], [0.5])
node(axes[2], (1, 0.5), "θ=0")
edge(axes[2], (0, 0.5), (1, 0.5), inhibitory=True)
axes[2].set_title("NOT")

ax = axes[3]
inputs(ax, ["a", "b"], [1, 0])
node(ax, (1, 1), "θ=1")
node(ax, (1, 0), "θ=1")
node(ax, (2, 0.5), "θ=1")
edge(ax, (0, 1), (1, 1))
edge(ax, (0, 0), (1, 1), inhibitory=True)
edge(ax, (0, 0), (1, 0))
edge(ax, (0, 1), (1, 0), inhibitory=True)
edge(ax, (1, 1), (2, 0.5))
edge(ax, (1, 0), (2, 0.5))
ax.set_title("XOR")

for ax in axes:
    ax.set_aspect("equal")
    ax.set_xlim(-0.3, 2.3 if ax is axes[3] else 1.3)
    ax.set_ylim(-0.3, 1.3)
    ax.axis("off")
fig.savefig("mcculloch_pitts.svg")
