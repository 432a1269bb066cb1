"""``--fix`` for notebooks: the cells' program is fixed as any Python text,
then only the ``source`` of the cells that changed is rewritten in the file;
outputs, metadata and every other byte stay as they were."""

from __future__ import annotations

import difflib
import json
from typing import Dict, List, Optional, Tuple


def fix_notebook(raw: str, filename: str, settings, fix_program) -> Tuple[str, int]:
    """The notebook file's text with the certain fixes applied to its code cells
    (``fix_program`` fixes Python text), and how many; unchanged when the fix
    cannot be put back into the cells exactly."""
    from ..files.notebooks import read_notebook

    notebook = read_notebook(raw.encode("utf-8"))
    if isinstance(notebook, str) or len(notebook.sources) != len(notebook.cell_starts) or None in notebook.sources:
        return raw, 0
    after, count = fix_program(notebook.text, filename, settings)
    if not count or after == notebook.text:
        return raw, 0
    cells = _changed_cells(notebook, notebook.text.splitlines(), after.splitlines())
    if cells is None:
        return raw, 0
    fixed = raw
    for index in sorted(cells, reverse=True):  # from the end: earlier offsets stay valid
        source = notebook.sources[index]
        fixed = fixed[: source.start] + _source_json(raw[source.start : source.end], cells[index]) + fixed[source.end :]
    return (fixed, count) if _only_sources_changed(raw, fixed, notebook, cells) else (raw, 0)


def _changed_cells(notebook, old: List[str], new: List[str]) -> Optional[Dict[int, List[str]]]:
    """The new lines of each cell that changed (magic lines as in the file), or
    None when a change crosses a cell boundary."""
    owner: List[int] = []  # the cell of each line of the joined program (-1: a separator)
    for index, start in enumerate(notebook.cell_starts):
        count = len(notebook.sources[index].text_lines)
        owner += [-1] * (start - 1 - len(owner)) + [index] * count
    owner += [-1] * (len(old) - len(owner))
    edits: Dict[int, List[Tuple[int, int, List[str]]]] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        touched = {owner[i] for i in range(i1, i2)} if i2 > i1 else {owner[i1 - 1] if i1 > 0 else -1}
        if len(touched) != 1 or -1 in touched:
            return None
        edits.setdefault(touched.pop(), []).append((i1, i2, new[j1:j2]))
    cells = {}
    for index, changes in edits.items():
        first = notebook.cell_starts[index] - 1
        lines = list(notebook.sources[index].text_lines)
        for i1, i2, replacement in sorted(changes, reverse=True):
            lines[i1 - first : i2 - first] = replacement
        cells[index] = lines
    return cells


def _source_json(value: str, lines: List[str]) -> str:
    """The new source value, written as the old one was: a list of lines or one
    string, with its indentation, separators and escaping."""
    old = json.loads(value)
    joined_old = "".join(old) if isinstance(old, list) else old
    text = "\n".join(lines) + ("\n" if joined_old.endswith("\n") else "")
    ascii_only = "\\u" in value
    if not isinstance(old, list):
        return json.dumps(text, ensure_ascii=ascii_only)
    inside = value[1:-1]
    indent = inside[: len(inside) - len(inside.lstrip())]
    closing = inside[len(inside.rstrip()):]
    first = json.dumps(old[0], ensure_ascii=ascii_only) if old else ""
    rest = inside.strip()[len(first):]
    separator = rest[: len(rest) - len(rest.lstrip(" \t\r\n,"))] if len(old) > 1 else ("," + indent if "\n" in indent else ", ")
    elements = [json.dumps(line, ensure_ascii=ascii_only) for line in text.splitlines(keepends=True)]
    return "[" + indent + separator.join(elements) + closing + "]"


def _only_sources_changed(before: str, after: str, notebook, cells: Dict[int, List[str]]) -> bool:
    """The fixed file parses, and differs from the old one in those cells' sources only."""
    try:
        old, new = json.loads(before), json.loads(after)
    except ValueError:
        return False
    code = [cell for cell in old["cells"] if isinstance(cell, dict) and cell.get("cell_type") == "code"]
    for index, lines in cells.items():
        joined = "".join(code[index]["source"]) if isinstance(code[index]["source"], list) else code[index]["source"]
        code[index]["source"] = "\n".join(lines) + ("\n" if joined.endswith("\n") else "")
    for cell in new["cells"]:
        if isinstance(cell, dict) and isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    for cell in old["cells"]:
        if isinstance(cell, dict) and isinstance(cell.get("source"), list):
            cell["source"] = "".join(cell["source"])
    return old == new
