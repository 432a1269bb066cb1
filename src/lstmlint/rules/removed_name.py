from __future__ import annotations

from typing import Iterable

from ..infer.facts import KerasName
from ..infer.removed_api import NAMES, first_removed, judged_version, raised
from .base import ERROR, CheckContext, Report, Rule, Valid
from .removed_examples import catalogue_row, examples

_VALID, _INVALID = examples(NAMES.values(), lambda row: "from tensorflow import keras\n")
_VALID += [
    # TensorFlow's tf.keras keeps the legacy preprocessing utilities under Keras 3 (only `keras` lost them)
    Valid("import tensorflow as tf\nfrom tensorflow.keras.preprocessing.image import ImageDataGenerator\n"
          "from tensorflow.keras.preprocessing.text import Tokenizer\ngen = tf.keras.preprocessing.image.ImageDataGenerator()\n"),
    # the tf_keras package is Keras 2, whatever Keras the project targets
    Valid("import tf_keras\nfrom tf_keras.backend import placeholder\ntf_keras.backend.set_learning_phase\n"),
    # Keras 3 has a keras.wrappers module of its own
    Valid("from tensorflow import keras\nfrom tensorflow.keras import wrappers\n", versions=(3,)),
]


class RemovedName(Rule):
    """
    ## What it does
    Finds imports and uses of Keras modules and names that no longer exist:
    the Keras 1/2 layer modules (`keras.layers.core`, `.convolutional`,
    `.recurrent`, `.advanced_activations`, `.merge`, ...), the old
    `keras.utils` submodules (`np_utils`, `vis_utils`, `visualize_util`,
    `data_utils`, `generic_utils`), `keras.engine`,
    `keras.wrappers.scikit_learn`, `Merge`, `CuDNNLSTM`, `multi_gpu_model`,
    `keras.backend` functions of the TensorFlow 1 era (`set_session`,
    `get_session`, `placeholder`, `function`, ...), and the legacy
    preprocessing utilities Keras 3 dropped from the `keras` package
    (`ImageDataGenerator`, `keras.preprocessing.text` with `Tokenizer`,
    `TimeseriesGenerator`, ...).

    ## Why is this bad?
    The import fails before anything else runs. What Python raises depends on
    how the code names the module, and the message says it the same way:
    `import keras.utils.np_utils` and `from keras.utils.np_utils import
    to_categorical` raise `ModuleNotFoundError: No module named
    'keras.utils.np_utils'`, `from keras.utils import np_utils` raises
    `ImportError: cannot import name 'np_utils' from 'keras.utils'`, and
    `keras.utils.np_utils` (an attribute) raises `AttributeError`. Most of
    these are gone from tf-keras 2.21 as well; the `keras.backend` graph
    functions only from Keras 3. The legacy preprocessing utilities are gone
    only from `keras` itself: TensorFlow's `tensorflow.keras.preprocessing`
    still has them (deprecated) under Keras 3, so that spelling is not
    reported; nor is anything imported from `tf_keras`, which is Keras 2.
    Old names that still work (`Convolution1D`) are not reported.

    ## Use instead
    Import layers from `keras.layers`, `to_categorical`, `get_file` and
    `plot_model` from `keras.utils`, the scikit-learn wrappers from
    `scikeras`; `keras.utils.image_dataset_from_directory` with augmentation
    layers instead of `ImageDataGenerator`, `keras.layers.TextVectorization`
    instead of `Tokenizer`. The message names each replacement.

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
        spelled = name.spelled or name.qualname
        version = judged_version(spelled, ctx.keras_version)
        found = first_removed(name.qualname, spelled, version)
        if found is None:
            return
        row, missing = found
        if not name.module and row.qualname != name.qualname:
            return  # a name inside a removed module: reported where the module is named
        yield Report(
            node=name.node,
            message=f"`{missing}` was removed: Keras {version} raises {raised(name.form, spelled, missing)}",
            fix=row.replacement,
            fix_data={"removed": row.qualname},
        )
