from __future__ import annotations

from typing import Iterable

from ..infer.facts import KerasName
from ..infer.removed_api import NAMES, removed_name
from .base import ERROR, CheckContext, Report, Rule
from .removed_examples import catalogue_row, examples, report

_VALID, _INVALID = examples(NAMES.values(), lambda row: "from tensorflow import keras\n")


class RemovedName(Rule):
    """
    ## What it does
    Finds imports and uses of Keras modules and names that no longer exist:
    the Keras 1/2 layer modules (`keras.layers.core`, `.convolutional`,
    `.recurrent`, `.advanced_activations`, `.merge`, ...), `keras.utils.np_utils`
    and `vis_utils`, `keras.wrappers.scikit_learn`, `Merge`, `CuDNNLSTM`,
    `multi_gpu_model`, and `keras.backend` functions of the TensorFlow 1 era
    (`set_session`, `get_session`, `placeholder`, `function`, ...).

    ## Why is this bad?
    The import fails before anything else runs: `ModuleNotFoundError: No
    module named 'tensorflow.keras.layers.core'`, `ImportError: cannot import
    name 'np_utils' from 'tensorflow.keras.utils'`. Most of these are gone
    from tf-keras 2.21 as well; the `keras.backend` graph functions only from
    Keras 3. Old names that still work (`Convolution1D`) are not reported.

    ## Use instead
    Import layers from `keras.layers`, `to_categorical` from `keras.utils`, the
    scikit-learn wrappers from `scikeras`; the message names each replacement.

    ## Fix safety
    Moving an import to the module that now holds the same names
    (`from keras.layers.core import Dense` -> `from keras.layers import
    Dense`, `keras.layers.core.Dense` -> `keras.layers.Dense`, `np_utils` ->
    `to_categorical` from `keras.utils`, with its uses) is safe when every
    name is known to exist there; anything else is only described.
    """

    code = "LS603"
    name = "removed-module-or-name"
    summary = "Keras module or name removed (keras.layers.core, np_utils, Merge, ...)"
    severity = ERROR
    facts = (KerasName,)

    VALID = _VALID
    INVALID = _INVALID

    @classmethod
    def catalogue(cls):
        return [catalogue_row(row.qualname, row) for row in NAMES.values()]

    def check(self, name: KerasName, ctx: CheckContext) -> Iterable[Report]:
        row = removed_name(name.qualname)
        if row is None or not (name.module or row.qualname == name.qualname):
            return
        yield from report(row, ctx.keras_version, name.node, f"`{row.qualname}`", fix_data={"removed": row.qualname})
