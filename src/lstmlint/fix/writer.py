"""Writing fixes to files (``--fix``) or showing them (``--diff``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import List

from .apply import fix_text


@dataclass
class FileFix:
    filename: str
    before: str
    after: str
    count: int
    codes: Counter = field(default_factory=Counter)  # fixes made, by code (--show-fixes)


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
        codes: Counter = Counter()
        after, count = fix_text(before, filename, settings, codes)
        if count and after != before:
            fixes.append(FileFix(filename, before, after, count, codes))
            if write:
                with open(filename, "wb") as handle:
                    handle.write(after.encode(encoding))
    return fixes


def unified_diff(fix: FileFix) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(fix.before.splitlines(True), fix.after.splitlines(True), f"a/{fix.filename}", f"b/{fix.filename}")
    )


def fixes_listing(fixes: List[FileFix]) -> str:
    """What ``--show-fixes`` prints: each file, then how many fixes of each code."""
    from ..rules import BY_CODE

    lines = [f"Fixed {sum(f.count for f in fixes)} problem{'s' if sum(f.count for f in fixes) != 1 else ''}:"]
    for fix in fixes:
        lines.append(f"- {fix.filename}:")
        for code, n in sorted(fix.codes.items()):
            rule = BY_CODE.get(code)
            lines.append(f"    {n} \u00d7 {code} ({rule.name if rule else code})")
    return "\n".join(lines) + "\n"
