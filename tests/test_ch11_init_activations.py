"""Chapter 11, initialization and activations: the facts the pages state, checked
against Keras itself and against the snippets' outputs."""

from __future__ import annotations

import inspect
import math
import re

import keras
import numpy as np
import pytest

FAN_IN, FAN_OUT = 300, 200
FAN_AVG = (FAN_IN + FAN_OUT) / 2
TRUNC_STD = 0.87962566103423978  # std of N(0, 1) truncated to [-2, 2]

# The table of gradientes-inicializacion.md: initializer -> variance (normal or uniform).
TABLE = {
    "GlorotNormal": ("normal", 1 / FAN_AVG),
    "GlorotUniform": ("uniform", 1 / FAN_AVG),
    "HeNormal": ("normal", 2 / FAN_IN),
    "HeUniform": ("uniform", 2 / FAN_IN),
    "LecunNormal": ("normal", 1 / FAN_IN),
    "LecunUniform": ("uniform", 1 / FAN_IN),
}


def _sample(init) -> np.ndarray:
    return keras.ops.convert_to_numpy(init((FAN_IN, FAN_OUT))).astype("float64")


@pytest.mark.parametrize("name", sorted(TABLE))
def test_initializer_variance_matches_table(name):
    kind, var = TABLE[name]
    w = _sample(getattr(keras.initializers, name)(seed=7))
    assert w.var() == pytest.approx(var, rel=0.03)
    assert abs(w.mean()) < 0.05 * math.sqrt(var)
    bound = math.sqrt(3 * var) if kind == "uniform" else 2 * math.sqrt(var) / TRUNC_STD
    # uniform: limit r = sqrt(3 sigma^2); truncated normal: |w| <= 2 * stddev, where
    # Keras divides the stddev by TRUNC_STD so that the variance after truncation is var.
    assert np.abs(w).max() <= bound * (1 + 1e-5)
    assert np.abs(w).max() > 0.97 * bound


def test_variance_scaling_he_fan_avg_uniform():
    init = keras.initializers.VarianceScaling(
        scale=2.0, mode="fan_avg", distribution="uniform", seed=3
    )
    w = _sample(init)
    assert w.var() == pytest.approx(2 / FAN_AVG, rel=0.03)
    assert np.abs(w).max() <= math.sqrt(3 * 2 / FAN_AVG) * (1 + 1e-5)


def test_truncation_constant_and_normal_alias():
    # Variance of N(0,1) truncated to [-2, 2]: 1 - 2*a*phi(a) / (Phi(a) - Phi(-a)), a = 2.
    a = 2.0
    phi = math.exp(-a * a / 2) / math.sqrt(2 * math.pi)
    mass = math.erf(a / math.sqrt(2))
    assert math.sqrt(1 - 2 * a * phi / mass) == pytest.approx(TRUNC_STD, abs=1e-9)
    assert keras.initializers.VarianceScaling(distribution="normal").distribution == (
        "truncated_normal"
    )
    # Without truncation some weights go beyond 2 / 0.8796 standard deviations.
    init = keras.initializers.VarianceScaling(distribution="untruncated_normal", seed=5)
    w = _sample(init)
    assert np.abs(w).max() > 2 * math.sqrt(1 / FAN_IN) / TRUNC_STD
    assert w.var() == pytest.approx(1 / FAN_IN, rel=0.03)


def test_dense_default_initializers():
    dense = keras.layers.Dense(3)
    assert isinstance(dense.kernel_initializer, keras.initializers.GlorotUniform)
    assert isinstance(dense.bias_initializer, keras.initializers.Zeros)


def _md_rows(path):
    lines = [ln for ln in path.read_text().splitlines() if ln.startswith("|")]
    return [[c.strip() for c in ln.strip("|").split("|")] for ln in lines[2:]]


def test_init_variances_snippet(outputs):
    rows = _md_rows(outputs("snippets/ch11/init_variances.py") / "results.md")
    assert len(rows) == 7
    for name, formula, sample, _max in rows:
        assert float(sample) == pytest.approx(float(formula), rel=0.03), name


def _vanishing_stats(outputs):
    folder = outputs("snippets/ch11/vanishing_gradients.py")
    svg = folder / "vanishing_gradients.svg"
    assert svg.exists() and svg.stat().st_size <= 150_000
    stats = {}
    for line in (folder / "output.txt").read_text().splitlines()[1:]:
        m = re.match(r"(.+?)\s+([\d.]+)\s+([\d.]+)\s+([\d.e+-]+)\s+([\d.e+-]+)$", line)
        assert m, line
        stats[m[1].strip()] = tuple(float(x) for x in m.groups()[1:])
    return stats


def test_vanishing_gradients_story(outputs):
    s = _vanishing_stats(outputs)
    assert set(s) == {
        "N(0,1) + sigmoid",
        "N(0,1) + tanh",
        "glorot + sigmoid",
        "glorot + tanh",
        "he + relu",
    }
    ratio = {k: v[2] / v[3] for k, v in s.items()}  # ‖g layer 1‖ / ‖g layer 30‖
    assert 0 < ratio["glorot + sigmoid"] < 4.0**-29 * 10  # vanishes, below the bound's order
    assert ratio["N(0,1) + tanh"] > 1e5  # explodes toward the first layers
    assert 0.1 < ratio["N(0,1) + sigmoid"] < 10  # does not vanish in this net...
    assert s["N(0,1) + sigmoid"][0] > 0.4 and s["N(0,1) + sigmoid"][1] > 0.4  # ...but saturated
    assert s["N(0,1) + tanh"][0] > 0.9  # saturated at +-1
    assert s["glorot + tanh"][1] < s["glorot + tanh"][0]  # std shrinks slowly
    assert 0.1 < ratio["glorot + tanh"] < 10
    assert 0.01 < ratio["he + relu"] < 100
    assert 0.3 < s["he + relu"][1] < 3


def test_selu_constants():
    z = np.array([1.0, -60.0], dtype="float32")
    pos, neg = keras.ops.convert_to_numpy(keras.activations.selu(z))
    scale = pos
    alpha = -neg / scale
    assert scale == pytest.approx(1.0507, abs=1e-4)
    assert alpha == pytest.approx(1.6733, abs=1e-4)
    assert scale * alpha == pytest.approx(1.758, abs=1e-3)  # slope just left of 0


def test_activation_names_in_keras():
    get = keras.activations.get
    for name in ["relu", "leaky_relu", "elu", "selu", "gelu", "swish", "silu", "mish"]:
        assert callable(get(name)), name
    assert get("swish") is get("silu") is keras.activations.silu
    for missing in ["prelu", "rrelu"]:
        with pytest.raises(ValueError):
            get(missing)
    assert not hasattr(keras.layers, "RReLU")
    assert hasattr(keras.layers, "AlphaDropout")
    assert keras.layers.LeakyReLU().negative_slope == 0.3
    assert keras.layers.LeakyReLU(negative_slope=0.2).negative_slope == 0.2
    assert (
        inspect.signature(keras.activations.leaky_relu).parameters["negative_slope"].default == 0.2
    )
    assert inspect.signature(keras.activations.gelu).parameters["approximate"].default is False
    assert keras.layers.ELU().alpha == 1.0
    prelu = keras.layers.PReLU()
    prelu.build((None, 5))
    assert prelu.alpha.shape == (5,)  # one alpha per unit
    assert np.all(keras.ops.convert_to_numpy(prelu.alpha) == 0)  # starts as a ReLU


def test_activations_family_snippet(outputs):
    folder = outputs("snippets/ch11/activations_family.py")
    svg = folder / "activations_family.svg"
    assert svg.exists() and svg.stat().st_size <= 150_000
    rows = {}
    for line in (folder / "output.txt").read_text().splitlines()[1:]:
        name, fmin, f4, d4 = line.split()
        rows[name] = (float(fmin), float(f4), float(d4))
    assert rows["relu"] == (0.0, 0.0, 0.0)
    assert rows["leaky_relu"][2] == pytest.approx(0.2, abs=1e-3)
    assert rows["elu"][1] == pytest.approx(-(1 - math.exp(-4)), abs=1e-3)
    # Valleys: Mish a bit deeper than Swish, Swish deeper than GELU.
    assert rows["mish"][0] < rows["swish"][0] < rows["gelu"][0] < 0
    for name in ("gelu", "swish", "mish"):
        assert rows[name][2] < 0  # negative slope in the valley's left side


def _pct(cell):
    return [float(p.rstrip("%")) / 100 for p in cell.split(" / ")]


def test_dead_relus(outputs):
    rows = _md_rows(outputs("snippets/ch11/dead_relus.py") / "results.md")
    table = {(r[0].strip("`"), float(r[1])): r for r in rows}
    for (_act, _lr), r in table.items():
        assert _pct(r[2]) == [0.0, 0.0]  # nobody is dead at initialization
    dead2 = [_pct(table["relu", lr][3])[1] for lr in (0.001, 0.01, 0.05)]
    assert dead2[0] == 0 and 0 < dead2[1] < dead2[2]
    acc = {key: float(r[4]) for key, r in table.items()}
    assert acc["relu", 0.05] < acc["relu", 0.001] - 0.05
    assert _pct(table["leaky_relu", 0.05][3]) == [0.0, 0.0]
    assert acc["leaky_relu", 0.05] < acc["relu", 0.001] - 0.05  # lr still too high
