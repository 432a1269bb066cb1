"""NumPy as real scripts use it: the shapes and dtypes inference gives
(each checked against real NumPy by tests/oracle/test_numpy_forms_real.py)."""

import pytest

from lstmlint.infer.shapes import is_known
from lstmlint.infer.values import Array
from lstmlint.testing import infer_names

from numpy_forms_table import CASES, SETUP


def _inferred(code: str) -> Array:
    value = infer_names(SETUP + code + "\n")["r"]
    assert isinstance(value, Array), value
    return value


@pytest.mark.parametrize("code, shape, dtype", CASES.values(), ids=CASES.keys())
def test_numpy_form(code, shape, dtype):
    value = _inferred(code)
    assert tuple(d if is_known(d) else None for d in value.shape.dims) == shape
    assert value.dtype == dtype


def test_eye_rows_are_one_hot():
    assert _inferred("r = np.eye(5)[labels]").one_hot
    assert not _inferred("r = np.eye(5, k=1)[labels]").one_hot


def test_argmax_of_one_hot_bounds_the_ids():
    assert _inferred("r = np.argmax(np.eye(5)[labels], axis=1)").int_range == (0, 4)


UNKNOWN_FORMS = {
    "a scalar beside an index array": "r = X[labels, 0]",
    "two index arrays": "r = X[labels, labels]",
    "a mask of another length": "r = X[np.zeros(7) > 0]",
    "a float index array": "r = X[np.random.rand(4)]",
    "more indices than axes": "r = X[:, :, :, [0]]",
    "argmax without an axis": "r = np.argmax(X)",
    "strings as an index": "r = X[['a', 'b']]",
    "a row of a DataFrame loop (column names)": "import pandas as pd\nfor r in pd.read_csv('f.csv'):\n    pass",
    "a negative tile count": "r = np.tile(X, -1)",
}


@pytest.mark.parametrize("code", UNKNOWN_FORMS.values(), ids=UNKNOWN_FORMS.keys())
def test_unfollowed_forms_stay_unknown(code):
    value = infer_names(SETUP + code + "\n").get("r")
    assert not isinstance(value, Array) or value.shape.dims is None
