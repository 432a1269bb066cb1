"""Jupyter notebooks: code cells, in order, as one program.

Magics and shell escapes (``%time``, ``!pip install``, ``%%bash`` cells) are
blanked out, not removed, so every line keeps its number and diagnostics can
be mapped back to (cell, line within the cell).
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from typing import List, Tuple, Union

_ESCAPES = ("%", "!", "?")


@dataclass
class Notebook:
    text: str
    cell_starts: List[int]  # first line (1-based, in ``text``) of each code cell
    cell_numbers: List[int]  # that cell's position among all cells (1-based)

    def locate(self, line: int) -> Tuple[int, int]:
        """(cell number, line within the cell) of a line of ``text``."""
        index = max(bisect.bisect_right(self.cell_starts, line) - 1, 0)
        return self.cell_numbers[index], line - self.cell_starts[index] + 1


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
    return Notebook("\n".join(lines) + "\n", starts, numbers)
