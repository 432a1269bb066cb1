"""Reading a file's bytes as Python source, and parsing it with libcst.

Every failure becomes a diagnostic (never an exception), so one bad file
cannot stop a run.
"""

from __future__ import annotations

import ast
import codecs
import io
import re
import sys
import tokenize
import warnings
from dataclasses import dataclass
from typing import Optional, Union

from ..diagnostics import Diagnostic
from ..system_codes import NOT_ANALYSED, SYNTAX_ERROR, UNREADABLE, SystemCode

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


_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def decode(data: bytes, filename: str) -> Union[Source, Diagnostic]:
    """The file's text (honouring a BOM or coding cookie), or why it has none."""
    if len(data) > MAX_BYTES:
        return system_diagnostic(UNREADABLE, filename, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; not checked")
    wide = next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)
    if wide is not None:  # before the NUL check: every other byte of ASCII text in UTF-16 is NUL
        return system_diagnostic(UNREADABLE, filename, f"file is encoded in {wide} (it starts with a {wide} byte-order mark); Python reads source as UTF-8: save it as UTF-8; not checked")
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
    """A libcst module, or a diagnostic saying why there is none (with a position)."""
    too_big = _too_many_tokens(text, filename)
    if too_big is not None:
        return too_big
    verdict = _python_verdict(text, filename)
    if isinstance(verdict, Diagnostic):
        return verdict
    if isinstance(verdict, ast.Module):
        chain = _longest_boolean_chain(text, verdict)
        if chain > MAX_BOOLEAN_OPERANDS:
            return system_diagnostic(
                NOT_ANALYSED, filename,
                f"not analysed: an `and`/`or` chain of {chain:,} operands is more than lstmlint's parser can take "
                f"(it would overflow libcst's stack; limit {MAX_BOOLEAN_OPERANDS:,}); split the chain",
            )
    import libcst as cst

    from .incremental import cached_parse

    try:
        module = cached_parse(text, verdict if isinstance(verdict, ast.Module) else None)
        return module if module is not None else cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        libcst_message = str(exc.message).splitlines()[0] if exc.message else "invalid syntax"
        if isinstance(verdict, ast.Module):  # Python accepts what libcst refuses: not the user's error
            return _not_analysed(text, filename, libcst_message)
        if isinstance(verdict, SyntaxError):  # both refuse: CPython's words and position are the better ones
            return system_diagnostic(SYNTAX_ERROR, filename, f"syntax error: {verdict.msg}", verdict.lineno or 1, max(verdict.offset or 1, 1))
        return system_diagnostic(SYNTAX_ERROR, filename, f"syntax error: {libcst_message}", exc.raw_line, exc.raw_column + 1)
    except RecursionError:
        return system_diagnostic(SYNTAX_ERROR, filename, "syntax error: code nested too deeply to parse")


MAX_TOKENS = 200_000  # libcst: ~45 us and ~2 KB per token (docs/reliability.md)
_TOKEN = re.compile(r"#[^\n]*|\w+|[^\w\s]")  # a comment counts once: libcst keeps it as one piece of trivia


def _too_many_tokens(text: str, filename: str) -> Optional[Diagnostic]:
    """Refuse files libcst cannot parse in bounded time and memory. Its cost
    follows tokens, not bytes: 900 KB of `[0, 0, ...]` takes 34 s and 2 GB."""
    if len(text) <= MAX_TOKENS:  # every token but a newline is at least one character
        return None
    tokens = len(_TOKEN.findall(text)) + text.count("\n")
    if tokens <= MAX_TOKENS:
        return None
    return system_diagnostic(
        UNREADABLE, filename,
        f"file has about {tokens:,} tokens, more than lstmlint parses in bounded time and memory ({MAX_TOKENS:,}); not checked",
    )


def _stack_bytes() -> int:
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    except (ImportError, ValueError, OSError):  # pragma: no cover - Windows
        return 8 * 1024 * 1024
    return soft if soft > 0 else 8 * 1024 * 1024  # RLIM_INFINITY is -1


# libcst's native parser recurses once per operand of an `and`/`or` chain, about
# 1 KB of C stack each (7,500 operands overflow an 8 MB stack). A quarter of that.
MAX_BOOLEAN_OPERANDS = min(2_000, _stack_bytes() // 4096)
_BOOLEAN_WORD = re.compile(r"\b(?:and|or)\b")


def _longest_boolean_chain(text: str, tree: ast.Module) -> int:
    """Operands of the longest `and`/`or` chain (nested chains add up), walked
    only when the text has enough `and`/`or` words to reach the limit."""
    if len(_BOOLEAN_WORD.findall(text)) < MAX_BOOLEAN_OPERANDS:
        return 0
    longest = 0
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ast.BoolOp):
            depth += len(node.values) - 1
            longest = max(longest, depth + 1)
        stack.extend((child, depth) for child in ast.iter_child_nodes(node))
    return longest


def _not_analysed(text: str, filename: str, libcst_message: str) -> Diagnostic:
    """LS905 naming the construct libcst refused in a file CPython accepts."""
    if "dedent" in libcst_message or "mixing of tabs and spaces" in libcst_message:
        construct = "indentation that mixes tabs and spaces (CPython accepts it, libcst's tokenizer does not); re-indent with spaces"
    elif "STRING" in libcst_message:
        construct = "a long run of adjacent string literals (more than libcst's parser takes); join them into one literal"
    else:
        construct = f"a construct libcst's parser does not support ({libcst_message})"
    return system_diagnostic(NOT_ANALYSED, filename, f"not analysed: valid Python, but {construct}")


_PYTHON_RECURSION_LIMIT = 1000  # CPython's default, whatever a caller has raised it to
_DEPTH_ERRORS = ("too many nested parentheses", "too many levels of indentation")


def _python_verdict(text: str, filename: str) -> Union[ast.Module, SyntaxError, Diagnostic, None]:
    """CPython's verdict before libcst sees the file: its tree, its syntax
    error, a diagnostic for nesting it refuses, or None (no verdict).

    libcst takes time quadratic in an expression's depth and overflows the C
    stack (a segfault, not an exception) on a few thousand levels; CPython's C
    parser rejects such code in microseconds. Other syntax errors are reported
    only when libcst agrees: it knows newer grammar than the running Python may.
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
        return exc
    except ValueError:  # NUL bytes: decode() already rejected them
        return None
    finally:
        sys.setrecursionlimit(limit)
