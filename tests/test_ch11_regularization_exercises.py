"""Chapter 11, regularization, practical guidelines and exercises: the facts the pages
state, checked against Keras itself and against the snippets' outputs."""

from __future__ import annotations

import ast
import math
import re
from pathlib import Path

import keras
import numpy as np
import pytest
import yaml

from tests.conftest import DOCS, ROOT

EX08 = ["ex08_he_swish", "ex08_batchnorm", "ex08_selu", "ex08_alpha_dropout", "ex08_1cycle"]


def table(path: Path) -> dict[str, dict[str, str]]:
    """A results.md written by a snippet -> {first column: {header: cell}}."""
    lines = [line for line in path.read_text().splitlines() if line.startswith("|")]
    header = [c.strip() for c in lines[0].strip("|").split("|")]
    rows = {}
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[cells[0] if header[1] != "group" else f"{cells[0]}/{cells[1]}"] = dict(
            zip(header, cells, strict=True)
        )
    return rows


def pct(cell: str) -> float:
    return float(cell.rstrip("%")) / 100


# --- Keras facts stated on regularizacion.md ---------------------------------------------


def test_l1_l2_penalties_have_no_half_factor():
    w = np.array([[0.5, -2.0], [1.5, 0.0]], dtype="float32")
    assert float(keras.regularizers.l2(0.01)(w)) == pytest.approx(0.01 * np.sum(w**2))
    assert float(keras.regularizers.l1(0.01)(w)) == pytest.approx(0.01 * np.sum(np.abs(w)))
    both = keras.regularizers.l1_l2(l1=0.01, l2=0.1)(w)
    assert float(both) == pytest.approx(0.01 * np.sum(np.abs(w)) + 0.1 * np.sum(w**2))


def test_layer_penalty_goes_into_model_losses():
    layer = keras.layers.Dense(3, kernel_regularizer=keras.regularizers.l2(0.01))
    model = keras.Sequential([keras.Input(shape=(2,)), layer])
    (penalty,) = model.losses
    assert float(penalty) == pytest.approx(0.01 * float(np.sum(layer.kernel.numpy() ** 2)))


def test_max_norm_defaults_and_effect():
    constraint = keras.constraints.MaxNorm(1.0)
    assert constraint.get_config()["axis"] == 0
    assert keras.constraints.MaxNorm().get_config()["max_value"] == 2
    w = np.array([[3.0, 0.1], [4.0, 0.2]], dtype="float32")  # column norms 5 and ~0.22
    out = keras.ops.convert_to_numpy(constraint(w))
    norms = np.linalg.norm(out, axis=0)
    assert norms[0] == pytest.approx(1.0, abs=1e-5)  # rescaled down to r
    assert norms[1] == pytest.approx(np.linalg.norm(w[:, 1]), rel=1e-5)  # left alone


def test_adamw_default_and_every_optimizer_takes_weight_decay():
    assert keras.optimizers.AdamW().weight_decay == pytest.approx(0.004)
    for cls in [keras.optimizers.SGD, keras.optimizers.Adam, keras.optimizers.Nadam]:
        assert cls(weight_decay=0.1).weight_decay == pytest.approx(0.1)


@pytest.mark.parametrize("cls", [keras.optimizers.SGD, keras.optimizers.Adam])
def test_weight_decay_is_decoupled_lr_times_wd(cls):
    # With a zero gradient, the adaptive part does nothing: only w <- w - lr*wd*w is left.
    var = keras.Variable(np.ones(3, dtype="float32"))
    optimizer = cls(learning_rate=0.1, weight_decay=0.5)
    optimizer.apply_gradients([(np.zeros(3, dtype="float32"), var)])
    np.testing.assert_allclose(var.numpy(), 1 - 0.1 * 0.5, rtol=1e-6)


def test_sgd_weight_decay_equals_l2_with_lambda_half():
    lr, wd, w0, g = 0.1, 0.5, 2.0, 0.3
    var = keras.Variable(np.array([w0], dtype="float32"))
    keras.optimizers.SGD(learning_rate=lr, weight_decay=wd).apply_gradients(
        [(np.array([g], dtype="float32"), var)]
    )
    lam = wd / 2  # l2 penalty lam*w^2 has gradient 2*lam*w = wd*w
    assert float(var.numpy()[0]) == pytest.approx(w0 - lr * (g + 2 * lam * w0), rel=1e-6)


def test_dropout_scales_by_one_over_keep_and_is_identity_at_inference():
    x = np.ones((200, 50), dtype="float32")
    layer = keras.layers.Dropout(0.3, seed=1)
    out = keras.ops.convert_to_numpy(layer(x, training=True))
    dropped, kept = np.isclose(out, 0.0), np.isclose(out, 1 / 0.7)
    assert np.all(dropped | kept) and dropped.any() and kept.any()
    assert dropped.mean() == pytest.approx(0.3, abs=0.02)
    assert out.mean() == pytest.approx(1.0, abs=0.03)  # the expected value is kept
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer(x, training=False)), x)


def test_alpha_dropout_constants_and_moments():
    # Dropped units go to SELU's negative saturation -lambda*alpha.
    assert float(keras.activations.selu(np.float32(-30.0))) == pytest.approx(-1.7581, abs=1e-4)
    z = np.random.default_rng(0).standard_normal((20_000, 50)).astype("float32")
    out = keras.ops.convert_to_numpy(keras.layers.AlphaDropout(0.2, seed=3)(z, training=True))
    assert out.mean() == pytest.approx(0.0, abs=0.01)
    assert out.std() == pytest.approx(1.0, abs=0.01)
    assert math.sqrt(1 / 0.8) == pytest.approx(1.118, abs=1e-3)  # plain dropout's std


# --- the snippets' outputs ------------------------------------------------------------------


def test_regularizers_table_and_figure(outputs):
    out = outputs("snippets/ch11/regularizers.py")
    rows = table(out / "results.md")
    assert list(rows) == ["none", "l1(1e-4)", "l2(1e-3)", "max_norm(1.0)"]
    assert float(rows["max_norm(1.0)"]["max_column_norm"]) <= 1.0
    assert float(rows["none"]["max_column_norm"]) > 1.2  # "several exceed it comfortably"
    # l1 zeroes many weights, far more than no regularization or max-norm
    assert pct(rows["l1(1e-4)"]["near_zero"]) > 5 * pct(rows["none"]["near_zero"])
    assert pct(rows["l1(1e-4)"]["near_zero"]) > pct(rows["max_norm(1.0)"]["near_zero"])
    # l2 makes a smaller peak at 0 than l1, but a peak all the same
    assert pct(rows["l1(1e-4)"]["near_zero"]) > pct(rows["l2(1e-3)"]["near_zero"])
    assert pct(rows["l2(1e-3)"]["near_zero"]) > 3 * pct(rows["none"]["near_zero"])
    # l2 and max-norm shrink the weights
    for name in ["l2(1e-3)", "max_norm(1.0)"]:
        assert float(rows[name]["weight_rms"]) < float(rows["none"]["weight_rms"])
    # "the four networks score about the same on validation"
    accs = [float(r["val_accuracy"]) for r in rows.values()]
    assert max(accs) - min(accs) < 0.03
    svg = out / "weights_hist.svg"
    assert svg.exists() and svg.stat().st_size <= 150_000


def test_adamw_vs_l2(outputs):
    out = outputs("snippets/ch11/adamw_vs_l2.py")
    rows = table(out / "results.md")
    ref = float(rows["(1 - lr·wd)^t/—"]["mean_w_final"])
    ref100 = float(rows["(1 - lr·wd)^t/—"]["mean_w_step_100"])
    assert ref == pytest.approx((1 - 0.01 * 0.5) ** 400, abs=1e-3)
    # Adam + l2: the weight without loss gradient is driven to 0 at a fixed pace...
    assert abs(float(rows["adam + l2/quiet"]["mean_w_final"])) < 0.02
    assert float(rows["adam + l2/quiet"]["mean_w_step_100"]) < ref100 - 0.2
    # ... and the noisy one is barely regularized
    assert float(rows["adam + l2/noisy"]["mean_w_final"]) > ref + 0.3
    # AdamW: both groups follow (1 - lr*wd)^t
    assert float(rows["adamw/quiet"]["mean_w_final"]) == pytest.approx(ref, abs=1e-3)
    assert float(rows["adamw/noisy"]["mean_w_final"]) == pytest.approx(ref, abs=0.05)
    assert (out / "adamw_vs_l2.svg").stat().st_size <= 150_000


def test_dropout_output_and_curves(outputs):
    out = outputs("snippets/ch11/dropout.py")
    lines = (out / "output.txt").read_text().splitlines()
    on = [float(v) for v in re.findall(r"[\d.]+", lines[0].split(":", 1)[1])]
    off = [float(v) for v in re.findall(r"[\d.]+", lines[1].split(":", 1)[1])]
    assert set(on) == {0.0, 2.0} and off == [1.0] * 10
    stats = {}
    for line in lines[2:]:
        rate = line.split(":")[0]
        loss = float(re.search(r"loss ([\d.]+)", line).group(1))
        val_acc = float(re.search(r"val_accuracy ([\d.]+)", line).group(1))
        stats[rate] = (loss, val_acc)
    assert set(stats) == {"dropout=0.0", "dropout=0.3"}
    # dropout keeps the training loss (measured with dropout on) well above 0
    assert stats["dropout=0.3"][0] > 3 * stats["dropout=0.0"][0]
    # "on this small, easy problem it does not improve validation"
    assert stats["dropout=0.3"][1] <= stats["dropout=0.0"][1] + 0.005
    assert (out / "dropout_curves.svg").stat().st_size <= 150_000


def test_mc_dropout(outputs):
    out = outputs("snippets/ch11/mc_dropout.py")
    text = (out / "output.txt").read_text()
    single, mc = (float(v) for v in re.findall(r"accuracy, .*?:\s+([\d.]+)", text))
    assert abs(single - mc) < 0.03  # "the two ways of predicting end up close"
    rows = [line.split() for line in text.splitlines() if re.match(r"^\s*\d+\s+\d\s+\d", line)]
    assert len(rows) == 4
    stds = [float(r[-1]) for r in rows]
    assert min(stds[:3]) > 0.1 and stds[3] < 0.05 and stds[3] < min(stds[:3])
    # one doubtful example is confidently wrong in a single pass, moderate on average
    assert any(r[1] != r[2] and float(r[3]) > float(r[4]) for r in rows[:3])
    assert (out / "mc_dropout.svg").stat().st_size <= 150_000


def test_alpha_dropout_output(outputs):
    out = outputs("snippets/ch11/alpha_dropout.py")
    text = (out / "output.txt").read_text()
    std = {m[0]: float(m[1]) for m in re.findall(r"^(\S+)\s.*desviación ([\d.]+)", text, re.M)}
    assert std["Dropout"] == pytest.approx(math.sqrt(1 / 0.8), abs=0.01)
    assert std["AlphaDropout"] == pytest.approx(1.0, abs=0.01)
    assert std["AlphaDropout(0.2)"] == pytest.approx(1.0, abs=0.1)
    assert std["Dropout(0.2)"] > 1.3
    assert (out / "alpha_dropout.svg").stat().st_size <= 150_000


def test_default_configs(outputs):
    out = outputs("snippets/ch11/default_configs.py")
    lines = (out / "output.txt").read_text().splitlines()
    assert [line.split()[0] for line in lines] == ["default_dnn", "self_normalizing_dnn"]
    for line in lines:
        assert 0.85 < float(line.split()[-1]) <= 1.0


# --- exercise 8 -----------------------------------------------------------------------------


def dense_params(n_in, n_out, bias=True):
    return n_in * n_out + (n_out if bias else 0)


def test_ex08_split_and_steps():
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    X, y = load_digits(return_X_y=True)
    X_train, X_valid, *_ = train_test_split(X, y, test_size=0.3, stratify=y, random_state=42)
    assert (len(X_train), len(X_valid)) == (1257, 540)
    assert math.ceil(1257 / 128) == 10  # "each epoch is only 10 steps"
    assert X.shape == (1797, 64)


def test_ex08_rows(outputs):
    plain = dense_params(64, 100) + 19 * dense_params(100, 100) + dense_params(100, 10)
    bn = 4 * 64 + dense_params(64, 100, False) + 19 * dense_params(100, 100, False)
    bn += 20 * 4 * 100 + dense_params(100, 10)
    expected_params = {
        "ex08_he_swish": plain,
        "ex08_batchnorm": bn,
        "ex08_selu": plain,
        "ex08_alpha_dropout": plain,
        "ex08_1cycle": plain,
    }
    rows = []
    for name in EX08:
        text = (outputs(f"snippets/ch11/{name}.py") / "row.md").read_text()
        for line in text.splitlines():
            cells = [c.strip() for c in line.strip("|").split("|")]
            assert len(cells) == 6, line
            assert int(cells[1].replace(",", "")) == expected_params[name]
            epochs, best = int(cells[2]), int(cells[3])
            assert 1 <= best <= epochs <= 40
            assert 0.8 < float(cells[4]) <= 1.0
            rows.append((name, cells))
    assert len(rows) == 6  # alpha dropout writes two rows: plain and MC
    assert int(dict(rows)["ex08_1cycle"][2]) == 15  # 1cycle: fixed budget, no early stop
    assert (plain, bn) == (199_410, 205_666)


def test_ex08_table_includes_every_row_in_both_languages():
    for page in ["ch11/ejercicios.md", "ch11/ejercicios.en.md"]:
        text = (DOCS / page).read_text()
        includes = re.findall(r'--8<-- "figures/ch11/(ex08_\w+)/row\.md"', text)
        assert includes == EX08, page


def test_one_cycle_schedule_shape():
    source = (ROOT / "snippets/ch11/ex08_1cycle.py").read_text()
    cls = next(
        n for n in ast.parse(source).body if isinstance(n, ast.ClassDef) and n.name == "OneCycle"
    )
    namespace = {"keras": keras}
    exec(compile(ast.Module(body=[cls], type_ignores=[]), "OneCycle", "exec"), namespace)
    schedule = namespace["OneCycle"](total_steps=1000, max_lr=0.02)
    lr = {s: float(schedule(s)) for s in [0, 225, 450, 675, 900, 1000]}
    assert lr[0] == pytest.approx(0.002)
    assert lr[450] == pytest.approx(0.02)
    assert lr[900] == pytest.approx(0.002)
    assert lr[1000] == pytest.approx(0.02 / 1000, rel=1e-3)
    assert lr[0] < lr[225] < lr[450] > lr[675] > lr[900] > lr[1000]


# --- the exercises page: numbering of both editions ---------------------------------------

NUMBERING = [("—", "1"), ("1", "2"), ("2", "3"), ("3", "—")] + [(n, n) for n in "45678"]


@pytest.mark.parametrize(
    "page, pattern",
    [
        ("ch11/ejercicios.md", r"\*\*2\.ª ed\.: (\S+) · 3\.ª ed\.: (\S+)\.\*\*"),
        ("ch11/ejercicios.en.md", r"\*\*2nd ed\.: (\S+) · 3rd ed\.: (\S+)\.\*\*"),
    ],
)
def test_exercise_numbering(page, pattern):
    assert re.findall(pattern, (DOCS / page).read_text()) == NUMBERING


def test_momentum_example_numbers():
    def heavy_ball(beta, steps=200, eta=0.1):
        x, m = 1.0, 0.0
        for _ in range(steps):
            m = beta * m - eta * x
            x = x + m
        return round(x, 3)

    assert (heavy_ball(0.9), heavy_ball(0.99999)) == (0.0, 0.676)
    assert 1 / (1 - 0.99999) == pytest.approx(100_000)


def test_selu_derivative_never_zero():
    z = np.linspace(-10, 5, 301).astype("float32")
    x = keras.Variable(z)
    import tensorflow as tf

    with tf.GradientTape() as tape:
        y = keras.activations.selu(x)
    grad = tape.gradient(y, x).numpy()
    assert grad.min() > 0


# --- glossary -------------------------------------------------------------------------------


def test_glossary_entries_point_to_existing_anchors():
    entries = yaml.safe_load((ROOT / "glossary/ch11-part3.yml").read_text())
    assert entries, "glossary/ch11-part3.yml is empty"
    for entry in entries:
        assert set(entry) == {"es", "en", "def_es", "def_en", "page"}
        page, _, anchor = entry["page"].partition("#")
        text = (DOCS / page).read_text()
        if anchor:
            assert "{#" + anchor + "}" in text, entry["page"]
