"""Shapes followed through real user code: functions, loops, pandas,
scikit-learn, datasets, tf.data. Each style: a planted bug is caught, the
correct version is silent."""

import pytest

from lstmlint.testing import codes_of

HEAD = "import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n"

WINDOWING = HEAD + """
N_STEPS = 10
series = np.sin(np.linspace(0, 50, 500))

def make_windows(seq, n_steps):
    X, y = [], []
    for i in range(len(seq) - n_steps):
        X.append(seq[i:i + n_steps])
        y.append(seq[i + n_steps])
    return np.array(X), np.array(y)

X, y = make_windows(series, N_STEPS)
X = X.reshape((X.shape[0], X.shape[1], 1))
model = keras.Sequential([layers.LSTM(32, input_shape=(N_STEPS, FEATURES)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, y, epochs=1, verbose=0)
"""

COMPREHENSION = HEAD + """
series = np.random.rand(300)
X = np.array([series[i:i + 20] for i in range(len(series) - 20)])
X = np.expand_dims(X, -1)
model = keras.Sequential([layers.GRU(8, input_shape=(STEPS, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.predict(X)
"""

BUILDER = HEAD + """
def build_model(n_steps, n_features, units=32):
    model = keras.Sequential()
    model.add(layers.LSTM(units, input_shape=(n_steps, n_features)))
    model.add(layers.Dense(1))
    model.compile(optimizer="adam", loss="mse")
    return model

def train(model, X, y):
    model.fit(X, y, epochs=1, verbose=0)

X = np.random.rand(64, 12, 3)
y = np.random.rand(64, 1)
model = build_model(X.shape[1], FEATURES)
train(model, X, y)
"""

SYMBOLIC = HEAD + """
X = load_my_data()
X2 = load_other()
model = keras.Sequential([layers.LSTM(16, input_shape=(X.shape[1], X.shape[2])), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, X[:, -1, :1])
model.predict(DATA)
"""

PANDAS = HEAD + """
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split

df = pd.read_csv("prices.csv")
features = df[["open", "high", "low"]].values
target = df["close"].to_numpy()
scaler = MinMaxScaler()
features = scaler.fit_transform(features)
X = features.reshape(-1, 1, 3)
X_train, X_test, y_train, y_test = train_test_split(X, target, test_size=0.2)
model = keras.Sequential([layers.LSTM(16, input_shape=(1, FEATURES)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X_train, y_train, validation_data=(X_test, y_test), epochs=1, verbose=0)
"""

DATASET = HEAD + """
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train / 255.0
model = keras.Sequential([layers.LSTM(64, input_shape=(28, FEATURES)), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=1)
"""

TF_DATA = HEAD + """
X = np.random.rand(100, 8, 2).astype("float32")
y = np.random.rand(100, 1)
ds = tf.data.Dataset.from_tensor_slices((X, y)).shuffle(100).batch(16).prefetch(1)
model = keras.Sequential([layers.LSTM(8, input_shape=(8, FEATURES)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(ds, epochs=1)
"""

TRAIN_TEST = HEAD + """
from sklearn.model_selection import train_test_split
X = np.random.rand(100, 5, 1)
y = np.random.rand(100, 1)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
model = keras.Sequential([layers.LSTM(8, input_shape=(5, 1)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X_train, Y_TRAIN, epochs=1)
"""


@pytest.mark.parametrize(
    "program, good, bad, code",
    [
        (WINDOWING, {"FEATURES": "1"}, {"FEATURES": "2"}, "LS203"),
        (COMPREHENSION, {"STEPS": "20"}, {"STEPS": "30"}, "LS204"),
        (BUILDER, {"FEATURES": "X.shape[2]"}, {"FEATURES": "1"}, "LS203"),
        (SYMBOLIC, {"DATA": "X2"}, {"DATA": "np.random.rand(4, 3)"}, "LS201"),
        (PANDAS, {"FEATURES": "3"}, {"FEATURES": "4"}, "LS203"),
        (DATASET, {"FEATURES": "28"}, {"FEATURES": "1"}, "LS203"),
        (TF_DATA, {"FEATURES": "2"}, {"FEATURES": "3"}, "LS203"),
        (TRAIN_TEST, {"Y_TRAIN": "y_train"}, {"Y_TRAIN": "y_test"}, "LS205"),
    ],
    ids=["windowing", "comprehension", "builder-functions", "symbolic", "pandas-sklearn", "keras-dataset", "tf-data", "train-test-split"],
)
def test_style(program, good, bad, code):
    def fill(values):
        text = program
        for key, value in values.items():
            text = text.replace(key, value)
        return text

    assert codes_of(fill(good), keras_version=2) == []
    assert codes_of(fill(good)) == []
    assert code in codes_of(fill(bad), keras_version=2)


def test_imdb_sequences_are_ragged():
    code = HEAD + """
(x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)
model = keras.Sequential([layers.Embedding(10000, 16), layers.LSTM(8), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x_train, y_train)
"""
    assert codes_of(code) == ["LS401"]
    padded = code.replace("model.fit(x_train", "x_train = keras.utils.pad_sequences(x_train, maxlen=200)\nmodel.fit(x_train")
    assert codes_of(padded) == []


def test_pandas_frame_from_dict_and_drop():
    code = HEAD + """
import pandas as pd
df = pd.DataFrame({"a": np.random.rand(50), "b": np.random.rand(50), "label": np.random.rand(50)})
X = df.drop(columns=["label"]).values.reshape(50, 1, 2)
model = keras.Sequential([layers.LSTM(4, input_shape=(1, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, df["label"].values)
"""
    assert codes_of(code) == ["LS203"]


def test_loop_appends_in_branches_stay_unknown():
    code = HEAD + """
X = []
for i in range(10):
    if i % 2:
        X.append(np.zeros((5, 3)))
    else:
        X.append(np.zeros((7, 3)))
X = np.array(X)
model = keras.Sequential([layers.LSTM(4, input_shape=(5, 3)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.zeros((10, 1)))
"""
    assert codes_of(code, keras_version=2) == []


SUBCLASSED = HEAD + """
class Forecaster(keras.Model):
    def __init__(self, units, stacked=True):
        super().__init__()
        self.lstm1 = layers.LSTM(units, return_sequences=stacked)
        self.lstm2 = layers.LSTM(units)
        self.head = layers.Dense(1)

    def call(self, inputs):
        x = self.lstm1(inputs)
        return self.head(self.lstm2(x))

model = Forecaster(16, STACKED)
model.compile(optimizer="adam", loss="mse")
model.fit(np.random.rand(32, 10, 3), np.random.rand(32, 1))
"""


def test_subclassed_model_traced_at_fit():
    assert codes_of(SUBCLASSED.replace("STACKED", "True")) == []
    assert codes_of(SUBCLASSED.replace("STACKED", "False")) == ["LS101"]


IMAGES = HEAD + """
(x_train, y_train), _ = keras.datasets.mnist.load_data()
x_train = PREPARE
model = keras.Sequential([
    layers.Conv2D(16, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=1)
"""


def test_missing_channel_axis():
    assert codes_of(IMAGES.replace("PREPARE", "x_train[..., None] / 255.0")) == []
    assert codes_of(IMAGES.replace("PREPARE", "np.expand_dims(x_train, -1)")) == []
    assert codes_of(IMAGES.replace("PREPARE", "x_train / 255.0")) == ["LS102"]


@pytest.mark.parametrize(
    "layer, shape, expected",
    [
        ("layers.Conv2D(8, 3)", (28, 28, 1), (None, 26, 26, 8)),
        ("layers.Conv2D(8, (3, 5), strides=2, padding='same')", (28, 28, 1), (None, 14, 14, 8)),
        ("layers.Conv2D(8, 3, data_format='channels_first')", (1, 28, 28), (None, 8, 26, 26)),
        ("layers.SeparableConv2D(8, 3)", (28, 28, 3), (None, 26, 26, 8)),
        ("layers.Conv2DTranspose(4, 3, strides=2)", (7, 7, 8), (None, 15, 15, 4)),
        ("layers.MaxPooling2D()", (28, 28, 1), (None, 14, 14, 1)),
        ("layers.AveragePooling2D(3, strides=1, padding='same')", (28, 28, 1), (None, 28, 28, 1)),
        ("layers.GlobalMaxPooling2D()", (28, 28, 5), (None, 5)),
        ("layers.UpSampling2D((2, 3))", (4, 4, 1), (None, 8, 12, 1)),
        ("layers.ZeroPadding2D(((1, 2), (3, 4)))", (4, 4, 1), (None, 7, 11, 1)),
        ("layers.Cropping2D(1)", (4, 6, 1), (None, 2, 4, 1)),
        ("layers.Cropping1D((1, 2))", (6, 3), (None, 3, 3)),
        ("layers.ZeroPadding1D((2, 0))", (6, 3), (None, 8, 3)),
        ("layers.Cropping1D()", (6, 3), (None, 4, 3)),
        ("layers.ConvLSTM2D(4, 3, return_sequences=True)", (5, 8, 8, 1), (None, 5, 6, 6, 4)),
        ("layers.ConvLSTM2D(4, 3)", (5, 8, 8, 1), (None, 6, 6, 4)),
        ("layers.TimeDistributed(layers.Conv2D(4, 3))", (5, 8, 8, 1), (None, 5, 6, 6, 4)),
        ("layers.Conv1D(4, 3, strides=2, dilation_rate=1)", (11, 2), (None, 5, 4)),
        ("layers.Bidirectional(layers.LSTM(4, return_sequences=True))", (5, 2), (None, 5, 8)),
        ("layers.Bidirectional(layers.GRU(4), merge_mode='sum')", (5, 2), (None, 4)),
        ("layers.Embedding(100, 8)", (5,), (None, 5, 8)),
        ("layers.Reshape((-1, 2))", (10,), (None, 5, 2)),
        ("layers.Permute((2, 1))", (5, 3), (None, 3, 5)),
        ("layers.RepeatVector(4)", (3,), (None, 4, 3)),
        ("layers.Flatten()", (5, 3), (None, 15)),
        ("layers.GlobalAveragePooling1D()", (5, 3), (None, 3)),
    ],
)
def test_layer_table_output_shapes(layer, shape, expected):
    from lstmlint.infer.facts import LayerCall
    from lstmlint.infer.interpreter import Interpreter
    import libcst as cst

    code = HEAD + f"inputs = keras.Input(shape={shape!r})\noutputs = {layer}(inputs)\n"
    outputs = []
    Interpreter(cst.parse_module(code), 3, lambda f: outputs.append(f.output) if isinstance(f, LayerCall) else None).run()
    assert outputs[-1].to_json() == list(expected)


def test_tokenizer_pipeline():
    code = HEAD + """
from tensorflow.keras.preprocessing.text import Tokenizer
texts = ["a good film", "a bad film", "great"]
tok = Tokenizer(num_words=100)
tok.fit_on_texts(texts)
seqs = tok.texts_to_sequences(texts)
model = keras.Sequential([layers.Embedding(100, 8), layers.LSTM(4), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(DATA, np.random.rand(3, 1))
"""
    assert codes_of(code.replace("DATA", "np.array(seqs, dtype=object)")) == ["LS401"]
    assert codes_of(code.replace("DATA", "keras.utils.pad_sequences(seqs, maxlen=5)")) == []


def test_text_vectorization_takes_strings():
    code = HEAD + """
texts = np.array(["a good film", "a bad film", "great", "awful plot"])
vectorize = layers.TextVectorization(max_tokens=20, output_sequence_length=4)
vectorize.adapt(texts)
model = keras.Sequential([keras.Input(shape=(1,), dtype="string"), vectorize, layers.Embedding(20, 4), LAYER, layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(texts, np.random.rand(4, 1))
"""
    assert codes_of(code.replace("LAYER", "layers.LSTM(4)"), keras_version=2) == []
    assert codes_of(code.replace("LAYER", "layers.LSTM(4)"), keras_version=3) == ["LS401"]  # Keras 3 refuses NumPy strings
    assert codes_of(code.replace("LAYER", "layers.Flatten(), layers.LSTM(4)"), keras_version=2) == ["LS101"]


MULTI_INPUT = HEAD + """
seq_in = keras.Input(shape=(10, 3))
meta_in = keras.Input(shape=(4,))
x = layers.LSTM(8)(seq_in)
x = layers.Concatenate()([x, layers.Dense(4)(meta_in)])
model = keras.Model([seq_in, meta_in], layers.Dense(1)(x))
model.compile(optimizer="adam", loss="mse")
model.fit([np.random.rand(20, 10, 3), META], np.random.rand(20, 1))
"""


def test_multi_input_models_check_each_input():
    assert codes_of(MULTI_INPUT.replace("META", "np.random.rand(20, 4)")) == []
    assert codes_of(MULTI_INPUT.replace("META", "np.random.rand(20, 5)")) == ["LS203"]
    assert codes_of(MULTI_INPUT.replace("META", "np.random.rand(18, 4)")) == ["LS205"]


def test_label_encoder_classes_and_random_choice():
    code = HEAD + """
from sklearn.preprocessing import LabelEncoder
labels = np.random.choice(["cat", "dog", "bird", "fish"], size=100)
encoder = LabelEncoder()
ids = encoder.fit_transform(labels)
n_classes = len(encoder.classes_)
y = keras.utils.to_categorical(ids, num_classes=n_classes)
model = keras.Sequential([keras.Input(shape=(20, 5)), layers.LSTM(8), layers.Dense(n_classes, activation="softmax")])
model.compile(optimizer="adam", loss="LOSS")
model.fit(np.random.rand(100, 20, 5), TARGETS)
"""
    assert codes_of(code.replace("LOSS", "sparse_categorical_crossentropy").replace("TARGETS", "y")) == ["LS302"]
    assert codes_of(code.replace("LOSS", "categorical_crossentropy").replace("TARGETS", "y")) == []
    assert codes_of(code.replace("LOSS", "sparse_categorical_crossentropy").replace("TARGETS", "ids")) == []


def test_backward_windows_and_loc_columns():
    code = HEAD + """
import pandas as pd
df = pd.DataFrame({"a": np.random.rand(200), "b": np.random.rand(200), "c": np.random.rand(200)})
data = df.loc[:, ["a", "b"]].values
X = []
for i in range(30, len(data)):
    X.append(data[i - 30:i])
X = np.array(X)
model = keras.Sequential([layers.LSTM(8, input_shape=(30, FEATURES)), layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(X, np.random.rand(len(X), 1))
"""
    assert codes_of(code.replace("FEATURES", "2"), keras_version=2) == []
    assert codes_of(code.replace("FEATURES", "3"), keras_version=2) == ["LS203"]
