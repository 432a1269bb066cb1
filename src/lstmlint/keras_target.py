"""``keras-version = "auto"``: which Keras a file will run under.

Decided without importing Keras (which would take seconds and may not even be
installed): a ``tf_keras`` import or ``TF_USE_LEGACY_KERAS`` means Keras 2,
else the Keras installed here, read from its package metadata, else 3.
"""

from __future__ import annotations

import functools
import os
import re
from typing import Optional
from importlib import metadata

from .settings import DEFAULT_KERAS_VERSION

_TF_KERAS_IMPORT = re.compile(r"^\s*(?:import|from)\s+tf_keras\b", re.MULTILINE)
_FROZEN_KERAS_IMPORT = re.compile(r"^\s*(?:import|from)\s+tensorflow\.python\.keras\b", re.MULTILINE)


def pinned_keras_version(text: str) -> Optional[int]:
    """The Keras a file runs under whatever is installed or targeted:
    ``tensorflow.python.keras`` is a frozen Keras 2 copy inside TensorFlow."""
    return 2 if _FROZEN_KERAS_IMPORT.search(text) else None


def keras_version_for(text: str) -> int:
    if _TF_KERAS_IMPORT.search(text) or os.environ.get("TF_USE_LEGACY_KERAS", "") in ("1", "true", "True"):
        return 2
    return installed_keras_major()


@functools.lru_cache(maxsize=None)
def installed_keras_major() -> int:
    try:
        major = metadata.version("keras").split(".")[0]
    except metadata.PackageNotFoundError:
        return DEFAULT_KERAS_VERSION
    return int(major) if major in ("2", "3") else DEFAULT_KERAS_VERSION
