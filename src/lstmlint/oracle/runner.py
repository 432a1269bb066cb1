"""Run snippets under one real Keras version; executed in the oracle environment.

    python -m lstmlint.oracle.runner --keras 3|2 [--timeout 60] < snippets.json

stdin: a JSON list of ``{"id": ..., "code": ...}``.  stdout: JSON lines:
one ``{"event": "ready", ...}`` after TensorFlow is imported, then for every
snippet ``{"event": "start", "id": ...}`` and ``{"event": "result", ...}``
(so a driver knows which snippet was running if this interpreter dies).

Every snippet runs in a fresh namespace of this one interpreter, after
``keras.backend.clear_session()``, with all seeds set to 0 and Keras' global
image data format and float type back at their defaults.  try/except
statements are unwrapped first (a script that catches its own error still
shows it).  A snippet that imports plain ``keras`` is Keras 3 only: under
``--keras 2`` its status is ``"n/a"``.

A result: ``status`` ("ran" | "raised" | "timeout" | "n/a"), and when it
raised ``type`` (exception class name), ``message`` (the first meaningful line,
Keras' wrappers removed) and ``line`` (the deepest line of the snippet in the
traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import signal
import sys
import time
import traceback
import warnings

ANSI = re.compile(r"\x1b\[[0-9;]*m")
ERROR_LINE = re.compile(r"^(?:[A-Za-z_][\w.]*\.)?([A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt)): (.+)$")
NODE_DEF = re.compile(r"\{\{node ([^}]*)\}\} = [^']*")
# A repr's memory address differs on every run: recorded results must not.
ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+>")
# Nor the folder the oracle's virtualenv was installed in (a clone's path).
INSTALL_PATH = re.compile(r"(?:/|[A-Za-z]:\\)[^\s'\"()]*?[/\\](site-packages|dist-packages)(?=[/\\])")
MAX_MESSAGE = 300


class SnippetTimeout(BaseException):
    """Raised by SIGALRM; a BaseException so library code cannot swallow it."""


def _alarm(signum, frame):
    raise SnippetTimeout()


def pseudo_filename(snippet_id: str) -> str:
    return f"<oracle {snippet_id}>"


def first_line(exc: BaseException) -> str:
    """The meaningful first line of an exception message.

    Keras 3 wraps call errors in "Exception encountered when calling X.call()."
    and Keras 2 puts fit/predict errors after "in user code:" and a traceback
    (often with the same wrapper inside); TensorFlow runtime errors start with
    "Graph execution error:" and a "defined at" traceback.
    """
    text = ANSI.sub("", getattr(exc, "message", None) or str(exc))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and lines[0].startswith("in user code:"):
        found = [(i, ERROR_LINE.match(line)) for i, line in enumerate(lines)]
        found = [(i, m) for i, m in found if m]
        if found:
            i, match = found[-1]
            lines = [match.group(2)] + lines[i + 1:]
    if lines and lines[0].startswith("Graph execution error"):
        files = [i for i, line in enumerate(lines) if line.startswith('File "')]
        rest = lines[files[-1] + 1:] if files else lines[1:]
        rest = [line for line in rest if not line.startswith("[[") and not line.startswith("Detected at node")]
        lines = rest or lines
    while lines and lines[0].startswith("Exception encountered when calling"):
        lines = lines[1:]
    if not lines:
        return ""
    # TensorFlow op errors repeat the whole node definition: keep its name only.
    line = ADDRESS.sub(" at 0x...>", NODE_DEF.sub(r"{{node \1}}", lines[0]))
    line = INSTALL_PATH.sub(r"<venv>/\1", line)
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 3] + "..."


def snippet_line(exc: BaseException, filename: str):
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == filename:
            line = lineno
    if line is None and isinstance(exc, SyntaxError) and exc.filename == filename:
        line = exc.lineno
    return line


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lstmlint.oracle.runner")
    parser.add_argument("--keras", type=int, choices=(2, 3), required=True)
    parser.add_argument("--timeout", type=int, default=60, help="seconds per snippet")
    args = parser.parse_args(argv)

    snippets = json.load(sys.stdin)

    # The protocol gets its own copy of stdout; fd 1 itself goes to /dev/null,
    # so nothing a snippet (or TensorFlow's C++ side) prints can corrupt it.
    proto = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)

    def emit(record):
        proto.write(json.dumps(record, sort_keys=True) + "\n")
        proto.flush()

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if args.keras == 2:
        os.environ["TF_USE_LEGACY_KERAS"] = "1"
    else:
        os.environ.pop("TF_USE_LEGACY_KERAS", None)

    from .snippets import unwrap_try, uses_plain_keras  # stdlib only

    import logging

    import numpy as np  # noqa: F401
    import tensorflow as tf
    from tensorflow import keras

    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    if args.keras == 2:
        import tf_keras

        keras_version = tf_keras.__version__
    else:
        keras_version = keras.__version__
    if not keras_version.startswith(f"{args.keras}."):
        emit({"event": "fatal", "message": f"asked for Keras {args.keras}, got {keras.__name__} {keras_version}"})
        return 2
    emit({"event": "ready", "keras": keras_version, "keras_module": keras.__name__, "tensorflow": tf.__version__})
    signal.signal(signal.SIGALRM, _alarm)

    for item in snippets:
        snippet_id, code = item["id"], item["code"]
        emit({"event": "start", "id": snippet_id})
        result = {"event": "result", "id": snippet_id}
        if args.keras == 2 and uses_plain_keras(code):
            result["status"] = "n/a"
            emit(result)
            continue
        try:
            keras.backend.clear_session()
            keras.utils.set_random_seed(0)
            # Global state a snippet may set (set_image_data_format) must not reach the next one.
            keras.backend.set_image_data_format("channels_last")
            keras.backend.set_floatx("float32")
        except Exception:  # noqa: BLE001
            pass
        filename = pseudo_filename(snippet_id)
        began = time.monotonic()
        namespace = {"__name__": "__main__", "__file__": filename, "__builtins__": __builtins__}
        sink = io.StringIO()
        sys.argv = [filename]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            signal.alarm(args.timeout)
            try:
                compiled = unwrap_try(code, filename)
                with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                    exec(compiled, namespace)
                result["status"] = "ran"
            except SnippetTimeout:
                result["status"] = "timeout"
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - SystemExit too: the snippet raised
                signal.alarm(0)
                result["status"] = "raised"
                result["type"] = type(exc).__name__
                result["message"] = first_line(exc)
                result["line"] = snippet_line(exc, filename)
            finally:
                signal.alarm(0)
        namespace.clear()
        result["seconds"] = round(time.monotonic() - began, 2)  # for the driver's log; not recorded
        emit(result)
    emit({"event": "done"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
