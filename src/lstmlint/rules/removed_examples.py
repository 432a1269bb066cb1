"""The LS6xx rules' examples, made from the removed-API table's rows.

Each row's old line becomes an INVALID program (claimed on the versions that
reject it) and its modern line a VALID one, so
the oracle suite checks every row of the table, not a hand-picked few.
"""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Tuple

from ..diagnostics import Severity
from ..infer.removed_api import BOTH
from .base import Invalid, Report, Valid

IMPORTS = """\
from tensorflow import keras
from tensorflow.keras import layers
"""

MODEL = """\
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

x = np.random.rand(8, 5, 3)
y = np.eye(2)[np.arange(8) % 2]


def batches():
    while True:
        yield x, y


def inputs():
    while True:
        yield (x,)


model = keras.Sequential([keras.Input(shape=(5, 3)), layers.LSTM(4), layers.Dense(2, activation="softmax")])
model.compile(loss="categorical_crossentropy", optimizer="adam")
"""


def examples(rows: Iterable, prelude_of) -> Tuple[List[Valid], List[Invalid]]:
    """(VALID, INVALID) from table rows with ``example``/``modern_example`` lines."""
    valid, invalid, seen = [], [], set()
    for row in rows:
        prelude = prelude_of(row)
        invalid.append(Invalid(prelude + "\n" + row.example + "\n", versions=row.versions))
        if row.modern_example and row.modern_example not in seen:
            seen.add(row.modern_example)
            valid.append(Valid(prelude + "\n" + row.modern_example + "\n", versions=BOTH))
    return valid, invalid


def severity_of(row, version: int):
    """Error where Keras rejects the old spelling, warning where it ignores it, else nothing."""
    if version in row.versions:
        return Severity.ERROR
    return Severity.WARNING if version in getattr(row, "warn", ()) else None


def report(row, version: int, node, what: str, callee: str = "", kwargs: Optional[str] = None,
           naming: Sequence[str] = (), **extra) -> Iterable[Report]:
    """The report of a table row, if Keras ``version`` rejects (or ignores) it;
    ``callee`` fills the row's ``{layer}`` placeholder (the class or method called),
    ``kwargs`` its ``{kwargs}`` (the rejected keywords and values, as Keras prints
    them); without it the message names the keywords (``naming``) instead."""
    severity = severity_of(row, version)
    if severity is None:
        return
    if severity is Severity.ERROR:
        raised = row.raises[version].replace("{layer}", callee)
        if "{kwargs}" not in raised:
            text = f"`{raised}`"
        elif kwargs is not None:
            text = f"`{raised.replace('{kwargs}', kwargs)}`"
        else:
            text = f"`{raised.partition(': {kwargs}')[0]}`, naming " + ", ".join(f"`{k}`" for k in naming)
        message = f"{what} was removed: Keras {version} raises {text}"
    else:
        message = f"{what} is ignored by Keras {version} (it has no effect)"
    yield Report(node=node, message=message, fix=row.replacement, severity=severity, **extra)


def catalogue_row(old: str, row) -> Tuple[str, str, str]:
    """(old spelling, where it fails, replacement) for ``lstmlint rules --family``."""
    where = " and ".join(f"Keras {v}" for v in sorted(row.versions, reverse=True))
    if getattr(row, "plain_keras", False):
        where += " (`keras` only: `tensorflow.keras` keeps it)"
    if getattr(row, "warn", ()):
        where += " (ignored by " + " and ".join(f"Keras {v}" for v in row.warn) + ")"
    return old, where, row.replacement
