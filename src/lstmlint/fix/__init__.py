"""Autofix (``--fix`` / ``--diff``): certain edits made with libcst so formatting
and comments survive. ``edits`` finds them from diagnostics, ``apply`` rewrites
a text, ``writer`` puts the result in files."""

from . import migration  # noqa: F401 - registers the removed-API fixers
from .apply import fix_one, fix_text
from .edits import NEEDS_RETURN_SEQUENCES, mark_fixable
from .writer import FileFix, checked_fix_text, fix_files, fixes_listing, unified_diff

__all__ = ["FileFix", "NEEDS_RETURN_SEQUENCES", "checked_fix_text", "fix_files", "fix_one", "fix_text", "fixes_listing", "mark_fixable", "unified_diff"]
