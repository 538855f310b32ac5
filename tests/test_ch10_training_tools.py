"""Chapter 10, saving/callbacks/TensorBoard and hyperparameter tuning: the facts the pages state."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_FIGURE_BYTES = 150 * 1024

FIGURES = {
    "snippets/ch10/early_stopping.py": ["early_stopping.svg"],
    "snippets/ch10/tensorboard_scalars.py": ["tensorboard_scalars.svg"],
    "snippets/ch10/lr_sweep.py": ["lr_sweep.svg"],
}


def _output(outputs, snippet: str) -> str:
    return (outputs(snippet) / "output.txt").read_text(encoding="utf-8")


def _number(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match, f"{pattern!r} not found in:\n{text}"
    return float(match.group(1))


def _table(path: Path) -> list[dict[str, str]]:
    """Rows of a Markdown table written by a snippet, as dicts keyed by header."""
    lines = [line for line in path.read_text().splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert set(lines[1].replace("|", "").replace(":", "")) == {"-"}, "second line is the rule"
    return [
        dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        for line in lines[2:]
    ]


@pytest.mark.parametrize("snippet", sorted(FIGURES))
def test_figures_written_and_small(outputs, snippet):
    for name in FIGURES[snippet]:
        figure = outputs(snippet) / name
        assert figure.is_file(), f"{snippet} did not write {name}"
        assert 0 < figure.stat().st_size <= MAX_FIGURE_BYTES


# --- guardar-callbacks: saving ------------------------------------------------------------


def test_reloaded_model_predicts_the_same(outputs):
    out = _output(outputs, "snippets/ch10/save_restore.py")
    assert _number(r"modelo \.keras: max \|diferencia\| = (\S+)", out) == 0.0
    assert _number(r"después = (\S+)", out) == 0.0
    # Before loading, the clone's random weights give clearly different probabilities.
    assert _number(r"antes = (\S+),", out) > 0.1
    # The optimizer state comes back with both formats (the page says so).
    steps = [int(s) for s in re.findall(r"pasos del optimizador[^:]*: (\d+)", out)]
    assert len(steps) == 2 and steps[0] == steps[1] > 0


def test_keras_file_members(outputs):
    import zipfile

    folder = outputs("snippets/ch10/save_restore.py")
    with zipfile.ZipFile(folder / "digits_mlp.keras") as archive:
        members = sorted(archive.namelist())
        config = json.loads(archive.read("config.json"))
        metadata = json.loads(archive.read("metadata.json"))
    assert members == ["config.json", "metadata.json", "model.weights.h5"]
    assert "compile_config" in config  # the table: compile() configuration is in the file
    assert "keras_version" in metadata and "date_saved" in metadata
    assert f"contenido: {members}" in _output(outputs, "snippets/ch10/save_restore.py")


def test_weights_file_holds_optimizer_variables(outputs):
    import h5py

    folder = outputs("snippets/ch10/save_restore.py")
    with h5py.File(folder / "digits_mlp.weights.h5") as f:
        assert "layers" in f and "optimizer" in f
        assert len(f["optimizer/vars"]) > 0


def test_keras_saving_rules(tmp_path):
    """Claims about the Keras 3 API: extensions, and the defaults of the two callbacks."""
    import keras

    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
    with pytest.raises(ValueError):
        model.save(tmp_path / "model")  # no extension
    with pytest.raises(ValueError):
        model.save_weights(tmp_path / "model.h5")  # must end in .weights.h5
    with pytest.raises(ValueError):
        keras.callbacks.ModelCheckpoint(str(tmp_path / "x.keras"), save_weights_only=True)
    checkpoint = keras.callbacks.ModelCheckpoint(str(tmp_path / "x.keras"))
    assert checkpoint.monitor == "val_loss" and checkpoint.save_best_only is False
    early = keras.callbacks.EarlyStopping()
    assert early.monitor == "val_loss"
    assert early.restore_best_weights is False
    assert early.patience == 0 and early.min_delta == 0
    assert hasattr(keras.Model, "export")


# --- guardar-callbacks: callbacks ---------------------------------------------------------


def test_early_stopping_matches_figure_data(outputs):
    folder = outputs("snippets/ch10/early_stopping.py")
    out = _output(outputs, "snippets/ch10/early_stopping.py")
    curves = json.loads((folder / "early_stopping.json").read_text())
    val_loss = curves["val_loss"]
    best_epoch = int(np.argmin(val_loss)) + 1
    patience = 5
    assert curves["best_epoch"] == best_epoch
    assert int(_number(r"mejor época: (\d+)", out)) == best_epoch
    assert int(_number(r"épocas ejecutadas: (\d+)", out)) == len(val_loss)
    # t_stop = t* + patience, and training really stopped before the ceiling.
    assert len(val_loss) == best_epoch + patience < 200
    assert f"patience={patience}" in (ROOT / "snippets/ch10/early_stopping.py").read_text()
    # The figure shows overfitting: validation loss rises after the best epoch.
    assert val_loss[-1] > min(val_loss)
    assert min(curves["loss"][best_epoch:]) < curves["loss"][0]
    # Restored model and checkpoint file are both the best epoch's model.
    best = _number(r"mejor época: \d+, val_loss = (\S+)", out)
    assert _number(r"val_loss del modelo restaurado: (\S+)", out) == pytest.approx(best, abs=2e-4)
    assert _number(r"val_loss de best_model.keras: +(\S+)", out) == pytest.approx(best, abs=2e-4)
    assert (folder / "best_model.keras").is_file()


def test_custom_callback_ratio_and_target(outputs):
    out = _output(outputs, "snippets/ch10/custom_callback.py")
    ratios = [float(r) for r in re.findall(r"val/train = (\S+)", out)]
    stopped = int(_number(r"meta alcanzada en la época (\d+)", out))
    assert len(ratios) == stopped < 50  # it stopped at the target, before the ceiling
    assert _number(r"val_accuracy = (\S+)", out) >= 0.95
    assert ratios[0] < 1  # the page: early on, validation loss is lower than training loss
    assert ratios[-1] > 1  # ... and later the ratio goes past 1


# --- guardar-callbacks: TensorBoard -------------------------------------------------------


def test_tensorboard_event_files_and_tags(outputs):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    folder = outputs("snippets/ch10/tensorboard_scalars.py")
    out = _output(outputs, "snippets/ch10/tensorboard_scalars.py")
    runs = ["adam_lr_0.001", "adam_lr_0.01"]
    for run in runs:
        for split in ["train", "validation"]:
            events = list((folder / "logs" / run / split).glob("events.out.tfevents.*"))
            assert len(events) == 1
            assert f"logs/{run}/{split}" in out
    tags = {}
    for split in ["train", "validation"]:
        acc = EventAccumulator(str(folder / "logs" / runs[0] / split), size_guidance={"tensors": 0})
        acc.Reload()
        tags[split] = {t for t in acc.Tags()["tensors"] if t.startswith("epoch_")}
    assert tags["validation"] == {"epoch_loss", "epoch_accuracy"}
    assert tags["train"] == tags["validation"] | {"epoch_learning_rate"}
    # Caption: with lr=0.01 the network learns faster in these few epochs.
    acc = dict(re.findall(r"lr = (\S+): \d+ épocas, última val accuracy = (\S+)", out))
    assert float(acc["0.01"]) > float(acc["0.001"])


def test_tensorboard_caption_claims(outputs):
    """lr=0.01: validation loss levels off above training loss; lr=0.001: both go down."""
    import tensorflow as tf
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    folder = outputs("snippets/ch10/tensorboard_scalars.py")

    def losses(run, split):
        acc = EventAccumulator(str(folder / "logs" / run / split), size_guidance={"tensors": 0})
        acc.Reload()
        return [float(tf.make_ndarray(e.tensor_proto)) for e in acc.Tensors("epoch_loss")]

    fast_train, fast_val = losses("adam_lr_0.01", "train"), losses("adam_lr_0.01", "validation")
    slow_train, slow_val = losses("adam_lr_0.001", "train"), losses("adam_lr_0.001", "validation")
    assert fast_val[-1] > fast_train[-1]
    assert slow_train[-1] < slow_train[0] and slow_val[-1] < slow_val[0]
    assert slow_val[-1] > fast_val[-1]


# --- hiperparametros ----------------------------------------------------------------------


def test_random_search_table(outputs):
    rows = _table(outputs("snippets/ch10/tuner_random_search.py") / "results.md")
    assert len(rows) == 6  # max_trials
    scores = [float(r["val_accuracy"]) for r in rows]
    assert scores == sorted(scores, reverse=True)
    assert [int(r["rank"]) for r in rows] == list(range(1, 7))
    for r in rows:
        assert 1 <= int(r["n_hidden"]) <= 3
        assert int(r["n_neurons"]) in range(16, 129, 16)
        assert 1e-4 <= float(r["learning_rate"]) <= 1e-1
        assert r["optimizer"] in {"sgd", "adam"}
    out = _output(outputs, "snippets/ch10/tuner_random_search.py")
    assert 0 < _number(r"exactitud en prueba del mejor modelo: (\S+)", out) <= 1


def test_hyperband_table_follows_the_formula(outputs):
    rows = _table(outputs("snippets/ch10/tuner_hyperband.py") / "results.md")
    max_epochs, factor = 3, 3
    for r in rows:
        s, rnd = int(r["bracket"]), int(r["round"])
        assert int(r["epochs"]) == math.ceil(max_epochs / factor ** (s - rnd))
    # Two brackets: the page says so for R = 3, f = 3.
    assert {int(r["bracket"]) for r in rows} == {0, 1}
    # Keras Tuner's sizes: bracket 1 starts with ceil(ceil(1 + log_f R) / 2 * f) models.
    end_size = math.ceil(1 + math.log(max_epochs, factor))
    first_round = [r for r in rows if r["bracket"] == "1" and r["round"] == "0"]
    assert len(first_round) == math.ceil(end_size / 2 * factor)
    assert len([r for r in rows if r["bracket"] == "0"]) == end_size
    # Round 1 continues round-0 combinations: same hyperparameters, more epochs.
    keys = ["n_hidden", "n_neurons", "learning_rate", "optimizer"]
    starts = {tuple(r[k] for k in keys) for r in first_round}
    promoted = [r for r in rows if r["round"] == "1"]
    assert promoted and all(tuple(r[k] for k in keys) in starts for r in promoted)
    out = _output(outputs, "snippets/ch10/tuner_hyperband.py")
    assert int(_number(r"pruebas: (\d+)", out)) == len(rows)


def test_lr_sweep(outputs):
    folder = outputs("snippets/ch10/lr_sweep.py")
    out = _output(outputs, "snippets/ch10/lr_sweep.py")
    data = np.load(folder / "lr_sweep.npz")
    rates, smooth = data["rates"], data["smooth"]
    factor = _number(r"factor por lote = (\S+),", out)
    n_steps = int(_number(r"lotes recorridos = \d+ de (\d+)", out))
    # eta_t = eta_0 q^t with q = (10 / 1e-5) ** (1 / N)
    assert rates[0] == pytest.approx(1e-5)
    assert factor == pytest.approx((10 / 1e-5) ** (1 / n_steps), abs=1e-4)
    assert np.allclose(rates[1:] / rates[:-1], (10 / 1e-5) ** (1 / n_steps), rtol=1e-4)
    # The callback stopped because the smoothed loss exceeded 4x its minimum.
    assert len(rates) < n_steps and smooth[-1] > 4 * smooth.min()
    best = _number(r"pérdida mínima \(suavizada\) en lr = (\S+)", out)
    blowup = _number(r"se dispara en lr = (\S+)", out)
    chosen = _number(r"tasa elegida \(una décima parte\) = (\S+)", out)
    assert chosen == pytest.approx(blowup / 10, rel=1e-2)
    assert best <= blowup
    assert best == pytest.approx(rates[smooth.argmin()], rel=1e-2)
    # The check: the chosen rate beats 100x smaller and the blow-up rate.
    acc = {float(k): float(v) for k, v in re.findall(r"lr = (\S+): val_accuracy.* = (\S+)", out)}
    assert len(acc) == 3
    small, mid, large = sorted(acc)
    assert acc[mid] > acc[small] and acc[mid] > acc[large]
