"""The command line: a thin layer over :mod:`lstmlint.api`.

Heavy imports (libcst, rich) happen only inside the commands that need them,
so ``lstmlint --version`` starts instantly.
"""

from __future__ import annotations

import re
import sys
from typing import List, Optional, Tuple

import click

from . import __version__
from .settings import DEFAULT_KERAS_VERSION, Settings

_CODE = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


class _DefaultCheck(click.Group):
    """``lstmlint PATH`` means ``lstmlint check PATH``."""

    def parse_args(self, ctx: click.Context, args: List[str]) -> List[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lstmlint")
def main() -> None:
    """Find Keras tensor-shape and dtype bugs before anything runs.

    lstmlint reads your code (it never imports or runs it) and reports what
    real Keras would raise at build or fit time.
    """


def _codes(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Tuple[str, ...]:
    if not value:
        return ()
    from .rules.registry_view import all_codes

    codes = tuple(part.strip().upper() for part in value.split(",") if part.strip())
    known = all_codes()
    for code in codes:
        if not _CODE.match(code) or not any(k.startswith(code) for k in known):
            raise click.BadParameter(f"unknown rule code or prefix {code!r} (see `lstmlint rules`)")
    return codes


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Output format.")
@click.option("--keras-version", type=click.Choice(["2", "3"]), default=str(DEFAULT_KERAS_VERSION), show_default=True, help="Keras version whose behaviour decides severities.")
@click.option("--select", callback=_codes, help="Only these codes (comma-separated; prefixes like LS2 allowed).")
@click.option("--ignore", callback=_codes, help="Skip these codes (comma-separated; prefixes allowed).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("-q", "--quiet", is_flag=True, help="Only the diagnostic lines: no code frames or summary.")
def check(paths, output_format, keras_version, select, ignore, exit_zero, quiet) -> None:
    """Check PATHS (files or directories; default: the current directory)."""
    from .api import lint_paths
    from .report import formatter

    settings = Settings(keras_version=int(keras_version), select=select, ignore=ignore)
    result = lint_paths(paths or (".",), settings)
    formatter(output_format)(result.diagnostics, result.files_checked, sys.stdout, {"quiet": quiet})
    if result.crashed:
        sys.exit(2)
    sys.exit(1 if result.diagnostics and not exit_zero else 0)


@main.command("rules")
def rules_command() -> None:
    """List every rule: code, name, severity, summary."""
    from .rules.registry_view import rule_rows

    for code, name, severity, summary in rule_rows():
        click.echo(f"{code}  {name:<32} {severity:<26} {summary}")


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show the documentation of one rule (by code or name)."""
    from .rules.registry_view import explain_text

    text = explain_text(code)
    if text is None:
        raise click.BadParameter(f"no rule {code!r} (see `lstmlint rules`)", param_hint="CODE")
    click.echo(text)
