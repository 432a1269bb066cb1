from __future__ import annotations

from typing import Iterable

from ..diagnostics import Severity
from ..infer.removed_api import keyword_entry
from ..infer.facts import Construction
from .base import CheckContext, Invalid, Report, Rule, Valid

# ModelCheckpoint's parameters: Keras 3 takes only these (TypeError otherwise);
# Keras 2 also takes `options` and, through **kwargs, `period` and
# `load_weights_on_restart`, and silently ignores any other keyword.
_KERAS3_PARAMS = (
    "filepath",
    "monitor",
    "verbose",
    "save_best_only",
    "save_weights_only",
    "mode",
    "save_freq",
    "initial_value_threshold",
)
_KERAS2_ONLY = ("options", "period", "load_weights_on_restart")


class CheckpointPath(Rule):
    """
    ## What it does
    Finds `ModelCheckpoint` callbacks that Keras 3 refuses to create: a
    `filepath` that does not end in `.keras` or `.h5` (e.g. the `.hdf5` of
    older tutorials), a `save_weights_only=True` path that does not end in
    `.weights.h5`, or a keyword `ModelCheckpoint` does not take (a misspelling
    such as `save_best=True`, or Keras 2's `period=`).

    ## Why is this bad?
    Keras 3 raises `ValueError: The filepath provided must end in .keras
    (Keras model format)` (or `... must end in .weights.h5`), or `TypeError:
    ModelCheckpoint.__init__() got an unexpected keyword argument`, when the
    callback is created. Keras 2 accepts these paths, and silently ignores a
    misspelt keyword (a warning there: the option you meant is not in effect).

    ## Use instead
    `ModelCheckpoint("best.keras", save_best_only=True)`, or
    `ModelCheckpoint("best.weights.h5", save_weights_only=True)`.
    """

    code = "LS502"
    name = "checkpoint-path"
    summary = "ModelCheckpoint path suffix or keyword Keras 3 rejects"
    severity = {3: Severity.ERROR, 2: Severity.WARNING}
    facts = (Construction,)

    VALID = [
        Valid("""
from tensorflow import keras

best = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss", save_best_only=True)
weights = keras.callbacks.ModelCheckpoint("best.weights.h5", save_weights_only=True)
legacy = keras.callbacks.ModelCheckpoint("best.h5")
"""),
        Valid("""
from tensorflow import keras

checkpoint = keras.callbacks.ModelCheckpoint("weights-{epoch:02d}.hdf5", period=5)
""", versions=(2,)),
    ]
    INVALID = [
        Invalid("""
from tensorflow import keras

checkpoint = keras.callbacks.ModelCheckpoint("weights-{epoch:02d}.hdf5", save_best_only=True)
""", versions=(3,), message_contains="`.keras`"),
        Invalid("""
from tensorflow import keras

path = "model" + ".keras"
checkpoint = keras.callbacks.ModelCheckpoint(filepath=path, save_weights_only=True)
""", versions=(3,), message_contains="`.weights.h5`"),
        Invalid("""
from tensorflow import keras

checkpoint = keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss", save_best=True)
""", message_contains="save_best"),
    ]

    def check(self, built: Construction, ctx: CheckContext) -> Iterable[Report]:
        if built.name != "ModelCheckpoint" or built.args.has_star:
            return
        keywords = list(self._keywords(built, ctx))
        yield from keywords
        if ctx.keras_version == 3:
            for report in self._path(built):
                if keywords:  # the unknown keyword is a TypeError before the path is looked at
                    report.message += " (after the unknown keyword on this call, which Keras raises first)"
                yield report

    def _keywords(self, built: Construction, ctx: CheckContext) -> Iterable[Report]:
        for keyword, node in built.args.keyword_nodes.items():
            if keyword in _KERAS3_PARAMS or keyword_entry("ModelCheckpoint", keyword) is not None:
                continue  # removed-API keywords (``period=``) are LS602's
            if ctx.keras_version == 3:
                yield Report(
                    node=node,
                    message=f"Keras 3's `ModelCheckpoint` has no `{keyword}=` argument (TypeError: unexpected keyword argument)",
                    fix=_keyword_fix(keyword),
                )
            elif keyword not in _KERAS2_ONLY:
                yield Report(
                    node=node,
                    message=f"`ModelCheckpoint` has no `{keyword}=` argument: Keras 2 silently ignores it",
                    fix=_keyword_fix(keyword),
                )

    def _path(self, built: Construction) -> Iterable[Report]:
        path = built.args.get(0, "filepath", None)
        node = built.args.node_of(0, "filepath")
        weights_only = built.args.get(4, "save_weights_only", False)
        if not isinstance(path, str) or node is None or not isinstance(weights_only, bool):
            return
        if weights_only and not path.endswith(".weights.h5"):
            yield Report(
                node=node,
                message=f"with `save_weights_only=True` Keras 3's `ModelCheckpoint` needs a path ending in `.weights.h5`, not {path!r}",
                fix=f"use {_stem(path) + '.weights.h5'!r}",
            )
        elif not weights_only and not path.endswith((".keras", ".h5")):
            yield Report(
                node=node,
                message=f"Keras 3's `ModelCheckpoint` saves whole models only to a path ending in `.keras` (or legacy `.h5`), not {path!r}",
                fix=f"use {_stem(path) + '.keras'!r}, or `save_weights_only=True` with a `.weights.h5` path",
            )


def _stem(path: str) -> str:
    for suffix in (".weights.h5", ".hdf5", ".keras", ".h5", ".ckpt"):
        if path.endswith(suffix):
            return path[: -len(suffix)]
    return path


def _keyword_fix(keyword: str) -> str:
    close = [name for name in _KERAS3_PARAMS if name.startswith(keyword) or keyword.startswith(name)]
    if keyword == "period":
        return "use `save_freq=` (a number of batches) instead of `period=`"
    if close:
        return f"did you mean `{close[0]}=`?"
    return f"remove it; `ModelCheckpoint` takes {', '.join(f'`{name}`' for name in _KERAS3_PARAMS[1:])}"
