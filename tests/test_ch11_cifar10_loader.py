"""The real CIFAR-10 loader (snippets/ch11/datasets/load_cifar10.py), run on a small
archive of the same format written into a temporary KERAS_HOME: no download."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
import tarfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "snippets/ch11/datasets/load_cifar10.py"
KERAS_CIFAR10 = Path(sys.prefix) / "lib/python3.11/site-packages/keras/src/datasets/cifar10.py"

# keras.datasets.cifar10.load_data() checks the archive's SHA-256 against the real one and
# downloads it again on a mismatch. A small test archive cannot match, so the runner below
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

# What keras/src/datasets/cifar10.py expects (checked in test_archive_names_match_keras):
# get_file(fname="cifar-10-batches-py-target", extract=True) keeps the download as
# "<fname>_archive" and extracts it into "<fname>/", whose inner folder
# "cifar-10-batches-py/" holds data_batch_1..5 (10 000 images each) and test_batch.
FNAME = "cifar-10-batches-py-target"
N_TEST = 200


def batch_bytes(data: np.ndarray, labels: list[int]) -> bytes:
    """One CIFAR batch: a pickled dict with bytes keys, as in the original Python files.
    Keras' restricted unpickler accepts only the globals that rebuild a NumPy array:
    protocol 2 would pickle bytes through _codecs.encode, and protocol 5 would rebuild
    the array through numpy's _frombuffer, so protocol 4."""
    return pickle.dumps({b"data": data, b"labels": labels}, protocol=4)


def write_archive(datasets: Path) -> None:
    datasets.mkdir(parents=True)
    with tarfile.open(datasets / f"{FNAME}_archive", "w:gz", compresslevel=1) as tar:

        def add(name: str, payload: bytes) -> None:
            info = tarfile.TarInfo(f"cifar-10-batches-py/{name}")
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))

        for i in range(1, 6):
            data = np.full((10_000, 3 * 32 * 32), 40 * i, dtype=np.uint8)
            data[-1, 0], data[-1, 1] = 0, 255  # the extremes, in the training part
            add(f"data_batch_{i}", batch_bytes(data, [k % 10 for k in range(10_000)]))
        test = np.full((N_TEST, 3 * 32 * 32), 7, dtype=np.uint8)
        add("test_batch", batch_bytes(test, [k % 10 for k in range(N_TEST)]))


def test_snippet_uses_the_keras_loader():
    assert "keras.datasets.cifar10.load_data()" in SNIPPET.read_text()


def test_archive_names_match_keras():
    source = KERAS_CIFAR10.read_text()
    assert f'dirname = "{FNAME}"' in source
    assert '"cifar-10-batches-py"' in source
    assert 'f"data_batch_{i}"' in source and '"test_batch"' in source


def test_loader_on_a_small_cifar10_archive(tmp_path):
    keras_home = tmp_path / "keras_home"
    write_archive(keras_home / "datasets")
    env = dict(os.environ, KERAS_HOME=str(keras_home), TF_CPP_MIN_LOG_LEVEL="3")
    proc = subprocess.run(
        [sys.executable, "-c", RUN_OFFLINE, str(SNIPPET)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.splitlines() == [
        "train: (45000, 32, 32, 3) (45000,)",
        "valid: (5000, 32, 32, 3) (5000,)",
        f"test:  ({N_TEST}, 32, 32, 3) ({N_TEST},)",
        "píxeles en (0.0, 1.0) clases: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]",
    ]
