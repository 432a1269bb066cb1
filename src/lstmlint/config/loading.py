"""Config files: ``[tool.lstmlint]`` in ``pyproject.toml`` or ``.lstmlint.yaml``.

Found by walking up from the checked paths, like ruff and flake8 do; every
key is validated so a typo is an error that names the file, the key and what
is allowed, never a setting silently ignored.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .settings import KERAS_VERSION_CHOICES, SEVERITY_CHOICES, Settings

YAML_NAME = ".lstmlint.yaml"
KEYS = ("select", "ignore", "extend-select", "per-file-ignores", "exclude", "extend-exclude", "keras-version", "severity")


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and key."""


def find_config(paths: Iterable[str]) -> Optional[Path]:
    """The nearest config above the checked paths (their common directory)."""
    absolute = [Path(p).absolute() for p in paths] or [Path.cwd()]
    start = Path(os.path.commonpath([str(p) for p in absolute]))
    if not start.is_dir():
        start = start.parent
    for directory in (start, *start.parents):
        if (directory / YAML_NAME).is_file():
            return directory / YAML_NAME
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and "lstmlint" in _tool_table(pyproject):
            return pyproject
    return None


def load_config(path: Path) -> Dict[str, Any]:
    """The validated options of a config file, keyed as in the file."""
    if path.suffix in (".yaml", ".yml"):
        table, where = _read_yaml(path), ""
    elif path.name == "pyproject.toml":
        table, where = _tool_table(path).get("lstmlint", {}), "[tool.lstmlint] "
    else:
        table, where = _read_toml(path), ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: expected a mapping of options, got {type(table).__name__}")
    return {key: _validate(path, f"{where}{key}", key, value) for key, value in table.items()}


MAX_CONFIG_BYTES = 1024 * 1024


def _read_bytes(path: Path, kind: str) -> bytes:
    """A config file's bytes: regular files only (a FIFO would block forever)."""
    from ..files.discovery import read_capped

    try:
        data = read_capped(path, MAX_CONFIG_BYTES)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read {kind}: {exc.strerror or exc}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: cannot read {kind}: larger than 1 MB")
    return data


def _read_toml(path: Path) -> Dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.9/3.10 in CI
        import tomli as tomllib
    data = _read_bytes(path, "TOML")
    try:
        return tomllib.loads(data.decode("utf-8"))  # TOML is UTF-8 by definition
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read TOML: not valid UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: cannot read TOML: nested too deeply") from None


def _tool_table(path: Path) -> Dict[str, Any]:
    """``[tool]`` of a pyproject.toml; one that is not a table is an error naming it."""
    tool = _read_toml(path).get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: `tool` must be a table, got {type(tool).__name__} {tool!r}")
    return tool


def _read_yaml(path: Path) -> Any:
    import yaml

    data = _read_bytes(path, "YAML")
    try:
        loaded = yaml.safe_load(data)  # YAML's own encoding detection: UTF-8, or UTF-16 with a BOM
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: cannot read YAML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: cannot read YAML: nested too deeply") from None
    return {} if loaded is None else loaded


def _validate(path: Path, label: str, key: str, value: Any) -> Any:
    def fail(allowed: str) -> ConfigError:
        return ConfigError(f"{path}: invalid value for `{label}`: {value!r} (allowed: {allowed})")

    if key not in KEYS:
        raise ConfigError(f"{path}: unknown key `{label}` (allowed keys: {', '.join(KEYS)})")
    if key in ("select", "ignore", "extend-select"):
        return _codes(value, fail)
    if key in ("exclude", "extend-exclude"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail("a list of glob patterns")
        return tuple(value)
    if key == "keras-version":
        if str(value) not in KERAS_VERSION_CHOICES or isinstance(value, bool):
            raise fail(", ".join(KERAS_VERSION_CHOICES))
        return str(value)
    if key == "per-file-ignores":
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise fail('a table of glob = ["CODE", ...]')
        return tuple((glob, _codes(codes, fail)) for glob, codes in value.items())
    # severity
    if not isinstance(value, dict):
        raise fail('a table of CODE = "error" | "warning" | "info"')
    overrides: List[Tuple[str, str]] = []
    for code, level in value.items():
        _codes([code], fail)
        if level not in SEVERITY_CHOICES:
            raise ConfigError(f"{path}: invalid severity for `{label}.{code}`: {level!r} (allowed: {', '.join(SEVERITY_CHOICES)})")
        overrides.append((code.upper(), level))
    return tuple(overrides)


def _codes(value: Any, fail) -> Tuple[str, ...]:
    from ..rules.registry_view import is_code_prefix

    if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail('a list of rule codes or prefixes, e.g. ["LS101", "LS2"] (see `lstmlint rules`)')
    codes = tuple(v.strip().upper() for v in value)
    for code in codes:
        if not is_code_prefix(code):
            raise fail(f"rule codes or prefixes listed by `lstmlint rules`; {code!r} is none")
    return codes


def build_settings(
    paths: Iterable[str],
    config_file: Optional[str],
    isolated: bool,
    cli: Dict[str, Any],
) -> Tuple[Settings, Optional[Path]]:
    """The run's settings: defaults, then the config file, then the command line.

    ``--exclude`` and ``--keras-version`` replace the file's value,
    ``--extend-exclude`` adds to it; rule selection is layered as in ruff
    (see :meth:`Settings.enabled`).
    """
    from .project_keras import forget

    forget()  # a new run: the project's dependency files may have changed
    path = None if isolated else (Path(config_file) if config_file else find_config(paths))
    options = load_config(path) if path is not None else {}
    settings = Settings(
        keras_version=cli.get("keras_version") or options.get("keras-version", "auto"),
        select=cli.get("select") or (),
        ignore=cli.get("ignore") or (),
        extend_select=cli.get("extend_select") or (),
        config_selection=(options.get("select", ()), options.get("extend-select", ()), options.get("ignore", ())),
        per_file_ignores=options.get("per-file-ignores", ()),
        exclude=(cli.get("exclude") or options.get("exclude", ())) + options.get("extend-exclude", ()) + (cli.get("extend_exclude") or ()),
        severity=options.get("severity", ()),
        root=str(path.absolute().parent) if path is not None else str(Path.cwd()),
        force_exclude=bool(cli.get("force_exclude")),
        report_unused_noqa=bool(cli.get("report_unused_noqa")),
        unsafe_fixes=bool(cli.get("unsafe_fixes")),
    )
    return settings, path
