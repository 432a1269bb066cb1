"""Shared by the end-to-end CLI tests: sample programs and a runner."""

from click.testing import CliRunner

from lstmlint.cli import main

# LS203: 3 features of data against a declared 1 (line 8).
BUGGY = """\
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

X = np.random.rand(10, 5, 3)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(10, 1))
"""

# LS101 (fixable): the first LSTM lacks return_sequences=True (reported on line 6).
STACKED = """\
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.LSTM(8, input_shape=(5, 3)),
    layers.LSTM(4),
    layers.Dense(1),
])
"""


def run(*args: str, input: str = None):
    return CliRunner().invoke(main, list(args), input=input)
