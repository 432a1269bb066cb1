"""Helpers for testing rules: lint a snippet of code as a file would be."""

from __future__ import annotations

import textwrap
from typing import Any, Dict, List

from .api import lint_source
from .diagnostics import Diagnostic
from .config.settings import Settings


def lint_snippet(code: str, keras_version: int = 3, filename: str = "example.py") -> List[Diagnostic]:
    source = textwrap.dedent(code).lstrip("\n")
    return lint_source(source.encode(), filename, Settings(keras_version=keras_version))


def infer_names(code: str, keras_version: int = 3) -> Dict[str, Any]:
    """What inference knows each module-level name holds after the snippet runs."""
    import libcst as cst

    from .infer.interpreter import Interpreter

    interpreter = Interpreter(cst.parse_module(textwrap.dedent(code).lstrip("\n")), keras_version, lambda fact: None)
    interpreter.run()
    return dict(interpreter.scope.vars)


def codes_of(code: str, keras_version: int = 3) -> List[str]:
    return [d.code for d in lint_snippet(code, keras_version)]
