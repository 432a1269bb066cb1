"""Reading a file's bytes as Python source, and parsing it with libcst.

Every failure becomes a diagnostic (never an exception), so one bad file
cannot stop a run.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
import warnings
from dataclasses import dataclass
from typing import Union

from .diagnostics import Diagnostic
from .system_codes import SYNTAX_ERROR, UNREADABLE, SystemCode

MAX_BYTES = 1024 * 1024  # libcst needs ~600 bytes of memory per byte of source
_KERAS_HINT = re.compile(r"keras|tensorflow|tf_keras")


@dataclass
class Source:
    text: str
    may_use_keras: bool


def system_diagnostic(code: SystemCode, filename: str, message: str, line: int = 1, column: int = 1) -> Diagnostic:
    return Diagnostic(
        code=code.code,
        name=code.name,
        severity=code.severity,
        message=message,
        filename=filename,
        line=line,
        column=column,
        end_line=line,
        end_column=column,
    )


def decode(data: bytes, filename: str) -> Union[Source, Diagnostic]:
    """The file's text (honouring a BOM or coding cookie), or why it has none."""
    if len(data) > MAX_BYTES:
        return system_diagnostic(UNREADABLE, filename, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not checked")
    if b"\0" in data:
        return system_diagnostic(UNREADABLE, filename, "file looks binary (contains NUL bytes); not checked")
    try:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError:
            data.decode("utf-8")  # invalid UTF-8 in the first two lines: say where
            raise
        text = data.decode(encoding)
    except (SyntaxError, LookupError) as exc:
        return system_diagnostic(UNREADABLE, filename, f"cannot read the file's encoding: {exc}")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return system_diagnostic(UNREADABLE, filename, f"file is not valid {exc.encoding}: byte {exc.object[exc.start]:#04x} at offset {exc.start}", line)
    if text.startswith("\ufeff"):
        text = text[1:]
    return source_of(text)


def source_of(text: str) -> Source:
    return Source(text, _KERAS_HINT.search(text) is not None)


def parse(text: str, filename: str):
    """A libcst module, or a syntax-error diagnostic with its position."""
    vetted = _python_parse(text, filename)
    if isinstance(vetted, Diagnostic):
        return vetted
    import libcst as cst

    from .incremental import cached_parse

    try:
        module = cached_parse(text, vetted)
        return module if module is not None else cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        message = str(exc.message).splitlines()[0] if exc.message else "invalid syntax"
        return system_diagnostic(SYNTAX_ERROR, filename, f"syntax error: {message}", exc.raw_line, exc.raw_column + 1)
    except RecursionError:
        return system_diagnostic(SYNTAX_ERROR, filename, "syntax error: code nested too deeply to parse")


_PYTHON_RECURSION_LIMIT = 1000  # CPython's default, whatever a caller has raised it to
_DEPTH_ERRORS = ("too many nested parentheses", "too many levels of indentation")


def _python_parse(text: str, filename: str) -> Union[Diagnostic, ast.Module, None]:
    """CPython's verdict on nesting it refuses, before libcst sees the file.

    libcst takes time quadratic in an expression's depth and overflows the C
    stack (a segfault, not an exception) on a few thousand levels; CPython's C
    parser rejects such code in microseconds. Any other syntax error is left to
    libcst, which knows newer grammar than the running Python may (None).
    The tree, when CPython accepts the file, gives :mod:`.incremental` its
    statement lines.
    """
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(min(limit, _PYTHON_RECURSION_LIMIT))  # CPython's depth limit scales with it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. invalid escapes: not ours to report
            return compile(text, filename, "exec", ast.PyCF_ONLY_AST)
    except (RecursionError, MemoryError):
        return system_diagnostic(SYNTAX_ERROR, filename, "syntax error: code nested too deeply for Python to parse")
    except SyntaxError as exc:
        if exc.msg in _DEPTH_ERRORS:
            return system_diagnostic(SYNTAX_ERROR, filename, f"syntax error: {exc.msg}", exc.lineno or 1, max(exc.offset or 1, 1))
    except ValueError:  # NUL bytes: decode() already rejected them
        pass
    finally:
        sys.setrecursionlimit(limit)
    return None
