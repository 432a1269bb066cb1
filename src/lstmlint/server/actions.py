"""Code actions: each certain ``--fix`` fix as a quick fix (found by the fix
registry in :mod:`lstmlint.fix.edits`), every fix of the file as one
``source.fixAll`` action (what ``lstmlint --fix`` would write), and
"suppress LSxxx on this line" (a ``# noqa: LSxxx`` comment)."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

from lsprotocol import types

from ..diagnostics import Diagnostic
from ..fix import fix_one, fix_text
from ..config.settings import Settings
from ..parse.suppressions import find_directives
from .documents import Program
from .protocol import Documents, lsp_diagnostic, position

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.lstmlint"
_NOQA_CODES = re.compile(r"#\s*noqa\s*:\s*[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+\b)*", re.IGNORECASE)
_SYSTEM = "LS9"  # syntax errors and suppression problems: fixed by editing, not silenced


def code_actions(
    program: Program,
    diagnostics: Sequence[Diagnostic],
    uri: str,
    wanted: types.Range,
    only: Optional[Sequence[str]],
    settings: Settings,
    documents: Documents,
) -> List[types.CodeAction]:
    document = documents(uri)
    here = [
        d for d in diagnostics
        if program.document_of(d.cell) == uri and _overlaps(lsp_diagnostic(d, program, documents).range, wanted)
    ]
    actions: List[types.CodeAction] = []
    for d in here:
        if d.fixable:
            action = _quick_fix(program, d, documents)
            if action is not None:
                actions.append(action)
    seen = set()
    for d in here:
        if d.code.startswith(_SYSTEM) or (d.line, d.code) in seen:
            continue
        seen.add((d.line, d.code))
        action = _suppress(d, uri, document.lines, program, documents)
        if action is not None:
            actions.append(action)
    if program.notebook is None and any(d.fixable for d in diagnostics) and _kind_wanted(FIX_ALL, only):
        action = _fix_all(program, settings, documents)
        if action is not None:
            actions.append(action)
    return [a for a in actions if _kind_wanted(a.kind, only)]


def _quick_fix(program: Program, d: Diagnostic, documents: Documents) -> Optional[types.CodeAction]:
    new = fix_one(program.text, d)
    if new is None:
        return None
    title = f"{d.fix[:1].upper()}{d.fix[1:]} ({d.code})" if d.fix else f"Fix {d.code} ({d.name})"
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(d, program, documents)],
        is_preferred=True,
        edit=_replace(program.uri, program.text, new, documents),
    )


def _fix_all(program: Program, settings: Settings, documents: Documents) -> Optional[types.CodeAction]:
    new, count = fix_text(program.text, program.filename, settings)
    if not count or new == program.text:
        return None
    return types.CodeAction(
        title=f"Fix all certain lstmlint problems ({count})",
        kind=FIX_ALL,
        edit=_replace(program.uri, program.text, new, documents),
    )


def _suppress(d: Diagnostic, uri: str, lines: Sequence[str], program: Program, documents: Documents) -> Optional[types.CodeAction]:
    if not 0 < d.line <= len(lines):
        return None
    found = suppression_edit(lines[d.line - 1], d.code)
    if found is None:
        return None
    start, end, insert = found
    line = lines[d.line - 1]
    edited = list(lines)
    edited[d.line - 1] = line[:start] + insert + line[end:]
    if not any(s.covers(d.code) for s in find_directives("".join(edited)).by_line.get(d.line, ())):
        return None  # the comment would not be read as a suppression (e.g. inside a string)
    document = documents(uri)
    edit = types.TextEdit(types.Range(position(document, d.line - 1, start), position(document, d.line - 1, end)), insert)
    return types.CodeAction(
        title=f"Suppress {d.code} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp_diagnostic(d, program, documents)],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
    )


def suppression_edit(line: str, code: str) -> Optional[Tuple[int, int, str]]:
    """(start, end, text) that makes ``line`` suppress ``code``: the code added to
    its ``# noqa:`` list, or a new ``# noqa:`` comment at its end. None for a line
    continued with a backslash (a comment there would end the statement)."""
    body = line.rstrip("\r\n")
    if body.rstrip().endswith("\\"):
        return None
    existing = _NOQA_CODES.search(body)
    if existing is not None:
        return existing.end(), existing.end(), f", {code}"
    end = len(body.rstrip())
    return end, len(body), f"  # noqa: {code}"


def _replace(uri: str, old: str, new: str, documents: Documents) -> types.WorkspaceEdit:
    """The smallest single edit that turns ``old`` into ``new``."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    document = documents(uri)
    start, end = _point(old, prefix), _point(old, len(old) - suffix)
    edit = types.TextEdit(types.Range(position(document, *start), position(document, *end)), new[prefix:len(new) - suffix])
    return types.WorkspaceEdit(changes={uri: [edit]})


def _point(text: str, offset: int) -> Tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (b.start.line, b.start.character) <= (a.end.line, a.end.character)


def _kind_wanted(kind: Optional[str], only: Optional[Sequence[str]]) -> bool:
    if not only:
        return True
    return kind is not None and any(kind == o or kind.startswith(f"{o}.") for o in only)
