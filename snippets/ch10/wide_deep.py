"""Modelo amplio y profundo (wide & deep) con la API funcional de Keras."""

# --8<-- [start:data]
import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# Los mismos datos y la misma partición que el MLP de regresión.
X, y = load_diabetes(return_X_y=True, scaled=False)
X_train_full, X_test, y_train_full, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
X_train, X_valid, y_train, y_valid = train_test_split(
    X_train_full, y_train_full, test_size=0.2, random_state=42
)
# --8<-- [end:data]

# --8<-- [start:model]
# Primero se crean las capas; después se llaman como funciones sobre tensores.
normalization = keras.layers.Normalization(name="norm")
hidden1 = keras.layers.Dense(30, activation="relu", name="hidden1")
hidden2 = keras.layers.Dense(30, activation="relu", name="hidden2")
concat = keras.layers.Concatenate(name="concat")
output_layer = keras.layers.Dense(1, name="output")

inputs = keras.Input(shape=X_train.shape[1:], name="features")
normalized = normalization(inputs)
deep = hidden2(hidden1(normalized))  # camino profundo
merged = concat([normalized, deep])  # camino amplio: la entrada salta las capas ocultas
outputs = output_layer(merged)
model = keras.Model(inputs=inputs, outputs=outputs, name="wide_deep")
model.summary()
# --8<-- [end:model]

# --8<-- [start:fit]
normalization.adapt(X_train)
model.compile(
    loss="mse",
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    metrics=["root_mean_squared_error"],
)
history = model.fit(X_train, y_train, epochs=50, validation_data=(X_valid, y_valid), verbose=0)
test_mse, test_rmse = model.evaluate(X_test, y_test, verbose=0)
print(f"RMSE en test: {test_rmse:.1f}")
# --8<-- [end:fit]


# --8<-- [start:draw]
def inbound_names(node):
    """Nombres de las capas que alimentan a una capa, leídos de su configuración."""
    if isinstance(node, dict):
        if "keras_history" in node:
            yield node["keras_history"][0]
        else:
            for value in node.values():
                yield from inbound_names(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from inbound_names(value)


def plot_graph(model, filename):
    """Dibuja el grafo de capas de un modelo funcional, de arriba abajo."""
    config = model.get_config()
    parents = {
        layer["name"]: list(inbound_names(layer["inbound_nodes"])) for layer in config["layers"]
    }
    level = {}
    for name in parents:  # las capas vienen en orden topológico
        level[name] = 1 + max((level[p] for p in parents[name]), default=-1)
    # Posición horizontal: las entradas en su orden; cada capa, bajo sus padres;
    # si dos capas de un mismo nivel chocan, se separan.
    x = {}
    inputs = [tensor.name for tensor in model.inputs]
    for lev in range(max(level.values()) + 1):
        names = [n for n in parents if level[n] == lev]
        if lev == 0:
            names.sort(key=inputs.index)
            wanted = {n: float(i) for i, n in enumerate(names)}
        else:
            wanted = {n: float(np.mean([x[p] for p in parents[n]])) for n in names}
        names.sort(key=wanted.get)
        pos = [wanted[names[0]]]
        for n in names[1:]:
            pos.append(max(wanted[n], pos[-1] + 1.0))
        shift = np.mean([wanted[n] for n in names]) - np.mean(pos)
        x.update({n: p + shift for n, p in zip(names, pos, strict=True)})
    colors = {"InputLayer": "#56B4E9", "Normalization": "#F0E442", "Dense": "#E69F00"}
    depth = max(level.values())
    fig, ax = plt.subplots(
        figsize=(2.3 * (max(x.values()) - min(x.values()) + 1.6), 0.9 * depth + 1)
    )
    ax.set(xlim=(min(x.values()) - 0.8, max(x.values()) + 0.8), ylim=(-depth - 0.4, 0.4))
    ax.axis("off")
    boxes = {}
    for layer in config["layers"]:
        name, kind = layer["name"], layer["class_name"]
        shape = tuple(model.get_layer(name).output.shape)
        text = ax.text(
            x[name],
            -level[name],
            f"{name}\n{kind} {shape}",
            ha="center",
            va="center",
            fontsize=9,
            bbox=dict(boxstyle="round,pad=0.3", fc=colors.get(kind, "#CC79A7")),
        )
        boxes[name] = text
    # Tamaño de cada caja en coordenadas de datos, para que las flechas la toquen.
    fig.canvas.draw()
    to_data = ax.transData.inverted()
    half = {}
    for name, text in boxes.items():
        (x0, y0), (x1, y1) = to_data.transform(text.get_bbox_patch().get_window_extent())
        half[name] = ((x1 - x0) / 2, (y1 - y0) / 2)
    arrow = dict(arrowstyle="-|>", mutation_scale=12, lw=1.2, shrinkA=0, shrinkB=0)
    for child, names in parents.items():
        top = (x[child], -level[child] + half[child][1])
        for parent in names:
            if level[child] - level[parent] == 1:  # capas contiguas: flecha recta
                start = (x[parent], -level[parent] - half[parent][1])
                ax.annotate("", xy=top, xytext=start, arrowprops=arrow)
                continue
            # Conexión que salta niveles: rodea por la izquierda las capas intermedias.
            between = [n for n in parents if level[parent] < level[n] < level[child]]
            side = min(x[n] - half[n][0] for n in [parent, child, *between]) - 0.12
            y_p, y_c = -level[parent], -level[child]
            ax.plot(
                [x[parent] - half[parent][0], side, side],
                [y_p, y_p, y_c],
                "--",
                color="black",
                lw=1.2,
            )
            ax.annotate(
                "", xy=(x[child] - half[child][0], y_c), xytext=(side, y_c), arrowprops=arrow
            )
    fig.savefig(filename)


plot_graph(model, "wide_deep.svg")
# --8<-- [end:draw]
