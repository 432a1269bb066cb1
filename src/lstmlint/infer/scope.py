"""Scopes (name -> abstract value) and how branches of control flow join."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from .shapes import UNKNOWN
from .values import Array, Ref

_BUILTIN_NAMES = frozenset(dir(builtins))
# Modules whose star-imported names the linter knows; any other module's star
# import, made later, may rebind a name (``from helpers import *`` after
# ``from keras.layers import *``): that name is then unknown.
_KNOWN_STAR_MODULES = ("keras", "tensorflow", "numpy")
_MISSING = object()


@dataclass
class Scope:
    parent: Optional["Scope"] = None
    vars: Dict[str, Any] = field(default_factory=dict)
    star_modules: List[str] = field(default_factory=list)

    def lookup(self, name: str, star_names: Any = None) -> Any:
        scope: Optional[Scope] = self
        while scope is not None:
            if name in scope.vars:
                return scope.vars[name]
            if scope.parent is None and star_names is not None:
                shadowed = False
                for module in reversed(scope.star_modules):  # the last star import binding it wins
                    if star_names(module, name):
                        return UNKNOWN if shadowed else Ref(f"{module}.{name}")
                    shadowed = shadowed or module.split(".")[0] not in _KNOWN_STAR_MODULES
            scope = scope.parent
        if name in _BUILTIN_NAMES:
            return Ref(f"builtins.{name}")
        return UNKNOWN


def join_values(values: List[Any]) -> Any:
    """The value every path agrees on; arrays of one rank keep the dims they share."""
    first = values[0]
    if all(v is first for v in values[1:]):
        return first
    if all(isinstance(v, Array) for v in values):
        shape = first.shape
        for v in values[1:]:
            shape = shape.join(v.shape)
        dtype = first.dtype if all(v.dtype == first.dtype for v in values) else None
        return Array(shape, dtype, first.origin)
    if all(type(v) is type(first) and _plain(v) and v == first for v in values):
        return first
    return UNKNOWN


def _plain(value: Any) -> bool:
    return isinstance(value, (int, float, str, bool, tuple, type(None), Ref))


def join_vars(branches: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Join the bindings at the end of each branch; a name bound on only some
    branches keeps its value (using it later implies such a branch ran)."""
    names: Dict[str, None] = {}
    for branch in branches:
        names.update(dict.fromkeys(branch))
    joined: Dict[str, Any] = {}
    for name in names:
        values = [b[name] for b in branches if name in b]
        joined[name] = join_values(values)
    return joined
