"""The per-file result cache in ``.lstmlint_cache/`` (as ruff does): a file whose
bytes, lstmlint and settings are unchanged is not parsed again.

One JSON file per (lstmlint build, settings) holds ``path -> [content hash,
diagnostics]``. JSON, not pickle: a cache directory checked into a repository
must not be able to run code. Any unreadable cache is simply a cold start.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from .. import __version__
from ..diagnostics import Diagnostic, Related, Severity
from ..config.settings import Settings

CACHE_DIR_NAME = ".lstmlint_cache"
_PACKAGE = Path(__file__).resolve().parent


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(data: bytes, name: str, settings: Settings) -> str:
    """What a file's result depends on: its bytes and, with ``keras-version =
    auto``, what decides its Keras besides its imports (its project's
    dependency files, TF_USE_LEGACY_KERAS, the installed Keras)."""
    if settings.keras_version != "auto":
        return content_hash(data)
    from ..config.keras_target import keras_decision

    return content_hash(data + b"\0" + repr(keras_decision(name, None)).encode())


def _build_fingerprint() -> str:
    """The version plus every source file's size and mtime, so editing lstmlint
    itself (without a version bump) never serves stale results."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    for path in sorted(_PACKAGE.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def _to_json(diagnostic: Diagnostic) -> dict:
    return dataclasses.asdict(diagnostic)


_OPTIONAL = type(None)
_DIAGNOSTIC_FIELDS = {
    "code": str, "name": str, "severity": str, "message": str, "filename": str,
    "line": int, "column": int, "end_line": int, "end_column": int,
    "expected": (list, _OPTIONAL), "actual": (list, _OPTIONAL), "related": list,
    "fix": (str, _OPTIONAL), "fixable": bool, "cell": (int, _OPTIONAL),
    "raw_line": (int, _OPTIONAL), "raw_column": (int, _OPTIONAL), "raw_end_line": (int, _OPTIONAL), "raw_end_column": (int, _OPTIONAL),
    "fix_data": dict,
}
_RELATED_FIELDS = {"filename": str, "line": int, "column": int, "message": str, "cell": (int, _OPTIONAL),
                   "raw_line": (int, _OPTIONAL), "raw_column": (int, _OPTIONAL)}


def _shaped(record: object, fields: Dict[str, object]) -> bool:
    """``record`` holds exactly these fields with these types (a cache file is
    any JSON a checkout ships: a wrong shape must be a miss, not a crash)."""
    return (
        isinstance(record, dict)
        and record.keys() == fields.keys()
        and all(isinstance(record[key], kind) and (kind is bool or not isinstance(record[key], bool)) for key, kind in fields.items())
    )


def _from_json(record: object) -> Diagnostic:
    if not _shaped(record, _DIAGNOSTIC_FIELDS) or not all(_shaped(r, _RELATED_FIELDS) for r in record["related"]):
        raise ValueError("not a diagnostic record")
    fields = dict(record, severity=Severity(record["severity"]), related=[Related(**r) for r in record["related"]])
    return Diagnostic(**fields)


class ResultCache:
    def __init__(self, file: Path, entries: Dict[str, Tuple[str, List[dict]]]) -> None:
        self._file = file
        self._entries = entries
        self._written: Set[str] = set()

    @classmethod
    def load(cls, directory: Path, settings: Settings) -> "ResultCache":
        # for_file("", "") resolves keras-version "auto" as this environment would.
        key = hashlib.blake2b(f"{_build_fingerprint()}|{settings.for_file('', '')!r}".encode(), digest_size=16).hexdigest()
        file = directory / __version__ / f"{key}.json"
        try:
            entries = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        return cls(file, entries if isinstance(entries, dict) else {})

    def get(self, name: str, digest: str) -> Optional[List[Diagnostic]]:
        entry = self._entries.get(name)
        if not isinstance(entry, (list, tuple)) or len(entry) != 2 or entry[0] != digest or not isinstance(entry[1], list):
            return None
        try:
            return [_from_json(record) for record in entry[1]]
        except ValueError:  # written by an incompatible build, or not by lstmlint
            return None

    def put(self, name: str, digest: str, diagnostics: List[Diagnostic]) -> None:
        self._entries[name] = (digest, [_to_json(d) for d in diagnostics])
        self._written.add(name)

    def save(self) -> None:
        """Write atomically (parallel runs may share the directory), dropping
        entries of deleted files; a cache that cannot be written is silently
        skipped: it is only an optimisation."""
        if not self._written:
            return
        entries = {name: entry for name, entry in self._entries.items() if name in self._written or os.path.exists(name)}
        try:
            self._file.parent.mkdir(parents=True, exist_ok=True)
            _mark_cache_root(self._file.parent.parent)
            handle, temporary = tempfile.mkstemp(dir=self._file.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entries, out)
            os.replace(temporary, self._file)
        except (OSError, TypeError, ValueError):
            pass


def _mark_cache_root(root: Path) -> None:
    """Keep the cache out of git and backups, as ruff and pytest do."""
    ignore = root / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Automatically created by lstmlint.\n*\n", encoding="utf-8")
        (root / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")
