"""``lstmlint check --show-settings``: the settings a run would use, and why
(as ruff's ``--show-settings``), most of all which Keras the verdicts follow."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from .settings import Settings


def describe(settings: Settings, config: Optional[Path], target: str, keras_from_cli: bool) -> str:
    """The settings for ``target`` (a file or directory), one per line."""
    lines = [f"Settings for {target}", f"  config file: {config if config is not None else 'none (defaults)'}"]
    lines.append(f"  keras-version: {_keras(settings, config, target, keras_from_cli)}")
    select, extend, ignore = settings.config_selection or ((), (), ())
    per_file = ", ".join(f"{glob} = {_codes(codes, '-')}" for glob, codes in settings.per_file_ignores)
    lines += [
        f"  select: {_codes(settings.select or select, 'every rule')}",
        f"  extend-select: {_codes(extend + settings.extend_select, '-')}",
        f"  ignore: {_codes(ignore + settings.ignore if not settings.select else settings.ignore, '-')}",
        f"  per-file-ignores: {per_file or '-'}",
        f"  exclude: {', '.join(settings.exclude) or '-'}",
        f"  severity: {', '.join(f'{code} = {level}' for code, level in settings.severity) or '-'}",
        f"  root: {settings.root}",
    ]
    return "\n".join(lines) + "\n"


def _keras(settings: Settings, config: Optional[Path], target: str, keras_from_cli: bool) -> str:
    if settings.keras_version != "auto":
        return f"{settings.keras_version} (set by {'--keras-version' if keras_from_cli else config})"
    from .keras_target import keras_decision

    text = _text(target)
    version, why = keras_decision(target, text)
    return f"{version} (auto: {why})"


def _text(target: str) -> Optional[str]:
    path = Path(target)
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _codes(codes, empty: str) -> str:
    listed: List[str] = list(codes)
    return ", ".join(listed) if listed else empty
