"""Helpers for testing rules: lint a snippet of code as a file would be."""

from __future__ import annotations

import textwrap
from typing import List

from .api import lint_source
from .diagnostics import Diagnostic
from .settings import Settings


def lint_snippet(code: str, keras_version: int = 3, filename: str = "example.py") -> List[Diagnostic]:
    source = textwrap.dedent(code).lstrip("\n")
    return lint_source(source.encode(), filename, Settings(keras_version=keras_version))


def codes_of(code: str, keras_version: int = 3) -> List[str]:
    return [d.code for d in lint_snippet(code, keras_version)]
