"""Wide & deep con dos entradas y una salida auxiliar (API funcional)."""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# --8<-- [start:data]
X, y = load_diabetes(return_X_y=True, scaled=False)
X_train_full, X_test, y_train_full, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
X_train, X_valid, y_train, y_valid = train_test_split(
    X_train_full, y_train_full, test_size=0.2, random_state=42
)
# Columnas: age, sex, bmi, bp, s1, ..., s6. Dos subconjuntos que se solapan:
# el camino amplio ve los datos clínicos básicos (age, sex, bmi, bp); el
# profundo, bmi, bp y los seis análisis de sangre.
wide_cols, deep_cols = slice(0, 4), slice(2, 10)
X_train_wide, X_train_deep = X_train[:, wide_cols], X_train[:, deep_cols]
X_valid_wide, X_valid_deep = X_valid[:, wide_cols], X_valid[:, deep_cols]
X_test_wide, X_test_deep = X_test[:, wide_cols], X_test[:, deep_cols]
# --8<-- [end:data]

# --8<-- [start:model]
input_wide = keras.Input(shape=(4,), name="input_wide")
input_deep = keras.Input(shape=(8,), name="input_deep")
norm_wide = keras.layers.Normalization(name="norm_wide")
norm_deep = keras.layers.Normalization(name="norm_deep")
hidden1 = keras.layers.Dense(30, activation="relu", name="hidden1")(norm_deep(input_deep))
hidden2 = keras.layers.Dense(30, activation="relu", name="hidden2")(hidden1)
concat = keras.layers.Concatenate(name="concat")([norm_wide(input_wide), hidden2])
main_output = keras.layers.Dense(1, name="main")(concat)
aux_output = keras.layers.Dense(1, name="aux")(hidden2)  # solo ve el camino profundo
model = keras.Model(
    inputs=[input_wide, input_deep], outputs=[main_output, aux_output], name="wide_deep_multi"
)
model.summary()
# --8<-- [end:model]

# --8<-- [start:fit]
norm_wide.adapt(X_train_wide)
norm_deep.adapt(X_train_deep)
model.compile(
    loss={"main": "mse", "aux": "mse"},
    loss_weights={"main": 0.9, "aux": 0.1},  # la salida principal es la que importa
    optimizer=keras.optimizers.Adam(learning_rate=0.01),
    metrics={"main": ["root_mean_squared_error"], "aux": ["root_mean_squared_error"]},
)
history = model.fit(
    {"input_wide": X_train_wide, "input_deep": X_train_deep},
    {"main": y_train, "aux": y_train},  # las dos salidas predicen lo mismo
    epochs=50,
    validation_data=(
        {"input_wide": X_valid_wide, "input_deep": X_valid_deep},
        {"main": y_valid, "aux": y_valid},
    ),
    verbose=0,
)
# Un solo lote con todo el test: cada pérdida se calcula sobre el conjunto entero.
results = model.evaluate(
    (X_test_wide, X_test_deep),
    (y_test, y_test),
    batch_size=len(y_test),
    return_dict=True,
    verbose=0,
)
for name, value in sorted(results.items()):
    print(f"{name:30s} {value:10.1f}")
combined = 0.9 * results["main_loss"] + 0.1 * results["aux_loss"]
print(f"0.9 * main_loss + 0.1 * aux_loss = {combined:.1f}")
y_pred_main, y_pred_aux = model.predict((X_test_wide[:3], X_test_deep[:3]), verbose=0)
print(
    "main:", y_pred_main.ravel().round(1), " aux:", y_pred_aux.ravel().round(1), " y:", y_test[:3]
)
# --8<-- [end:fit]


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


plot_graph(model, "wide_deep_multi_io.svg")
