"""Chapter 10 exercises: the numbers and facts that the exercises page states."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "docs/ch10/ejercicios.md", ROOT / "docs/ch10/ejercicios.en.md"]
MAX_FIGURE_BYTES = 150_000


def read_results(folder: Path) -> dict[str, dict[str, str]]:
    """results.md of ex01 as {panel letter: row}."""
    lines = (folder / "results.md").read_text().strip().splitlines()
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = {}
    for line in lines[2:]:
        cells = dict(zip(header, (c.strip() for c in line.strip("|").split("|")), strict=True))
        rows[cells["panel"].strip("()")] = cells
    return rows


# --- the pages -----------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_all_ten_exercises_with_both_edition_numbers_and_an_answer(page):
    text = page.read_text()
    for n in range(1, 11):
        assert f"{{#ejercicio-{n}}}" in text, f"exercise {n} missing in {page.name}"
        if page.name.endswith(".en.md"):
            assert f"**2nd ed.: {n} · 3rd ed.: {n}.**" in text
        else:
            assert f"**2.ª ed.: {n} · 3.ª ed.: {n}.**" in text
    answer = '??? success "Answer"' if page.name.endswith(".en.md") else '??? success "Respuesta"'
    assert text.count(answer) == 10


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_exercise_5_draws_the_activations(page):
    assert "](../figures/ch10/activations/activations.svg)" in page.read_text()


def test_twins_use_the_same_snippets_and_figures():
    def includes(page):
        text = page.read_text()
        return sorted(re.findall(r'--8<-- "([^"]+)"', text)), sorted(
            re.findall(r"\]\((\.\./figures/[^)]+)\)", text)
        )

    for es in [ROOT / "docs/ch10/ejercicios.md", ROOT / "docs/ch10/index.md"]:
        assert includes(es) == includes(es.with_suffix(".en.md"))


def test_overview_links_every_page_of_the_chapter():
    pages = [
        "neuronas-logicas", "perceptron", "mlp-retropropagacion", "mlp-regresion-clasificacion",
        "keras-secuencial", "keras-regresion", "keras-funcional", "guardar-callbacks",
        "hiperparametros", "ejercicios",
    ]  # fmt: skip
    for name in ["index.md", "index.en.md"]:
        text = (ROOT / "docs/ch10" / name).read_text()
        for page in pages:
            assert f"]({page}.md" in text, f"{name} does not link {page}.md"
            assert (ROOT / "docs/ch10" / f"{page}.md").is_file()


# --- exercise 1: Playground experiments -----------------------------------------------


def test_ex01_playground_results(outputs):
    folder = outputs("snippets/ch10/ex01_playground.py")
    png = folder / "playground.png"
    assert png.is_file() and png.stat().st_size <= MAX_FIGURE_BYTES
    rows = read_results(folder)
    assert list(rows) == list("abcdef")
    val = {k: float(r["val_accuracy"]) for k, r in rows.items()}
    train = {k: float(r["accuracy"]) for k, r in rows.items()}
    # (a) no hidden layer on circles: about a coin toss.
    assert rows["a"]["hidden"] == "[]" and 0.3 <= val["a"] <= 0.65
    # (b), (c): one small hidden layer (ReLU, tanh) solves the circles.
    assert rows["b"]["activation"] == "relu" and rows["c"]["activation"] == "tanh"
    assert val["b"] >= 0.9 and val["c"] >= 0.9
    # (e): learning rate 1.0 breaks training: (almost) a single class predicted.
    assert float(rows["e"]["learning_rate"]) == 1.0 and val["e"] <= 0.6
    # (f) the big network overfits: near-perfect on train, validates worse than (d).
    assert train["f"] >= 0.95 and val["f"] < val["d"]
    assert train["f"] - val["f"] > train["d"] - val["d"]


# --- exercise 2: XOR with McCulloch-Pitts neurons ----------------------------------------


def test_ex02_truth_table_is_xor(outputs):
    folder = outputs("snippets/ch10/ex02_xor_network.py")
    assert (folder / "xor_network.svg").is_file()
    assert (folder / "xor_network.svg").stat().st_size <= MAX_FIGURE_BYTES
    rows = [
        [int(v) for v in re.findall(r"\d", line)]
        for line in (folder / "output.txt").read_text().splitlines()[1:]
    ]
    assert len(rows) == 4
    for a, b, h_or, h_and, out, xor in rows:
        assert (h_or, h_and) == (a | b, a & b)
        assert out == xor == a ^ b


# --- exercise 3: the scikit-learn equivalence the answer quotes -------------------------


def test_ex03_perceptron_is_sgd_with_perceptron_loss():
    from sklearn.datasets import make_classification
    from sklearn.linear_model import Perceptron, SGDClassifier

    X, y = make_classification(n_samples=200, n_features=4, random_state=0)
    p = Perceptron(random_state=0).fit(X, y)
    s = SGDClassifier(
        loss="perceptron", eta0=1, learning_rate="constant", penalty=None, random_state=0
    ).fit(X, y)
    np.testing.assert_allclose(p.coef_, s.coef_)
    assert hasattr(SGDClassifier(loss="log_loss").fit(X, y), "predict_proba")


# --- exercise 4: the logistic derivative ------------------------------------------------


def test_ex04_logistic_derivative_positive_and_at_most_a_quarter():
    import keras

    z = np.linspace(-30, 30, 6001)
    s = keras.ops.convert_to_numpy(keras.activations.sigmoid(z))
    ds = s * (1 - s)
    assert np.all(ds[np.abs(z) < 15] > 0)
    assert ds.max() == pytest.approx(0.25) and z[ds.argmax()] == pytest.approx(0.0)
    assert ds[0] < 1e-10  # saturated far from 0


# --- exercise 6: shapes ------------------------------------------------------------------


def test_ex06_shapes_in_keras():
    import keras

    model = keras.Sequential(
        [
            keras.Input(shape=(10,)),
            keras.layers.Dense(50, activation="relu"),
            keras.layers.Dense(3, activation="relu"),
        ]
    )
    (W_h, b_h), (W_o, b_o) = (layer.get_weights() for layer in model.layers)
    assert (W_h.shape, b_h.shape, W_o.shape, b_o.shape) == ((10, 50), (50,), (50, 3), (3,))
    X = np.random.default_rng(1).normal(size=(7, 10)).astype("float32")
    Y = keras.ops.convert_to_numpy(model(X))
    assert Y.shape == (7, 3)
    relu = lambda z: np.maximum(z, 0)  # noqa: E731
    np.testing.assert_allclose(Y, relu(relu(X @ W_h + b_h) @ W_o + b_o), atol=1e-5)
    assert model.count_params() == 10 * 50 + 50 + 50 * 3 + 3 == 703


def test_ex06_snippet_output(outputs):
    text = (outputs("snippets/ch10/ex06_shapes.py") / "output.txt").read_text()
    for name, shape in [("X", "(4, 10)"), ("W_h", "(10, 50)"), ("b_h", "(50,)"),
                        ("W_o", "(50, 3)"), ("b_o", "(3,)"), ("Y", "(4, 3)")]:  # fmt: skip
        assert re.search(rf"^{name}\s+{re.escape(shape)}$", text, re.M), name
    assert "Y == model(X): True" in text
    assert "parámetros: 703" in text


# --- exercise 7: output layers -------------------------------------------------------------


def test_ex07_output_activations():
    import keras

    logits = np.array([[2.0, -1.0, 0.5, 0.0, 3.0, 1.0, -2.0, 0.1, 0.2, 0.3]], "float32")
    p = keras.ops.convert_to_numpy(keras.activations.softmax(logits))
    assert p.shape == (1, 10) and p.sum() == pytest.approx(1.0) and np.all(p > 0)
    for name in ["binary_crossentropy", "sparse_categorical_crossentropy",
                 "categorical_crossentropy", "mse", "huber", "mae"]:  # fmt: skip
        assert keras.losses.get(name) is not None


# --- exercise 10: learning-rate search, then training ---------------------------------------


def test_ex10_keras3_batch_logs_hold_the_running_mean():
    """What the callback relies on: logs["loss"] is the size-weighted mean of the epoch."""
    import keras

    keras.utils.set_random_seed(0)
    X = np.random.default_rng(0).normal(size=(50, 3)).astype("float32")
    y = np.random.default_rng(1).normal(size=(50, 1)).astype("float32")
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.0), loss="mse")  # frozen

    class Record(keras.callbacks.Callback):
        def on_train_batch_end(self, batch, logs=None):
            seen.append(logs["loss"])

    seen: list[float] = []
    model.fit(X, y, batch_size=16, epochs=1, shuffle=False, verbose=0, callbacks=[Record()])
    sizes = [16, 16, 16, 2]
    per_batch, start = [], 0
    for size in sizes:
        pred = keras.ops.convert_to_numpy(model(X[start : start + size]))
        per_batch.append(float(np.mean((pred - y[start : start + size]) ** 2)))
        start += size
    running = np.cumsum(np.multiply(per_batch, sizes)) / np.cumsum(sizes)
    np.testing.assert_allclose(seen, running, rtol=1e-4)
    assert not np.allclose(seen, per_batch, rtol=1e-3)


def lr_search_output(outputs) -> dict[str, float]:
    folder = outputs("snippets/ch10/ex10_lr_search.py")
    text = (folder / "output.txt").read_text()
    return {
        "best": float(re.search(r"pérdida mínima .* con tasa ([\d.e-]+)", text)[1]),
        "proposed": float(re.search(r"tasa propuesta \(un décimo\): ([\d.e-]+)", text)[1]),
        "min_loss": float(re.search(r"pérdida mínima \(suavizada\) ([\d.]+)", text)[1]),
    }


def test_ex10_lr_search(outputs):
    folder = outputs("snippets/ch10/ex10_lr_search.py")
    svg = folder / "lr_search.svg"
    assert svg.is_file() and svg.stat().st_size <= MAX_FIGURE_BYTES
    found = lr_search_output(outputs)
    assert 1e-4 < found["best"] < 10
    assert found["proposed"] == pytest.approx(found["best"] / 10, rel=0.05)
    assert found["min_loss"] < 2.3 / 2  # well below the loss of a uniform guess, ln 10


def test_ex10_training_uses_the_proposed_rate(outputs):
    source = (ROOT / "snippets/ch10/ex10_train.py").read_text()
    rate = float(re.search(r"^LEARNING_RATE = ([\d.e-]+)", source, re.M)[1])
    assert rate == pytest.approx(lr_search_output(outputs)["proposed"], rel=0.25)


def test_ex10_training_reaches_high_accuracy_and_writes_its_files(outputs):
    folder = outputs("snippets/ch10/ex10_train.py")
    text = (folder / "output.txt").read_text()
    epochs = int(re.search(r"épocas entrenadas: (\d+)", text)[1])
    assert 10 < epochs < 100  # early stopping fired before the epoch limit
    assert float(re.search(r"test_accuracy:\s+([\d.]+)", text)[1]) >= 0.95
    svg = folder / "learning_curves.svg"
    assert svg.is_file() and svg.stat().st_size <= MAX_FIGURE_BYTES
    assert (folder / "digits_mlp.keras").is_file()
    for part in ["train", "validation"]:
        assert list((folder / "logs/digits_mlp" / part).glob("events.out.tfevents.*"))


def test_ex10_checkpoint_is_the_best_model(outputs):
    import keras
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    folder = outputs("snippets/ch10/ex10_train.py")
    model = keras.models.load_model(folder / "digits_mlp.keras")
    X, y = load_digits(return_X_y=True)
    X = (X / 16.0).astype("float32")
    _, X_test, _, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=42)
    _, accuracy = model.evaluate(X_test, y_test, verbose=0)
    printed = float(re.search(r"test_accuracy:\s+([\d.]+)", (folder / "output.txt").read_text())[1])
    assert accuracy == pytest.approx(printed, abs=1e-4)
