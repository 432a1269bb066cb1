"""``python -m lstmlint``. Python puts the current folder first on ``sys.path``
for ``-m``, so in an untrusted checkout a ``click.py`` there would be imported
and run: drop that entry before importing anything else (what ``python -P``
does). The ``lstmlint`` console script never had the problem."""

import os
import sys

if not getattr(sys.flags, "safe_path", False) and sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from .cli import main  # noqa: E402 - after the sys.path fix, on purpose

main()
