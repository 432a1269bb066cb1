from __future__ import annotations

from typing import Iterable

from ..infer.facts import ModelMethodCall
from ..infer.removed_api import METHODS
from .base import ERROR, CheckContext, Report, Rule
from .removed_examples import catalogue_row, MODEL, examples, report

_VALID, _INVALID = examples(METHODS.values(), lambda row: MODEL)


class RemovedModelMethod(Rule):
    """
    ## What it does
    Finds model methods that today's Keras no longer has: `fit_generator`,
    `evaluate_generator` and `predict_generator` (removed in Keras 3; Keras 2
    still runs them) and `predict_classes` / `predict_proba` (removed from
    both: tf-keras 2.21 has them no more).

    ## Why is this bad?
    The call raises `AttributeError: 'Sequential' object has no attribute
    'fit_generator'` the moment it runs, typically after the data was loaded
    and the model built.

    ## Use instead
    `fit`, `evaluate` and `predict` take generators, `tf.data` datasets and
    `keras.utils.PyDataset`s directly. For classes use
    `np.argmax(model.predict(x), axis=-1)` (softmax output) or
    `(model.predict(x) > 0.5).astype("int32")` (one sigmoid unit).

    ## Fix safety
    Renaming `fit_generator`/`evaluate_generator`/`predict_generator` and
    `predict_proba` is safe: further positional arguments become the keywords
    the old signature gave them. `predict_classes` is rewritten safely when the
    model's output size is known and NumPy is imported (argmax for several
    units, a 0.5 threshold for one); with an unknown output size the argmax
    form is an unsafe fix (`--unsafe-fixes`).

    Keras 2 here means tf-keras 2.21 (what `TF_USE_LEGACY_KERAS=1` loads).
    """

    code = "LS601"
    name = "removed-model-method"
    summary = "Model method removed from Keras (fit_generator, predict_classes, ...)"
    severity = ERROR
    facts = (ModelMethodCall,)

    VALID = _VALID
    INVALID = _INVALID

    @classmethod
    def catalogue(cls):
        return [catalogue_row(f"model.{row.name}()", row) for row in METHODS.values()]

    def check(self, call: ModelMethodCall, ctx: CheckContext) -> Iterable[Report]:
        row = METHODS.get(call.method)
        if row is None:
            return
        model_class = {"sequential": "Sequential", "functional": "Functional"}.get(call.model.kind, "Model")
        yield from report(row, ctx.keras_version, call.args.node, f"`{call.method}`", model_class, fix_data=_classes_fix(call))


def _classes_fix(call: ModelMethodCall) -> dict:
    """How predict_classes becomes modern: from the model's output size, when known."""
    if call.method != "predict_classes" or len(call.model.outputs) != 1:
        return {}
    dims = call.model.outputs[0].shape.dims
    units = dims[-1] if dims else None
    if isinstance(units, int) and not isinstance(units, bool):
        return {"classes": "threshold" if units == 1 else "argmax"}
    return {}
