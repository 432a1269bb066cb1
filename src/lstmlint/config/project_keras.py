"""Which Keras a project's dependency files ask for.

Inside pre-commit's or CI's own environment the installed Keras says nothing
about the user's project; its ``requirements*.txt``, ``pyproject.toml``,
``setup.cfg`` or ``environment.yml`` often does: ``tf-keras``, ``keras<3`` or
``tensorflow<2.16`` mean Keras 2; ``keras>=3`` or ``tensorflow>=2.16`` mean
Keras 3 (TensorFlow 2.16 made Keras 3 its default). A requirement that allows
both (``tensorflow>=2.10``, a bare ``keras``) says nothing.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

# package -> the first version that means Keras 3
_THRESHOLDS = {
    "keras": (3,),
    "tensorflow": (2, 16),
    "tensorflow-cpu": (2, 16),
    "tensorflow-gpu": (2, 16),
    "tensorflow-macos": (2, 16),
    "tensorflow-intel": (2, 16),
}
_LEGACY = ("tf-keras",)  # installing it means the project runs Keras 2
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")
_CLAUSE = re.compile(r"^\s*(~=|===|==|!=|<=|>=|<|>|=)\s*([0-9][0-9a-zA-Z.*+!-]*)\s*$")

Decision = Tuple[int, str]  # Keras major version, and why (for --show-settings)


def project_keras(start: Path) -> Optional[Decision]:
    """The Keras version the nearest dependency file above ``start`` asks for
    (up to the repository root), or ``None`` when none says."""
    return _from_directory(start.absolute())


def forget() -> None:
    """Read the dependency files afresh (each run starts with this)."""
    _from_directory.cache_clear()


@functools.lru_cache(maxsize=None)
def _from_directory(directory: Path) -> Optional[Decision]:
    """The first requirement asking for Keras 2 (``tensorflow>=2.16`` beside
    ``tf-keras`` is a project keeping Keras 2), else the first asking for 3."""
    decided = sorted(
        ((major, f"{name}:{line} requires `{requirement}`") for name, line, requirement in _requirements(directory)
         for major in [keras_major(requirement)] if major is not None),
        key=lambda found: found[0],
    )
    if decided:
        return decided[0]
    if (directory / ".git").exists() or directory.parent == directory:
        return None
    return _from_directory(directory.parent)


def keras_major(requirement: str) -> Optional[int]:
    """2 or 3 when one requirement (PEP 508, or conda's ``name=version``) decides
    the Keras version, else ``None``."""
    match = _REQUIREMENT.match(requirement.split(";")[0])
    if match is None:
        return None
    name = re.sub(r"[._]", "-", match.group(1).lower())
    if name in _LEGACY:
        return 2
    threshold = _THRESHOLDS.get(name)
    if threshold is None:
        return None
    below = above = False
    for clause in filter(None, (c.strip() for c in match.group(2).split(","))):
        parsed = _CLAUSE.match(clause if not clause[0].isdigit() else f"={clause}")  # conda: `tensorflow 2.15.*`
        if parsed is None:
            return None
        is_below, is_above = _side(parsed.group(1), parsed.group(2), threshold)
        below, above = below or is_below, above or is_above
    if below == above:
        return None  # allows both, or contradicts itself
    return 2 if below else 3


def _side(op: str, text: str, threshold: Tuple[int, ...]) -> Tuple[bool, bool]:
    """Whether a clause allows only versions below ``threshold``, or only at or above it."""
    version = _version(text)
    if op in ("==", "===", "="):  # `==2.15.*` and conda's `=2.15` are prefixes
        return version < threshold, version >= threshold
    if op == "<":
        return version <= threshold, False
    if op == "<=":
        return version < threshold, False
    if op in (">=", ">"):
        return False, version >= threshold
    if op == "~=":  # ~=2.15.0 is >=2.15.0, ==2.15.*
        upper = version[:-2] + (version[-2] + 1,) if len(version) > 1 else version
        return upper <= threshold, version >= threshold
    return False, False  # !=


def _version(text: str) -> Tuple[int, ...]:
    parts = []
    for part in text.split("."):
        digits = re.match(r"\d+", part)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


def _requirements(directory: Path) -> Iterator[Tuple[str, int, str]]:
    """(file name, line, requirement) for every dependency the directory's files list."""
    for path in sorted(directory.glob("requirements*.txt")):
        for number, line in _lines(path):
            line = line.split(" #")[0].split("#")[0].strip() if not line.startswith("#") else ""
            if line and not line.startswith("-"):
                yield path.name, number, line
    for name, reader in (("pyproject.toml", _pyproject), ("setup.cfg", _setup_cfg), ("environment.yml", _environment), ("environment.yaml", _environment)):
        path = directory / name
        if path.is_file():
            for requirement in reader(path):
                yield name, _line_of(path, requirement), requirement


def _lines(path: Path) -> List[Tuple[int, str]]:
    try:
        return list(enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1))
    except OSError:
        return []


def _line_of(path: Path, requirement: str) -> int:
    return next((n for n, line in _lines(path) if requirement in line), 1)


def _pyproject(path: Path) -> List[str]:
    from .loading import ConfigError, _read_toml

    try:
        document = _read_toml(path)
    except ConfigError:
        return []
    project = document.get("project", {})  # not the extras: a test or docs extra is not what the code runs on
    found = project.get("dependencies", []) if isinstance(project, dict) else []
    return [r for r in found if isinstance(r, str)] if isinstance(found, list) else []


def _setup_cfg(path: Path) -> List[str]:
    import configparser

    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError):
        return []
    text = parser.get("options", "install_requires", fallback="")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _environment(path: Path) -> List[str]:
    import yaml

    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    found: List[str] = []
    for item in (document or {}).get("dependencies", []) if isinstance(document, dict) else []:
        if isinstance(item, str):
            found.append(item.split("::")[-1])  # conda channel prefixes: conda-forge::tensorflow
        elif isinstance(item, dict):
            found += [p for p in item.get("pip", []) if isinstance(p, str)]
    return found
