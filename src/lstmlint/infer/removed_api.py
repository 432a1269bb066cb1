"""What today's Keras removed or renamed, as data (the LS6xx rules read it).

Every entry was observed under real Keras by the oracle (tensorflow 2.21 with
Keras 3.15, and tf-keras 2.21 under ``TF_USE_LEGACY_KERAS=1``): ``raises``
maps each Keras version that rejects the old spelling to the exception it
gives.  A version missing from ``raises`` runs the old code.  A removed
module or name lists only its ``versions``: what Python raises depends on
how the code names it (:func:`raised`).  Each entry also
carries a one-line ``example`` of the old spelling and, where one exists, the
``modern`` line that replaces it: the rules turn them into their runnable
INVALID/VALID examples, so the oracle suite re-checks every row. A keyword
row runs on one class of its family (``Dense`` for ``init=``); the others
reject unknown keywords through the same base-layer check.

"Keras 2" means tf-keras 2.21, the Keras 2 the oracle runs, whatever the
import spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, FrozenSet, Optional, Tuple

BOTH = (3, 2)


@dataclass(frozen=True)
class RemovedMethod:
    """A model method that no longer exists."""

    name: str
    raises: Dict[int, str]
    modern: str  # the method that takes the same data (predict_classes: then classes from its output)
    replacement: str  # what to write instead, for people
    old_positional: Tuple[str, ...] = ()  # the old signature after the first argument (for a safe rename)
    example: str = ""
    modern_example: str = ""
    old_first: str = "x"  # the old name of the first argument (the data): `generator=` becomes `x=`
    same_result: bool = True  # the modern method gives what the old one gave (the rename is a safe fix)

    @property
    def versions(self) -> Tuple[int, ...]:
        return tuple(sorted(self.raises))


@dataclass(frozen=True)
class RemovedKeyword:
    """A keyword argument a call no longer accepts.

    ``callees`` are layer/optimizer/callback class names or model method names
    (``fit``...: the data methods, also reached through their old
    ``*_generator`` spellings).  ``rename`` is the keyword that means exactly
    the same; ``drop`` says removing it changes no result (only speed).
    """

    keyword: str
    callees: FrozenSet[str]
    raises: Dict[int, str]
    replacement: str
    rename: Optional[str] = None
    drop: bool = False
    warn: Tuple[int, ...] = ()  # versions that accept and silently ignore it
    example: str = ""
    modern_example: str = ""

    @property
    def versions(self) -> Tuple[int, ...]:
        return tuple(sorted(self.raises))


@dataclass(frozen=True)
class RemovedName:
    """A module or a name inside one that no longer exists (``keras.`` spelling).

    ``versions`` are the Keras versions without it. ``moved_to`` is the module
    that now holds the same names (so the import can be rewritten);
    ``movable`` are the names known to exist there. ``plain_keras``: only the
    ``keras`` package lost it; ``tensorflow.keras`` (TensorFlow's copy of the
    Keras 2 API, kept under Keras 3) still has it.
    """

    qualname: str
    versions: Tuple[int, ...]
    replacement: str
    moved_to: Optional[str] = None
    movable: Optional[FrozenSet[str]] = frozenset()  # None: the layer table's names
    example: str = ""
    modern_example: str = ""
    plain_keras: bool = False

    def can_move(self, name: str) -> bool:
        """``name`` exists in ``moved_to`` (so an import of it can be rewritten)."""
        if self.movable is not None:
            return name in self.movable
        from .layer_table import LAYERS  # lazily: this module is imported by names.py

        return name in LAYERS or name in LAYER_FUNCTIONS or name in _OTHER_LAYERS


def _both(message: str) -> Dict[int, str]:
    return {3: message, 2: message}


_NO_ATTR = "AttributeError: '{{layer}}' object has no attribute '{}'"  # {layer}: the model's class
_GENERATOR_TAIL = ("steps", "callbacks", "max_queue_size", "workers", "use_multiprocessing", "verbose")

METHODS: Dict[str, RemovedMethod] = {
    entry.name: entry
    for entry in (
        RemovedMethod(
            "fit_generator", {3: _NO_ATTR.format("fit_generator")}, "fit",
            "`fit` takes the generator itself: `model.fit(generator, steps_per_epoch=..., epochs=...)`",
            ("steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data", "validation_steps",
             "validation_freq", "class_weight", "max_queue_size", "workers", "use_multiprocessing", "shuffle", "initial_epoch"),
            "model.fit_generator(batches(), steps_per_epoch=1, epochs=1, verbose=0)",
            "model.fit(batches(), steps_per_epoch=1, epochs=1, verbose=0)", "generator",
        ),
        RemovedMethod(
            "evaluate_generator", {3: _NO_ATTR.format("evaluate_generator")}, "evaluate",
            "`evaluate` takes the generator itself: `model.evaluate(generator, steps=...)`", _GENERATOR_TAIL,
            "model.evaluate_generator(batches(), steps=1, verbose=0)", "model.evaluate(batches(), steps=1, verbose=0)", "generator",
        ),
        RemovedMethod(
            "predict_generator", {3: _NO_ATTR.format("predict_generator")}, "predict",
            "`predict` takes the generator itself: `model.predict(generator, steps=...)`", _GENERATOR_TAIL,
            "model.predict_generator(inputs(), steps=1, verbose=0)", "model.predict(inputs(), steps=1, verbose=0)", "generator",
        ),
        RemovedMethod(
            "predict_classes", _both(_NO_ATTR.format("predict_classes")), "predict",
            "`np.argmax(model.predict(x), axis=-1)` for a softmax output, `(model.predict(x) > 0.5).astype(\"int32\")` for one sigmoid unit",
            example="model.predict_classes(x, verbose=0)",
            modern_example="np.argmax(model.predict(x, verbose=0), axis=-1)",
        ),
        RemovedMethod(
            "predict_proba", _both(_NO_ATTR.format("predict_proba")), "predict",
            "`model.predict(x)` (it returned the same probabilities)", ("batch_size", "verbose"),
            "model.predict_proba(x, verbose=0)", "model.predict(x, verbose=0)",
        ),
        RemovedMethod(
            "to_yaml", {3: _NO_ATTR.format("to_yaml"), 2: "RuntimeError: Method `model.to_yaml()` has been removed due to security risk of arbitrary code execution"},
            "to_json", "`model.to_json()` (YAML model configs were removed)",
            example="model.to_yaml()", modern_example="model.to_json()", same_result=False,
        ),
    )
}

DATA_METHODS = frozenset({"fit", "evaluate", "predict"})
_FIT = frozenset({"fit"})
_UNEXPECTED = "TypeError: {{layer}}() got an unexpected keyword argument '{}'"  # {layer}: the callee, filled in when reported
# {kwargs}: the call's rejected keywords with their values, as Keras prints them ({'init': 'uniform'})
_KERAS1 = {3: "ValueError: Unrecognized keyword arguments passed to {layer}: {kwargs}",
           2: "TypeError: ('Keyword argument not understood:', '{kw}')"}
_MISSING = "TypeError: {{layer}}.__init__() missing 1 required positional argument: '{}'"

_DENSE = frozenset({"Dense"})
_CONV = frozenset({"Conv1D", "Conv2D", "Conv3D", "Convolution1D", "Convolution2D", "Convolution3D"})
_RECURRENT = frozenset({"LSTM", "GRU", "SimpleRNN"})
_KERNEL = _DENSE | _CONV | _RECURRENT
_POOL1D = frozenset({"MaxPooling1D", "AveragePooling1D"})
_POOL = _POOL1D | frozenset({"MaxPooling2D", "AveragePooling2D"})
_OPTIMIZERS = frozenset({"Adam", "SGD", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam"})


def _keras1(keyword: str, callees: FrozenSet[str], rename: Optional[str], example: str, modern: str = "", replacement: str = "",
            missing: str = "") -> RemovedKeyword:
    """A Keras 1 layer keyword: every Keras since 2 rejects an unknown layer keyword
    (or, first, misses the ``missing`` argument it stood for)."""
    raises = _both(_MISSING.format(missing)) if missing else {v: m.format(layer="{layer}", kw=keyword, kwargs="{kwargs}") for v, m in _KERAS1.items()}
    return RemovedKeyword(keyword, callees, raises, replacement or f"`{rename}=` (its Keras 2 name)", rename, example=example, modern_example=modern)


KEYWORDS: Tuple[RemovedKeyword, ...] = (
    RemovedKeyword("nb_epoch", _FIT, _both(_UNEXPECTED.format("nb_epoch")), "`epochs=`", "epochs",
                   example="model.fit(x, y, nb_epoch=1, verbose=0)", modern_example="model.fit(x, y, epochs=1, verbose=0)"),
    RemovedKeyword("samples_per_epoch", _FIT, _both(_UNEXPECTED.format("samples_per_epoch")),
                   "`steps_per_epoch=` (it counts batches, not samples: samples // batch_size)",
                   example="model.fit(x, y, epochs=1, samples_per_epoch=8, verbose=0)"),
    RemovedKeyword("nb_val_samples", _FIT, _both(_UNEXPECTED.format("nb_val_samples")),
                   "`validation_steps=` (it counts batches, not samples)",
                   example="model.fit(x, y, epochs=1, validation_data=(x, y), nb_val_samples=8, verbose=0)"),
    *(
        RemovedKeyword(keyword, DATA_METHODS, {3: _UNEXPECTED.format(keyword)},
                       "remove it (Keras 3 sets loading parallelism on a `keras.utils.PyDataset`: `PyDataset(workers=..., use_multiprocessing=...)`)",
                       drop=True, example=f"model.fit(x, y, epochs=1, {keyword}={value}, verbose=0)",
                       modern_example="model.fit(x, y, epochs=1, verbose=0)")
        for keyword, value in (("use_multiprocessing", "True"), ("workers", "2"), ("max_queue_size", "5"))
    ),
    RemovedKeyword("sample_weight_mode", frozenset({"compile"}),
                   {3: _UNEXPECTED.format("sample_weight_mode")},
                   "remove it and pass `sample_weight=` shaped like the targets' leading axes to `fit`",
                   example="model.compile(loss='mse', optimizer='adam', sample_weight_mode='temporal')"),
    RemovedKeyword("lr", _OPTIMIZERS, {3: "ValueError: Argument(s) not recognized: {kwargs}"}, "`learning_rate=`", "learning_rate",
                   example="keras.optimizers.Adam(lr=0.01)", modern_example="keras.optimizers.Adam(learning_rate=0.01)"),
    RemovedKeyword("decay", _OPTIMIZERS,
                   {2: "ValueError: decay is deprecated in the new TF-Keras optimizer, please check the docstring for valid arguments, or use the legacy optimizer"},
                   "a schedule: `learning_rate=keras.optimizers.schedules.InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)` (Keras 3 ignores `decay=`)",
                   warn=(3,), example="keras.optimizers.Adam(learning_rate=0.01, decay=1e-6)"),
    RemovedKeyword("period", frozenset({"ModelCheckpoint"}),
                   {3: "TypeError: {layer}.__init__() got an unexpected keyword argument 'period'"},
                   "`save_freq=` (`'epoch'`, or a number of batches)",
                   example="keras.callbacks.ModelCheckpoint('weights.keras', period=1)",
                   modern_example="keras.callbacks.ModelCheckpoint('weights.keras', save_freq='epoch')"),
    RemovedKeyword("output_dim", _DENSE | _RECURRENT, _both(_MISSING.format("units")), "`units=`", "units",
                   example="layers.Dense(output_dim=4)", modern_example="layers.Dense(units=4)"),
    _keras1("init", _KERNEL, "kernel_initializer", "layers.Dense(4, init='glorot_uniform')", "layers.Dense(4, kernel_initializer='glorot_uniform')"),
    _keras1("W_regularizer", _KERNEL, "kernel_regularizer", "layers.Dense(4, W_regularizer=keras.regularizers.l2(0.01))",
            "layers.Dense(4, kernel_regularizer=keras.regularizers.l2(0.01))"),
    _keras1("b_regularizer", _KERNEL, "bias_regularizer", "layers.Dense(4, b_regularizer=keras.regularizers.l2(0.01))"),
    _keras1("inner_init", _RECURRENT, "recurrent_initializer", "layers.LSTM(4, inner_init='orthogonal')",
            "layers.LSTM(4, recurrent_initializer='orthogonal')"),
    _keras1("U_regularizer", _RECURRENT, "recurrent_regularizer", "layers.LSTM(4, U_regularizer=keras.regularizers.l2(0.01))"),
    _keras1("dropout_W", _RECURRENT, "dropout", "layers.LSTM(4, dropout_W=0.1)", "layers.LSTM(4, dropout=0.1)"),
    _keras1("dropout_U", _RECURRENT, "recurrent_dropout", "layers.LSTM(4, dropout_U=0.1)", "layers.LSTM(4, recurrent_dropout=0.1)"),
    _keras1("consume_less", _RECURRENT, None, "layers.LSTM(4, consume_less='gpu')",
            replacement="remove it (`implementation=` is the Keras 2 knob; Keras picks cuDNN by itself)"),
    _keras1("nb_filter", _CONV, "filters", "layers.Conv1D(nb_filter=4, kernel_size=3)", "layers.Conv1D(filters=4, kernel_size=3)", missing="filters"),
    _keras1("filter_length", _CONV, "kernel_size", "layers.Conv1D(4, filter_length=3)", "layers.Conv1D(4, kernel_size=3)", missing="kernel_size"),
    _keras1("border_mode", _CONV | _POOL, "padding", "layers.Conv1D(4, 3, border_mode='same')", "layers.Conv1D(4, 3, padding='same')"),
    _keras1("subsample_length", _CONV, "strides", "layers.Conv1D(4, 3, subsample_length=2)", "layers.Conv1D(4, 3, strides=2)"),
    _keras1("subsample", _CONV, "strides", "layers.Conv2D(4, 3, subsample=(2, 2))", "layers.Conv2D(4, 3, strides=(2, 2))"),
    _keras1("dim_ordering", _CONV | _POOL, None, "layers.Conv2D(4, 3, dim_ordering='tf')",
            replacement="`data_format=` (`'tf'` is `'channels_last'`, `'th'` is `'channels_first'`)"),
    _keras1("nb_row", frozenset({"Conv2D", "Convolution2D"}), None, "layers.Conv2D(4, nb_row=3, nb_col=3)",
            replacement="`kernel_size=(nb_row, nb_col)`", missing="kernel_size"),
    _keras1("pool_length", _POOL1D, "pool_size", "layers.MaxPooling1D(pool_length=2)", "layers.MaxPooling1D(pool_size=2)"),
    _keras1("stride", _POOL1D, "strides", "layers.MaxPooling1D(2, stride=1)", "layers.MaxPooling1D(2, strides=1)"),
    _keras1("p", frozenset({"Dropout"}), "rate", "layers.Dropout(p=0.5)", "layers.Dropout(rate=0.5)", missing="rate"),
    _keras1("mode", frozenset({"BatchNormalization"}), None, "layers.BatchNormalization(mode=0)",
            replacement="remove it (mode 0, feature-wise normalization, is what BatchNormalization does)"),
    _keras1("dropout", frozenset({"Embedding"}), None, "layers.Embedding(10, 4, dropout=0.2)",
            replacement="a `SpatialDropout1D` layer after the Embedding"),
)

# Old layer modules whose names now all live in ``keras.layers``.
_LAYER_MODULES = (  # module, a name it held, that name's modern import (None: gone from Keras 3)
    ("core", "Dense", "Dense"), ("convolutional", "Conv1D", "Conv1D"), ("recurrent", "LSTM", "LSTM"),
    ("advanced_activations", "LeakyReLU", "LeakyReLU"), ("merge", "Concatenate", "Concatenate"),
    ("embeddings", "Embedding", "Embedding"), ("pooling", "MaxPooling1D", "MaxPooling1D"),
    ("normalization", "BatchNormalization", "BatchNormalization"), ("wrappers", "TimeDistributed", "TimeDistributed"),
    ("noise", "GaussianNoise", "GaussianNoise"), ("local", "LocallyConnected1D", None), ("cudnn_recurrent", "CuDNNLSTM", None),
    ("convolutional_recurrent", "ConvLSTM2D", "ConvLSTM2D"),
)
_MOVED_LAYERS = {"merge": "import from `keras.layers` (the Keras 1 `merge([a, b], mode=...)` function is now `concatenate([a, b])`, `add([a, b])`, ...)"}
LAYER_FUNCTIONS = frozenset({"concatenate", "add", "multiply", "average", "maximum", "minimum", "subtract", "dot"})

_OTHER_LAYERS = frozenset({"LeakyReLU", "PReLU", "ELU", "Lambda", "Input"})

# The legacy preprocessing utilities Keras 3 dropped from the `keras` package
# (`keras.preprocessing.image` keeps only load_img, img_to_array, array_to_img,
# save_img and smart_resize; `.sequence` only pad_sequences). TensorFlow's
# `tensorflow.keras.preprocessing` keeps all of them, deprecated, under Keras 3 too.
_AUGMENT = "the augmentation layers (`keras.layers.RandomRotation`, `RandomTranslation`, `RandomZoom`, ...)"
_ITERATOR = "`keras.utils.image_dataset_from_directory` for folders of images, a `tf.data.Dataset` or `keras.utils.PyDataset` for arrays"
_IMAGE_NAMES = (
    ("ImageDataGenerator", "`keras.utils.image_dataset_from_directory` (for `flow_from_directory`) and " + _AUGMENT
     + " in the model; `tensorflow.keras.preprocessing.image.ImageDataGenerator` still exists (deprecated)"),
    ("DirectoryIterator", _ITERATOR), ("NumpyArrayIterator", _ITERATOR), ("Iterator", _ITERATOR),
    ("random_rotation", "the `keras.layers.RandomRotation` layer"), ("random_shift", "the `keras.layers.RandomTranslation` layer"),
    ("random_zoom", "the `keras.layers.RandomZoom` layer"), ("random_shear", "the `keras.layers.RandomShear` layer"),
    ("random_brightness", "the `keras.layers.RandomBrightness` layer"), ("random_channel_shift", _AUGMENT),
    ("apply_affine_transform", _AUGMENT), ("apply_brightness_shift", "the `keras.layers.RandomBrightness` layer"),
    ("apply_channel_shift", _AUGMENT),
)
_NO_SEQUENCE_REPLACEMENT = "nothing in Keras 3; `tensorflow.keras.preprocessing.sequence.{}` still exists (deprecated)"
_SEQUENCE_NAMES = (
    ("TimeseriesGenerator", "`keras.utils.timeseries_dataset_from_array`"),
    ("skipgrams", _NO_SEQUENCE_REPLACEMENT.format("skipgrams")),
    ("make_sampling_table", _NO_SEQUENCE_REPLACEMENT.format("make_sampling_table")),
)

# Old `keras.utils` submodules whose public names `keras.utils` holds (in Keras 3 and tf-keras 2.21).
_UTILS_MODULES = (  # module, replacement, the names now in keras.utils, old line, modern line
    ("np_utils", "import from `keras.utils`: `from keras.utils import to_categorical`", {"to_categorical", "normalize"},
     "from tensorflow.keras.utils.np_utils import to_categorical", "from tensorflow.keras.utils import to_categorical"),
    ("vis_utils", "import from `keras.utils`", {"plot_model", "model_to_dot"},
     "from tensorflow.keras.utils.vis_utils import plot_model", "from tensorflow.keras.utils import plot_model"),
    ("visualize_util", "import from `keras.utils`: `plot_model` (Keras 1's `plot`) and `model_to_dot`", {"plot_model", "model_to_dot"},
     "from tensorflow.keras.utils.visualize_util import plot", "from tensorflow.keras.utils import plot_model"),
    ("data_utils", "import from `keras.utils`: `from keras.utils import get_file` (also `Sequence`, `pad_sequences`; "
     "Keras 3 has no enqueuers: a `keras.utils.PyDataset` loads in parallel)", {"get_file", "Sequence", "pad_sequences"},
     "from tensorflow.keras.utils.data_utils import get_file", "from tensorflow.keras.utils import get_file"),
    ("generic_utils", "import from `keras.utils`: `from keras.utils import get_custom_objects` (also `Progbar`, "
     "`CustomObjectScope`, `custom_object_scope`, `serialize_keras_object`, `deserialize_keras_object`)",
     {"get_custom_objects", "Progbar", "CustomObjectScope", "custom_object_scope", "serialize_keras_object", "deserialize_keras_object"},
     "from tensorflow.keras.utils.generic_utils import get_custom_objects", "from tensorflow.keras.utils import get_custom_objects"),
)


NAMES: Dict[str, RemovedName] = {
    entry.qualname: entry
    for entry in (
        *(
            RemovedName(f"keras.layers.{module}", BOTH, _MOVED_LAYERS.get(module, "import from `keras.layers`"),
                        "keras.layers", None, example=f"from tensorflow.keras.layers.{module} import {old}",
                        modern_example=f"from tensorflow.keras.layers import {modern}" if modern else "")
            for module, old, modern in _LAYER_MODULES
        ),
        *(
            RemovedName(f"keras.utils.{module}", BOTH, replacement, "keras.utils", frozenset(names), old, modern)
            for module, replacement, names, old, modern in _UTILS_MODULES
        ),
        RemovedName("keras.engine", BOTH,
                    "the public names: `keras.layers.Layer`, `keras.layers.InputSpec`, `keras.Model`, `keras.Input`, `keras.utils.get_source_inputs`",
                    example="from tensorflow.keras.engine.topology import Layer", modern_example="from tensorflow.keras.layers import Layer"),
        *(
            RemovedName(f"keras.preprocessing.image.{name}", (3,), replacement, plain_keras=True,
                        example=f"from keras.preprocessing.image import {name}")
            for name, replacement in _IMAGE_NAMES
        ),
        RemovedName("keras.preprocessing.text", (3,),
                    "the `keras.layers.TextVectorization` layer (`Tokenizer`, `one_hot`, `text_to_word_sequence`; `hashing_trick`: "
                    "the `keras.layers.Hashing` layer); `tensorflow.keras.preprocessing.text` still exists (deprecated)",
                    plain_keras=True, example="from keras.preprocessing.text import Tokenizer",
                    modern_example="from tensorflow.keras.layers import TextVectorization"),
        *(
            RemovedName(f"keras.preprocessing.sequence.{name}", (3,), replacement, plain_keras=True,
                        example=f"from keras.preprocessing.sequence import {name}")
            for name, replacement in _SEQUENCE_NAMES
        ),
        *(
            RemovedName(f"keras.constraints.{old}", BOTH, f"`keras.constraints.{modern}`",
                        example=f"from tensorflow.keras.constraints import {old}",
                        modern_example=f"from tensorflow.keras.constraints import {modern}")
            for old, modern in (("maxnorm", "MaxNorm"), ("nonneg", "NonNeg"), ("unitnorm", "UnitNorm"))
        ),
        RemovedName("keras.utils.multi_gpu_model", BOTH,
                    "`tf.distribute.MirroredStrategy()`: build and compile the model inside `strategy.scope()`",
                    example="from tensorflow.keras.utils import multi_gpu_model"),
        # Keras 3 has a `keras.wrappers` module again (its own scikit-learn wrappers), but no `scikit_learn` in it.
        RemovedName("keras.wrappers", (2,), "the `scikeras` package: `from scikeras.wrappers import KerasClassifier`",
                    example="from tensorflow.keras import wrappers"),
        RemovedName("keras.wrappers.scikit_learn", BOTH,
                    "the `scikeras` package: `from scikeras.wrappers import KerasClassifier` (or, in Keras 3, "
                    "`keras.wrappers.SKLearnClassifier` / `SKLearnRegressor`, which take a compiled model, or a function of `X` and `y` that builds one, as `model=`)",
                    example="from tensorflow.keras.wrappers.scikit_learn import KerasClassifier"),
        RemovedName("keras.layers.Merge", BOTH,
                    "a merge layer: `Concatenate()`, `Add()`, `Multiply()`, ... in the Functional API",
                    example="from tensorflow.keras.layers import Merge"),
        *(
            RemovedName(f"keras.layers.{name}", BOTH, replacement, example=f"from tensorflow.keras.layers import {name}")
            for name, replacement in (
                ("CuDNNLSTM", "`LSTM` (it uses cuDNN by itself with the default activations)"),
                ("CuDNNGRU", "`GRU` (it uses cuDNN by itself with the default activations)"),
                ("TimeDistributedDense", "`Dense` (it works on the last axis of 3D input) or `TimeDistributed(Dense(n))`"),
                ("Highway", "a `Dense` layer and a residual connection"),
                ("MaxoutDense", "a `Dense` layer then a max over groups of units"),
            )
        ),
        RemovedName("keras.optimizers.adam", BOTH, "`Adam` (the class)", example="from tensorflow.keras.optimizers import adam"),
        RemovedName("keras.backend.tensorflow_backend", BOTH, "`tf` itself, or `keras.backend` / `keras.ops`",
                    example="from tensorflow.keras.backend import tensorflow_backend"),
        *(
            RemovedName(f"keras.backend.{name}", versions, replacement, example=f"keras.backend.{name}")
            for name, versions, replacement in (
                ("set_session", BOTH, "nothing: TensorFlow 2 has no sessions (`tf.config` sets devices and threads)"),
                ("get_session", BOTH, "nothing: TensorFlow 2 runs eagerly"),
                ("image_dim_ordering", BOTH, "`keras.backend.image_data_format()`"),
                ("set_image_dim_ordering", BOTH, "`keras.backend.set_image_data_format('channels_last')`"),
                ("placeholder", (3,), "`keras.Input(shape=...)`"),
                ("function", (3,), "a `keras.Model(inputs, outputs)` called on the data"),
                ("set_learning_phase", (3,), "pass `training=True/False` when calling the model or layer"),
                ("learning_phase", (3,), "the `training` argument of `call()`"),
            )
        ),
    )
}


def moved_module(qualname: str) -> Optional[str]:
    """``keras.layers.core`` -> ``keras.layers`` (same for names under it): where old code's names live now."""
    for old, entry in NAMES.items():
        if entry.moved_to and (qualname == old or qualname.startswith(old + ".")):
            return entry.moved_to + qualname[len(old):]
    return None


def removed_name(qualname: str) -> Optional[RemovedName]:
    """The entry for ``qualname`` or the removed module that contains it."""
    while qualname:
        entry = NAMES.get(qualname)
        if entry is not None:
            return entry
        qualname = qualname.rpartition(".")[0]
    return None


def judged_version(spelled: str, version: int) -> int:
    """The Keras a name is checked against: ``tf_keras`` is Keras 2 whatever the target."""
    return 2 if spelled.partition(".")[0] == "tf_keras" else version


def first_removed(qualname: str, spelled: str, version: int) -> Optional[Tuple[RemovedName, str]]:
    """The outermost module or name on the path that Keras ``version`` lacks (where
    Python stops), with the code's own spelling of that prefix.

    ``qualname`` is the path in ``keras.`` spelling, ``spelled`` the same path as
    written (``tensorflow.keras.utils.np_utils``): only their prefixes differ.
    """
    parts, written = qualname.split("."), (spelled or qualname).split(".")
    extra = len(written) - len(parts)
    plain = written[0] == "keras" and (len(written) < 2 or written[1] != "_tf_keras")
    for end in range(2, len(parts) + 1):
        row = NAMES.get(".".join(parts[:end]))
        if row is not None and version in row.versions and (plain or not row.plain_keras):
            return row, ".".join(written[: end + extra])
    return None


def raised(form: str, spelled: str, missing: str) -> str:
    """What Python raises (quoted for a message) when the code names ``spelled``
    in ``form`` (see ``KerasName``) and ``missing``, a prefix of it, does not exist.

    ``import a.b.c`` and ``from a.b.c import x`` fail on the first missing module
    (``ModuleNotFoundError``); ``from a.b import c`` on the missing name
    (``ImportError``); ``a.b.c`` on the attribute (``AttributeError``, naming the
    module object, whose name is Keras-internal unless the code imports ``keras``).
    """
    if form in ("import", "from"):
        return f"`ModuleNotFoundError: No module named '{missing}'`"
    module, _, name = missing.rpartition(".")
    if form == "name":
        return f"`ImportError: cannot import name '{name}' from '{module}'`"
    if module.partition(".")[0] == "keras" and not module.startswith("keras._tf_keras"):
        return f"`AttributeError: module '{module}' has no attribute '{name}'`"
    return f"`AttributeError` (`{module}` has no attribute `{name}`)"


def keyword_entry(callee: str, keyword: str) -> Optional[RemovedKeyword]:
    return next((k for k in KEYWORDS if k.keyword == keyword and callee in k.callees), None)
