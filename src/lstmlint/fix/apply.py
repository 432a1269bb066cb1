"""Applying the certain fixes to a text: repeatedly, since one fix can reveal
the next (three stacked LSTMs)."""

from __future__ import annotations

from typing import Tuple

import libcst as cst

from .edits import ApplyEdits, edit_for, index_module
from .verify import check_only_edited, line_starts, to_span

MAX_PASSES = 10


def fix_text(text: str, filename: str, settings) -> Tuple[str, int]:
    """The text with every certain fix applied, and how many fixes were made.

    Raises :class:`~lstmlint.fix.verify.FixRefused` when a fix would change
    bytes outside its edits."""
    from ..api import lint_text
    from ..source import Source

    applied = 0
    for _ in range(MAX_PASSES):
        fixable = [d for d in lint_text(Source(text, True), filename, settings) if d.fixable]
        if not fixable:
            break
        module = cst.parse_module(text)
        index = index_module(module)
        edits = {edit.node: edit for edit in (edit_for(d, index) for d in fixable) if edit is not None}
        new = module.visit(ApplyEdits(edits)).code
        starts = line_starts(text)
        check_only_edited(text, new, [to_span(starts, index.ranges[node]) for node in edits])
        if new == text:
            break
        text, applied = new, applied + len(edits)
    return text, applied
