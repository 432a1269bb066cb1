"""Writing fixes to files (``--fix``) or showing them (``--diff``).

A file is replaced atomically (a temporary file in its folder, then
``os.replace``, keeping its mode) or not at all: a full disk leaves the
original, and a file whose bytes changed since they were read (an editor
saved it meanwhile) is left alone.
"""

from __future__ import annotations

import io
import os
import tempfile
import tokenize
from collections import Counter
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from .apply import fix_text
from .verify import FixRefused


@dataclass
class FileFix:
    filename: str
    before: str
    after: str
    count: int
    codes: Counter = field(default_factory=Counter)  # fixes made, by code (--show-fixes)
    refused: Optional[str] = None  # why nothing was written (then ``after == before``)


def checked_fix_text(text: str, filename: str, settings, codes: Optional[Counter] = None) -> Tuple[str, int, Optional[str]]:
    """:func:`fix_text`, or the text unchanged and why: a fix that would touch
    bytes outside its edits, or code nested too deeply to rewrite."""
    from ..api import deep_recursion

    try:
        with deep_recursion():
            after, count = fix_text(text, filename, settings, codes)
    except FixRefused as exc:
        return text, 0, f"not fixed: {exc}"
    except RecursionError:
        return text, 0, "not fixed: code nested too deeply to rewrite"
    return after, count, None


def fix_files(filenames: List[str], settings, write: bool) -> List[FileFix]:
    """Fix each file (in its own encoding); ``write=False`` only computes
    (``--diff``). Every file gets a result or a reason; one failure never
    stops the others."""
    fixes = []
    for filename in filenames:
        try:
            with open(filename, "rb") as handle:
                data = handle.read()
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
            before = data.decode(encoding)  # "utf-8-sig" drops a BOM here and writes it back below
        except (OSError, SyntaxError, LookupError, UnicodeDecodeError) as exc:
            fixes.append(FileFix(filename, "", "", 0, refused=f"not fixed: cannot read the file: {getattr(exc, 'strerror', None) or exc}"))
            continue
        codes: Counter = Counter()
        after, count, refused = checked_fix_text(before, filename, settings, codes)
        if refused is not None:
            fixes.append(FileFix(filename, before, before, 0, refused=refused))
        elif count and after != before:
            refused = _replace(filename, data, after.encode(encoding)) if write else None
            fixes.append(FileFix(filename, before, before if refused else after, 0 if refused else count, codes if not refused else Counter(), refused))
    return fixes


def _replace(filename: str, expected: bytes, new: bytes) -> Optional[str]:
    """Put ``new`` in place of the file if it still holds ``expected``; why not, otherwise."""
    target = os.path.realpath(filename)  # a symbolic link keeps pointing at the fixed file
    try:
        info = os.stat(target)
        if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
            return "not fixed: the file is read-only"
        with open(target, "rb") as handle:
            if handle.read() != expected:
                return "not fixed: the file changed while lstmlint was fixing it; run again"
        handle_fd, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".lstmlint-", suffix=".tmp")
        try:
            with os.fdopen(handle_fd, "wb") as out:
                out.write(new)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, info.st_mode & 0o7777)
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as exc:
        return f"not fixed: cannot write the file: {exc.strerror or exc}"
    return None


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
