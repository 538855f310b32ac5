"""Chapter 11, batch normalization and gradient clipping: the facts the pages state."""

from __future__ import annotations

import math
import re

import keras
import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def _md_rows(path):
    lines = [ln for ln in path.read_text().splitlines() if ln.startswith("|")]
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in lines[2:]]


# --- Batch normalization -------------------------------------------------------------


def test_bn_summary_counts(outputs):
    text = (outputs("snippets/ch11/batch_norm_summary.py") / "output.txt").read_text()
    assert "Total params: 2,922" in text
    assert "Trainable params: 2,826" in text
    assert "Non-trainable params: 96" in text
    # The per-layer counts the page derives by hand.
    params = [int(n.replace(",", "")) for n in re.findall(r"│\s+([\d,]+) │", text)]
    assert params == [2048, 128, 0, 512, 64, 0, 170]
    assert 64 * 32 + 4 * 32 + 32 * 16 + 4 * 16 + 16 * 10 + 10 == 2922
    assert 2 * 32 + 2 * 16 == 96
    for name, trainable in [
        ("gamma", True),
        ("beta", True),
        ("moving_mean", False),
        ("moving_variance", False),
    ]:
        assert re.search(rf"/{name}\s+shape=\(32,\)\s+trainable={trainable}", text), name


def test_bn_four_vectors_and_defaults():
    bn = keras.layers.BatchNormalization()
    bn.build((None, 7))
    assert len(bn.weights) == 4 and all(w.shape == (7,) for w in bn.weights)
    assert len(bn.trainable_weights) == 2 and len(bn.non_trainable_weights) == 2
    assert bn.momentum == 0.99 and bn.epsilon == 1e-3 and bn.axis == -1
    init = {w.name: keras.ops.convert_to_numpy(w) for w in bn.weights}
    assert np.all(init["gamma"] == 1) and np.all(init["beta"] == 0)
    assert np.all(init["moving_mean"] == 0) and np.all(init["moving_variance"] == 1)


def test_bn_modes_snippet(outputs):
    text = (outputs("snippets/ch11/batch_norm_modes.py") / "output.txt").read_text()

    def vec(label, which=None):
        line = next(ln for ln in text.splitlines() if ln.startswith(label))
        part = line.split(which, 1)[1] if which else line[len(label) :]
        return np.array([float(x) for x in re.search(r"\[([^\]]+)\]", part)[1].split()])

    batch_mean = vec("batch mean")
    # After one training call with momentum 0.9: moving_mean = 0.1 * batch mean.
    assert vec("after  1 training calls", "moving_mean") == pytest.approx(
        0.1 * batch_mean, abs=2e-3
    )
    assert vec("after 50 training calls", "moving_mean") == pytest.approx(
        (1 - 0.9**50) * batch_mean, abs=2e-3
    )
    assert vec("training output", "mean") == pytest.approx(0, abs=1e-3)
    std = vec("training output", "std")
    assert std == pytest.approx(1, abs=3e-3) and std[1] < 1  # epsilon shows on small var
    assert vec("inference, step 0", "mean") == pytest.approx(batch_mean, abs=1e-2)
    assert vec("inference, step 50", "mean") == pytest.approx(0, abs=0.05)


def test_frozen_bn_runs_in_inference_mode():
    x = np.random.default_rng(0).normal(3.0, 2.0, size=(32, 4)).astype("float32")
    bn = keras.layers.BatchNormalization()
    bn.build(x.shape)
    bn.trainable = False
    out_train = keras.ops.convert_to_numpy(bn(x, training=True))
    out_infer = keras.ops.convert_to_numpy(bn(x, training=False))
    np.testing.assert_allclose(out_train, out_infer)
    assert np.all(keras.ops.convert_to_numpy(bn.moving_mean) == 0)


def test_moving_average_lag_numbers():
    X, y = load_digits(return_X_y=True)
    X_train, *_ = train_test_split(X, y, test_size=0.25, random_state=42)
    assert len(X_train) == 1347
    steps = math.ceil(len(X_train) / 32)
    assert steps == 43
    assert 0.99**steps == pytest.approx(0.65, abs=0.01)


def test_bn_curves(outputs):
    folder = outputs("snippets/ch11/batch_norm_curves.py")
    svg = folder / "batch_norm_curves.svg"
    assert svg.exists() and svg.stat().st_size <= 150_000
    r = {
        (float(lr), m, int(ep)): tuple(map(float, rest))
        for lr, m, ep, *rest in _md_rows(folder / "results.md")
    }
    # (loss, val_loss, val_accuracy); last = the final epoch in the table
    last = max(ep for _lr, _m, ep in r)
    assert last == 10  # the page says "from 1 to 10"
    assert r[0.01, "no BN", last][2] > r[0.01, "BN", last][2]  # small lr: BN does not help
    assert r[0.3, "BN", last][2] > r[0.3, "no BN", last][2]  # large lr: BN ends best
    assert r[0.3, "BN", last][1] < r[0.3, "no BN", last][1]
    best = max(r[lr, m, last][2] for lr in (0.01, 0.3) for m in ("BN", "no BN"))
    assert r[0.3, "BN", last][2] == best
    # First epoch: BN trains better but validates far worse than it trains
    # (moving averages lag); without BN, validation loss is below training loss.
    assert r[0.3, "BN", 1][0] < r[0.3, "no BN", 1][0]
    assert r[0.3, "BN", 1][1] > 2 * r[0.3, "BN", 1][0]
    assert r[0.3, "no BN", 1][1] < r[0.3, "no BN", 1][0]


# --- Gradient clipping -----------------------------------------------------------------

G = np.array([0.9, 100.0], dtype="float32")


def _step(grads, **clip):
    variables = [keras.Variable(np.zeros_like(g)) for g in grads]
    opt = keras.optimizers.SGD(learning_rate=1.0, **clip)
    opt.apply_gradients(zip([keras.ops.array(g) for g in grads], variables, strict=True))
    return np.concatenate([-keras.ops.convert_to_numpy(v) for v in variables])


def test_clipvalue_changes_direction():
    used = _step([G], clipvalue=1.0)
    np.testing.assert_allclose(used, [0.9, 1.0], rtol=1e-6)
    angle = math.degrees(math.atan2(used[0], used[1]))
    assert angle == pytest.approx(41.99, abs=0.01)


def test_clipnorm_keeps_direction():
    norm = float(np.linalg.norm(G))
    assert norm == pytest.approx(100.004, abs=1e-3)
    used = _step([G], clipnorm=1.0)
    np.testing.assert_allclose(used, G / norm, rtol=1e-5)
    assert used == pytest.approx([0.0090, 0.99996], abs=5e-5)
    # Below the threshold nothing changes.
    np.testing.assert_allclose(_step([G / 1000], clipnorm=1.0), G / 1000, rtol=1e-6)


def test_clipnorm_is_per_variable_global_clipnorm_is_not():
    per_var = _step([G[:1], G[1:]], clipnorm=1.0)
    np.testing.assert_allclose(per_var, [0.9, 1.0], rtol=1e-6)
    glob = _step([G[:1], G[1:]], global_clipnorm=1.0)
    np.testing.assert_allclose(glob, G / np.linalg.norm(G), rtol=1e-5)


def test_only_one_clipping_argument():
    with pytest.raises(ValueError):
        keras.optimizers.SGD(clipnorm=1.0, clipvalue=1.0)


def test_gradient_clipping_snippet(outputs):
    folder = outputs("snippets/ch11/gradient_clipping.py")
    svg = folder / "gradient_clipping.svg"
    assert svg.exists() and svg.stat().st_size <= 150_000
    text = (folder / "output.txt").read_text()
    angles = dict(re.findall(r"^(\S.*?)\s+\[.*\]\s+[\d.]+\s+([\d.]+)°$", text, re.M))
    assert float(angles["clipvalue=1.0"]) > 40
    assert angles["clipnorm=1.0"] == angles["none"] == angles["global_clipnorm=1.0, 2 vars"]
    assert angles["clipnorm=1.0, 2 vars"] == angles["clipvalue=1.0"]
