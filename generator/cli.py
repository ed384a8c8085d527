"""The `playbook` command. The only module that imports click."""
from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from . import core, safetext
from .commands import report
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
def _root(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    from .load.repo import find_root
    return value if value is not None else find_root(Path.cwd())


root_option = click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=None,
                           callback=_root, help="Repository root holding content/ and schemas/ "
                           "(default: found by walking up from here, as git does).")


# Material prints an end-of-life banner on every build; it is noise in CI logs.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="incident-playbooks")
def main() -> None:
    """Incident-response playbooks as code: check, build the site, print cards."""


def _fail(error: PlaybookError) -> None:
    click.echo(f"error: {safetext.printable_lines(str(error))}", err=True)
    sys.exit(error.exit_code)


def _load(root: Path, today: date, warn_days: int = core.DEFAULT_WARN_DAYS,
          cards: bool = True, audience: str | None = None) -> core.Result:
    try:
        return core.load(root, core.Options(today=today, warn_days=warn_days, render_cards=cards,
                                            audience=audience))
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
@click.option("--no-cards", is_flag=True,
              help="Skip laying out desk cards (about a second each): for quick local runs; CI should not skip.")
@click.option("--audience", type=click.Choice(["internal", "public"]), default=None,
              help="Check as for this audience (default: organization.yaml audience, else internal).")
def check(paths: tuple[Path, ...], root: Path, today: date, fmt: str, warn_days: int, no_cards: bool,
          audience: str | None) -> None:
    """Validate content/: YAML, schemas, references, review dates, placeholders, secrets.

    PATHS limits the report to these files or folders (all content is still
    read, so references are checked). Exit 0: no errors; 1: errors; 2: usage.
    """
    result = _load(root, today, warn_days, cards=not no_cards, audience=audience)
    try:
        problems = _only(result.problems, root, paths)
    except UsageError as error:
        _fail(error)
    files = sum(1 for _ in result.content.all_sources())
    from .load.repo import ci_prefix
    if fmt == "github":
        output = report.github(problems, files, _write_step_summary, ci_prefix(root, "GITHUB_WORKSPACE"))
    elif fmt == "gitlab":
        output = report.gitlab(problems, files, ci_prefix(root, "CI_PROJECT_DIR"))
    else:
        output = report.FORMATS[fmt](problems, files)
    click.echo(output)
    sys.exit(1 if any(p.level == "error" for p in problems) else 0)


def _prepare_site(root: Path, today: date, audience: str | None = None, draft: bool = False):
    from .commands import site as site_module
    try:
        return site_module.prepare(root, today, audience=audience, draft=draft)
    except PlaybookError as error:
        click.echo(safetext.printable_lines(str(error)), err=True)
        sys.exit(error.exit_code)


def _config_path(root: Path, config_file: Path) -> Path:
    path = config_file if config_file.is_absolute() else root / config_file
    if not path.is_file():
        _fail(UsageError(f"{path}: no MkDocs configuration here; run from the repository root or pass --config"))
    return path


audience_option = click.option("--audience", type=click.Choice(["internal", "public"]), default=None,
                               help="Who the output is for; public leaves contacts' private fields out "
                                    "(default: organization.yaml audience, else internal).")
config_option = click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
                             default="mkdocs.yml", show_default=True, help="MkDocs configuration.")


@main.command()
@root_option
@today_option
@config_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to put the site (default: site/ under --root).")
@audience_option
@click.option("--draft", is_flag=True, help="Build even with import placeholders left to fill in; "
              "every page says it is a draft and lists what is missing.")
def build(root: Path, today: date, config_file: Path, site_dir: Path | None, audience: str | None,
          draft: bool) -> None:
    """Check content, then build the site in strict mode; swap it in only on success."""
    from .commands import atomic
    from . import plugin

    config_path = _config_path(root, config_file)
    target = Path(os.path.abspath(site_dir or root / "site"))  # never resolve: site may be a link
    try:
        atomic.owned_or_absent(target, (root,))  # refuse before spending time on the build
    except PlaybookError as error:
        _fail(error)
    prepared = _prepare_site(root, today, audience, draft)
    _log_to_terminal("WARNING")
    try:
        with atomic.staged(target, (root,)) as staging:
            plugin.build_site(config_path, staging, prepared)
    except PlaybookError as error:
        _fail(error)
    pages = len(prepared.pages)
    click.echo(f"Built {pages} pages from {len(prepared.project.playbooks)} playbooks into {target}"
               + (" (draft: placeholders left, every page says so)" if draft else ""))


@main.command()
@root_option
@today_option
@config_option
@click.option("--dev-addr", default=None, metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@click.option("--draft", is_flag=True, help="Serve even with import placeholders left to fill in (see build --draft).")
@audience_option
def serve(root: Path, today: date, config_file: Path, dev_addr: str | None, draft: bool,
          audience: str | None) -> None:
    """Preview the site with live reload; editing content/ or schemas/ rebuilds it."""
    from . import plugin

    config_path = _config_path(root, config_file)
    os.environ["PLAYBOOK_TODAY"] = today.isoformat()
    if draft:
        os.environ["PLAYBOOK_DRAFT"] = "1"
    if audience:  # read by the plugin, which MkDocs creates anew for every rebuild
        os.environ["PLAYBOOK_AUDIENCE"] = audience
    _log_to_terminal()  # "Serving on http://...", rebuilds, and the check report on content errors
    try:
        plugin.serve_site(config_path, dev_addr)
    except PlaybookError as error:
        _fail(error)


def _log_to_terminal(level: str = "INFO") -> None:
    """Show MkDocs' messages (serve: everything; build: warnings, which strict mode counts)."""
    import logging

    class ClickHandler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            click.echo(f"{record.levelname:<8}-  {record.getMessage()}", err=True)

    logger = logging.getLogger("mkdocs")
    for handler in [h for h in logger.handlers if type(h).__name__ == "ClickHandler"]:
        logger.removeHandler(handler)
    handler = ClickHandler(level=level)
    logger.addHandler(handler)
    logger.setLevel(min(logger.getEffectiveLevel(), handler.level))


@main.command("export-docs")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@root_option
@today_option
@audience_option
def export_docs(out_dir: Path, root: Path, today: date, audience: str | None) -> None:
    """Write every page as plain Markdown into OUT_DIR, for another docs engine."""
    from .commands import atomic
    from .commands import site as site_module

    prepared = _prepare_site(root, today, audience)
    target = Path(os.path.abspath(out_dir))
    try:
        atomic.write_tree(target, site_module.exported_pages(prepared), (root,))
    except PlaybookError as error:
        _fail(error)
    click.echo(f"Wrote {len(prepared.pages)} Markdown pages to {target}")


@main.command()
@root_option
@today_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the cards (default: cards/ under --root).")
@audience_option
def cards(root: Path, today: date, out_dir: Path | None, audience: str | None) -> None:
    """Render every desk card to print-ready HTML and a one-page PDF."""
    from .commands import atomic
    from .commands.site import card_files

    prepared = _prepare_site(root, today, audience)
    target = Path(os.path.abspath(out_dir or root / "cards"))
    try:
        atomic.write_tree(target, {Path(uri).name: content for uri, content in card_files(prepared).items()},
                          (root,))
    except PlaybookError as error:
        _fail(error)
    for rendered in prepared.cards:
        click.echo(f"{target / (rendered.card.id + '.pdf')}: {rendered.card.title} "
                   f"({rendered.card.paper}, {rendered.card.orientation}, 1 page)")


def _checked_project(root: Path, today: date, audience: str | None = None):
    """The model of content without errors (desk cards are not laid out), or exit 1."""
    result = _load(root, today, cards=False, audience=audience)
    if not result.ok or result.project is None:
        click.echo("content has errors; not writing it:\n"
                   + report.text(result.problems, sum(1 for _ in result.content.all_sources())), err=True)
        sys.exit(1)
    return result.project


def _write_generated(path: Path, data: bytes, marker: bytes) -> None:
    from .commands.outfile import write_generated
    try:
        write_generated(path, data, marker)
    except PlaybookError as error:
        _fail(error)


@main.command()
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              metavar="FILE.html", help="Where to write the bundle.")
@root_option
@today_option
@audience_option
def bundle(out_file: Path, root: Path, today: date, audience: str | None) -> None:
    """Write the whole runbook as ONE self-contained HTML file that works offline.

    Search, playbooks, contacts, escalation and desk-card content, with no
    other file and no request of any kind: keep it on a laptop and a phone.
    """
    from .render.bundle import MARKER, render_bundle

    project = _checked_project(root, today, audience)
    data = render_bundle(project, today).encode("utf-8")
    _write_generated(out_file, data, MARKER)
    click.echo(f"Wrote {out_file} ({len(data) / 1024:.0f} KB, {len(project.playbooks)} playbooks, one file)")


@main.command()
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              metavar="FILE.pdf", help="Where to write the binder.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@root_option
@today_option
@audience_option
def binder(out_file: Path, paper: str, root: Path, today: date, audience: str | None) -> None:
    """Write the printable binder (PDF): cover, contents, every playbook, contacts at the back.

    Parts laid out before come from the cache (.playbook-cache/ or PLAYBOOK_CACHE_DIR).
    """
    from .caching.store import cache_dir
    from .render.binder import MARKER, render_binder

    project = _checked_project(root, today, audience)
    data = render_binder(project, today, paper, cache_dir(root))
    _write_generated(out_file, data, MARKER)
    click.echo(f"Wrote {out_file} ({len(data) / 1024:.0f} KB, {paper}, {len(project.playbooks)} playbooks)")


@main.group()
def postmortem() -> None:
    """Post-mortems kept in postmortems/ as the incident history."""


def _started(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    from datetime import datetime
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date and time; use \"YYYY-MM-DD HH:MM\", "
                                 f"e.g. \"2026-10-14 14:05\"")


@postmortem.command("new")
@click.argument("title")
@click.option("--severity", required=True, help="Severity id from content/severities.yaml.")
@click.option("--started", callback=_started, metavar='"YYYY-MM-DD HH:MM"', help="When the incident began.")
@click.option("--playbook", "playbook_ids", multiple=True, metavar="ID", help="Playbook used (repeatable).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: postmortems/ under --root).")
@root_option
@today_option
def postmortem_new(title: str, severity: str, started, playbook_ids: tuple[str, ...],
                   out_dir: Path | None, root: Path, today: date) -> None:
    """Start a post-mortem prefilled from the content; never overwrites a file."""
    from .commands import scaffold

    try:
        path = scaffold.new_postmortem(root, title, severity, started, playbook_ids, out_dir, today)
    except PlaybookError as error:
        _fail(error)
    click.echo(f"Wrote {path}")
    click.echo("Fill it in, then run `playbook check`; it appears in the incident history on the site.")


@main.command()
@root_option
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json", "ics"]), default="text",
              show_default=True, help="markdown: ready to post in an issue or chat; ics: a calendar.")
@click.option("--owner", default=None, metavar="CONTACT", help="Only documents this contact owns.")
@click.option("--warn-days", type=click.IntRange(min=0), default=core.DEFAULT_WARN_DAYS, show_default=True)
@click.option("--max-per-week", type=click.IntRange(min=1), default=3, show_default=True,
              help="Warn when more documents than this fall due in one week.")
@click.option("--suggest-stagger", is_flag=True, help="Propose early review dates that spread them out.")
def reviews(root: Path, today: date, fmt: str, owner: str | None, warn_days: int, max_per_week: int,
            suggest_stagger: bool) -> None:
    """Every document's owner, last review, due date and status, grouped by owner; then drills due.

    Exit 0: nothing overdue; 1: a review or drill is overdue, so a scheduled CI job
    turns red; 2: content is broken (the check's report follows, as JSON with --format json).
    """
    from .commands import drills_report, reviews_report as rr

    result = _load(root, today, warn_days, cards=False)  # a due-date report needs no card layout
    if result.project is None:
        files = sum(1 for _ in result.content.all_sources())
        if fmt == "json":
            click.echo(rr.broken_json(report.json_document(result.problems, files)))
        click.echo("error: content is broken, so no review report; fix these first:\n"
                   + report.text(result.problems, files), err=True)
        sys.exit(2)
    project = result.project
    if owner is not None and project.contact(owner) is None:
        _fail(UsageError(f"--owner: unknown contact '{owner}'; contact ids are in content/contacts.yaml"))
    documents = rr.select(project, owner)
    drills = drills_report.select(project, owner)
    click.echo(rr.FORMATS[fmt](project, documents, drills), nl=fmt != "ics")
    _stagger(project, documents, max_per_week, suggest_stagger, today)
    sys.exit(1 if any(d.status == "overdue" for d in documents) or drills_report.failing(drills) else 0)


def _stagger(project, documents, max_per_week: int, suggest: bool, today: date) -> None:
    from .commands import reviews_report as rr

    for crowd in rr.crowded_weeks(documents, max_per_week):
        click.echo(f"warning: {len(crowd.documents)} documents fall due in the week of "
                   f"{crowd.week_start} ({rr.some_ids(crowd.documents)}); "
                   f"--suggest-stagger proposes earlier review dates", err=True)
    if suggest:
        for s in rr.suggest_stagger(documents, max_per_week, today):
            click.echo(f"suggestion: review {s.document.doc_id} early, in the week of {s.review_on} "
                       f"(due {s.document.due}); then run: playbook review {s.document.doc_id} "
                       f"--by {s.document.owner}", err=True)


@main.command()
@click.argument("doc_id", metavar="ID")
@click.option("--by", "by", required=True, metavar="CONTACT", help="Contact id of the reviewer.")
@click.option("--note", default="", help="What was checked.")
@root_option
@today_option
def review(doc_id: str, by: str, note: str, root: Path, today: date) -> None:
    """Record "reviewed, still correct": sets last_reviewed and appends to review.history.

    ID is a playbook id, cards/<id>, or a document name (contacts, severities...).
    Comments and key order in the file are kept.
    """
    from .commands.signoff import sign_off

    try:
        path, diff = sign_off(root, doc_id, by, note, today)
    except PlaybookError as error:
        _fail(error)
    click.echo(diff, nl=False)
    click.echo(f"Recorded the review of {doc_id} by {by} on {today} in {path}")


def _optional_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    return None if value is None else _today(ctx, param, value)


@main.group()
def drill() -> None:
    """Drills: exercises of playbooks and of the response process."""


@drill.command("log")
@click.argument("doc_id", metavar="ID")
@click.option("--kind", required=True, type=click.Choice(["tabletop", "game-day", "real-incident"]),
              help="tabletop: talked through; game-day: run against real systems.")
@click.option("--by", "by", required=True, metavar="CONTACT", help="Contact id of who ran the drill.")
@click.option("--date", "when", callback=_optional_date, metavar="YYYY-MM-DD",
              help="When it happened (default: today).")
@click.option("--note", default="", help="What was exercised and how.")
@click.option("--finding", "findings", multiple=True, help="Something the drill found (repeatable).")
@root_option
@today_option
def drill_log(doc_id: str, kind: str, by: str, when: date | None, note: str, findings: tuple[str, ...],
              root: Path, today: date) -> None:
    """Record a drill of playbook ID (or `process`) in its YAML, keeping comments and key order."""
    from .commands.drill_log import log_drill

    when = when or today
    try:
        path, diff = log_drill(root, doc_id, kind, by, when, note, findings, today)
    except PlaybookError as error:
        _fail(error)
    click.echo(diff, nl=False)
    click.echo(f"Recorded a {kind} drill of {doc_id} by {by} on {when} in {path}")


@main.group()
def new() -> None:
    """Create new content files from templates."""


@new.command("playbook")
@click.argument("playbook_id", metavar="ID")
@click.option("--title", required=True)
@click.option("--severity", required=True, help="Default severity id.")
@click.option("--owner", required=True, metavar="CONTACT", help="Contact id of the owning team.")
@click.option("--service", "services", multiple=True, metavar="ID", help="Service id (repeatable).")
@root_option
@today_option
def new_playbook(playbook_id: str, title: str, severity: str, owner: str, services: tuple[str, ...],
                 root: Path, today: date) -> None:
    """Scaffold content/playbooks/ID.yaml: valid, with a review block dated today."""
    from .commands import scaffold

    try:
        path = scaffold.new_playbook(root, playbook_id, title, severity, owner, services, today)
    except PlaybookError as error:
        _fail(error)
    click.echo(f"Wrote {path}; fill in the symptoms and steps, then run `playbook check`.")


def run() -> None:
    """Console entry point: a bug must not greet a PR author with a traceback."""
    try:
        main(prog_name="playbook")
    except OSError as error:  # a full or read-only disk, a vanished directory: not a bug
        click.echo(f"playbook: {safetext.os_message(error)}", err=True)
        sys.exit(2)
    except Exception as error:  # noqa: BLE001 - last resort; commands handle expected failures
        if os.environ.get("PLAYBOOK_DEBUG"):
            raise
        click.echo(f"playbook: internal error ({type(error).__name__}: {safetext.printable(str(error))}). This is a bug in "
                   f"playbook, not in your content; please report it with the command you ran. "
                   f"Set PLAYBOOK_DEBUG=1 to see the traceback.", err=True)
        sys.exit(2)


@main.command("import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="A new directory to write into (default: content/ under --root, if it does not exist yet).")
@click.option("--org-name", default=None, help="Your organization's name.")
@root_option
@today_option
def import_(sources: tuple[Path, ...], out_dir: Path | None, org_name: str | None, root: Path,
            today: date) -> None:
    """Turn Markdown incident-response documents (files or folders) into content: YAML plus a report.

    Nothing is lost: every line of the sources lands in a structured field or,
    verbatim, in a document's notes, shown on the site. Values the sources do
    not give are FILL IN placeholders that `playbook check` reports. Never
    writes into existing content.
    """
    from .importer.run import import_documents

    try:
        done = import_documents(list(sources), out_dir or root / "content", org_name=org_name, today=today)
    except PlaybookError as error:
        _fail(error)
    errors = sum(p.level == "error" for p in done.problems)
    click.echo(f"Wrote {len(done.documents)} documents to {done.out_dir}")
    click.echo(f"{done.total_lines} source lines: {done.structured_lines} structured, {done.noted_lines} "
               f"kept in notes, {done.total_lines - done.structured_lines - done.noted_lines} lost.")
    from .importer.report import draft_blockers
    blocking = draft_blockers(done.problems)
    preview = (f"{len(blocking)} of them ({', '.join(sorted({p.code for p in blocking}))}) stop even "
               f"`playbook build --draft`: fix those first." if blocking
               else "`playbook build --draft` previews the site meanwhile.")
    click.echo(f"{len(done.problems)} items need a human ({errors} errors); see {done.report_path}. {preview}")
    schemas_dir = done.out_dir.parent / "schemas"
    if not schemas_dir.is_dir():  # the modelines point at ../schemas/
        click.echo(f"note: {schemas_dir} does not exist, so editors cannot find the schemas the "
                   f"files name; run: playbook schemas --out {schemas_dir}")


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--org-name", default=None, help="Your organization's name (else an EXAMPLE placeholder).")
@click.option("--site-url", default=None, help="Where the site will be published (else an EXAMPLE placeholder).")
@click.option("--from", "sources", multiple=True, type=click.Path(exists=True, path_type=Path),
              metavar="FILE_OR_DIR", help="Import these documents instead of the starter content (repeatable).")
@click.option("--git-url", default=None, metavar="URL",
              help="Git URL CI installs incident-playbooks from, at tag v<this version>.")
@click.option("--index-url", default=None, metavar="URL",
              help="Package index CI installs incident-playbooks==<this version> from.")
@today_option
def init(directory: Path, org_name: str | None, site_url: str | None, sources: tuple[Path, ...],
         git_url: str | None, index_url: str | None, today: date) -> None:
    """Start a team's runbook repository in DIRECTORY (new or empty).

    Writes starter content/ (values marked EXAMPLE: the check warns until they are
    replaced), mkdocs.yml, site_overrides/, schemas/, .gitignore, pre-commit,
    GitHub and GitLab CI pinned to this version, and a README.
    """
    from .commands import init_repo

    if git_url and index_url:
        _fail(UsageError("--git-url and --index-url: choose one place CI installs from"))
    options = init_repo.InitOptions(org_name, site_url, sources, git_url, index_url)
    try:
        done = init_repo.init(directory, options, today)
    except PlaybookError as error:
        _fail(error)
    click.echo(f"Wrote {len(done.files)} files to {done.root}")
    if done.import_summary:
        click.echo(done.import_summary)
    if not (git_url or index_url):
        click.echo("warning: CI does not know where to install incident-playbooks from; see "
                   "'Installing in CI' in README.md (or rerun with --git-url / --index-url)", err=True)
    if done.import_summary:  # imported content has FILL IN placeholders until a person fills them
        click.echo(f"Next: cd {directory} && playbook build --draft (preview), then fix what "
                   f"`playbook check` lists and run playbook build")
    else:
        click.echo(f"Next: cd {directory} && playbook check && playbook build")


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the schemas into, e.g. schemas")
def schemas(out_dir: Path) -> None:
    """Write the JSON Schemas of this version (refresh schemas/ after an upgrade)."""
    from .commands.schema_files import write_schemas

    try:
        changed = write_schemas(out_dir)
    except PlaybookError as error:
        _fail(error)
    click.echo(f"{len(changed)} schema files written to {out_dir}" + (f": {', '.join(changed)}" if changed else
                                                                   " (all were up to date)"))


@main.group()
def alerts() -> None:
    """Prometheus alerts: check and write the runbook_url of every alert rule."""


rules_argument = click.argument("rules", nargs=-1, type=click.Path(path_type=Path))


def _alerts_load(root: Path, today: date, rules: tuple[Path, ...]):
    from .alerts import commands

    try:
        return commands.load(root, today, rules)
    except PlaybookError as error:
        _fail(error)


@alerts.command("check")
@rules_argument
@root_option
@today_option
@click.option("--format", "fmt", type=click.Choice(sorted(report.FORMATS)), default="text",
              show_default=True, help="Output format.")
def alerts_check(rules: tuple[Path, ...], root: Path, today: date, fmt: str) -> None:
    """Check that every alert in RULES has a runbook_url leading to its playbook.

    Reports alerts without runbook_url, links to no page of the site (anchors
    included), links to another playbook than the one listing the alert, and
    alerts playbooks list that no rule file defines. Exit 0: no errors;
    1: errors; 2: usage or a rule file that cannot be read.
    """
    from .alerts import commands

    loaded = _alerts_load(root, today, rules)
    problems = commands.check(loaded)
    files = len(loaded.files)
    if fmt == "github":
        output = report.github(problems, files, _write_step_summary)
    else:
        output = report.FORMATS[fmt](problems, files)
    click.echo(output.replace("content files", "rule files"))
    sys.exit(2 if loaded.unreadable else 1 if any(p.level == "error" for p in problems) else 0)


@alerts.command("link")
@rules_argument
@root_option
@today_option
@click.option("--write", is_flag=True, help="Edit the files in place (default: show what would change).")
def alerts_link(rules: tuple[Path, ...], root: Path, today: date, write: bool) -> None:
    """Show, or with --write set, the runbook_url of every alert a playbook lists.

    Comments, key order and quoting are kept; a file that cannot be parsed,
    or that could not be written back without touching other lines, is left
    alone (exit 2 or 1). A second run changes nothing.
    """
    from .alerts import commands

    loaded = _alerts_load(root, today, rules)
    results = commands.link(loaded)
    shown = commands.describe(results)
    if shown:
        click.echo(shown)
    for result in results:
        if result.refused:
            click.echo(f"error: {result.refused}", err=True)
    changes = sum(len(r.changes) for r in results if r.updated is not None)
    if write:
        written = commands.write(results)
        click.echo(f"Wrote {changes} runbook_url annotations into {len(written)} files.")
    else:
        click.echo(f"{changes} runbook_url annotations to write; run again with --write to apply."
                   if changes else "Every alert a playbook lists already has its runbook_url.")
    if any(not r.rule_file.readable for r in results):
        sys.exit(2)
    sys.exit(1 if any(r.refused for r in results) else 0)
