"""The oracle runner's message normalisation (no TensorFlow needed).

Recorded results are compared byte for byte with a fresh run in CI, so a
message must not carry anything that changes from one run to the next.
"""

from lstmlint.oracle.runner import first_line


def test_memory_address_of_a_repr_is_masked():
    exc = ValueError("Unrecognized keyword arguments passed to Dense: {'W_regularizer': <keras.src.regularizers.regularizers.L2 object at 0x7fb574acc590>}")
    assert first_line(exc) == "Unrecognized keyword arguments passed to Dense: {'W_regularizer': <keras.src.regularizers.regularizers.L2 object at 0x...>}"


def test_hex_numbers_outside_a_repr_are_kept():
    exc = ValueError("expected 0x10 units, got 3")
    assert first_line(exc) == "expected 0x10 units, got 3"


def test_keras_call_wrapper_is_dropped():
    exc = ValueError("Exception encountered when calling LSTM.call().\n\nInput 0 of layer \"lstm\" is incompatible with the layer: expected ndim=3, found ndim=2.")
    assert first_line(exc).startswith("Input 0 of layer")


def test_install_folder_of_a_module_path_is_masked():
    exc = ImportError("cannot import name 'Iterator' from 'keras.preprocessing.image' (/check/work/main/.venv-oracle/lib/python3.11/site-packages/keras/preprocessing/image/__init__.py)")
    assert first_line(exc) == "cannot import name 'Iterator' from 'keras.preprocessing.image' (<venv>/site-packages/keras/preprocessing/image/__init__.py)"
