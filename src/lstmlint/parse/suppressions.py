"""Suppression comments: ``# noqa: CODE``, ``# lstmlint: ignore[CODE]`` and
``# lstmlint: skip-file``.

A comment that looks like a suppression but cannot be read is reported
(LS903) and suppresses nothing: silently widening ``# noqa LS101`` into a
blanket ``# noqa`` would hide every other problem on that line.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from ..diagnostics import Diagnostic
from ..system_codes import INVALID_SUPPRESSION, UNUSED_SUPPRESSION
from ..config.settings import Settings

_NOQA = re.compile(r"#\s*noqa\b(?P<rest>.*)", re.IGNORECASE)
_DIRECTIVE = re.compile(r"#\s*lstmlint\s*:\s*(?P<body>.*)")
_CODE = r"[A-Za-z]+[0-9]+"
_CODE_LIST = re.compile(rf"\s*(?P<codes>{_CODE}(?:[\s,]+{_CODE}\b)*)")
_IGNORE = re.compile(rf"ignore\[(?P<codes>\s*{_CODE}(?:\s*,\s*{_CODE})*\s*)\]\s*(?:#.*)?$")
_SKIP = re.compile(r"skip-file\s*(?:#.*)?$")
_STRUCTURE = frozenset({tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENCODING, tokenize.INDENT, tokenize.DEDENT})


@dataclass
class Suppression:
    line: int
    column: int
    spelling: str  # "# noqa" or "# lstmlint: ignore" (for messages)
    codes: Optional[FrozenSet[str]]  # None: every code (a bare ``# noqa``)
    used: Set[str] = field(default_factory=set)

    def covers(self, code: str) -> bool:
        matched = self.codes is None or any(code.startswith(c) for c in self.codes)
        if matched:
            self.used.add(code)
        return matched


@dataclass
class Directives:
    by_line: Dict[int, List[Suppression]] = field(default_factory=dict)
    skip_file: bool = False
    invalid: List[Tuple[int, int, str]] = field(default_factory=list)  # line, column, message
    statements: Dict[int, Tuple[int, int]] = field(default_factory=dict)  # line -> (first, last) of its multi-line statement

    def comments_for(self, line: int) -> List[Suppression]:
        """The suppressions that cover ``line``: its own, and (as in ruff) those on
        the first or last line of the multi-line statement holding it."""
        lines = dict.fromkeys((line, *self.statements.get(line, ())))
        return [s for where in lines for s in self.by_line.get(where, ())]


def find_directives(text: str) -> Directives:
    """Every suppression comment of a file (comments only: never inside strings)."""
    found = Directives()
    if "noqa" not in text.lower() and "lstmlint" not in text:
        return found
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return found
    seen_code = False
    first: Optional[int] = None  # the first line of the statement being read
    for token in tokens:
        if token.type not in _STRUCTURE:
            seen_code = True
            first = token.start[0] if first is None else first
        elif token.type == tokenize.NEWLINE and first is not None:
            if token.start[0] > first:
                found.statements.update(dict.fromkeys(range(first, token.start[0] + 1), (first, token.start[0])))
            first = None
        if token.type == tokenize.COMMENT:
            _comment(token.string, token.start[0], token.start[1] + 1, seen_code, found)
    return found


def _comment(comment: str, line: int, column: int, seen_code: bool, found: Directives) -> None:
    noqa = _NOQA.search(comment)
    if noqa is not None:
        _noqa(noqa.group("rest"), line, column + noqa.start(), found)
    directive = _DIRECTIVE.search(comment)
    if directive is None:
        return
    body = directive.group("body").strip()
    where = (line, column + directive.start())
    ignore = _IGNORE.match(body)
    if ignore is not None:
        codes = frozenset(c.strip().upper() for c in ignore.group("codes").split(","))
        found.by_line.setdefault(line, []).append(Suppression(*where, "# lstmlint: ignore", codes))
    elif _SKIP.match(body):
        if seen_code:
            found.invalid.append((*where, "`# lstmlint: skip-file` must come before the first statement of the file; it skips nothing here"))
        else:
            found.skip_file = True
    else:
        found.invalid.append((*where, f"unknown `# lstmlint:` directive {body!r} (expected `ignore[CODE, ...]` or `skip-file`); it suppresses nothing"))


def _noqa(rest: str, line: int, column: int, found: Directives) -> None:
    stripped = rest.lstrip()
    if stripped.startswith(":"):
        listed = _CODE_LIST.match(stripped[1:])
        if listed is None:
            found.invalid.append((line, column, "`# noqa:` names no code (write `# noqa: LS101`, or `# noqa` for every code); it suppresses nothing"))
            return
        codes = frozenset(c.upper() for c in re.split(r"[\s,]+", listed.group("codes")) if c)
        found.by_line.setdefault(line, []).append(Suppression(line, column, "# noqa", codes))
    elif re.match(_CODE + r"\b", stripped) and rest[:1].isspace():
        code = stripped.split()[0].rstrip(",")
        found.invalid.append((line, column, f"`# noqa {code}` lacks a colon (write `# noqa: {code}`); it suppresses nothing"))
    else:
        found.by_line.setdefault(line, []).append(Suppression(line, column, "# noqa", None))


def apply_directives(diagnostics: List[Diagnostic], directives: Directives) -> List[Diagnostic]:
    """The diagnostics no comment suppresses (marking which comments were used)."""
    return [
        d for d in diagnostics
        if not any([s.covers(d.code) for s in directives.comments_for(d.line)])  # noqa: C419 - mark every match
    ]


def directive_problems(directives: Directives, filename: str, settings: Settings) -> List[Diagnostic]:
    """LS903 for unreadable comments; LS904 for enabled codes a comment names in vain."""
    from .source import system_diagnostic

    problems = [system_diagnostic(INVALID_SUPPRESSION, filename, message, line, column) for line, column, message in directives.invalid]
    if not settings.report_unused_noqa:
        return problems
    for suppressions in directives.by_line.values():
        for s in suppressions:
            unused = sorted(c for c in s.codes or () if c.startswith("LS") and settings.enabled(c) and not any(u.startswith(c) for u in s.used))
            if unused:
                listed = ", ".join(unused)
                message = f"unused `{s.spelling}` for {listed}: nothing with {'that code' if len(unused) == 1 else 'these codes'} is reported on this line"
                problems.append(system_diagnostic(UNUSED_SUPPRESSION, filename, message, s.line, s.column))
    return problems
