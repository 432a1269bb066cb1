"""``keras-version = "auto"``: which Keras a file will run under.

Decided without importing Keras (which would take seconds and may not even be
installed), first answer wins: the project's dependency files
(:mod:`lstmlint.config.project_keras`), ``TF_USE_LEGACY_KERAS``, a ``tf_keras``
import, the Keras installed here (read from its package metadata), else 3.
"""

from __future__ import annotations

import functools
import os
import re
from importlib import metadata
from pathlib import Path
from typing import Optional, Tuple

from .settings import DEFAULT_KERAS_VERSION

_TF_KERAS_IMPORT = re.compile(r"^\s*(?:import|from)\s+tf_keras\b", re.MULTILINE)


def keras_version_for(filename: str, text: str) -> int:
    return keras_decision(filename, text)[0]


def keras_decision(filename: str, text: Optional[str]) -> Tuple[int, str]:
    """The Keras major version for a file (``text=None``: a directory, whose
    files' imports are not known yet) and why, for ``--show-settings``."""
    from .project_keras import project_keras

    path = Path(filename or ".")
    found = project_keras(path if path.is_dir() else path.parent)
    if found is not None:
        return found[0], f"the project's {found[1]}"
    legacy = os.environ.get("TF_USE_LEGACY_KERAS", "")
    if legacy in ("1", "true", "True"):
        return 2, f"TF_USE_LEGACY_KERAS={legacy} is set"
    if text is None:
        return installed_keras_major(), "decided per file: 2 for files importing tf_keras, else " + _installed_reason()
    if _TF_KERAS_IMPORT.search(text):
        return 2, "the file imports tf_keras"
    return installed_keras_major(), _installed_reason()


def _installed_reason() -> str:
    try:
        return f"the installed keras {metadata.version('keras')}"
    except metadata.PackageNotFoundError:
        return f"no Keras is installed here: Keras {DEFAULT_KERAS_VERSION}"


@functools.lru_cache(maxsize=None)
def installed_keras_major() -> int:
    try:
        major = metadata.version("keras").split(".")[0]
    except metadata.PackageNotFoundError:
        return DEFAULT_KERAS_VERSION
    return int(major) if major in ("2", "3") else DEFAULT_KERAS_VERSION
