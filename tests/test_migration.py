"""Code written for older Keras (LS601-LS603): what is reported under which
version, the fixes (safe and unsafe, keeping comments and layout), and the
shape rules still working through old spellings."""

import json

import pytest

from cli_helpers import run
from lstmlint.fix import fix_text
from lstmlint.config.settings import Settings
from lstmlint.testing import lint_snippet

PRELUDE = """\
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

x = np.random.rand(8, 5, 3)
y = np.random.rand(8, 1)
model = keras.Sequential([keras.Input(shape=(5, 3)), layers.LSTM(4), layers.Dense(UNITS)])
model.compile(loss="mse", optimizer="adam")
"""


def found(code: str, version: int = 3):
    return sorted((d.code, d.severity.value, d.line) for d in lint_snippet(code, version) if d.code.startswith("LS6"))


def fixed(code: str, unsafe: bool = False, version: int = 3) -> str:
    return fix_text(code, "t.py", Settings(keras_version=version, unsafe_fixes=unsafe))[0]


def program(body: str, units: int = 1) -> str:
    return PRELUDE.replace("UNITS", str(units)) + body


# ------------------------------------------------------------ what is reported


def test_generator_methods_fail_only_on_keras3_and_predict_classes_on_both():
    code = program("model.fit_generator(g, steps_per_epoch=1)\nmodel.predict_classes(x)\n")
    assert found(code, 3) == [("LS601", "error", 9), ("LS601", "error", 10)]
    assert found(code, 2) == [("LS601", "error", 10)]


def test_decay_is_an_error_on_keras2_and_a_warning_on_keras3_which_ignores_it():
    code = "from tensorflow import keras\nopt = keras.optimizers.SGD(learning_rate=0.1, decay=1e-6)\n"
    assert found(code, 2) == [("LS602", "error", 2)]
    assert found(code, 3) == [("LS602", "warning", 2)]


def test_keywords_of_an_old_method_are_checked_as_the_modern_methods_keywords():
    code = program("model.fit_generator(g, steps_per_epoch=1, workers=2)\n")
    assert [c for c, _, _ in found(code, 3)] == ["LS601", "LS602"]
    assert found(code, 2) == []


def test_unknown_receivers_are_not_judged():
    # sklearn estimators have predict_proba; an unknown object may be anything
    code = "from sklearn.svm import SVC\nclf = SVC()\nclf.predict_proba([[1]])\nimport tensorflow\n"
    assert found(code) == []


def test_old_names_that_still_work_are_not_reported():
    code = "from tensorflow import keras\nfrom tensorflow.keras.layers import Convolution1D\nlayer = Convolution1D(4, 3)\n"
    assert found(code) == []


@pytest.mark.parametrize("line", [
    "from keras.layers.core import Dense",
    "from keras.layers.recurrent import LSTM",
    "import keras.layers.core",
    "from keras.utils import np_utils",
    "from keras.wrappers.scikit_learn import KerasClassifier",
])
def test_plain_keras_spellings_of_removed_modules(line):
    assert [c for c, _, _ in found(line + "\n")] == ["LS603"]


def messages(code: str, version: int = 3, prefix: str = "LS603"):
    return [d.message for d in lint_snippet(code, version) if d.code == prefix]


# What Python raises depends on the import form (each line observed under Keras 3.15 and tf-keras 2.21).
@pytest.mark.parametrize("line, raised", [
    ("from keras.utils import np_utils", "ImportError: cannot import name 'np_utils' from 'keras.utils'`"),
    ("from tensorflow.keras.utils import np_utils", "ImportError: cannot import name 'np_utils' from 'tensorflow.keras.utils'`"),
    ("import keras.utils.np_utils", "ModuleNotFoundError: No module named 'keras.utils.np_utils'`"),
    ("from keras.utils.np_utils import to_categorical", "ModuleNotFoundError: No module named 'keras.utils.np_utils'`"),
    ("from keras.layers.core import Dense", "ModuleNotFoundError: No module named 'keras.layers.core'`"),
    ("from tensorflow.keras.layers.core import Dense", "ModuleNotFoundError: No module named 'tensorflow.keras.layers.core'`"),
    ("from keras.layers import core", "ImportError: cannot import name 'core' from 'keras.layers'`"),
    ("import keras\nkeras.layers.core.Dense", "AttributeError: module 'keras.layers' has no attribute 'core'`"),
    ("import tensorflow as tf\ntf.keras.layers.core.Dense", "`AttributeError` (`tensorflow.keras.layers` has no attribute `core`)"),
    ("from tensorflow.keras.backend import set_session", "ImportError: cannot import name 'set_session' from 'tensorflow.keras.backend'`"),
    ("from tensorflow.keras.backend.tensorflow_backend import set_session",
     "ModuleNotFoundError: No module named 'tensorflow.keras.backend.tensorflow_backend'`"),
    ("from keras.preprocessing.image import ImageDataGenerator",
     "ImportError: cannot import name 'ImageDataGenerator' from 'keras.preprocessing.image'`"),
    ("from keras.preprocessing.text import Tokenizer", "ModuleNotFoundError: No module named 'keras.preprocessing.text'`"),
    ("import keras\nkeras.preprocessing.text.Tokenizer()", "AttributeError: module 'keras.preprocessing' has no attribute 'text'`"),
])
def test_messages_follow_the_import_form(line, raised):
    [message] = messages(line + "\n")
    assert message.endswith(raised), message


def test_the_first_missing_module_is_named_per_version():
    line = "from tensorflow.keras.wrappers.scikit_learn import KerasClassifier\n"
    [k3] = messages(line, 3)
    [k2] = messages(line, 2)
    assert k3.endswith("No module named 'tensorflow.keras.wrappers.scikit_learn'`")
    assert k2.endswith("No module named 'tensorflow.keras.wrappers'`")  # tf-keras 2.21 has no keras.wrappers at all
    assert messages("from tensorflow.keras import wrappers\n", 3) == []  # Keras 3 has one (SKLearnClassifier, ...)


def test_legacy_preprocessing_is_gone_only_from_plain_keras_3():
    old = "from keras.preprocessing.image import ImageDataGenerator\nfrom keras.preprocessing.text import Tokenizer\n"
    assert [c for c, _, _ in found(old, 3)] == ["LS603", "LS603"]
    assert found(old, 2) == []
    kept = ("import tensorflow as tf\nfrom tensorflow.keras.preprocessing.image import ImageDataGenerator\n"
            "from tensorflow.keras.preprocessing.sequence import TimeseriesGenerator, pad_sequences\n"
            "from keras.preprocessing.sequence import pad_sequences\nfrom keras.preprocessing.image import load_img\n"
            "gen = tf.keras.preprocessing.image.ImageDataGenerator()\n")
    assert found(kept, 3) == []


def test_tf_keras_names_are_judged_as_keras_2():
    code = "import tf_keras\nfrom tf_keras.backend import placeholder\nfrom tf_keras.layers.core import Dense\n"
    [message] = messages(code, 3)
    assert message.startswith("`tf_keras.layers.core` was removed: Keras 2 raises")


@pytest.mark.parametrize("old, new", [
    ("from keras.utils.data_utils import get_file\n", "from keras.utils import get_file\n"),
    ("from keras.utils import data_utils\np = data_utils.get_file('a', 'b')\n", "from keras.utils import get_file\np = get_file('a', 'b')\n"),
    ("from keras.utils.generic_utils import get_custom_objects\n", "from keras.utils import get_custom_objects\n"),
    ("from keras.utils.visualize_util import model_to_dot\n", "from keras.utils import model_to_dot\n"),
    ("from keras.utils.visualize_util import plot\n", "from keras.utils.visualize_util import plot\n"),  # now plot_model: not the same name
])
def test_old_utils_modules_move_to_keras_utils(old, new):
    assert fixed(old) == new


def test_backend_functions_gone_only_from_keras3():
    code = "from tensorflow.keras import backend as K\nK.set_learning_phase(0)\nK.set_session(None)\nK.mean\n"
    assert found(code, 3) == [("LS603", "error", 2), ("LS603", "error", 3)]
    assert found(code, 2) == [("LS603", "error", 3)]


# ------------------------------------------------------------ fixes

BLACK = '''\
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

x = np.random.rand(8, 5, 3)
y = np.random.rand(8, 1)

model = keras.Sequential(
    [
        keras.Input(shape=(5, 3)),
        layers.LSTM(
            4,  # units
            dropout_W=0.1,  # input dropout
            dropout_U=0.1,  # recurrent dropout
        ),
        layers.Dense(1, init="glorot_uniform"),  # output
    ]
)
model.compile(
    loss="mse",  # regression
    optimizer=keras.optimizers.Adam(
        lr=0.001,  # learning rate
    ),
)


# training
history = model.fit(
    x,  # inputs
    y,  # targets
    nb_epoch=2,  # epochs
    verbose=0,  # quiet
)
'''

BLACK_FIXED = (
    BLACK.replace("dropout_W=0.1", "dropout=0.1")
    .replace("dropout_U=0.1", "recurrent_dropout=0.1")
    .replace('init="glorot_uniform"', 'kernel_initializer="glorot_uniform"')
    .replace("lr=0.001", "learning_rate=0.001")
    .replace("nb_epoch=2", "epochs=2")
)


def test_fixes_keep_comments_blank_lines_and_layout_of_black_formatted_calls():
    assert fixed(BLACK) == BLACK_FIXED
    assert found(BLACK_FIXED) == []
    assert fixed(BLACK_FIXED) == BLACK_FIXED


def test_fit_generator_positionals_become_the_keywords_the_old_signature_gave_them():
    code = program("model.fit_generator(\n    g,  # data\n    10,  # steps\n    2,\n)\n")
    assert fixed(code).endswith("model.fit(\n    g,  # data\n    steps_per_epoch=10,  # steps\n    epochs=2,\n)\n")


def test_dropping_workers_keeps_the_other_arguments():
    code = program("model.fit(x, y, workers=4, epochs=1, use_multiprocessing=True)\n")
    assert fixed(code).endswith("model.fit(x, y, epochs=1)\n")


def test_predict_classes_on_one_unit_is_a_threshold():
    code = program("classes = model.predict_classes(x)\n", units=1)
    assert fixed(code).endswith('classes = (model.predict(x) > 0.5).astype("int32")\n')


def test_predict_classes_on_several_units_is_argmax_with_the_numpy_alias():
    code = program("classes = model.predict_classes(x, verbose=0)\n", units=3).replace("import numpy as np", "import numpy as onp").replace("np.random", "onp.random")
    assert fixed(code).endswith("classes = onp.argmax(model.predict(x, verbose=0), axis=-1)\n")


def test_predict_classes_with_unknown_output_size_is_an_unsafe_fix():
    code = program("classes = model.predict_classes(x)\n").replace("layers.Dense(1)", "layers.Dense(n)")
    assert fixed(code) == code
    assert fixed(code, unsafe=True).endswith("classes = np.argmax(model.predict(x), axis=-1)\n")


def test_predict_classes_without_numpy_is_not_fixed():
    code = (
        "from tensorflow import keras\n"
        "model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(4)])\n"
        "c = model.predict_classes(data)\n"
    )
    assert fixed(code, unsafe=True) == code


def test_np_utils_import_and_uses_are_rewritten_together():
    code = (
        "from tensorflow.keras.utils import np_utils  # one-hot\n"
        "y = np_utils.to_categorical([0, 1])\n"
        "z = np_utils.normalize([[1.0, 2.0]])\n"
    )
    assert fixed(code) == (
        "from tensorflow.keras.utils import normalize, to_categorical  # one-hot\n"
        "y = to_categorical([0, 1])\n"
        "z = normalize([[1.0, 2.0]])\n"
    )


def test_np_utils_used_as_a_value_is_left_alone():
    code = "from tensorflow.keras.utils import np_utils\nhelpers = np_utils\ny = np_utils.to_categorical([0, 1])\n"
    assert fixed(code) == code


def test_old_layer_module_imports_and_attributes_move_to_keras_layers():
    code = (
        "from tensorflow import keras\n"
        "from tensorflow.keras.layers.recurrent import LSTM, GRU  # rnn\n"
        "dense = keras.layers.core.Dense(1)\n"
    )
    assert fixed(code) == (
        "from tensorflow import keras\n"
        "from tensorflow.keras.layers import LSTM, GRU  # rnn\n"
        "dense = keras.layers.Dense(1)\n"
    )


def test_an_import_of_a_name_keras_layers_lacks_is_not_moved():
    code = "from tensorflow.keras.layers.local import LocallyConnected1D\n"
    assert fixed(code, unsafe=True) == code


def test_renames_that_would_collide_are_not_made():
    code = "from tensorflow import keras\nopt = keras.optimizers.Adam(0.01, lr=0.01)\n"
    assert fixed(code, unsafe=True) == code


# ------------------------------------------------------------ inference sees through old code

SHAPE_BUG_IN_OLD_CODE = """\
import numpy as np
import tensorflow as tf
from keras.layers import *
from keras.layers.recurrent import LSTM
from keras.models import Sequential
import keras

X = np.random.rand(32, 10, 3)
y = np.random.rand(32, 1)
model = Sequential()
model.add(LSTM(16, input_shape=(10, 4)))
model.add(keras.layers.core.Dense(1))
model.compile(loss="mse", optimizer=keras.optimizers.Adam(lr=0.01))
model.fit_generator(tf.data.Dataset.from_tensor_slices((X, y)).batch(8), steps_per_epoch=4, nb_epoch=1)
"""


def test_shape_rules_still_see_the_bug_through_removed_apis():
    codes = {d.code for d in lint_snippet(SHAPE_BUG_IN_OLD_CODE, 3)}
    assert "LS203" in codes  # 3 features against a declared 4, through fit_generator
    assert {"LS601", "LS602", "LS603"} <= codes


def test_star_import_and_old_conv_names_build_the_model():
    code = """\
import numpy as np
from keras.layers import *
from keras.models import Sequential

X = np.random.rand(32, 10, 3)
model = Sequential([Convolution1D(8, 3, input_shape=(10, 5)), Flatten(), Dense(1)])
model.compile(loss="mse", optimizer="adam")
model.fit(X, np.random.rand(32, 1), nb_epoch=1)
"""
    codes = {d.code for d in lint_snippet(code, 3)}
    assert "LS203" in codes and "LS602" in codes


def test_fit_generator_before_compile_is_still_a_fit_before_compile():
    code = program("model.fit_generator(g, steps_per_epoch=1)\n").replace('model.compile(loss="mse", optimizer="adam")\n', "")
    assert "LS501" in {d.code for d in lint_snippet(code, 2)}


# ------------------------------------------------------------ command line

KERAS2_PROJECT = """\
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

x = np.random.rand(8, 5, 3)
y = np.random.rand(8, 1)
model = keras.Sequential([keras.Input(shape=(5, 3)), layers.LSTM(4), layers.Dense(1)])
model.compile(loss="mse", optimizer=keras.optimizers.Adam(lr=0.01))
model.fit(x, y, epochs=1, workers=2)
"""


def test_keras_version_3_lists_what_a_keras2_project_must_change(tmp_path):
    path = tmp_path / "old.py"
    path.write_text(KERAS2_PROJECT)
    as_keras2 = json.loads(run("--format", "json", "--no-cache", "--isolated", "--keras-version", "2", str(path)).output)
    as_keras3 = json.loads(run("--format", "json", "--no-cache", "--isolated", "--keras-version", "3", str(path)).output)
    assert as_keras2 == []
    assert [(d["code"], d["line"], d["fixable"]) for d in as_keras3] == [("LS602", 8, True), ("LS602", 9, True)]


def test_fix_with_show_fixes_lists_what_was_fixed(tmp_path):
    path = tmp_path / "old.py"
    path.write_text(KERAS2_PROJECT)
    result = run("--no-cache", "--isolated", "--keras-version", "3", "--fix", "--show-fixes", str(path))
    assert "Fixed 2 problems:" in result.output and "2 \u00d7 LS602 (removed-keyword-argument)" in result.output
    assert "learning_rate=0.01" in path.read_text() and "workers" not in path.read_text()
    assert result.exit_code == 0


def test_unsafe_fixes_only_when_asked(tmp_path):
    path = tmp_path / "old.py"
    source = program("c = model.predict_classes(x)\n").replace("layers.Dense(1)", "layers.Dense(n)")
    path.write_text(source)
    assert run("--no-cache", "--isolated", "--fix", str(path)).exit_code == 1
    assert path.read_text() == source
    run("--no-cache", "--isolated", "--diff", "--unsafe-fixes", str(path))
    assert path.read_text() == source
    run("--no-cache", "--isolated", "--fix", "--unsafe-fixes", str(path))
    assert "np.argmax(model.predict(x), axis=-1)" in path.read_text()


def test_rules_family_lists_only_that_family_with_replacements():
    from click.testing import CliRunner

    from lstmlint.cli import main

    output = CliRunner().invoke(main, ["rules", "--family", "LS6"]).output
    codes = [line.split()[0] for line in output.splitlines() if not line.startswith(" ")]
    assert codes == ["LS601", "LS602", "LS603"]
    assert "nb_epoch= on fit" in output and "-> `epochs=`" in output


def test_generator_keyword_becomes_x():
    code = program("model.fit_generator(generator=g, steps_per_epoch=1)\n")
    assert fixed(code).endswith("model.fit(x=g, steps_per_epoch=1)\n")


def test_legacy_optimizers_keep_lr():
    code = "from tensorflow import keras\nopt = keras.optimizers.legacy.Adam(lr=0.01, decay=1e-6)\n"
    assert found(code, 2) == []


def test_messages_name_the_layer_used():
    [d] = [d for d in lint_snippet("from tensorflow.keras import layers\nlayer = layers.Conv2D(4, 3, init='he_normal')\n", 2) if d.code == "LS602"]
    assert "Keyword argument not understood:', 'init'" in d.message and "`init=` on `Conv2D`" in d.message
    [d] = [d for d in lint_snippet("from tensorflow.keras import layers\nlayer = layers.Conv2D(4, 3, init='he_normal')\n", 3) if d.code == "LS602"]
    assert "passed to Conv2D" in d.message


@pytest.mark.parametrize("code, raised", [
    ("keras.optimizers.Adam(lr=1e-3)", "`ValueError: Argument(s) not recognized: {'lr': 0.001}`"),  # as Python prints the value
    ("keras.optimizers.SGD(lr=rate, momentum=0.9)", "`ValueError: Argument(s) not recognized`, naming `lr`"),
    ("layers.LSTM(4, dropout_W=0.2, dropout_U=0.2)",
     "`ValueError: Unrecognized keyword arguments passed to LSTM: {'dropout_W': 0.2, 'dropout_U': 0.2}`"),
    ("layers.Conv2D(4, 3, subsample=(2, 2))", "`ValueError: Unrecognized keyword arguments passed to Conv2D: {'subsample': (2, 2)}`"),
    ("layers.Dense(4, W_regularizer=keras.regularizers.l2(0.01))",
     "`ValueError: Unrecognized keyword arguments passed to Dense`, naming `W_regularizer`"),
])
def test_keyword_messages_quote_the_values_the_code_passes(code, raised):
    source = "from tensorflow import keras\nfrom tensorflow.keras import layers\nrate = 0.01\n" + code + "\n"
    found_messages = messages(source, 3, "LS602")
    assert found_messages and all(m.endswith(raised) for m in found_messages), found_messages
