"""Autofix (``--fix`` / ``--diff``): the edits that are certain, made with libcst
so formatting and comments survive.

Fixes are found from a diagnostic's code and position, not by the rules: the
rule says what is wrong, this module knows how to rewrite the call.

- LS101 caused by a recurrent layer without ``return_sequences=True`` feeding
  another recurrent layer: add ``return_sequences=True`` to the first one.
- LS108 on ``Embedding(..., input_length=...)`` (Keras 3 ignores it): drop it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .diagnostics import Diagnostic

FIXABLE_CODES = frozenset({"LS101", "LS108"})
NEEDS_RETURN_SEQUENCES = "this layer needs return_sequences=True"  # LS101's note on the layer to fix
_RECURRENT = frozenset({"LSTM", "GRU", "SimpleRNN", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D"})
MAX_PASSES = 10  # a fix can uncover the next one (three stacked LSTMs)

Position = Tuple[int, int]  # line, column (1-based), as diagnostics count


@dataclass(frozen=True)
class _Edit:
    call: cst.Call
    drop: Optional[cst.Arg] = None  # None: set return_sequences=True


class _CallIndex(cst.CSTVisitor):
    """Calls by where they start, and keyword arguments by where their value starts."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.calls: Dict[Position, List[cst.Call]] = {}
        self.keywords: Dict[Tuple[Position, str], Tuple[cst.Call, cst.Arg]] = {}

    def _at(self, node: cst.CSTNode) -> Position:
        start = self.get_metadata(PositionProvider, node).start
        return start.line, start.column + 1

    def visit_Call(self, node: cst.Call) -> None:
        self.calls.setdefault(self._at(node), []).append(node)
        for arg in node.args:
            if arg.keyword is not None:
                self.keywords[(self._at(arg.value), arg.keyword.value)] = (node, arg)


def _index(module: cst.Module) -> _CallIndex:
    index = _CallIndex()
    MetadataWrapper(module, unsafe_skip_copy=True).visit(index)
    return index


def _callee(call: cst.Call) -> str:
    func = call.func
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return func.value if isinstance(func, cst.Name) else ""


def _edit_for(d: Diagnostic, index: _CallIndex) -> Optional[_Edit]:
    if d.code == "LS101":
        note = next((r for r in d.related if r.message == NEEDS_RETURN_SEQUENCES), None)
        if note is None:
            return None
        for call in index.calls.get((note.line, note.column), ()):
            target = _recurrent_call(call)
            if target is not None:
                return _Edit(target)
        return None
    if d.code == "LS108":
        found = index.keywords.get(((d.line, d.column), "input_length"))
        if found is not None and _callee(found[0]) == "Embedding":
            return _Edit(found[0], drop=found[1])
    return None


def _recurrent_call(call: cst.Call) -> Optional[cst.Call]:
    """The recurrent layer constructor itself (inside ``Bidirectional(...)`` too)."""
    name = _callee(call)
    if name in _RECURRENT:
        return call
    if name == "Bidirectional":
        wrapped = next((a.value for a in call.args if a.keyword is None or a.keyword.value == "layer"), None)
        if isinstance(wrapped, cst.Call) and _callee(wrapped) in _RECURRENT:
            return wrapped
    return None


def mark_fixable(module: cst.Module, diagnostics: List[Diagnostic]) -> None:
    """Set ``fixable`` on the diagnostics ``--fix`` can fix (only files that have
    candidates pay for the position pass)."""
    candidates = [d for d in diagnostics if d.code in FIXABLE_CODES]
    if not candidates:
        return
    index = _index(module)
    for d in candidates:
        d.fixable = _edit_for(d, index) is not None


class _Apply(cst.CSTTransformer):
    def __init__(self, edits: Dict[cst.Call, _Edit]) -> None:
        self.edits = edits

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
        edit = self.edits.get(original)
        if edit is None:
            return updated
        if edit.drop is not None:
            return _drop_arg(updated, original.args.index(edit.drop))
        return _return_sequences(updated)


def _drop_arg(call: cst.Call, position: int) -> cst.Call:
    args = list(call.args)
    removed = args.pop(position)
    if args and position == len(args):  # removed the last one: the new last keeps its comma style
        args[-1] = args[-1].with_changes(comma=removed.comma)
    return call.with_changes(args=args)


def _return_sequences(call: cst.Call) -> cst.Call:
    args = list(call.args)
    for i, arg in enumerate(args):
        if arg.keyword is not None and arg.keyword.value == "return_sequences":
            args[i] = arg.with_changes(value=cst.Name("True"))
            return call.with_changes(args=args)
    new = cst.Arg(
        keyword=cst.Name("return_sequences"),
        value=cst.Name("True"),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    if not args:
        return call.with_changes(args=[new])
    last = args[-1]
    if isinstance(last.comma, cst.Comma):  # a trailing comma (one argument per line): keep the layout
        between = args[-2].comma if len(args) > 1 and isinstance(args[-2].comma, cst.Comma) else cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        args[-1] = last.with_changes(comma=between)
        args.append(new.with_changes(comma=last.comma))
    else:
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        args.append(new)
    return call.with_changes(args=args)


def fix_text(text: str, filename: str, settings) -> Tuple[str, int]:
    """The text with every certain fix applied (repeatedly, as one fix can reveal
    the next), and how many fixes were made."""
    from .api import lint_text
    from .source import Source

    applied = 0
    for _ in range(MAX_PASSES):
        fixable = [d for d in lint_text(Source(text, True), filename, settings) if d.fixable]
        if not fixable:
            break
        module = cst.parse_module(text)
        index = _index(module)
        edits = {edit.call: edit for edit in (_edit_for(d, index) for d in fixable) if edit is not None}
        new = module.visit(_Apply(edits)).code
        if new == text:
            break
        text, applied = new, applied + len(edits)
    return text, applied


@dataclass
class FileFix:
    filename: str
    before: str
    after: str
    count: int


def fix_files(filenames: List[str], settings, write: bool) -> List[FileFix]:
    """Fix each file (in its own encoding); ``write=False`` only computes (``--diff``)."""
    import io
    import tokenize

    fixes = []
    for filename in filenames:
        with open(filename, "rb") as handle:
            data = handle.read()
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        before = data.decode(encoding)  # "utf-8-sig" drops a BOM here and writes it back below
        after, count = fix_text(before, filename, settings)
        if count and after != before:
            fixes.append(FileFix(filename, before, after, count))
            if write:
                with open(filename, "wb") as handle:
                    handle.write(after.encode(encoding))
    return fixes


def unified_diff(fix: FileFix) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(fix.before.splitlines(True), fix.after.splitlines(True), f"a/{fix.filename}", f"b/{fix.filename}")
    )
