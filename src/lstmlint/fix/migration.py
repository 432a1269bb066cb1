"""Fixers of the removed-API rules (LS601-LS603): old spellings rewritten to
their modern equivalents, read from the same table the rules report from.

Each fixer edits only the nodes involved (a method name, a keyword, an import
path), so comments and layout around them stay as they were.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence

import libcst as cst

from ..diagnostics import Diagnostic
from ..infer.layer_table import lookup
from ..infer.removed_api import KEYWORDS, METHODS, NAMES, RemovedMethod
from .edits import CallIndex, Edit, Fix, callee, drop_arg, fixer, one

# Positional parameters of the non-layer callees whose keywords get renamed.
_POSITIONAL = {"fit": ("x", "y", "batch_size", "epochs"), "Adam": ("learning_rate",), "SGD": ("learning_rate",),
               "RMSprop": ("learning_rate",), "Adagrad": ("learning_rate",), "Adadelta": ("learning_rate",),
               "Adamax": ("learning_rate",), "Nadam": ("learning_rate",)}


@fixer("LS601")
def _modern_method(d: Diagnostic, index: CallIndex) -> Optional[Fix]:
    for call in index.calls.get((d.line, d.column), ()):
        row = METHODS.get(callee(call))
        if row is not None and isinstance(call.func, cst.Attribute) and not _has_star(call):
            if row.name == "predict_classes":
                return _classes(call, d.fix_data.get("classes"), _numpy_name(index.module))
            if len([a for a in call.args if a.keyword is None]) - 1 <= len(row.old_positional):
                return one(call, lambda updated: _renamed_call(updated, row), safe=row.same_result)
    return None


def _renamed_call(call: cst.Call, row: RemovedMethod) -> cst.Call:
    """``fit_generator(g, 10, 5)`` -> ``fit(g, steps_per_epoch=10, epochs=5)``; ``generator=g`` -> ``x=g``."""
    args, names = [], iter(row.old_positional)
    for i, arg in enumerate(call.args):
        if arg.keyword is None and i > 0:
            arg = arg.with_changes(keyword=cst.Name(next(names)), equal=_EQUAL)
        elif arg.keyword is not None and arg.keyword.value == row.old_first:
            arg = arg.with_changes(keyword=cst.Name("x"))
        args.append(arg)
    func = call.func.with_changes(attr=cst.Name(row.modern))  # type: ignore[union-attr]
    return call.with_changes(func=func, args=args)


def _classes(call: cst.Call, variant: Optional[str], numpy: Optional[str]) -> Optional[Fix]:
    """predict_classes: a threshold for one sigmoid unit, argmax otherwise (safe only
    when the model's output size is known)."""
    if variant == "threshold":
        text = '({} > 0.5).astype("int32")'
    elif numpy is not None:
        text = numpy + ".argmax({}, axis=-1)"
    else:
        return None
    template = cst.parse_expression(text.format("__predict__"))

    def rewrite(updated: cst.CSTNode) -> cst.CSTNode:
        inner = updated.with_changes(func=updated.func.with_changes(attr=cst.Name("predict")))  # type: ignore[union-attr]
        return template.visit(_Put("__predict__", inner))

    return one(call, rewrite, safe=variant is not None)


class _Put(cst.CSTTransformer):
    def __init__(self, name: str, node: cst.BaseExpression) -> None:
        self.name, self.node = name, node

    def leave_Name(self, original: cst.Name, updated: cst.Name):  # type: ignore[override]
        return self.node if original.value == self.name else updated


@fixer("LS602")
def _modern_keyword(d: Diagnostic, index: CallIndex) -> Optional[Fix]:
    for row in KEYWORDS:
        found = index.keywords.get(((d.line, d.column), row.keyword))
        if found is None:
            continue
        call, arg = found
        if row.drop:
            position = call.args.index(arg)
            return one(call, lambda updated: drop_arg(updated, position))
        if row.rename is not None and _free(call, row.rename, _params(callee(call))):
            return one(arg, lambda updated: updated.with_changes(keyword=cst.Name(row.rename)))
    return None


def _params(name: str) -> Sequence[str]:
    entry = lookup(name)
    return entry.params if entry is not None else _POSITIONAL.get(name, ())


def _free(call: cst.Call, keyword: str, params: Sequence[str]) -> bool:
    """No argument already gives ``keyword`` (by name, by position, or maybe through ``*``)."""
    if _has_star(call) or any(a.keyword is not None and a.keyword.value == keyword for a in call.args):
        return False
    positional = sum(1 for a in call.args if a.keyword is None)
    return positional <= (params.index(keyword) if keyword in params else len(params))


@fixer("LS603")
def _moved_import(d: Diagnostic, index: CallIndex) -> Optional[Fix]:
    row = NAMES.get(d.fix_data.get("removed", ""))
    if row is None or row.moved_to is None:
        return None
    at = (d.line, d.column)
    levels = row.qualname.count(".") - row.moved_to.count(".")
    statement = index.imports.get(at)
    if statement is not None:
        names = statement.names
        if isinstance(names, cst.ImportStar) or not all(row.can_move(_name(a.name)) for a in names):
            return None
        return one(statement, lambda updated: updated.with_changes(module=_strip(updated.module, levels)))
    if at in index.imported:
        return _module_import(index, *index.imported[at], row)
    for outer in index.attributes.get(at, ()):
        inner = outer.value
        if isinstance(inner, cst.Attribute) and inner.attr.value == row.qualname.rpartition(".")[2] and row.can_move(outer.attr.value):
            return one(inner, lambda updated: _strip(updated, levels))
    return None


def _module_import(index: CallIndex, statement: cst.ImportFrom, alias: cst.ImportAlias, row) -> Optional[Fix]:
    """``from keras.utils import np_utils`` used only as ``np_utils.to_categorical``:
    import ``to_categorical`` and call it by name."""
    module = _name(alias.name)
    if alias.asname is not None or row.qualname.rpartition(".")[2] != module:
        return None
    uses = _Uses(module)
    index.module.visit(uses)
    if uses.bare or not uses.attrs or not all(row.can_move(a.attr.value) for a in uses.attrs):
        return None
    wanted = sorted({a.attr.value for a in uses.attrs})
    if any(uses.names.get(name) for name in wanted):
        return None  # the name is already taken in this file
    edits: List[Edit] = [Edit(a, lambda updated: updated.attr) for a in uses.attrs]
    edits.append(Edit(alias, lambda updated: _aliases(updated, wanted)))
    return Fix(tuple(edits))


def _aliases(alias: cst.ImportAlias, wanted: List[str]) -> cst.CSTNode:
    """One imported name replaced by ``wanted`` (the last keeps the old comma)."""
    between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    names = [cst.ImportAlias(cst.Name(name), comma=between) for name in wanted]
    names[-1] = names[-1].with_changes(comma=alias.comma)
    return cst.FlattenSentinel(names) if len(names) > 1 else names[0]


class _Uses(cst.CSTVisitor):
    """How a name is used: as ``name.attr`` (collected), bare, and which other names occur."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.attrs: List[cst.Attribute] = []
        self.bare = False
        self.names: Dict[str, int] = {}
        self._seen: set = set()

    def visit_ImportAlias(self, node: cst.ImportAlias) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == self.name:
            self.attrs.append(node)
            self._seen.add(id(node.value))
            self._seen.add(id(node.attr))
        else:
            self._seen.add(id(node.attr))

    def visit_Name(self, node: cst.Name) -> None:
        if id(node) in self._seen:
            return
        if node.value == self.name:
            self.bare = True
        self.names[node.value] = self.names.get(node.value, 0) + 1


def _strip(node: cst.BaseExpression, levels: int) -> cst.BaseExpression:
    """``a.b.c`` without its last ``levels`` attribute levels."""
    for _ in range(levels):
        node = node.value  # type: ignore[union-attr]
    return node


def _name(node: cst.CSTNode) -> str:
    if isinstance(node, cst.Attribute):
        return f"{_name(node.value)}.{node.attr.value}"
    return node.value if isinstance(node, cst.Name) else ""


def _has_star(call: cst.Call) -> bool:
    return any(a.star for a in call.args)


def _numpy_name(module: cst.Module) -> Optional[str]:
    """The name NumPy is imported as at module level (``import numpy as np``)."""
    for statement in module.body:
        for small in getattr(statement, "body", ()):
            if isinstance(small, cst.Import):
                for alias in small.names:
                    if _name(alias.name) == "numpy":
                        return alias.asname.name.value if alias.asname is not None else "numpy"  # type: ignore[union-attr]
    return None


_EQUAL = cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))
