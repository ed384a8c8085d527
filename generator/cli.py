"""The `playbook` command. The only module that imports click."""
from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from . import core, report
from .problems import PlaybookError, Problem, UsageError


def _today(ctx: click.Context, param: click.Parameter, value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-20")


today_option = click.option("--today", callback=_today, metavar="YYYY-MM-DD",
                            help="Pretend today is this date (default: the real date).")
root_option = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
                           show_default=True, help="Repository root holding content/ and schemas/.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="incident-playbooks")
def main() -> None:
    """Incident-response playbooks as code: check, build the site, print cards."""


def _fail(error: PlaybookError) -> None:
    click.echo(f"error: {error}", err=True)
    sys.exit(error.exit_code)


def _load(root: Path, today: date, warn_days: int = core.DEFAULT_WARN_DAYS) -> core.Result:
    try:
        return core.load(root, core.Options(today=today, warn_days=warn_days))
    except PlaybookError as error:
        _fail(error)
        raise  # unreachable: _fail exits


def _only(problems: list[Problem], root: Path, paths: tuple[Path, ...]) -> list[Problem]:
    if not paths:
        return problems
    wanted = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or directory")
        wanted.append(path.resolve())
    def keep(p: Problem) -> bool:
        target = (root / p.file).resolve()
        return any(target == w or w in target.parents for w in wanted)
    return [p for p in problems if keep(p)]


def _write_step_summary(markdown: str) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@root_option
@today_option
@click.option("--format", "fmt", type=click.Choice(sorted(report.FORMATS)), default="text",
              show_default=True, help="Output format.")
@click.option("--warn-days", type=click.IntRange(min=0), default=core.DEFAULT_WARN_DAYS,
              show_default=True, help="Warn when a review falls due within this many days.")
def check(paths: tuple[Path, ...], root: Path, today: date, fmt: str, warn_days: int) -> None:
    """Validate content/: YAML, schemas, references, review dates, placeholders, secrets.

    PATHS limits the report to these files or folders (all content is still
    read, so references are checked). Exit 0: no errors; 1: errors; 2: usage.
    """
    result = _load(root, today, warn_days)
    try:
        problems = _only(result.problems, root, paths)
    except UsageError as error:
        _fail(error)
    files = sum(1 for _ in result.content.all_sources())
    if fmt == "github":
        output = report.github(problems, files, _write_step_summary)
    else:
        output = report.FORMATS[fmt](problems, files)
    click.echo(output)
    sys.exit(1 if any(p.level == "error" for p in problems) else 0)
