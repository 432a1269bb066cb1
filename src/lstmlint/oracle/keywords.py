"""Generate ``lstmlint/infer/layer_keywords.py``: the keywords each layer's constructor accepts, per Keras version.

    python -m lstmlint.oracle.keywords            # regenerate the module (needs TensorFlow + tf-keras)
    python -m lstmlint.oracle.keywords --check    # exit 1 if the checked-in module differs

One interpreter per Keras version (Keras 3; tf-keras 2.21 under
``TF_USE_LEGACY_KERAS=1``) collects, for every name and alias of the layer
table, which keywords real construction accepts.  Signatures are only where
the candidates come from: every ``__init__`` parameter along the MRO of every
layer class ``keras.layers`` exports, every string the Keras sources read out
of ``kwargs`` (``kwargs.pop("implementation")``...), the removed keywords of
``removed_api`` and a few more.  Each candidate is then passed to the real
constructor (with the layer's required arguments): it is *refused* when the
constructor raises the unknown-keyword error naming it (``Unrecognized keyword
arguments passed to X``, ``Keyword argument not understood``, ``unexpected
keyword argument``) for every trial value, and *accepted* otherwise (it ran,
or failed on the value).  A layer that takes a made-up keyword is recorded as
taking any keyword (``"*"``).  The message that made-up keyword gets is
recorded too, for the diagnostics to quote.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Set

from .snippets import repo_root

OUTPUT = Path("src/lstmlint/infer/layer_keywords.py")
BOGUS = "lstmlint_no_such_keyword"
VERSIONS = (3, 2)

# Values for required constructor parameters, by parameter name.
_REQUIRED = {
    "units": 4, "filters": 4, "kernel_size": 3, "rate": 0.5, "stddev": 0.1, "factor": 0.1,
    "height_factor": 0.1, "width_factor": 0.1, "target_shape": (2,), "dims": (1,), "n": 2,
    "input_dim": 10, "output_dim": 4, "num_heads": 2, "key_dim": 4, "height": 2, "width": 2,
    "num_bins": 4, "scale": 1.0, "axes": 1, "activation": "relu", "pool_size": 2,
}
# Optional in the signature, yet the constructor raises without them.
_NEEDED = {"CategoryEncoding": {"num_tokens": 4}, "InputLayer": {"shape": (2,), "input_shape": (2,)},
           "RandomPosterization": {"factor": 4}}
# Trial values after the parameter's own default (or None): a keyword some
# constructor reads only when it has a value (``if kwargs.get("x") is not None``)
# must not look refused.
_TRIALS = (None, 1, True, (2,), "x")
_UNKNOWN_PHRASES = ("nrecognized keyword", "not understood", "unexpected keyword", "not recognized")
_KWARG_STRING = re.compile(r"""kwargs(?:\.pop|\.get|\.setdefault|\[)\(?\s*["'](\w+)["']|["'](\w+)["']\s+(?:not\s+)?in\s+kwargs""")
# Keywords worth asking about beyond what the sources name: the Keras 1/2 spellings.
_EXTRA = ("batch_input_shape", "input_length", "input_dim", "input_shape", "batch_size", "weights", "implementation",
          "dynamic", "init", "dropout", "output_dim", "trainable", "name", "dtype", "autocast")


# -- under real Keras (a child interpreter) -----------------------------------------


def _required(cls, keras) -> Dict[str, Any]:
    try:
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    except (TypeError, ValueError):
        return {}
    names = {p.name for p in params}
    args: Dict[str, Any] = {k: v for k, v in _NEEDED.get(cls.__name__, {}).items() if k in names}
    for p in params:
        if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in args:
            if p.name == "layer":
                args[p.name] = keras.layers.LSTM(4)
            elif p.name == "function":
                args[p.name] = lambda x: x
            elif p.name in _REQUIRED:
                args[p.name] = _REQUIRED[p.name]
            else:
                raise RuntimeError(f"{cls.__name__}: no value known for its required parameter {p.name!r}")
    return args


def _required_names(cls) -> List[str]:
    """The parameters a call must give (in signature order): without one, Python's
    ``missing 1 required positional argument`` comes before any keyword check."""
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    names = [p.name for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if [p.name for p in params[: len(names)] if p.kind is p.POSITIONAL_OR_KEYWORD] != names:
        raise RuntimeError(f"{cls.__name__}: required parameters {names} are not its leading positional ones")
    return names


def _signature_keywords(cls) -> Dict[str, Any]:
    """Parameter names (and defaults) of every ``__init__`` along the MRO."""
    found: Dict[str, Any] = {}
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        try:
            params = list(inspect.signature(init).parameters.values())[1:]
        except (TypeError, ValueError):
            continue
        for p in params:
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in found:
                found[p.name] = None if p.default is p.empty else p.default
    return found


def _source_strings(package_dir: Path) -> Set[str]:
    """Every name the package's sources read out of a ``kwargs`` dict."""
    names: Set[str] = set()
    for path in package_dir.rglob("*.py"):
        if "test" in path.name:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for match in _KWARG_STRING.finditer(text):
            names.add(match.group(1) or match.group(2))
    return names


def _is_unknown(exc: BaseException, keyword: str) -> bool:
    text = str(exc)
    return repr(keyword) in text and any(phrase in text for phrase in _UNKNOWN_PHRASES)


def _refuses(cls, required: Dict[str, Any], keyword: str, default: Any, every_value: bool) -> bool:
    """True when every trial value of ``keyword`` gets the unknown-keyword error
    (just its default, or None, unless ``every_value``: a name some source reads out of ``kwargs``)."""
    trials = [default] + [v for v in _TRIALS if v is not default] if every_value else [default]
    for value in trials:
        kwargs = dict(required)
        kwargs[keyword] = value
        try:
            cls(**kwargs)
        except Exception as exc:  # noqa: BLE001 - any other failure is about the value
            if _is_unknown(exc, keyword):
                continue
            return False
        return False
    return True


def _message(exc: BaseException, keyword: str, value_repr: str) -> str:
    text = str(exc).replace(f"{keyword!r}: {value_repr}", f"{keyword!r}: ...").replace(repr(keyword), "'{kw}'")
    return f"{type(exc).__name__}: {text}"


def collect(version: int) -> dict:
    """{"layers": {name: {"class": ..., "accepted": [...]} | None | "*"}, "base": [...], ...} under this Keras."""
    import warnings

    warnings.simplefilter("ignore")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from tensorflow import keras

    from ..infer.layer_table import ALIASES, LAYERS
    from ..infer.removed_api import KEYWORDS as REMOVED

    layers_module = keras.layers
    exported = [getattr(layers_module, n) for n in dir(layers_module) if n[:1].isupper()]
    exported = [c for c in exported if inspect.isclass(c) and issubclass(c, layers_module.Layer)]
    candidates: Set[str] = set(_EXTRA) | {row.keyword for row in REMOVED}
    for cls in exported:
        candidates |= set(_signature_keywords(cls))
    package = Path(inspect.getfile(type(layers_module.Dense(1)))).resolve()
    while package.name not in ("keras", "tf_keras"):
        package = package.parent
    read = _source_strings(package)
    candidates |= read
    candidates = {c for c in candidates if c.isidentifier() and c not in ("self", "kwargs", "args")}

    base = sorted(k for k in candidates if not _refuses(layers_module.Layer, {}, k, None, k in read))
    result: Dict[str, Any] = {}
    messages: Dict[str, str] = {}
    for name in sorted(set(LAYERS) | set(ALIASES)):
        cls = getattr(layers_module, name, None)
        if cls is None or not inspect.isclass(cls):
            result[name] = None
            continue
        required = _required(cls, keras)
        cls(**required)  # the plain construction must work: else every keyword would look accepted
        try:
            cls(**required, **{BOGUS: 1})
        except Exception as exc:  # noqa: BLE001
            if not _is_unknown(exc, BOGUS):
                raise RuntimeError(f"{name}: a made-up keyword fails otherwise: {exc!r}") from exc
            messages[name] = _message(exc, BOGUS, "1")
        else:
            result[name] = "*"
            continue
        own = _signature_keywords(cls)
        accepted = sorted(k for k in candidates if not _refuses(cls, required, k, own.get(k), k in read))
        missing = sorted(set(_signature_keywords(type("_", (), {"__init__": cls.__init__}))) - set(accepted))
        if missing:
            print(f"note: Keras {version} {name} refuses keywords its signature names: {missing}", file=sys.stderr)
        result[name] = {"class": cls.__name__, "accepted": accepted, "required": _required_names(cls)}
    print(f"note: Keras {version}: {len(candidates)} candidate keywords, {len(read)} read out of kwargs", file=sys.stderr)
    return {"version": version, "keras": getattr(keras, "__version__", None) or _tf_keras_version(),
            "base": base, "layers": result, "messages": messages}


def _tf_keras_version() -> Optional[str]:
    try:
        import tf_keras

        return tf_keras.__version__
    except Exception:  # noqa: BLE001
        return None


# -- the driver --------------------------------------------------------------------


def observe(version: int, python: str) -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="", PYTHONHASHSEED="0")
    env.pop("TF_USE_LEGACY_KERAS", None)
    if version == 2:
        env["TF_USE_LEGACY_KERAS"] = "1"
    src = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    done = subprocess.run([python, "-m", "lstmlint.oracle.keywords", "--collect", str(version)],
                          capture_output=True, text=True, env=env, timeout=1800)
    marker = [line for line in done.stdout.splitlines() if line.startswith("@@RESULT@@")]
    if done.returncode != 0 or not marker:
        raise RuntimeError(f"Keras {version} collection failed:\n{done.stderr[-4000:]}")
    notes = [line for line in done.stderr.splitlines() if line.startswith("note:")]
    for line in notes:
        print(line, file=sys.stderr)
    return json.loads(marker[0][len("@@RESULT@@"):])


def _standard(messages: Dict[str, str], classes: Dict[str, str]) -> str:
    """The message most layers give, with ``{layer}`` for the class name."""
    counts: Dict[str, int] = {}
    for name, text in messages.items():
        template = text.replace(classes.get(name, name), "{layer}") if classes.get(name) else text
        counts[template] = counts.get(template, 0) + 1
    return max(sorted(counts), key=lambda t: counts[t])


def render(observed: Dict[int, dict]) -> str:
    from ..infer.layer_table import ALIASES, LAYERS

    base = {v: set(observed[v]["base"]) for v in VERSIONS}
    standard: Dict[int, str] = {}
    for v in VERSIONS:
        layers = observed[v]["layers"]
        classes = {n: e["class"] for n, e in layers.items() if isinstance(e, dict)}
        standard[v] = _standard(observed[v]["messages"], classes)

    def spelled(name: str, v: int) -> Optional[str]:
        entry = observed[v]["layers"].get(name)
        if entry is None or entry == "*":
            return None if entry is None else "*"
        accepted = set(entry["accepted"])
        parts = sorted(accepted - base[v]) + ["-" + k for k in sorted(base[v] - accepted)]
        return " ".join(parts)

    lines = [
        '"""The keywords each layer\'s constructor accepts, per Keras version (generated: do not edit).',
        "",
        "Written by ``python -m lstmlint.oracle.keywords`` from real construction under",
        f"Keras {observed[3]['keras']} and tf-keras {observed[2]['keras']}: every keyword any layer class's",
        "``__init__`` names or any Keras source reads out of ``kwargs`` was passed to each",
        "constructor, and is listed here where the constructor did not refuse it.",
        "",
        "``LAYERS[name] = (Keras 3, Keras 2)``: the keywords beyond ``BASE`` (the base",
        "``Layer``'s), space-separated; ``-kw`` is a ``BASE`` keyword that layer refuses;",
        "``None``: that version has no such layer; ``\"*\"``: it takes any keyword.  An",
        "alias missing from ``LAYERS`` is the class of its layer-table name (checked when generated).",
        "``MESSAGE`` is what Keras raises for an unknown keyword; ``MESSAGES`` the",
        "layers that say something else.  ``REQUIRED[name] = (Keras 3, Keras 2)``: the",
        "parameters without a default, in order (a call without one fails on that first).",
        '"""',
        "",
        "from typing import Dict, Optional, Tuple",
        "",
        "BASE: Dict[int, str] = {",
    ]
    for v in VERSIONS:
        lines.append(f"    {v}: {' '.join(sorted(base[v]))!r},")
    lines.append("}")
    lines.append("")
    lines.append("MESSAGE: Dict[int, str] = {")
    for v in VERSIONS:
        lines.append(f"    {v}: {standard[v]!r},")
    lines.append("}")
    lines.append("")
    odd = []
    for v in VERSIONS:
        for name in sorted(observed[v]["messages"]):
            text = observed[v]["messages"][name]
            if text != standard[v].replace("{layer}", ALIASES.get(name, name)):  # the rule names the table's class
                odd.append((name, v, text))
    lines.append("MESSAGES: Dict[Tuple[str, int], str] = {")
    for name, v, text in odd:
        lines.append(f"    ({name!r}, {v}): {text!r},")
    lines.append("}")
    lines.append("")
    lines.append("REQUIRED: Dict[str, Tuple[str, str]] = {")
    for name in sorted(LAYERS):
        row = tuple(" ".join(observed[v]["layers"][name]["required"]) if isinstance(observed[v]["layers"].get(name), dict) else "" for v in VERSIONS)
        if any(row):
            lines.append(f"    {name!r}: {row!r},")
    lines.append("}")
    lines.append("")
    lines.append("LAYERS: Dict[str, Tuple[Optional[str], Optional[str]]] = {")
    names = sorted(set(LAYERS) | set(ALIASES))
    for name in names:
        row = tuple(spelled(name, v) for v in VERSIONS)
        target = ALIASES.get(name)
        if target is not None and row == tuple(spelled(target, v) for v in VERSIONS) and all(
            _same_class(observed[v], name, target) for v in VERSIONS
        ):
            continue
        lines.append(f"    {name!r}: {row!r},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _same_class(data: dict, alias: str, target: str) -> bool:
    a, b = data["layers"].get(alias), data["layers"].get(target)
    if a is None or b is None or not isinstance(a, dict) or not isinstance(b, dict):
        return a == b
    return a["class"] == b["class"]


def main(argv: Optional[Iterable[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lstmlint.oracle.keywords", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the checked-in module is stale")
    parser.add_argument("--python", default=sys.executable, help="interpreter with TensorFlow + tf-keras (default: this one)")
    parser.add_argument("--collect", type=int, choices=VERSIONS, help=argparse.SUPPRESS)  # the child's job
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.collect:
        print("@@RESULT@@" + json.dumps(collect(args.collect)))
        return 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {v: pool.submit(observe, v, args.python) for v in VERSIONS}
        observed = {v: f.result() for v, f in futures.items()}
    text = render(observed)
    path = repo_root() / OUTPUT
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if args.check:
        if current != text:
            diff = difflib.unified_diff(current.splitlines(), text.splitlines(), str(OUTPUT), "regenerated", lineterm="")
            print("\n".join(diff))
            print(f"{OUTPUT.as_posix()} is stale: run `python -m lstmlint.oracle.keywords`", file=sys.stderr)
            return 1
        print(f"{OUTPUT.as_posix()} is current")
        return 0
    path.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
