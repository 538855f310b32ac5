"""Chapter 10, Keras APIs: the numbers and facts that the pages state, checked.

Pages: docs/ch10/keras-secuencial.md, keras-regresion.md, keras-funcional.md (and
their English twins). Snippets: snippets/ch10/sequential_classifier.py,
regression_mlp.py, wide_deep.py, wide_deep_multi_io.py, subclassing.py.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import yaml
from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MAX_FIGURE_BYTES = 150 * 1024

SEQ = "snippets/ch10/sequential_classifier.py"
REG = "snippets/ch10/regression_mlp.py"
WD = "snippets/ch10/wide_deep.py"
MULTI = "snippets/ch10/wide_deep_multi_io.py"
SUB = "snippets/ch10/subclassing.py"


# ---------------------------------------------------------------- helpers


def output(outputs, snippet: str) -> str:
    return (outputs(snippet) / "output.txt").read_text(encoding="utf-8")


def summary_rows(text: str) -> dict[str, tuple[str, str, int]]:
    """{layer name: (class, output shape, params)} from a printed model.summary()."""
    rows: dict[str, tuple[str, str, int]] = {}
    block: list[list[str]] = []

    def flush():
        if not block:
            return
        cells = [" ".join(line[i].strip() for line in block).strip() for i in range(3)]
        match = re.fullmatch(r"(\S+) \((\w+)\)", cells[0])
        if match and cells[2].replace(",", "").isdigit():
            rows[match[1]] = (match[2], cells[1], int(cells[2].replace(",", "")))
        block.clear()

    for line in text.splitlines():
        if line.startswith("│"):
            block.append(line.strip("│").split("│"))
        elif line.startswith(("├", "└")):
            flush()
    flush()
    return rows


def summary_totals(text: str) -> tuple[int, int, int]:
    def number(label: str) -> int:
        return int(re.search(rf"{label} params: ([\d,]+)", text)[1].replace(",", ""))

    return number("Total"), number("Trainable"), number("Non-trainable")


def page_tables(page: str) -> list[list[list[str]]]:
    """The Markdown tables of a page, each a list of rows of stripped cells."""
    tables, current = [], []
    for line in (DOCS / page).read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            current.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def parameter_table(page: str, index: int) -> tuple[list[tuple[str, str, str, int]], int]:
    """Rows (name, class, computation, params) and the total of one parameter table."""
    table = [t for t in page_tables(page) if any(r[0].startswith("`") for r in t)][index]
    rows, total = [], None
    for cells in table:
        if cells[0].startswith("`"):
            match = re.fullmatch(r"`(\w+)` \((\w+)\)", cells[0])
            rows.append((match[1], match[2], cells[-2], int(cells[-1])))
        elif cells[0] == "**total**":
            total = int(cells[-1].strip("*"))
    return rows, total


def evaluate_computation(text: str) -> int:
    """'64 × 64 + 64' -> 4160; '10 means + 10 variances + 1 counter' -> 21; words only -> 0."""
    expression = re.sub(r"[^\d+*() ]", "", text.replace("×", "*")).strip()
    return eval(expression) if expression else 0  # noqa: S307 (digits and + * only)


def check_table_against_summary(outputs, page: str, index: int, snippet: str) -> None:
    text = output(outputs, snippet)
    summary = summary_rows(text)
    rows, total = parameter_table(page, index)
    assert rows, f"{page}: no parameter table"
    for name, kind, computation, params in rows:
        assert name in summary, f"{page}: layer {name} is not in the summary of {snippet}"
        assert summary[name][0] == kind, (page, name)
        assert summary[name][2] == params, (page, name, summary[name][2], params)
        assert evaluate_computation(computation) == params, (page, name, computation)
    assert total == summary_totals(text)[0] == sum(row[-1] for row in rows)
    # every layer with weights in the summary appears in the table
    assert {n for n, (_, _, p) in summary.items() if p} <= {r[0] for r in rows}


# ------------------------------------------------- tables == model.summary()


@pytest.mark.parametrize("lang", ["", ".en"])
def test_sequential_parameter_table(outputs, lang):
    check_table_against_summary(outputs, f"ch10/keras-secuencial{lang}.md", 0, SEQ)


@pytest.mark.parametrize("lang", ["", ".en"])
def test_regression_parameter_table(outputs, lang):
    check_table_against_summary(outputs, f"ch10/keras-regresion{lang}.md", 0, REG)
    assert summary_totals(output(outputs, REG)) == (1462, 1441, 21)


@pytest.mark.parametrize("lang", ["", ".en"])
def test_functional_parameter_tables(outputs, lang):
    page = f"ch10/keras-funcional{lang}.md"
    check_table_against_summary(outputs, page, 0, WD)
    check_table_against_summary(outputs, page, 1, MULTI)
    assert summary_totals(output(outputs, MULTI)) == (1292, 1266, 26)
    # Concatenate: 10 wide + 30 deep = 40; 4 wide + 30 deep = 34
    assert summary_rows(output(outputs, WD))["concat"][1] == "(None, 40)"
    assert summary_rows(output(outputs, MULTI))["concat"][1] == "(None, 34)"


# ------------------------------------------------------- sequential classifier


def test_sequential_classifier_outputs(outputs):
    folder = outputs(SEQ)
    text = output(outputs, SEQ)
    assert "train: (1149, 8, 8) valid: (288, 8, 8) test: (360, 8, 8)" in text
    assert math.ceil(1149 / 32) == 36  # steps per epoch stated on the page
    assert f"{6570 * 4 / 1024:.2f} KB" in text  # 25.66 KB = 6570 float32 numbers
    # the printed probabilities: argmax of each row is the printed prediction
    block = text.split("probabilidades de las 3 primeras imágenes:")[1]
    matrix = [
        [float(v) for v in row.split()] for row in re.findall(r"\[\[?([^\[\]]+)\]", block)[:3]
    ]
    predicted = [int(v) for v in re.search(r"predicción: \[([\d ]+)\]", text)[1].split()]
    assert [int(np.argmax(row)) for row in matrix] == predicted
    assert all(abs(sum(row) - 1) <= 0.05 for row in matrix)  # rounded to 2 decimals
    results = (folder / "results.md").read_text().splitlines()
    assert results[0] == "| split | loss | accuracy |"
    assert [r.split("|")[1].strip() for r in results[2:]] == ["train", "valid", "test"]
    for row in results[2:]:
        accuracy = float(row.split("|")[3])
        assert 0.8 < accuracy <= 1.0
    for name in ("learning_curves.svg", "predictions.png"):
        assert 0 < (folder / name).stat().st_size <= MAX_FIGURE_BYTES, name


# ----------------------------------------------------------------- regression


def test_regression_mlp_outputs(outputs):
    text = output(outputs, REG)
    assert "train: (282, 10) valid: (71, 10) test: (89, 10)" in text
    mlp, linear, mean = map(
        float, re.search(r"MLP = ([\d.]+)\s+lineal = ([\d.]+)\s+media = ([\d.]+)", text).groups()
    )
    # the page: the MLP ends close to the linear regression, both well below the mean
    assert abs(mlp - linear) / linear < 0.15
    assert mlp < 0.85 * mean and linear < 0.85 * mean
    figure = outputs(REG) / "regression.svg"
    assert 0 < figure.stat().st_size <= MAX_FIGURE_BYTES


# ------------------------------------------------------ functional and subclass


def result_lines(text: str) -> dict[str, float]:
    return {
        m[1]: float(m[2])
        for m in re.finditer(
            r"^((?:\w+_)?(?:loss|root_mean_squared_error))\s+([\d.]+)$", text, re.M
        )
    }


def test_wide_deep_outputs(outputs):
    assert re.search(r"RMSE en test: [\d.]+", output(outputs, WD))
    figure = outputs(WD) / "wide_deep.svg"
    assert 0 < figure.stat().st_size <= MAX_FIGURE_BYTES


def test_multi_io_loss_is_the_weighted_sum(outputs):
    text = output(outputs, MULTI)
    results = result_lines(text)
    assert set(results) == {
        "loss",
        "main_loss",
        "aux_loss",
        "main_root_mean_squared_error",
        "aux_root_mean_squared_error",
    }
    assert results["loss"] == pytest.approx(
        0.9 * results["main_loss"] + 0.1 * results["aux_loss"], abs=0.2
    )
    # each per-output loss is the square of its RMSE (one batch over the whole test set)
    for name in ("main", "aux"):
        assert math.sqrt(results[f"{name}_loss"]) == pytest.approx(
            results[f"{name}_root_mean_squared_error"], abs=0.06
        )
    lines = text.strip().splitlines()
    assert lines[-2].startswith("0.9 * main_loss + 0.1 * aux_loss")  # "la penúltima línea"
    assert re.fullmatch(r"main: \[[\d. ]+\]\s+aux: \[[\d. ]+\]\s+y: \[[\d. ]+\]", lines[-1])
    figure = outputs(MULTI) / "wide_deep_multi_io.svg"
    assert 0 < figure.stat().st_size <= MAX_FIGURE_BYTES


def test_subclass_matches_the_functional_model(outputs):
    functional, subclass = output(outputs, MULTI), output(outputs, SUB)
    assert result_lines(subclass) == result_lines(functional)  # same weights, same numbers
    assert f"parámetros: {summary_totals(functional)[0]}" in subclass
    assert "salidas: {'main': (3, 1), 'aux': (3, 1)}" in subclass
    assert "capas: ['normalization', 'normalization_1', 'dense', 'dense_1'" in subclass


# ------------------------------------------------- facts about Keras itself


def test_keras_facts_stated_on_the_pages():
    import keras

    assert keras.__version__.startswith("3.")
    sgd_rate = keras.ops.convert_to_numpy(keras.optimizers.SGD().learning_rate)
    assert float(sgd_rate) == pytest.approx(0.01)  # the default of "sgd"
    dense = keras.layers.Dense(3)
    assert type(dense.kernel_initializer).__name__ == "GlorotUniform"
    assert type(dense.bias_initializer).__name__ == "Zeros"
    assert keras.backend.epsilon() == pytest.approx(1e-7)  # Normalization's floor
    assert not hasattr(keras.Model, "predict_classes")
    # categorical_crossentropy with integer labels: incompatible shapes
    with pytest.raises(ValueError):
        keras.losses.CategoricalCrossentropy()(np.array([1, 2]), np.full((2, 10), 0.1))


def test_book_fashion_mnist_model_has_266610_parameters():
    import keras

    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(300, activation="relu"),
            keras.layers.Dense(100, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    assert [layer.count_params() for layer in model.layers] == [0, 235_500, 30_100, 1_010]
    assert model.count_params() == 266_610


def test_digits_model_layers_weights_and_steps_per_epoch():
    import keras

    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input(shape=(8, 8)),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    assert isinstance(model.layers[0], keras.layers.Flatten)  # Input is not in .layers
    kernel, bias = model.layers[1].get_weights()
    assert kernel.shape == (64, 64) and bias.shape == (64,) and not bias.any()
    model.compile(loss="sparse_categorical_crossentropy", optimizer="sgd")
    x, y = np.zeros((1149, 8, 8)), np.zeros(1149, dtype=int)
    history = model.fit(x, y, epochs=1, verbose=0)  # batch_size left at its default
    assert history.params["steps"] == 36


def test_normalization_keeps_2n_plus_1_non_trainable_weights():
    import keras

    layer = keras.layers.Normalization()
    layer.adapt(np.arange(50.0).reshape(5, 10))
    assert layer.count_params() == 2 * 10 + 1
    assert not layer.trainable_weights
    assert sorted(w.name for w in layer.non_trainable_weights) == ["count", "mean", "variance"]


def test_subclassed_model_has_no_weights_until_called():
    import keras

    class Tiny(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.dense = keras.layers.Dense(2)

        def call(self, inputs):
            return self.dense(inputs)

    model = Tiny()
    with pytest.raises(ValueError):
        model.count_params()
    model(np.zeros((1, 3)))
    assert model.count_params() == 3 * 2 + 2


def test_graph_drawing_reads_the_connections_from_the_model(tmp_path):
    """The draw section of wide_deep.py, run on a small model built here."""
    import keras

    source = (ROOT / WD).read_text(encoding="utf-8")
    draw = source.split("# --8<-- [start:draw]")[1].split("# --8<-- [end:draw]")[0]
    draw = "\n".join(line for line in draw.splitlines() if not line.startswith("plot_graph("))
    namespace: dict = {}
    exec("import matplotlib.pyplot as plt\nimport numpy as np\n" + draw, namespace)  # noqa: S102

    a = keras.Input(shape=(3,), name="a")
    b = keras.Input(shape=(2,), name="b")
    h = keras.layers.Dense(4, name="h")(b)
    c = keras.layers.Concatenate(name="c")([a, h])
    model = keras.Model(
        [a, b], [keras.layers.Dense(1, name="out")(c), keras.layers.Dense(1, name="aux")(h)]
    )
    parents = {
        layer["name"]: sorted(namespace["inbound_names"](layer["inbound_nodes"]))
        for layer in model.get_config()["layers"]
    }
    assert parents == {"a": [], "b": [], "h": ["b"], "c": ["a", "h"], "out": ["c"], "aux": ["h"]}
    namespace["plot_graph"](model, str(tmp_path / "graph.svg"))
    assert (tmp_path / "graph.svg").stat().st_size > 1000


# -------------------------------------------------------------- glossary


def test_glossary_entries_point_to_existing_headings():
    entries = yaml.safe_load((ROOT / "glossary" / "ch10-keras.yml").read_text(encoding="utf-8"))
    assert entries, "glossary/ch10-keras.yml is empty"
    for entry in entries:
        assert set(entry) == {"es", "en", "def_es", "def_en", "page"}
        page, _, anchor = entry["page"].partition("#")
        headings = re.findall(r"^#+ (.+)$", (DOCS / page).read_text(encoding="utf-8"), re.M)
        slugs = {slugify(h.replace("`", ""), "-") for h in headings}
        assert anchor in slugs, (entry["es"], anchor, sorted(slugs))
        # the English twin keeps the Spanish anchors with explicit {#id} attributes
        twin = (DOCS / page.replace(".md", ".en.md")).read_text(encoding="utf-8")
        assert "{#" + anchor + "}" in twin, (entry["en"], anchor)
