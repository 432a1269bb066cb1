"""The byte check every fix passes before it is used: the new text equals the
old one outside the edited ranges. libcst's round trip is not lossless
everywhere (a form feed at a line start, a lone-CR file's final ``\\r``), and
a fix must never change a byte it did not mean to."""

from __future__ import annotations

import re
from typing import Iterable, List, Tuple

_LINE_END = re.compile(r"\r\n|\r|\n")

Span = Tuple[int, int]  # [start, end) offsets into the old text


class FixRefused(Exception):
    """The fix would change more than its edits; the message says where."""


def line_starts(text: str) -> List[int]:
    """Offset of each line's first character (lines as libcst counts them)."""
    return [0] + [match.end() for match in _LINE_END.finditer(text)]


def to_span(starts: List[int], where) -> Span:
    """Offsets of a libcst ``CodeRange`` (1-based lines, 0-based columns)."""
    return starts[where.start.line - 1] + where.start.column, starts[where.end.line - 1] + where.end.column


def check_only_edited(old: str, new: str, spans: Iterable[Span]) -> None:
    """Raise :class:`FixRefused` unless ``new`` is ``old`` with only the
    ``spans`` replaced (by anything): the kept pieces appear in order, the
    first as a prefix and the last as a suffix."""
    kept, position = [], 0
    for start, end in sorted(_merged(spans)):
        kept.append((position, start))
        position = end
    kept.append((position, len(old)))
    cursor = 0
    for number, (start, end) in enumerate(kept):
        piece = old[start:end]
        if number == 0:
            found = 0 if new.startswith(piece) else -1
        elif number == len(kept) - 1:
            found = len(new) - len(piece) if new.endswith(piece) and len(new) - len(piece) >= cursor else -1
        else:
            found = new.find(piece, cursor)
        if found < 0:
            raise FixRefused(_first_change(old, new))
        cursor = found + len(piece)


def _merged(spans: Iterable[Span]) -> List[Span]:
    merged: List[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _first_change(old: str, new: str) -> str:
    """Where the texts first differ, in words (from the end when their starts agree)."""
    offset = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), None)
    if offset is None or offset >= len(old):
        offset = len(old) - next((i for i, (a, b) in enumerate(zip(reversed(old), reversed(new))) if a != b), 0) - 1
    offset = min(max(offset, 0), max(len(old) - 1, 0))
    line = len(line_starts(old[:offset]))
    what = f"{old[offset]!r}" if old else "the end of the file"
    return f"the fix would also change line {line} (at {what}) outside the edited code"
