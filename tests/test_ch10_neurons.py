"""Chapter 10, concept pages: logical neurons, perceptron, MLP and backpropagation, output layers.

Each test checks a number or a fact that the pages state, against the snippet's output
or against the libraries themselves.
"""

from __future__ import annotations

import ast
import re
import runpy
from itertools import product
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIGURES = {
    "snippets/ch10/mcculloch_pitts.py": ["mcculloch_pitts.svg"],
    "snippets/ch10/perceptron_iris.py": ["perceptron_iris.svg"],
    "snippets/ch10/xor_perceptron_vs_mlp.py": ["xor_perceptron_vs_mlp.png"],
    "snippets/ch10/activations.py": ["activations.svg"],
    "snippets/ch10/losses.py": ["losses.svg"],
    "snippets/ch10/output_heads.py": ["softmax.svg"],
}


def text(outputs, snippet: str) -> str:
    return (outputs(snippet) / "output.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("snippet", sorted(FIGURES))
def test_each_named_figure_was_written_within_budget(outputs, snippet):
    for name in FIGURES[snippet]:
        figure = outputs(snippet) / name
        assert figure.is_file(), f"{snippet} did not write {name}"
        assert 0 < figure.stat().st_size <= 150_000, f"{name} is larger than 150 KB"


# --- neuronas-logicas.md --------------------------------------------------------------


def test_mcculloch_pitts_truth_tables_printed(outputs):
    rows = re.findall(
        r"^([01]) ([01]) \|\s+([01])\s+([01])\s+([01]) \|\s+([01])$",
        text(outputs, "snippets/ch10/mcculloch_pitts.py"),
        flags=re.M,
    )
    assert len(rows) == 4
    for a, b, and_, or_, xor, not_a in (tuple(map(int, row)) for row in rows):
        assert (and_, or_, xor, not_a) == (a & b, a | b, a ^ b, 1 - a)
    assert "XOR == AND(OR, NOT(AND)): True" in text(outputs, "snippets/ch10/mcculloch_pitts.py")


def test_mcculloch_pitts_gates_match_the_table_on_the_page(tmp_path, monkeypatch):
    """The page's table: AND theta=2, OR theta=1, NOT theta=0 with an inhibitory input."""
    monkeypatch.chdir(tmp_path)  # the snippet writes its figure into the working directory
    ns = runpy.run_path(str(ROOT / "snippets/ch10/mcculloch_pitts.py"))
    neuron = ns["mp_neuron"]
    for a, b in product([0, 1], repeat=2):
        assert neuron([a, b], theta=2) == (a and b)
        assert neuron([a, b], theta=1) == (a or b)
        assert ns["XOR"](a, b) == a ^ b
    assert [neuron([], inhibitory=[a], theta=0) for a in (0, 1)] == [1, 0]
    # No single neuron with two excitatory inputs computes XOR, whatever its threshold.
    for theta in range(4):
        assert [neuron([a, b], theta=theta) for a, b in product([0, 1], repeat=2)] != [0, 1, 1, 0]


# --- perceptron.md --------------------------------------------------------------------


def test_perceptron_rule_converges_only_on_separable_classes(outputs):
    out = text(outputs, "snippets/ch10/perceptron_iris.py")
    setosa = ast.literal_eval(
        re.search(r"setosa frente al resto, errores por época: (\[.*\])", out)[1]
    )
    vv = ast.literal_eval(
        re.search(r"versicolor frente a virginica, errores por época: (\[.*\])", out)[1]
    )
    assert setosa[-1] == 0 and all(m > 0 for m in setosa[:-1])
    assert len(vv) == 20 and min(vv) > 0  # never a clean epoch: not separable
    assert "exactitud en entrenamiento: 1.000" in out
    assert "-> [1 0]" in out  # the small petal is a setosa, the large one is not


def test_sklearn_perceptron_is_the_sgd_classifier_the_page_names():
    from sklearn.datasets import load_iris
    from sklearn.linear_model import Perceptron, SGDClassifier

    perceptron = Perceptron(random_state=42)
    assert perceptron.eta0 == 1.0 and perceptron.penalty is None
    assert perceptron.n_iter_no_change == 5
    X, y = load_iris(return_X_y=True)
    X, y = X[:, 2:4], (y == 0).astype(int)
    sgd = SGDClassifier(
        loss="perceptron", eta0=1, learning_rate="constant", penalty=None, random_state=42
    )
    perceptron.fit(X, y)
    sgd.fit(X, y)
    np.testing.assert_allclose(perceptron.coef_, sgd.coef_)
    # n_iter_ includes the patience epochs: it exceeds n_iter_no_change.
    assert perceptron.n_iter_ > perceptron.n_iter_no_change


def test_xor_perceptron_fails_and_mlp_succeeds(outputs):
    out = text(outputs, "snippets/ch10/xor_perceptron_vs_mlp.py")
    rows = {
        m[1]: (float(m[2]), float(m[3]), m[4])
        for m in re.finditer(r"^(\w+)\s+([\d.]+)\s+([\d.]+)\s+\[([01 ]+)\]", out, flags=re.M)
    }
    train, test, xor = rows["Perceptron"]
    assert test < 0.75 and xor.split() != ["0", "1", "1", "0"]
    train, test, xor = rows["MLPClassifier"]
    assert test == 1.0 and xor.split() == ["0", "1", "1", "0"]


def test_no_linear_threshold_unit_computes_xor():
    """The page's proof, checked by brute force on a grid of weights and biases."""
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
    grid = np.linspace(-3, 3, 25)
    for w1, w2, b in product(grid, grid, grid):
        out = (X @ np.array([w1, w2]) + b >= 0).astype(int)
        assert out.tolist() != [0, 1, 1, 0]


# --- mlp-retropropagacion.md ----------------------------------------------------------


def test_activation_derivative_maxima(outputs):
    out = text(outputs, "snippets/ch10/activations.py")
    assert re.search(r"sigmoid\s+max f'\(z\) = 0\.25", out)
    assert re.search(r"tanh\s+max f'\(z\) = 1\.00", out)


def test_backprop_by_hand_matches_gradient_tape(outputs):
    out = text(outputs, "snippets/ch10/backprop_by_hand.py")
    assert "parámetros entrenables: 13" in out
    diffs = re.findall(r"^(W1|b1|W2|b2): .*= ([\d.e+-]+)$", out, flags=re.M)
    assert [name for name, _ in diffs] == ["W1", "b1", "W2", "b2"]
    assert all(float(d) < 1e-12 for _, d in diffs)
    hand, tape = re.search(r"pérdida: a mano ([\d.]+), GradientTape ([\d.]+)", out).groups()
    assert hand == tape
    before, after = map(float, re.search(r"pérdida ([\d.]+) -> ([\d.]+)", out).groups())
    assert after < before


def test_parameter_table_of_the_2_3_1_network():
    keras = pytest.importorskip("keras")
    model = keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(3, activation="sigmoid"),
            keras.layers.Dense(1),
        ]
    )
    assert [layer.count_params() for layer in model.layers] == [9, 4]
    assert model.count_params() == 13


def test_linear_layers_collapse_and_relu_does_not(outputs):
    out = text(outputs, "snippets/ch10/linear_collapse.py")
    diff = float(re.search(r"máx diferencia = ([\d.e+-]+)", out)[1])
    assert diff < 1e-5
    residual = dict(re.findall(r"^(sin activación|ReLU)\s+residuo .* = ([\d.]+)$", out, flags=re.M))
    assert float(residual["sin activación"]) < 1e-3
    assert float(residual["ReLU"]) > 0.1


def test_equal_initial_weights_keep_neurons_identical(outputs):
    out = text(outputs, "snippets/ch10/symmetry.py")
    distinct = dict(
        re.findall(r"^(\w+)\s+neuronas ocultas distintas:\s+(\d+) de 16", out, flags=re.M)
    )
    assert distinct == {"Constant": "1", "GlorotUniform": "16"}


def test_dense_default_initializers_named_on_the_page():
    keras = pytest.importorskip("keras")
    config = keras.layers.Dense(3).get_config()
    assert config["kernel_initializer"]["class_name"] == "GlorotUniform"
    assert config["bias_initializer"]["class_name"] == "Zeros"


# --- mlp-regresion-clasificacion.md ---------------------------------------------------


def test_regression_losses_table(outputs):
    out = text(outputs, "snippets/ch10/losses.py")
    rows = {
        float(e): tuple(map(float, rest))
        for e, *rest in re.findall(
            r"^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", out, flags=re.M
        )
    }
    for e, (mse, mae, huber) in rows.items():
        assert mse == pytest.approx(e**2, abs=1e-3)
        assert mae == pytest.approx(e, abs=1e-3)
        expected = 0.5 * e**2 if e <= 1 else e - 0.5
        assert huber == pytest.approx(expected, abs=1e-3)
    assert rows[4.0] == pytest.approx((16.0, 4.0, 3.5))


def test_keras_huber_default_delta_and_formula():
    keras = pytest.importorskip("keras")
    import inspect

    assert inspect.signature(keras.losses.Huber).parameters["delta"].default == 1.0
    assert inspect.signature(keras.losses.huber).parameters["delta"].default == 1.0
    e = np.array([[0.3], [2.5]], dtype="float32")
    got = keras.ops.convert_to_numpy(keras.losses.huber(np.zeros_like(e), e, delta=2.0))
    np.testing.assert_allclose(got, [0.5 * 0.3**2, 2.0 * (2.5 - 1.0)], rtol=1e-6)


def test_softmax_and_output_heads(outputs):
    out = text(outputs, "snippets/ch10/output_heads.py")
    assert re.search(r"^softmax\s+\[.*\] suma = 1\.0$", out, flags=re.M)
    assert float(re.search(r"sigmoide por clase .* suma = ([\d.]+)", out)[1]) > 1
    assert "softmax(z + 10) == softmax(z): True" in out
    shapes = dict(re.findall(r"^(\w+)\s+salida (\(\d+, \d+\))", out, flags=re.M))
    assert shapes == {"binaria": "(5, 1)", "multietiqueta": "(5, 3)", "multiclase": "(5, 4)"}
    multiclass = re.search(r"^multiclase .*\[([\d. ]+)\]", out, flags=re.M)[1].split()
    assert all(float(s) == pytest.approx(1.0, abs=1e-3) for s in multiclass)


def test_wrong_label_format_raises_value_error():
    """The page says: integer labels with categorical_crossentropy (or one-hot labels with
    sparse_categorical_crossentropy) make Keras raise a ValueError."""
    keras = pytest.importorskip("keras")
    proba = np.full((3, 4), 0.25, dtype="float32")
    with pytest.raises(ValueError):
        keras.losses.categorical_crossentropy(np.array([[1], [2], [3]]), proba)
    with pytest.raises(ValueError):
        keras.losses.sparse_categorical_crossentropy(np.eye(4)[[1, 2, 3]], proba)
    sparse = keras.losses.sparse_categorical_crossentropy(np.array([1, 2, 3]), proba)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(sparse), -np.log(0.25), rtol=1e-6)
    assert keras.losses.SparseCategoricalCrossentropy(from_logits=True).get_config()["from_logits"]


# --- glossary/ch10-concepts.yml -------------------------------------------------------


def test_glossary_entries_point_to_existing_anchors():
    import yaml

    entries = yaml.safe_load((ROOT / "glossary/ch10-concepts.yml").read_text(encoding="utf-8"))
    assert entries, "glossary/ch10-concepts.yml is empty"
    for entry in entries:
        assert set(entry) == {"es", "en", "def_es", "def_en", "page"}, entry
        assert all(isinstance(v, str) and "\n" not in v for v in entry.values()), entry
        page, _, anchor = entry["page"].partition("#")
        for source in (ROOT / "docs" / page, ROOT / "docs" / page.replace(".md", ".en.md")):
            assert f"{{#{anchor}}}" in source.read_text(encoding="utf-8"), (entry["es"], source)
