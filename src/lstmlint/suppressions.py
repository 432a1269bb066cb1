"""``# noqa`` comments: which lines suppress which codes."""

from __future__ import annotations

import io
import re
import tokenize
from typing import Dict, FrozenSet, Optional

_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[\s,]+[A-Z]+[0-9]*)*))?", re.IGNORECASE)

Suppressions = Dict[int, Optional[FrozenSet[str]]]  # line -> codes (None: every code)


def find_suppressions(text: str) -> Suppressions:
    """Map each line with a ``# noqa`` comment to what it suppresses."""
    found: Suppressions = {}
    if "noqa" not in text.lower():
        return found
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return found
    for token in tokens:
        if token.type != tokenize.COMMENT:
            continue
        match = _NOQA.search(token.string)
        if match is None:
            continue
        codes = match.group("codes")
        found[token.start[0]] = frozenset(c.upper() for c in re.split(r"[\s,]+", codes) if c) if codes else None
    return found


def is_suppressed(suppressions: Suppressions, line: int, code: str) -> bool:
    if line not in suppressions:
        return False
    codes = suppressions[line]
    return codes is None or any(code.startswith(c) for c in codes)
