"""Images as scripts load them: OpenCV, PIL, keras.utils image helpers and
the Keras image generators, as far as shapes go.

OpenCV gives NumPy arrays (``cv2.resize(img, (w, h))`` is (h, w[, c]), a
single channel dropped); PIL and ``load_img`` give an image :class:`Instance`
with ``size`` (w, h) and ``mode``, which ``np.array`` / ``img_to_array`` turn
into (h, w[, c]). ``flow``, ``flow_from_directory`` and
``image_dataset_from_directory`` give batched datasets (see :mod:`.datasets`)
whose element shapes ``fit`` checks. Everything here assumes channels-last
images; the interpreter makes these calls unknown under another data format.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional, Tuple

from .arrays import dtype_name
from .callargs import CallArgs
from .shapes import UNKNOWN, Shape, Sym, is_known
from .values import Array, Instance, Ref

Handler = Callable[[CallArgs], Any]

PIL_IMAGE = "PIL.Image.Image"
GENERATOR = "keras.preprocessing.image.ImageDataGenerator"
_DATASET = "tensorflow.data.Dataset"

# PIL mode -> channels of np.array(image) (None: a 2D array)
_MODE_CHANNELS: Dict[str, Optional[int]] = {"L": None, "RGB": 3, "RGBA": 4}
_COLOR_MODES = {"rgb": ("RGB", 3), "grayscale": ("L", 1), "rgba": ("RGBA", 4)}


def _size(value: Any) -> bool:
    return (is_known(value) and value > 0) or isinstance(value, Sym)


def _pair(value: Any) -> Optional[Tuple[Any, Any]]:
    if isinstance(value, (tuple, list)) and len(value) == 2 and all(_size(v) for v in value):
        return value[0], value[1]
    return None


# -- OpenCV ----------------------------------------------------------------


def _flag(value: Any, names: Dict[str, Any]) -> Any:
    if isinstance(value, Ref) and value.qualname.startswith("cv2."):
        return names.get(value.qualname[4:], UNKNOWN)
    return value


def _imread(a: CallArgs) -> Any:
    """``cv2.imread(path)`` is (h, w, 3) BGR; with flag 0 / IMREAD_GRAYSCALE (h, w)."""
    flag = _flag(a.get(1, "flags", 1), {"IMREAD_COLOR": 1, "IMREAD_GRAYSCALE": 0})
    if flag not in (0, 1) or isinstance(flag, bool):
        return UNKNOWN
    dims = (UNKNOWN, UNKNOWN, 3) if flag == 1 else (UNKNOWN, UNKNOWN)
    return Array(Shape(dims), "uint8", a.node)


def _cv2_resize(a: CallArgs) -> Any:
    """``cv2.resize(img, (w, h))``: (h, w) plus the channels (one channel is dropped)."""
    image, size = a.get(0, "src"), _pair(a.get(1, "dsize", None))
    if not isinstance(image, Array) or size is None or image.shape.rank not in (2, 3):
        return UNKNOWN
    width, height = size
    if image.shape.rank == 2:
        return image.derive(Shape((height, width)), a.node)
    channels = image.shape[2]
    if not is_known(channels):
        return UNKNOWN
    return image.derive(Shape((height, width) if channels == 1 else (height, width, channels)), a.node)


_CONVERSIONS = {"COLOR_BGR2GRAY": None, "COLOR_RGB2GRAY": None, "COLOR_BGR2RGB": 3, "COLOR_RGB2BGR": 3, "COLOR_GRAY2RGB": 3, "COLOR_GRAY2BGR": 3}


def _cvt_color(a: CallArgs) -> Any:
    image, code = a.get(0, "src"), a.get(1, "code")
    if not isinstance(image, Array) or image.shape.rank not in (2, 3) or not isinstance(code, Ref):
        return UNKNOWN
    name = code.qualname.rpartition(".")[2]
    if name not in _CONVERSIONS:
        return UNKNOWN
    channels = _CONVERSIONS[name]
    if (image.shape.rank == 2) != name.startswith("COLOR_GRAY"):
        return UNKNOWN  # a conversion of the wrong number of channels raises
    dims = image.shape.dims[:2] + ((channels,) if channels else ())  # type: ignore[index]
    return image.derive(Shape(dims), a.node)


# -- PIL and keras.utils -------------------------------------------------------


def _pil_open(a: CallArgs) -> Any:
    return Instance(PIL_IMAGE, {"size": UNKNOWN, "mode": UNKNOWN})


def pil_method(image: Instance, name: str, a: CallArgs) -> Any:
    """``img.resize((w, h))`` and ``img.convert(mode)`` make new images; other
    methods may change the image in place (``thumbnail``), so it becomes unknown."""
    if name == "resize":
        size = _pair(a.get(0, "size"))
        return Instance(PIL_IMAGE, {"size": size if size is not None else UNKNOWN, "mode": image.attrs.get("mode", UNKNOWN)})
    if name == "convert":
        mode = a.get(0, "mode", None)
        return Instance(PIL_IMAGE, {"size": image.attrs.get("size", UNKNOWN), "mode": mode if isinstance(mode, str) else UNKNOWN})
    if name == "copy":
        return Instance(PIL_IMAGE, dict(image.attrs))
    image.attrs.update(size=UNKNOWN, mode=UNKNOWN)
    return UNKNOWN


def pil_array(image: Instance, node: Any) -> Any:
    """``np.array(img)``: (h, w) for mode L, (h, w, 3) for RGB, (h, w, 4) for RGBA."""
    mode = image.attrs.get("mode")
    if mode not in _MODE_CHANNELS:
        return UNKNOWN
    size = image.attrs.get("size")
    width, height = size if isinstance(size, tuple) else (UNKNOWN, UNKNOWN)
    channels = _MODE_CHANNELS[mode]
    return Array(Shape((height, width) + ((channels,) if channels else ())), "uint8", node)


def _load_img(a: CallArgs) -> Any:
    """``load_img(path, color_mode=..., target_size=(h, w))``: an image of size (w, h).
    Only keywords are followed: Keras 2 and 3 order the parameters differently."""
    color = _COLOR_MODES.get(a.get(None, "color_mode", "rgb"))
    target = a.get(None, "target_size", None)
    size = _pair(target)
    if len(a.positional) > 1 or "grayscale" in a.keywords or color is None or (target is not None and size is None):
        return UNKNOWN
    return Instance(PIL_IMAGE, {"size": (size[1], size[0]) if size else UNKNOWN, "mode": color[0]})


def _img_to_array(a: CallArgs) -> Any:
    """(h, w, channels) float32; a 2D image (mode L) gets a channel axis of 1."""
    image = a.get(0, "img")
    if a.get(1, "data_format", None) not in (None, "channels_last"):
        return UNKNOWN
    array = pil_array(image, a.node) if isinstance(image, Instance) and image.type_name == PIL_IMAGE else image
    if not isinstance(array, Array) or array.shape.rank not in (2, 3):
        return UNKNOWN
    dims = array.shape.dims + ((1,) if array.shape.rank == 2 else ())  # type: ignore[operator]
    dtype = a.get(2, "dtype", None)
    return Array(Shape(dims), "float32" if dtype is None else dtype_name(dtype), a.node)


def _tf_image_resize(a: CallArgs) -> Any:
    """``tf.image.resize(images, (h, w))``: the two spatial axes replaced; float32."""
    images, size = a.get(0, "images"), _pair(a.get(1, "size"))
    if not isinstance(images, Array) or size is None or images.shape.rank not in (3, 4):
        return UNKNOWN
    dims = images.shape.dims
    head = dims[:-3]  # type: ignore[index]
    if a.get(3, "preserve_aspect_ratio", False) is not False:
        return UNKNOWN
    dtype = "float32" if a.get(2, "method", None) is None else None
    return images.derive(Shape(head + size + dims[-1:]), a.node, dtype=dtype, kind="tensor", int_range=None)  # type: ignore[index, operator]


# -- generators and directory datasets ------------------------------------------


def _generator(a: CallArgs) -> Any:
    if a.has_star or a.get(None, "data_format", None) not in (None, "channels_last"):
        return UNKNOWN
    return Instance(GENERATOR, {})


def _batched(element: Any) -> Instance:
    return Instance(_DATASET, {"element": element, "batched": True, "iterator": True})


def _flow(generator: Instance, a: CallArgs) -> Any:
    """``datagen.flow(x, y)``: batches of x as float32 (x must be 4D) and of y."""
    x, y = a.get(0, "x"), a.get(1, "y", None)
    if a.get(4, "sample_weight", None) is not None or not isinstance(x, Array) or x.shape.rank != 4:
        return UNKNOWN
    images = x.derive(x.shape, a.node, dtype="float32", int_range=None, kind="numpy")
    if y is None:
        return _batched(images)
    return _batched((images, y if isinstance(y, Array) else UNKNOWN))


def _class_count(classes: Any) -> Any:
    return len(classes) if isinstance(classes, (list, tuple)) and classes else UNKNOWN


def _flow_from_directory(generator: Instance, a: CallArgs) -> Any:
    """Batches (b, h, w, channels) float32; labels by ``class_mode``."""
    size = _pair(a.get(1, "target_size", (256, 256)))
    color = _COLOR_MODES.get(a.get(2, "color_mode", "rgb"))
    mode = a.get(4, "class_mode", "categorical")
    if size is None or color is None:
        return UNKNOWN
    images = Array(Shape((UNKNOWN,) + size + (color[1],)), "float32", a.node)
    labels = {
        "categorical": lambda: Array(Shape((UNKNOWN, _class_count(a.get(3, "classes", None)))), "float32", a.node),
        "binary": lambda: Array(Shape((UNKNOWN,)), "float32", a.node),
        "sparse": lambda: Array(Shape((UNKNOWN,)), "float32", a.node),
        "input": lambda: images,
    }
    if mode is None:
        return _batched(images)
    if mode not in labels:
        return UNKNOWN
    return _batched((images, labels[mode]()))


def _image_dataset_from_directory(a: CallArgs) -> Any:
    """A tf.data dataset of (images, labels) batches; ``subset="both"`` gives two."""
    size = _pair(a.get(6, "image_size", (256, 256)))
    color = _COLOR_MODES.get(a.get(4, "color_mode", "rgb"))
    labels, mode = a.get(1, "labels", "inferred"), a.get(2, "label_mode", "int")
    batch_size = a.get(5, "batch_size", 32)
    if size is None or color is None or a.get(None, "data_format", None) not in (None, "channels_last") or labels not in ("inferred", None):
        return UNKNOWN
    if batch_size is not None and not is_known(batch_size):
        return UNKNOWN
    images = Array(Shape((UNKNOWN,) + size + (color[1],)), "float32", a.node, kind="tensor")
    targets = {
        "int": lambda: Array(Shape((UNKNOWN,)), "int32", a.node, kind="tensor"),
        "categorical": lambda: Array(Shape((UNKNOWN, _class_count(a.get(3, "class_names", None)))), "float32", a.node, kind="tensor"),
        "binary": lambda: Array(Shape((UNKNOWN, 1)), "float32", a.node, kind="tensor"),
    }
    if labels is None or mode is None:
        element: Any = images
    elif mode in targets:
        element = (images, targets[mode]())
    else:
        return UNKNOWN
    dataset = Instance(_DATASET, {"element": element, "batched": batch_size is not None})
    if a.get(None, "subset", None) == "both":
        return (dataset, Instance(_DATASET, dict(dataset.attrs)))
    return dataset


def _names(suffix: str, *modules: str) -> Tuple[str, ...]:
    return tuple(f"{module}.{suffix}" for module in modules)


_KERAS_IMAGE = ("keras.utils", "keras.preprocessing.image", "keras.utils.image_utils")

IMAGE_CALLS: Dict[str, Handler] = {
    "cv2.imread": _imread,
    "cv2.resize": _cv2_resize,
    "cv2.cvtColor": _cvt_color,
    "PIL.Image.open": _pil_open,
    "tensorflow.image.resize": _tf_image_resize,
    **{name: _load_img for name in _names("load_img", *_KERAS_IMAGE)},
    **{name: _img_to_array for name in _names("img_to_array", *_KERAS_IMAGE)},
    "keras.preprocessing.image.ImageDataGenerator": _generator,
    **{name: _image_dataset_from_directory for name in _names("image_dataset_from_directory", "keras.utils", "keras.preprocessing")},
}

# calls whose shapes assume channels-last images
CHANNELS_LAST_CALLS = frozenset(
    name for name in IMAGE_CALLS if name.rpartition(".")[2] in ("img_to_array", "ImageDataGenerator", "image_dataset_from_directory")
)

IMAGE_METHODS = {(GENERATOR, "flow"): _flow, (GENERATOR, "flow_from_directory"): _flow_from_directory}
