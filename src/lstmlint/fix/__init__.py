"""Autofix (``--fix`` / ``--diff``): certain edits made with libcst so formatting
and comments survive. ``edits`` finds them from diagnostics, ``apply`` rewrites
a text, ``writer`` puts the result in files."""

from .apply import fix_text
from .edits import NEEDS_RETURN_SEQUENCES, mark_fixable
from .writer import FileFix, checked_fix_text, fix_files, unified_diff

__all__ = ["FileFix", "NEEDS_RETURN_SEQUENCES", "checked_fix_text", "fix_files", "fix_text", "mark_fixable", "unified_diff"]
