"""The checked-in keyword data (``lstmlint/infer/layer_keywords.py``) is what real Keras accepts now.

Regenerates it under Keras 3 and tf-keras 2.21 (``python -m lstmlint.oracle.keywords --check``:
every candidate keyword passed to every layer-table constructor) and compares.
Needs TensorFlow here or in ``.venv-oracle``; about two minutes.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
ORACLE_PYTHON = ROOT / ".venv-oracle" / "bin" / "python"


def _keras_python() -> Optional[str]:
    if importlib.util.find_spec("tensorflow") is not None and importlib.util.find_spec("tf_keras") is not None:
        return sys.executable
    if ORACLE_PYTHON.exists():
        return str(ORACLE_PYTHON)
    return None


KERAS_PYTHON = _keras_python()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(KERAS_PYTHON is None, reason="needs TensorFlow and tf-keras (here or in .venv-oracle)"),
]


def test_layer_keywords_current():
    done = subprocess.run(
        [sys.executable, "-m", "lstmlint.oracle.keywords", "--check", "--python", KERAS_PYTHON],
        capture_output=True, text=True, timeout=3600, cwd=ROOT,
    )
    assert done.returncode == 0, f"{done.stdout[-6000:]}\n{done.stderr[-3000:]}"
