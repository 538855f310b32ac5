"""The real MNIST loader (snippets/ch10/datasets/load_mnist.py), run on a small file of
the same format written into a temporary KERAS_HOME: no download."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "snippets/ch10/datasets/load_mnist.py"

# keras.datasets.mnist.load_data() checks the file's SHA-256 against the real MNIST and
# downloads it again on a mismatch. A small test file cannot match, so the runner below
# accepts any hash and turns any download attempt into an error.
RUN_OFFLINE = """
import runpy, sys
from keras.src.utils import file_utils
file_utils.validate_file = lambda *args, **kwargs: True
def no_download(*args, **kwargs):
    raise RuntimeError("the loader tried to download")
file_utils.urlretrieve = no_download
runpy.run_path(sys.argv[1], run_name="__main__")
"""


def test_snippet_uses_the_keras_loader():
    assert "keras.datasets.mnist.load_data()" in SNIPPET.read_text()


def test_loader_on_a_small_mnist_file(tmp_path):
    rng = np.random.default_rng(0)
    n_train, n_test = 5_600, 300  # the snippet keeps the last 5000 for validation
    datasets = tmp_path / "keras_home" / "datasets"
    datasets.mkdir(parents=True)
    np.savez_compressed(
        datasets / "mnist.npz",
        x_train=rng.integers(0, 256, size=(n_train, 28, 28), dtype=np.uint8),
        y_train=rng.integers(0, 10, size=n_train, dtype=np.uint8),
        x_test=rng.integers(0, 256, size=(n_test, 28, 28), dtype=np.uint8),
        y_test=rng.integers(0, 10, size=n_test, dtype=np.uint8),
    )
    env = dict(os.environ, KERAS_HOME=str(tmp_path / "keras_home"), TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run(
        [sys.executable, "-c", RUN_OFFLINE, str(SNIPPET)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = proc.stdout.splitlines()
    assert lines == [
        "X_train (600, 28, 28) y_train (600,)",
        "X_valid (5000, 28, 28) y_valid (5000,)",
        "X_test  (300, 28, 28) y_test  (300,)",
    ]
