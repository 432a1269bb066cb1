"""Applying the certain fixes to a text: repeatedly, since one fix can reveal
the next (three stacked LSTMs)."""

from __future__ import annotations

from collections import Counter
from typing import Optional, Tuple

import libcst as cst

from ..diagnostics import Diagnostic
from .edits import ApplyEdits, fix_for, index_module
from .verify import check_only_edited, line_starts, to_span

MAX_PASSES = 10


def fix_text(text: str, filename: str, settings, codes: Optional[Counter] = None) -> Tuple[str, int]:
    """The text with every fix applied (the safe ones, and the unsafe ones when
    ``settings.unsafe_fixes``), and how many were made; ``codes`` counts them by
    code. A notebook's text is its JSON: its code cells are fixed.

    Raises :class:`~lstmlint.fix.verify.FixRefused` when a fix would change
    bytes outside its edits."""
    if filename.endswith(".ipynb"):
        from .notebook import fix_notebook

        return fix_notebook(text, filename, settings, lambda t, f, s: _fix_program(t, f, s, codes))
    return _fix_program(text, filename, settings, codes)


def _fix_program(text: str, filename: str, settings, codes: Optional[Counter]) -> Tuple[str, int]:
    from ..api import lint_text
    from ..parse.source import Source

    applied = 0
    for _ in range(MAX_PASSES):
        fixable = [d for d in lint_text(Source(text, True), filename, settings) if d.fixable]
        if not fixable:
            break
        module = cst.parse_module(text)
        index = index_module(module)
        edits, made = {}, Counter()
        for d in fixable:
            found = fix_for(d, index, settings.unsafe_fixes)
            if found is None or any(edit.node in edits for edit in found.edits):
                continue  # one rewrite per node a pass; the next pass takes the rest
            edits.update((edit.node, edit) for edit in found.edits)
            made[d.code] += 1
        new = module.visit(ApplyEdits(edits)).code
        starts = line_starts(text)
        check_only_edited(text, new, [to_span(starts, index.positions[node]) for node in edits])
        if new == text:
            break
        text, applied = new, applied + sum(made.values())
        if codes is not None:
            codes.update(made)
    return text, applied


def fix_one(text: str, diagnostic: Diagnostic) -> Optional[str]:
    """The text with only this diagnostic's fix applied (an editor's quick fix),
    or ``None`` when it has no certain fix in this text."""
    module = cst.parse_module(text)
    found = fix_for(diagnostic, index_module(module), unsafe=True)
    if found is None:
        return None
    new = module.visit(ApplyEdits({edit.node: edit for edit in found.edits})).code
    return new if new != text else None
