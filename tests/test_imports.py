"""Every common import spelling resolves to the same Keras layer."""

import pytest

from lstmlint.infer.names import canonical
from lstmlint.testing import codes_of

BODY = """
model = Sequential([LSTM(8, input_shape=(5, 3)), LSTM(4), Dense(1)])
"""

SPELLINGS = {
    "tf.keras": "import tensorflow as tf\nSequential, LSTM, Dense = tf.keras.Sequential, tf.keras.layers.LSTM, tf.keras.layers.Dense\n",
    "from tensorflow.keras.layers": "from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import LSTM, Dense\n",
    "from tensorflow import keras": "from tensorflow import keras\nSequential = keras.Sequential\nLSTM = keras.layers.LSTM\nDense = keras.layers.Dense\n",
    "import keras": "import keras\nSequential = keras.Sequential\nLSTM = keras.layers.LSTM\nDense = keras.layers.Dense\n",
    "from keras import layers": "from keras import layers, Sequential\nLSTM = layers.LSTM\nDense = layers.Dense\n",
    "star import": "from keras.models import Sequential\nfrom keras.layers import *\n",
    "keras.src": "from keras.src.models.sequential import Sequential\nfrom keras.src.layers.rnn.lstm import LSTM\nfrom keras.src.layers.core.dense import Dense\n",
    "tf_keras": "import tf_keras\nSequential = tf_keras.Sequential\nLSTM = tf_keras.layers.LSTM\nDense = tf_keras.layers.Dense\n",
    "aliases": "import tensorflow.keras.layers as L\nfrom tensorflow.keras import Sequential\nLSTM, Dense = L.LSTM, L.Dense\n",
}


@pytest.mark.parametrize("header", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_spelling_resolves(header):
    assert codes_of(header + BODY) == ["LS101"]


def test_unrelated_names_are_not_keras():
    code = "import tensorflow as tf\nfrom mylib import Sequential, LSTM, Dense\n" + BODY
    assert codes_of(code) == []


@pytest.mark.parametrize(
    "spelling, expected",
    [
        ("tensorflow.keras.layers.LSTM", "keras.layers.LSTM"),
        ("tensorflow.keras", "keras"),
        ("tf_keras.layers.GRU", "keras.layers.GRU"),
        ("keras.src.layers.rnn.lstm.LSTM", "keras.layers.LSTM"),
        ("keras.layers.recurrent.LSTM", "keras.layers.LSTM"),
        ("tensorflow.keras.Sequential", "keras.models.Sequential"),
        ("keras.preprocessing.sequence.pad_sequences", "keras.utils.pad_sequences"),
        ("numpy.asarray", "numpy.array"),
        ("tensorflow.constant", "tensorflow.constant"),
    ],
)
def test_canonical(spelling, expected):
    assert canonical(spelling) == expected
