"""The shape domain: dimensions that are known, named, or unknown.

A dimension is an ``int`` (known), a :class:`Sym` (a named value read from
data, such as ``X.shape[2]``, whose number is unknown but whose identity is),
or :data:`UNKNOWN`.  A :class:`Shape` is a tuple of dimensions, or has unknown
rank.  Every operation here answers "unknown" rather than guess, so unknown
propagates silently and no rule can fire on it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Optional, Tuple, Union


class Unknown:
    """The single unknown value (and unknown dimension)."""

    _instance: Optional["Unknown"] = None

    def __new__(cls) -> "Unknown":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN = Unknown()


@dataclass(frozen=True)
class Sym:
    """A named dimension: equal only to itself (same ``key``)."""

    name: str
    key: object

    def __repr__(self) -> str:
        return self.name


Dim = Union[int, Sym, Unknown]

_fresh_counter = [0]


ANONYMOUS = "?"  # the name of a size no variable of the user's names (printed as ``?``)


def fresh_sym(name: str = ANONYMOUS) -> Sym:
    """A new symbol, distinct from every other, for a size read from data; named
    after the user's variable or expression it came from, else anonymous."""
    _fresh_counter[0] += 1
    return Sym(name, ("fresh", _fresh_counter[0]))


def variable_dim() -> Sym:
    """A size declared as ``None`` (any length): unknown, and known to vary."""
    _fresh_counter[0] += 1
    return Sym("None", ("variable", _fresh_counter[0]))


def is_variable(dim: object) -> bool:
    """Whether a size is, or is computed from, a declared ``None``."""
    return isinstance(dim, Sym) and _mentions_variable(dim.key)


def _mentions_variable(key: object) -> bool:
    if not isinstance(key, tuple) or not key:
        return False
    return key[0] == "variable" or any(_mentions_variable(part) for part in key[1:])


def declared_dims(value: object) -> object:
    """A declared shape with each ``None`` made a variable size of its own."""
    if isinstance(value, (tuple, list)):
        return type(value)(variable_dim() if d is None else d for d in value)
    return value


@dataclass(frozen=True)
class LoopIndex:
    """What ``for i in range(start, stop)`` (step 1) runs ``i`` over."""

    start: "Dim"
    stop: "Dim"
    node: object  # the range call


def loop_index(name: str, bounds: Optional[LoopIndex]) -> Sym:
    """A loop's index: a new symbol that knows its range, when the step is 1."""
    _fresh_counter[0] += 1
    return Sym(name, ("fresh", _fresh_counter[0]) if bounds is None else ("index", _fresh_counter[0], bounds))


def index_bounds(dim: object) -> Optional[LoopIndex]:
    if isinstance(dim, Sym) and isinstance(dim.key, tuple) and len(dim.key) == 3 and dim.key[0] == "index":
        return dim.key[2]
    return None


@dataclass(frozen=True)
class UnevenWindows:
    """``seq[i:i + size]`` (``ahead``) or ``seq[i - size:i]`` over a loop whose
    range reaches past the data: the windows differ in length from one ``i`` to the next."""

    index: Sym
    size: int
    ahead: bool
    length: "Dim"  # the length of the axis sliced
    node: object  # the slice


def uneven_dim(windows: UnevenWindows) -> Sym:
    """The length of such a window: different on different iterations."""
    _fresh_counter[0] += 1
    return Sym(ANONYMOUS, ("uneven", _fresh_counter[0], windows))


def uneven_windows(dim: object) -> Optional[UnevenWindows]:
    if isinstance(dim, Sym) and isinstance(dim.key, tuple) and len(dim.key) == 3 and dim.key[0] == "uneven":
        return dim.key[2]
    return None


def is_known(dim: object) -> bool:
    return isinstance(dim, int) and not isinstance(dim, bool)


def dims_equal(a: Dim, b: Dim) -> Optional[bool]:
    """True or False when certain, None when the dimensions may or may not agree
    (a negative size is a mistake elsewhere, never a size to compare)."""
    if is_known(a) and is_known(b):
        return None if a < 0 or b < 0 else a == b
    if isinstance(a, Sym) and isinstance(b, Sym) and a.key == b.key:
        return True
    shift = sample_shift(a, b)
    return None if shift is None else shift == 0  # n - 5 and n - 4: the same n, shifted differently


def sample_shift(a: Dim, b: Dim) -> Optional[int]:
    """``b - a`` when both are one symbol shifted by constants (``n - 5``, ``n - 4``: 1)."""
    if not (isinstance(a, Sym) and isinstance(b, Sym)):
        return None
    (base_a, shift_a), (base_b, shift_b) = _offset(a.key), _offset(b.key)
    return shift_b - shift_a if base_a == base_b else None


def _offset(key: object) -> Tuple[object, int]:
    """A symbol's key as (base, constant): ``n - 5`` is (n, -5), ``(n - 5) + 1`` is (n, -4)."""
    if isinstance(key, tuple) and len(key) == 3 and key[0] in ("+", "-"):
        op, left, right = key
        if is_known(right):
            base, shift = _offset(left)
            return base, shift + right if op == "+" else shift - right
        if is_known(left) and op == "+":
            base, shift = _offset(right)
            return base, shift + left
    return key, 0


def dim_difference(a: Dim, b: Dim) -> Optional[int]:
    """``a - b`` when it is certain: both known, or one symbol shifted by
    constants (``len(word_index)`` and ``len(word_index) + 1``: -1)."""
    if is_known(a) and is_known(b):
        return a - b  # type: ignore[operator]
    shift = sample_shift(b, a)  # type: ignore[arg-type]
    return shift


def dims_differ(a: Dim, b: Dim) -> bool:
    return dims_equal(a, b) is False


MAX_DIM = 2**48  # beyond any array that fits in memory: a size past it is unknown, not a huge int
_MAX_SYMBOL = 200  # characters of a named expression such as `n * 2 + 1`


def _bounded(value: int) -> Dim:
    return value if -MAX_DIM <= value <= MAX_DIM else UNKNOWN


def dim_arith(op: str, a: Dim, b: Dim) -> Dim:
    """``a op b`` for + - * //; symbols combine into named expressions. Sizes
    beyond sane bounds (``np.concatenate([X, X])`` thousands of times) are unknown."""
    if is_known(a) and is_known(b):
        if op == "+":
            return _bounded(a + b)
        if op == "-":
            return _bounded(a - b)
        if op == "*":
            return _bounded(a * b)
        if op == "//" and b != 0:
            return a // b
        return UNKNOWN
    if isinstance(a, Unknown) or isinstance(b, Unknown):
        return UNKNOWN
    if op == "*" and (a == 1 or b == 1):
        return b if a == 1 else a
    if op in ("+", "-") and b == 0:
        return a
    name = f"{a!r} {op} {b!r}"
    return Sym(name, (op, _key(a), _key(b))) if len(name) <= _MAX_SYMBOL else UNKNOWN


def _key(dim: Dim) -> object:
    return dim.key if isinstance(dim, Sym) else dim


def dim_join(a: Dim, b: Dim) -> Dim:
    """The dimension both branches agree on, else unknown."""
    return a if dims_equal(a, b) else UNKNOWN


def dim_str(dim: Dim, leading: bool = False) -> str:
    """``?`` for an unknown size; ``None`` for the leading (batch or sample)
    axis, as Keras prints it, and for a size declared as ``None``."""
    if isinstance(dim, Unknown) or (isinstance(dim, Sym) and dim.name == ANONYMOUS):
        return "None" if leading else "?"
    return repr(dim) if isinstance(dim, Sym) else str(dim)


def dim_json(dim: Dim) -> Union[int, str, None]:
    if isinstance(dim, Unknown) or is_variable(dim) or (isinstance(dim, Sym) and dim.name == ANONYMOUS):
        return None
    return dim.name if isinstance(dim, Sym) else dim


@dataclass(frozen=True)
class Shape:
    """A tensor shape; ``dims is None`` means the rank itself is unknown."""

    dims: Optional[Tuple[Dim, ...]]

    @staticmethod
    def of(dims: Iterable[Dim]) -> "Shape":
        return Shape(tuple(dims))

    @property
    def rank(self) -> Optional[int]:
        return None if self.dims is None else len(self.dims)

    def __getitem__(self, index: int) -> Dim:
        if self.dims is None:
            return UNKNOWN
        try:
            return self.dims[index]
        except IndexError:
            return UNKNOWN

    def with_dim(self, index: int, dim: Dim) -> "Shape":
        if self.dims is None:
            return self
        dims = list(self.dims)
        dims[index] = dim
        return Shape(tuple(dims))

    def size(self) -> Dim:
        """Number of elements, when every dimension is known."""
        if self.dims is None or not all(is_known(d) for d in self.dims):
            return UNKNOWN
        return _bounded(math.prod(self.dims))  # type: ignore[arg-type]

    def join(self, other: "Shape") -> "Shape":
        if self.dims is None or other.dims is None or len(self.dims) != len(other.dims):
            return UNKNOWN_SHAPE
        return Shape(tuple(dim_join(a, b) for a, b in zip(self.dims, other.dims)))

    def __str__(self) -> str:
        if self.dims is None:
            return "(?)"
        if len(self.dims) > _MAX_SHOWN_AXES:  # a 4096-D shape is not a 57 KB message
            head = ", ".join(dim_str(d, leading=i == 0) for i, d in enumerate(self.dims[:3]))
            return f"({head}, ..., {dim_str(self.dims[-1])}; {len(self.dims)} axes)"
        inner = ", ".join(dim_str(d, leading=i == 0) for i, d in enumerate(self.dims))
        return f"({inner},)" if len(self.dims) == 1 else f"({inner})"

    def to_json(self) -> Optional[list]:
        return None if self.dims is None else [dim_json(d) for d in self.dims]


_MAX_SHOWN_AXES = 8
UNKNOWN_SHAPE = Shape(None)


def normalize_axis(axis: int, rank: int) -> Optional[int]:
    """A non-negative axis index, or None when out of range."""
    if axis < 0:
        axis += rank
    return axis if 0 <= axis < rank else None
