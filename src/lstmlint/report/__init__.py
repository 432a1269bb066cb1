"""Output formats: each is a view of the same diagnostic records."""

from __future__ import annotations

from typing import Callable, Dict, List, TextIO

from ..diagnostics import Diagnostic

Formatter = Callable[[List[Diagnostic], int, TextIO, dict], None]


def formatter(name: str) -> Formatter:
    if name == "json":
        from .json_format import write_json

        return write_json
    from .text import write_text

    return write_text


FORMATS = ("text", "json")
