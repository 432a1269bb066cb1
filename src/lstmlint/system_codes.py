"""Diagnostics about the file itself rather than its shapes (not Rule classes:
they have no examples, since no Keras program produces them)."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity


@dataclass(frozen=True)
class SystemCode:
    code: str
    name: str
    summary: str
    severity: Severity
    doc: str


SYNTAX_ERROR = SystemCode(
    "LS900", "syntax-error", "The file is not valid Python", Severity.ERROR,
    "The file could not be parsed, so nothing in it was checked. Fix the syntax error first.",
)
UNREADABLE = SystemCode(
    "LS901", "unreadable-file", "The file could not be read as Python source", Severity.ERROR,
    "The file is binary, not valid in its declared encoding, not a regular file, or too large to check "
    "(over 1 MB, or over 200,000 tokens: more than libcst parses in bounded time and memory).",
)
INTERNAL_ERROR = SystemCode(
    "LS902", "internal-error", "lstmlint crashed on this file", Severity.ERROR,
    "lstmlint itself failed on this file; the other files were still checked. Please report it with the file.",
)

NOT_ANALYSED = SystemCode(
    "LS905", "not-analysed", "Valid Python that lstmlint's parser cannot take", Severity.WARNING,
    "Python accepts the file, but libcst (the parser lstmlint reads code with) rejects it or would crash on it: "
    "indentation that mixes tabs and spaces in a way only CPython's tokenizer accepts, thousands of adjacent "
    "string literals, an `and`/`or` chain of thousands of operands. Nothing in the file was checked; the message "
    "names the construct. Re-indent with spaces, or split the long literal or chain.",
)

INVALID_SUPPRESSION = SystemCode(
    "LS903", "invalid-suppression", "A suppression comment lstmlint cannot read", Severity.WARNING,
    "A `# noqa` or `# lstmlint:` comment that is not well formed, e.g. `# noqa LS101` (the colon is missing) "
    "or `# lstmlint: ignore` without `[CODE]`. It suppresses nothing: lstmlint never widens a comment it cannot "
    "read into a blanket suppression. Write `# noqa: LS101`, `# lstmlint: ignore[LS101]`, or "
    "`# lstmlint: skip-file` before the first statement of the file.",
)
UNUSED_SUPPRESSION = SystemCode(
    "LS904", "unused-suppression", "A suppression comment that no longer matches anything", Severity.WARNING,
    "Reported with `--report-unused-noqa`: a `# noqa: LS...` or `# lstmlint: ignore[...]` comment names a code "
    "that is not reported on its line (any more). Remove it so it cannot hide a future problem.",
)

SYSTEM_CODES = (SYNTAX_ERROR, UNREADABLE, INTERNAL_ERROR, INVALID_SUPPRESSION, UNUSED_SUPPRESSION, NOT_ANALYSED)
