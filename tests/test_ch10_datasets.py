"""The data-set loaders of chapter 10, run on small files in the exact cache format.

The build never runs snippets/ch10/datasets/*.py (they would download). Here each
loader runs in its own process against a temporary cache that this test writes in
the format the library reads, so the code shown on the pages is exercised as is.
"""

from __future__ import annotations

import gzip
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import joblib
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets" / "ch10" / "datasets"
# Any download attempt fails fast instead of hanging.
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}


def run_loader(name: str, cwd: Path, **env: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(SNIPPETS / name)],
        cwd=cwd,
        env=dict(
            os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="-1", **NO_NETWORK, **env
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Downloading" not in proc.stdout + proc.stderr
    return proc.stdout


def write_idx_images(path: Path, images: np.ndarray) -> None:
    """IDX3: magic 2051, count, rows, cols (big-endian uint32), then the uint8 pixels."""
    header = struct.pack(">IIII", 2051, len(images), 28, 28)
    with gzip.open(path, "wb") as f:
        f.write(header + images.astype(np.uint8).tobytes())


def write_idx_labels(path: Path, labels: np.ndarray) -> None:
    """IDX1: magic 2049, count (big-endian uint32), then the uint8 labels."""
    header = struct.pack(">II", 2049, len(labels))
    with gzip.open(path, "wb") as f:
        f.write(header + labels.astype(np.uint8).tobytes())


def test_fashion_mnist_loader_reads_the_keras_cache(tmp_path):
    keras_home = tmp_path / "keras_home"
    folder = keras_home / "datasets" / "fashion-mnist"  # as in keras/src/datasets/fashion_mnist.py
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    n_train, n_test = 5010, 7  # the snippet keeps the last 5000 for validation
    x_train = rng.integers(0, 256, size=(n_train, 28, 28))
    x_train[0, 0, 0], x_train[0, 0, 1] = 0, 255  # the full range, so /255 gives 0..1
    y_train = np.arange(n_train) % 10
    y_train[0] = 9
    write_idx_labels(folder / "train-labels-idx1-ubyte.gz", y_train)
    write_idx_images(folder / "train-images-idx3-ubyte.gz", x_train)
    write_idx_labels(folder / "t10k-labels-idx1-ubyte.gz", np.arange(n_test) % 10)
    write_idx_images(folder / "t10k-images-idx3-ubyte.gz", rng.integers(0, 256, (n_test, 28, 28)))

    out = run_loader("load_fashion_mnist.py", tmp_path, KERAS_HOME=str(keras_home))

    assert "train: (10, 28, 28) valid: (5000, 28, 28) test: (7, 28, 28)" in out
    assert "rango: 0.0 - 1.0  dtype: float64" in out
    assert "primera etiqueta: 9 Ankle boot" in out


def test_california_housing_loader_reads_the_sklearn_cache(tmp_path):
    data_home = tmp_path / "scikit_learn_data"
    data_home.mkdir()
    rng = np.random.default_rng(0)
    n = 40
    # The columns sklearn stores (after its reordering): median house value, median
    # income, house age, total rooms, total bedrooms, population, households, lat, lon.
    table = np.column_stack(
        [
            np.linspace(50_000, 500_000, n),
            rng.uniform(0.5, 15, n),
            rng.integers(1, 52, n),
            rng.integers(500, 5000, n),
            rng.integers(100, 1000, n),
            rng.integers(300, 3000, n),
            rng.integers(100, 900, n),
            rng.uniform(32.5, 42, n),
            rng.uniform(-124.3, -114.3, n),
        ]
    )
    joblib.dump(table, data_home / "cal_housing_py3.pkz", compress=6)

    out = run_loader("load_california_housing.py", tmp_path, SCIKIT_LEARN_DATA=str(data_home))

    assert (
        "variables: ['MedInc', 'HouseAge', 'AveRooms', 'AveBedrms', 'Population', "
        "'AveOccup', 'Latitude', 'Longitude']" in out
    )
    # train_test_split keeps 25 % for test twice: 40 -> 30 + 10 -> 22 + 8.
    assert "train: (22, 8) valid: (8, 8) test: (10, 8)" in out
    low, high = map(float, re.search(r"objetivo: min (\S+)  max (\S+)", out).groups())
    assert 0.5 <= low < high <= 5.0  # dollars / 100 000, as sklearn converts them
