"""Writing fixes to files (``--fix``) or showing them (``--diff``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List

from .apply import fix_text


@dataclass
class FileFix:
    filename: str
    before: str
    after: str
    count: int


def fix_files(filenames: List[str], settings, write: bool) -> List[FileFix]:
    """Fix each file (in its own encoding); ``write=False`` only computes (``--diff``)."""
    import io
    import tokenize

    fixes = []
    for filename in filenames:
        with open(filename, "rb") as handle:
            data = handle.read()
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        before = data.decode(encoding)  # "utf-8-sig" drops a BOM here and writes it back below
        after, count = fix_text(before, filename, settings)
        if count and after != before:
            fixes.append(FileFix(filename, before, after, count))
            if write:
                with open(filename, "wb") as handle:
                    handle.write(after.encode(encoding))
    return fixes


def unified_diff(fix: FileFix) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(fix.before.splitlines(True), fix.after.splitlines(True), f"a/{fix.filename}", f"b/{fix.filename}")
    )
