"""Images and text as scripts load them: OpenCV, PIL, keras.utils image
helpers, the image generators and Tokenizer matrices. The shapes were taken
from real OpenCV 5, Pillow 13 and Keras 3 / tf-keras 2 runs."""

import pytest

from lstmlint.infer.values import Array, Instance
from lstmlint.testing import codes_of, infer_names

HEAD = """
import numpy as np, cv2
from PIL import Image
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.preprocessing.image import ImageDataGenerator, load_img, img_to_array
from tensorflow.keras.preprocessing.text import Tokenizer
"""


def shape_of(code: str, name: str = "r"):
    value = infer_names(HEAD + code)[name]
    assert isinstance(value, Array), value
    return tuple(d if isinstance(d, int) else None for d in value.shape.dims), value.dtype


ARRAYS = {
    "cv2.imread is BGR": ("r = cv2.imread(p)", ((None, None, 3), "uint8")),
    "cv2.imread grayscale": ("r = cv2.imread(p, cv2.IMREAD_GRAYSCALE)", ((None, None), "uint8")),
    "cv2.resize takes (w, h)": ("r = cv2.resize(cv2.imread(p), (64, 32))", ((32, 64, 3), "uint8")),
    "cv2.resize drops one channel": ("r = cv2.resize(cv2.imread(p)[:, :, :1], (64, 32))", ((32, 64), "uint8")),
    "cv2.resize of grayscale": ("r = cv2.resize(cv2.imread(p, 0), dsize=(28, 28))", ((28, 28), "uint8")),
    "cvtColor to gray": ("r = cv2.cvtColor(cv2.resize(cv2.imread(p), (8, 8)), cv2.COLOR_BGR2GRAY)", ((8, 8), "uint8")),
    "cvtColor to RGB": ("r = cv2.cvtColor(cv2.resize(cv2.imread(p), (8, 8)), cv2.COLOR_BGR2RGB)", ((8, 8, 3), "uint8")),
    "PIL resize then array": ("r = np.array(Image.open(p).convert('RGB').resize((20, 10)))", ((10, 20, 3), "uint8")),
    "PIL grayscale": ("r = np.asarray(Image.open(p).convert('L').resize((20, 10)))", ((10, 20), "uint8")),
    "load_img target_size is (h, w)": ("r = img_to_array(load_img(p, target_size=(16, 32)))", ((16, 32, 3), "float32")),
    "load_img grayscale has one channel": ("r = img_to_array(load_img(p, target_size=(28, 28), color_mode='grayscale'))", ((28, 28, 1), "float32")),
    "load_img rgba": ("r = img_to_array(load_img(p, color_mode='rgba'))", ((None, None, 4), "float32")),
    "img_to_array of a 2D array": ("r = img_to_array(np.zeros((4, 5)))", ((4, 5, 1), "float32")),
    "images appended after resize": (
        "imgs = []\nfor p in paths:\n    imgs.append(cv2.resize(cv2.imread(p), (64, 64)))\nr = np.array(imgs) / 255.0",
        ((None, 64, 64, 3), "float64"),
    ),
    "loaded images appended": (
        "imgs = []\nfor p in paths:\n    imgs.append(img_to_array(load_img(p, target_size=(32, 32))))\nr = np.array(imgs)",
        ((None, 32, 32, 3), "float32"),
    ),
    "tf.image.resize": ("import tensorflow as tf\nr = tf.image.resize(np.zeros((4, 40, 60, 3)), (16, 32))", ((4, 16, 32, 3), "float32")),
    "texts_to_matrix": ("t = Tokenizer(num_words=50)\nr = t.texts_to_matrix(['a b', 'c', 'e e'], mode='tfidf')", ((3, 50), "float64")),
    "sequences_to_matrix": ("t = Tokenizer(num_words=50)\nr = t.sequences_to_matrix([[1, 2], [3]])", ((2, 50), "float64")),
    "texts_to_matrix without num_words": ("t = Tokenizer()\nr = t.texts_to_matrix(['a'])", ((1, None), "float64")),
}


@pytest.mark.parametrize("code, expected", ARRAYS.values(), ids=ARRAYS.keys())
def test_image_and_text_arrays(code, expected):
    assert shape_of(code) == expected


UNKNOWN = {
    "images of unknown size appended": "imgs = []\nfor p in paths:\n    imgs.append(cv2.imread(p))\nr = np.array(imgs)",
    "resize by factors": "r = cv2.resize(cv2.imread(p), None, fx=0.5, fy=0.5)",
    "imread unchanged": "r = cv2.imread(p, cv2.IMREAD_UNCHANGED)",
    "a PIL image of unknown mode": "r = np.array(Image.open(p).resize((8, 8)))",
    "a PIL image changed in place": "im = Image.open(p).convert('RGB').resize((8, 8))\nim.thumbnail((4, 4))\nr = np.array(im)",
    "load_img with Keras 2 positional arguments": "r = img_to_array(load_img(p, False, (8, 8)))",
    "img_to_array channels first": "r = img_to_array(load_img(p, target_size=(8, 8)), data_format='channels_first')",
    "flow of 3D data (Keras raises)": "r = ImageDataGenerator().flow(np.zeros((10, 8, 8)), np.zeros(10))",
    "generator under channels_first": "keras.backend.set_image_data_format('channels_first')\nr = ImageDataGenerator().flow(np.zeros((10, 3, 8, 8)))",
}


@pytest.mark.parametrize("code", UNKNOWN.values(), ids=UNKNOWN.keys())
def test_unfollowed_images_stay_unknown(code):
    value = infer_names(HEAD + code)["r"]
    assert not isinstance(value, (Array, Instance)) or (isinstance(value, Array) and value.shape.dims is None)


MODEL = """
model = keras.Sequential([keras.Input(shape=(32, 32, 3)), layers.Conv2D(4, 3), layers.Flatten(), layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="{loss}")
model.fit({data}, epochs=1)
"""

GENERATORS = {
    # data, loss, codes
    "flow_from_directory default: RGB, one-hot": ("ImageDataGenerator(rescale=1/255).flow_from_directory('d', target_size=(32, 32))", "categorical_crossentropy", []),
    "flow_from_directory grayscale": ("ImageDataGenerator().flow_from_directory('d', target_size=(32, 32), color_mode='grayscale')", "categorical_crossentropy", ["LS203"]),
    "flow_from_directory sparse labels, categorical loss": (
        "ImageDataGenerator().flow_from_directory('d', target_size=(32, 32), class_mode='sparse')",
        "categorical_crossentropy",
        ["LS301"],
    ),
    "flow_from_directory classes give the width": (
        "ImageDataGenerator().flow_from_directory('d', target_size=(32, 32), classes=['a', 'b', 'c'])",
        "categorical_crossentropy",
        [],
    ),
    "image_dataset_from_directory int labels": ("keras.utils.image_dataset_from_directory('d', image_size=(32, 32))", "sparse_categorical_crossentropy", []),
    "image_dataset_from_directory rgba": (
        "keras.utils.image_dataset_from_directory('d', image_size=(32, 32), color_mode='rgba')",
        "sparse_categorical_crossentropy",
        ["LS203"],
    ),
    "image_dataset_from_directory default size": ("keras.utils.image_dataset_from_directory('d')", "sparse_categorical_crossentropy", ["LS204"]),
    "unbatched directory dataset, batched later": (
        "keras.utils.image_dataset_from_directory('d', image_size=(32, 32), color_mode='grayscale', batch_size=None).batch(8)",
        "sparse_categorical_crossentropy",
        ["LS203"],
    ),
    "flow of arrays": ("ImageDataGenerator().flow(np.random.rand(8, 32, 32, 1), np.eye(3)[np.random.randint(0, 3, 8)])", "categorical_crossentropy", ["LS203"]),
    "an iterator's methods are unknown": ("ImageDataGenerator().flow(np.random.rand(8, 32, 32, 1)).map(f)", "mse", []),
}


@pytest.mark.parametrize("data, loss, codes", GENERATORS.values(), ids=GENERATORS.keys())
def test_fit_on_image_generators(data, loss, codes):
    assert [c for c in codes_of(HEAD + MODEL.format(data=data, loss=loss)) if c != "LS202"] == codes


def test_directory_dataset_split_in_both():
    names = infer_names(HEAD + "train, val = keras.utils.image_dataset_from_directory('d', validation_split=0.2, subset='both', seed=1)\n")
    assert all(isinstance(names[n], Instance) for n in ("train", "val"))
