"""Applying the certain fixes to a text: repeatedly, since one fix can reveal
the next (three stacked LSTMs)."""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from ..diagnostics import Diagnostic
from .edits import ApplyEdits, edit_for, index_module

MAX_PASSES = 10


def fix_text(text: str, filename: str, settings) -> Tuple[str, int]:
    """The text with every certain fix applied, and how many fixes were made."""
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
        if new == text:
            break
        text, applied = new, applied + len(edits)
    return text, applied


def fix_one(text: str, diagnostic: Diagnostic) -> Optional[str]:
    """The text with only this diagnostic's fix applied (an editor's quick fix),
    or ``None`` when it has no certain fix in this text."""
    module = cst.parse_module(text)
    edit = edit_for(diagnostic, index_module(module))
    if edit is None:
        return None
    new = module.visit(ApplyEdits({edit.node: edit})).code
    return new if new != text else None
