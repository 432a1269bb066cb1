"""The NumPy forms table against real NumPy: every expected shape and dtype
is what NumPy gives (None: any size). Skipped without NumPy (the oracle extra)."""

import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from numpy_forms_table import CASES, SETUP  # noqa: E402


@pytest.mark.parametrize("code, shape, dtype", CASES.values(), ids=CASES.keys())
def test_numpy_gives_the_expected_shape(code, shape, dtype):
    namespace: dict = {}
    exec(SETUP + code + "\n", namespace)
    real = namespace["r"]
    assert len(real.shape) == len(shape)
    assert all(e is None or e == d for e, d in zip(shape, real.shape)), real.shape
    assert str(real.dtype) == dtype
