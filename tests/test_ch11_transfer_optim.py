"""Chapter 11, transfer learning, optimizers and learning-rate schedules:
the facts the pages state, checked against the snippets' outputs and Keras."""

from __future__ import annotations

import json
import math
import re

import keras
import numpy as np
import pytest

from tests.conftest import DOCS, ROOT

TRANSFER = "snippets/ch11/transfer_learning.py"
SEEDS = "snippets/ch11/transfer_seeds.py"
OPTIMIZERS = "snippets/ch11/optimizers.py"
SCHEDULES = "snippets/ch11/lr_schedules.py"
ONE_CYCLE = "snippets/ch11/one_cycle.py"

OPTIMIZER_NAMES = [
    "SGD",
    "SGD(momentum=0.9)",
    "SGD(momentum=0.9, nesterov=True)",
    "Adagrad",
    "RMSprop",
    "Adam",
    "Adamax",
    "Nadam",
    "AdamW",
]


def _md_rows(path):
    """Body rows of the first Markdown table in a file, as lists of cell strings."""
    lines = [ln for ln in path.read_text().splitlines() if ln.startswith("|")]
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in lines[2:]]


def _value(text, key):
    return re.search(rf"{re.escape(key)}=([-\w.]+)", text)[1]


# --- Transfer learning ------------------------------------------------------------


def test_transfer_walkthrough(outputs):
    text = (outputs(TRANSFER) / "output.txt").read_text()
    lines = {ln.split(":")[0]: ln for ln in text.splitlines()}
    assert "train=20" in lines["B"] and "classes=2" in lines["B"]
    phase1, phase2 = lines["phase 1 (head)"], lines["phase 2 (fine-tuning)"]
    # Phase 1: only the head (32 weights + 1 bias) trains, frozen weights do not move.
    assert int(_value(phase1, "trainable_params")) == 32 + 1 == 33
    assert float(_value(phase1, "max_frozen_change")) == 0.0
    # Phase 2: every parameter, as the page derives it.
    assert int(_value(phase2, "trainable_params")) == (64 * 64 + 64) + (64 * 32 + 32) + 33 == 6273
    assert lines["model_A weights unchanged"].endswith("True")
    for line in (phase1, phase2, lines["scratch"]):
        assert 0.5 < float(_value(line, "test_accuracy_B")) <= 1.0


def test_transfer_seeds_table(outputs):
    out = outputs(SEEDS)
    rows = _md_rows(out / "results.md")
    assert [r[0] for r in rows] == ["0", "1", "2", "3", "4", "mean ± std"]
    per_seed = np.array([[float(c) for c in r[1:]] for r in rows[:5]])
    scratch, frozen, tuned, gain = per_seed.T
    # gain = fine_tuned - scratch (each rounded to 3 decimals).
    assert gain == pytest.approx(tuned - scratch, abs=1.5e-3)
    means = [float(c.split("±")[0]) for c in rows[5][1:]]
    stds = [float(c.split("±")[1]) for c in rows[5][1:]]
    assert means == pytest.approx(per_seed.mean(axis=0), abs=2e-3)
    assert stds == pytest.approx(per_seed.std(axis=0), abs=2e-3)
    wins = int(re.search(r"fine_tuned > scratch: (\d)/5", (out / "output.txt").read_text())[1])
    assert wins == int((gain > 0).sum())
    # What the page says about the table.
    assert means[3] <= 0, "the page says the mean gain is not positive"
    assert wins <= 2, "the page says scratch wins in most seeds"
    spread = max(np.ptp(per_seed[:, 0]), np.ptp(per_seed[:, 2]))
    assert spread > abs(means[3]), "the page says the spread exceeds the mean gain"
    assert means[1] < min(means[0], means[2]), "the page says the head alone does worse"


# --- Optimizers -------------------------------------------------------------------


def test_optimizer_defaults_stated_on_the_page():
    sgd = keras.optimizers.SGD()
    assert float(sgd.learning_rate) == pytest.approx(0.01)
    assert sgd.momentum == 0.0 and not sgd.nesterov
    ada = keras.optimizers.Adagrad()
    assert float(ada.learning_rate) == pytest.approx(0.001)
    assert ada.initial_accumulator_value == 0.1 and ada.epsilon == 1e-7
    assert keras.optimizers.RMSprop().rho == 0.9
    for cls in (
        keras.optimizers.Adam,
        keras.optimizers.Adamax,
        keras.optimizers.Nadam,
        keras.optimizers.AdamW,
    ):
        opt = cls()
        assert float(opt.learning_rate) == pytest.approx(0.001)
        assert (opt.beta_1, opt.beta_2) == (0.9, 0.999)
    assert keras.optimizers.AdamW().weight_decay == 0.004


@pytest.mark.parametrize(
    "cls",
    [
        keras.optimizers.SGD,
        keras.optimizers.Adam,
        keras.optimizers.Adagrad,
        keras.optimizers.RMSprop,
    ],
)
def test_weight_decay_is_decoupled(cls):
    """With a zero gradient, any optimizer's weight_decay shrinks θ by exactly (1 - ηλ)."""
    lr, wd = 0.1, 0.5
    var = keras.Variable(np.array([2.0, -4.0], dtype="float32"))
    opt = cls(learning_rate=lr, weight_decay=wd)
    opt.apply_gradients([(np.zeros(2, dtype="float32"), var)])
    shrink = 1 - lr * wd
    assert keras.ops.convert_to_numpy(var) == pytest.approx([2.0 * shrink, -4.0 * shrink])


def test_momentum_and_adam_updates_match_the_formulas():
    g, lr = np.array([0.5, -2.0], dtype="float32"), 0.1
    # Momentum: m = βm - ηg, θ = θ + m (two steps with the same gradient).
    var = keras.Variable(np.zeros(2, dtype="float32"))
    opt = keras.optimizers.SGD(learning_rate=lr, momentum=0.9)
    opt.apply_gradients([(g, var)])
    opt.apply_gradients([(g, var)])
    m1 = -lr * g
    m2 = 0.9 * m1 - lr * g
    assert keras.ops.convert_to_numpy(var) == pytest.approx(m1 + m2, rel=1e-5)
    # Adam, first step: m̂ = g and ŝ = g², so the step is η·g/(|g| + ε') ≈ η·sign(g).
    var = keras.Variable(np.zeros(2, dtype="float32"))
    keras.optimizers.Adam(learning_rate=lr).apply_gradients([(g, var)])
    assert keras.ops.convert_to_numpy(var) == pytest.approx(-lr * np.sign(g), rel=1e-4)


@pytest.mark.parametrize("page", ["optimizadores.md", "optimizadores.en.md"])
def test_comparison_table_rows(page):
    text = (DOCS / "ch11" / page).read_text()
    rows = {
        m[1]: (m[2].strip(), m[3].strip())
        for m in re.finditer(r"^\| `([^`]+)` \|([^|]+)\|([^|]+)\|$", text, re.M)
        if "..." in m[1] or m[1] in OPTIMIZER_NAMES
    }
    quality_adaptive = "** o ***" if page == "optimizadores.md" else "** or ***"
    expected = {
        "SGD": ("*", "***"),
        "SGD(momentum=...)": ("**", "***"),
        "SGD(momentum=..., nesterov=True)": ("**", "***"),
        "Adagrad": ("***", "*"),
        **{
            name: ("***", quality_adaptive)
            for name in ["RMSprop", "Adam", "Adamax", "Nadam", "AdamW"]
        },
    }
    assert set(rows) == set(expected)
    for name, (speed, quality) in expected.items():
        assert rows[name][0] == speed, name
        assert rows[name][1].split(" (")[0] == quality, name


def test_optimizers_run(outputs):
    out = outputs(OPTIMIZERS)
    rows = _md_rows(out / "results.md")
    assert [r[0].strip("`") for r in rows] == OPTIMIZER_NAMES
    lr = {r[0].strip("`"): float(r[1]) for r in rows}
    assert lr["SGD"] == pytest.approx(float(keras.optimizers.SGD().learning_rate))
    assert lr["Adagrad"] == pytest.approx(float(keras.optimizers.Adagrad().learning_rate))
    assert lr["Adagrad"] == pytest.approx(lr["SGD"] / 10)
    val_loss = {r[0].strip("`"): float(r[3]) for r in rows}
    fast = [val_loss[n] for n in ["RMSprop", "Adam", "Nadam", "AdamW"]]
    # The page's comments on the measured curves.
    assert max(val_loss.values()) == val_loss["Adagrad"], "Adagrad is the slowest here"
    assert val_loss["SGD"] > 2 * val_loss["SGD(momentum=0.9)"], "momentum speeds SGD up"
    assert max(fast) - min(fast) < 0.05, "the adaptive group stays close together"
    assert val_loss["AdamW"] == pytest.approx(val_loss["Adam"], abs=0.02)
    assert val_loss["Adamax"] > val_loss["Adam"]
    for name in ["SGD(momentum=0.9)", "SGD(momentum=0.9, nesterov=True)"]:
        assert val_loss[name] <= 1.2 * max(fast), f"{name} keeps up with the adaptive ones"
    svg = out / "optimizers.svg"
    assert svg.is_file() and svg.stat().st_size <= 150_000


# --- Learning-rate schedules -----------------------------------------------------


def _one_cycle(t, max_lr=0.01, total=1000, end_fraction=0.1):
    low, last = max_lr / 10, max_lr / 10_000
    half = total * (1 - end_fraction) / 2
    if t < half:
        return low + (max_lr - low) * t / half
    if t < 2 * half:
        return max_lr - (max_lr - low) * (t - half) / half
    return max(low - (low - last) * (t - 2 * half) / (total - 2 * half), last)


FORMULAS = {
    "power": lambda t: 0.01 / (1 + t / 100),
    "exponential": lambda t: 0.01 * 0.1 ** (t / 500),
    "piecewise": lambda t: 0.01 if t <= 300 else (0.005 if t <= 600 else 0.001),
    "cosine_warmup": lambda t: (
        0.01 * t / 100 if t < 100 else 0.01 * 0.5 * (1 + math.cos(math.pi * (t - 100) / 900))
    ),
    "one_cycle": _one_cycle,
}


def test_schedules_match_their_formulas(outputs):
    out = outputs(SCHEDULES)
    data = json.loads((out / "values.json").read_text())
    steps = data["steps"]
    for name, formula in FORMULAS.items():
        expected = [formula(t) for t in steps]
        assert data["lr"][name] == pytest.approx(expected, rel=1e-4, abs=1e-9), name
    # Performance scheduling: starts at η0, never goes up, only halves.
    perf = np.array(data["lr"]["performance"])
    assert perf[0] == pytest.approx(0.01) and np.all(np.diff(perf) <= 0)
    assert np.log2(0.01 / perf) == pytest.approx(np.round(np.log2(0.01 / perf)), abs=1e-4)
    assert perf[-1] < perf[0]
    svg = out / "lr_schedules.svg"
    assert svg.is_file() and svg.stat().st_size <= 150_000
    # The table on the page holds the same numbers.
    rows = _md_rows(out / "results.md")
    assert [int(r[0]) for r in rows] == steps


def test_power_schedule_callback_output(outputs):
    text = (outputs(SCHEDULES) / "output.txt").read_text()
    values = json.loads(text.split("epoch 0-4:", 1)[1].splitlines()[0])
    assert values == pytest.approx([round(0.01 / (1 + e / 5) ** 2, 5) for e in range(5)])


@pytest.mark.parametrize("t", [0, 1, 250, 499, 500, 777, 5000])
def test_keras_schedules_match_the_page_formulas(t):
    S = keras.optimizers.schedules
    assert float(S.InverseTimeDecay(0.1, 10, 0.5)(t)) == pytest.approx(0.1 / (1 + 0.5 * t / 10))
    assert float(S.ExponentialDecay(0.1, 200, 0.1)(t)) == pytest.approx(0.1 * 0.1 ** (t / 200))
    piece = float(S.PiecewiseConstantDecay([250, 500], [1.0, 0.5, 0.1])(t))
    assert piece == pytest.approx(1.0 if t <= 250 else 0.5 if t <= 500 else 0.1)


def test_one_cycle_class_is_the_same_in_both_snippets():
    def section(path):
        text = (ROOT / path).read_text()
        return text.split("# --8<-- [start:onecycle]")[1].split("# --8<-- [end:onecycle]")[0]

    assert section(SCHEDULES) == section(ONE_CYCLE)


def test_one_cycle_run(outputs):
    out = outputs(ONE_CYCLE)
    text = (out / "output.txt").read_text()
    # 1257 training images (70 % of 1797), batches of 32, 15 epochs.
    assert int(_value(text, "total_steps")) == 15 * math.ceil(1257 / 32) == 600
    rows = _md_rows(out / "results.md")
    assert [r[0] for r in rows] == ["`constant`", "`one_cycle`"]
    val_loss = {r[0].strip("`"): float(r[2]) for r in rows}
    assert val_loss["one_cycle"] < val_loss["constant"], "the page says 1cycle ends lower"
    svg = out / "one_cycle.svg"
    assert svg.is_file() and svg.stat().st_size <= 150_000


def test_trainable_change_needs_recompile():
    """The page: after changing `trainable`, fit() keeps the compiled variables, silently."""
    import warnings

    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).normal(size=(16, 4)).astype("float32")
    y = x.sum(axis=1, keepdims=True)
    model = keras.Sequential(
        [keras.Input(shape=(4,)), keras.layers.Dense(3), keras.layers.Dense(1)]
    )
    model.compile(optimizer="sgd", loss="mse")
    model.fit(x, y, epochs=1, verbose=0)
    first = model.layers[0]
    first.trainable = False
    before = first.get_weights()[0].copy()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(x, y, epochs=1, verbose=0)  # no recompile: the layer still trains
    assert not np.array_equal(before, first.get_weights()[0])
    assert not [w for w in caught if "trainable" in str(w.message)]
    model.compile(optimizer="sgd", loss="mse")  # recompile: now it is frozen
    before = first.get_weights()[0].copy()
    model.fit(x, y, epochs=1, verbose=0)
    assert np.array_equal(before, first.get_weights()[0])
