"""Jupyter notebooks: code cells, in order, as one program.

Magics and shell escapes (``%time``, ``!pip install``, ``%%bash`` cells) are
blanked out, not removed, so every line keeps its number and diagnostics can
be mapped back to (cell, line within the cell), and to the line and column of
the raw notebook file (the JSON string holding that source line), where CI
platforms put their annotations.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from typing import List, Optional, Tuple, Union

_ESCAPES = ("%", "!", "?")


@dataclass
class Notebook:
    text: str
    cell_starts: List[int]  # first line (1-based, in ``text``) of each code cell
    cell_numbers: List[int]  # that cell's position among all cells (1-based)
    raw: str = ""  # the notebook file's text
    sources: List[Optional["RawSource"]] = field(default_factory=list)  # each code cell's source in ``raw``

    def locate(self, line: int) -> Tuple[int, int]:
        """(cell number, line within the cell) of a line of ``text``."""
        index = max(bisect.bisect_right(self.cell_starts, line) - 1, 0)
        return self.cell_numbers[index], line - self.cell_starts[index] + 1

    def raw_position(self, line: int, column: int) -> Tuple[int, int]:
        """(line, column) in the notebook file of a position in ``text``: inside
        the JSON string that holds that source line."""
        index = max(bisect.bisect_right(self.cell_starts, line) - 1, 0)
        source = self.sources[index] if index < len(self.sources) else None
        within = line - self.cell_starts[index]
        if source is None or not 0 <= within < len(source.line_starts):
            return 1, 1
        first = source.offsets.index(source.line_starts[within])
        offset = source.offsets[min(first + max(column - 1, 0), len(source.offsets) - 1)]
        raw_line = self.raw.count("\n", 0, offset) + 1
        return raw_line, offset - (self.raw.rfind("\n", 0, offset) + 1) + 1


@dataclass
class RawSource:
    """Where a code cell's ``source`` sits in the notebook file."""

    start: int  # offsets in the file of the source value (a JSON list or string)
    end: int
    line_starts: List[int]  # offset of each source line's first character
    text_lines: List[str]  # the source lines (as decoded)
    offsets: List[int]  # offset of each decoded character (and one past the last)


def _cell_lines(source: Union[str, List[str]]) -> List[str]:
    text = "".join(source) if isinstance(source, list) else source
    lines = text.splitlines()
    if lines and lines[0].lstrip().startswith("%%"):
        return [""] * len(lines)  # a cell magic: the whole cell is another language
    return ["" if _is_escape(line) else line for line in lines]


def _is_escape(line: str) -> bool:
    """IPython syntax: ``%magic``, ``!shell``, ``?name`` and ``name?`` help lines."""
    stripped = line.strip()
    if stripped.startswith(_ESCAPES):
        return True
    name = stripped.rstrip("?")
    return stripped.endswith("?") and all(part.isidentifier() for part in name.split("."))


MAX_NOTEBOOK_BYTES = 16 * 1024 * 1024  # outputs (plots) make notebooks big; the code still meets the token cap


def read_notebook(data: bytes) -> Union[Notebook, str]:
    """The notebook's code as one program, or a message saying why it is not one."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        return f"notebook is larger than {MAX_NOTEBOOK_BYTES // (1024 * 1024)} MB; not checked"
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"not a valid notebook (JSON): {exc}"
    except RecursionError:
        return "not a valid notebook: JSON nested too deeply"
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return "not a valid notebook: no list of cells"
    lines: List[str] = []
    starts: List[int] = []
    numbers: List[int] = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if not (isinstance(source, str) or isinstance(source, list) and all(isinstance(part, str) for part in source)):
            return f"not a valid notebook: cell {number}'s source is not text (a string or a list of strings)"
        starts.append(len(lines) + 1)
        numbers.append(number)
        lines.extend(_cell_lines(source))
        lines.append("")  # keeps cells apart; the line after a cell's last line
    raw = data.decode("utf-8-sig")
    return Notebook("\n".join(lines) + "\n", starts, numbers, raw, _code_sources(raw))


_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"


def _skip(raw: str, at: int, expected: str = "") -> int:
    """``at`` moved past whitespace (and past ``expected``, then whitespace)."""
    while at < len(raw) and raw[at] in _WHITESPACE:
        at += 1
    if expected:
        if raw[at : at + 1] != expected:
            raise ValueError(f"expected {expected!r} at offset {at}")
        at = _skip(raw, at + 1)
    return at


def _container(raw: str, at: int, brackets: str, item) -> int:
    """Walk a JSON object (``item(key, at)``) or array (``item(None, at)``) at ``at``;
    ``item`` returns where its value ends. Returns the end of the container."""
    at = _skip(raw, at, brackets[0])
    while raw[at] != brackets[1]:
        key = None
        if brackets == "{}":
            if raw[at] != '"':
                raise ValueError(f"expected a key at offset {at}")
            key, at = json.decoder.scanstring(raw, at + 1)
            at = _skip(raw, at, ":")
        at = _skip(raw, item(key, at))
        if raw[at] == ",":
            at = _skip(raw, at, ",")
        elif raw[at] != brackets[1]:
            raise ValueError(f"expected ',' at offset {at}")
    return at + 1


def _skip_value(key: object, at: int, raw: str) -> int:
    return _DECODER.raw_decode(raw, at)[1]


def _code_sources(raw: str) -> List[Optional[RawSource]]:
    """Each code cell's source position in the file, in cell order (outputs and
    metadata are skipped by the C decoder, not walked); [] if it cannot tell."""
    sources: List[Optional[RawSource]] = []

    def cell(_: object, at: int) -> int:
        seen = {}

        def member(key: object, at: int) -> int:
            end = _DECODER.raw_decode(raw, at)[1]
            seen[key] = (at, end)
            return end

        end = _container(raw, at, "{}", member)
        if raw[slice(*seen["cell_type"])] == '"code"' if "cell_type" in seen else False:
            sources.append(_raw_source(raw, *seen["source"]) if "source" in seen else None)
        return end

    def top(key: object, at: int) -> int:
        return _container(raw, at, "[]", cell) if key == "cells" else _skip_value(key, at, raw)

    try:
        _container(raw, 0, "{}", top)
    except (ValueError, IndexError):
        return []
    return sources


def _raw_source(raw: str, start: int, end: int) -> Optional[RawSource]:
    """A source value (a string, or a list of strings) with the file offset of
    every decoded character."""
    offsets: List[int] = []
    text = []
    at = start
    if raw[at] == "[":
        at = _skip(raw, at + 1)
    while at < end and raw[at] == '"':
        value, after = json.decoder.scanstring(raw, at + 1)
        offsets += _char_offsets(raw, at + 1, after - 1)
        text.append(value)
        at = _skip(raw, after)
        if raw[at] == ",":
            at = _skip(raw, at + 1)
    joined = "".join(text)
    if len(offsets) != len(joined):
        return None
    offsets.append(offsets[-1] + 1 if offsets else start)
    lines = joined.splitlines(keepends=True)
    starts, position = [], 0
    for line in lines:
        starts.append(offsets[position])
        position += len(line)
    return RawSource(start, end, starts, [line.rstrip("\r\n") for line in lines], offsets)


def _char_offsets(raw: str, start: int, stop: int) -> List[int]:
    """The file offset of each decoded character of the JSON string raw[start:stop]."""
    offsets = []
    at = start
    while at < stop:
        offsets.append(at)
        if raw[at] != "\\":
            at += 1
        elif raw[at + 1] != "u":
            at += 2
        elif 0xD800 <= int(raw[at + 2 : at + 6], 16) < 0xDC00 and raw[at + 6 : at + 8] == "\\u":
            at += 12  # a surrogate pair: one character
        else:
            at += 6
    return offsets
