"""`playbook init DIR`: a complete runbook repository for a team, written all at once."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from importlib import resources as importlib_resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..problems import UsageError
from ..resources import PACKAGE, schema_texts
from . import init_files as f
from .atomic import new_directory

EXAMPLE_SITE_URL = "https://runbooks.EXAMPLE.invalid/"


@dataclass(frozen=True)
class InitOptions:
    org_name: str | None = None
    site_url: str | None = None
    sources: tuple[Path, ...] = ()     # --from: documents to import instead of the starter content
    git_url: str | None = None
    index_url: str | None = None


@dataclass
class Initialised:
    root: Path
    files: list[str] = field(default_factory=list)
    import_summary: str = ""


def installed_version() -> str:
    try:
        return version("incident-playbooks")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.0.0"


def init(target: Path, options: InitOptions, today: date) -> Initialised:
    """Write the repository into a staging folder, then move it into place; refuse a non-empty DIR."""
    target = target.resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target}: exists and is not empty; playbook init only writes a new repository. "
                         f"Choose a new directory name.")
    sources = _documents(options.sources)
    done = Initialised(target)
    with new_directory(target, "init") as staging:
        _write_files(staging, _repository_files(options, today), done)
        if sources:
            done.import_summary = _import(staging, sources, options.org_name, today)
        else:
            _write_files(staging, _starter_content(options, today), done)
    return done


def _write_files(root: Path, files: dict[str, str], done: Initialised) -> None:
    for rel, text in sorted(files.items()):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        done.files.append(rel)


def _repository_files(options: InitOptions, today: date) -> dict[str, str]:
    source = f.InstallSource(installed_version(), options.git_url, options.index_url)
    files = {f"schemas/{name}": text for name, text in schema_texts().items()}
    files.update({
        "mkdocs.yml": f.mkdocs_yml(),
        ".gitignore": f.GITIGNORE,
        "site_overrides/docs/.gitkeep": "",
        "site_overrides/theme/.gitkeep": "",
        "site_overrides/README.md": _text("site_overrides.md"),
        "postmortems/README.md": _text("postmortems.md"),
        ".pre-commit-config.yaml": f.pre_commit_config(source),
        ".github/workflows/playbooks.yml": f.github_check(source),
        ".github/workflows/playbook-reviews.yml": f.github_reviews(source),
        ".gitlab-ci.yml": f.gitlab_ci(source),
        # mkdocs.yml and site_overrides/ are code, not content: a code owner reviews changes to them.
        ".github/CODEOWNERS": _init_template("CODEOWNERS"),
        "README.md": _readme(options, source),
    })
    return files


def _init_template(name: str) -> str:
    return (importlib_resources.files(PACKAGE) / "templates" / "init" / name).read_text(encoding="utf-8")


def _starter_root():
    return importlib_resources.files(PACKAGE) / "starter"


def _text(name: str) -> str:
    return (_starter_root() / name).read_text(encoding="utf-8")


def _starter_content(options: InitOptions, today: date) -> dict[str, str]:
    values = {"__ORG_NAME__": json.dumps(options.org_name or "EXAMPLE organization (replace)"),
              "__SITE_URL__": json.dumps(options.site_url or EXAMPLE_SITE_URL),
              "__TODAY__": today.isoformat()}
    files = {}
    content = _starter_root() / "content"
    for rel in ("organization.yaml", "severities.yaml", "contacts.yaml", "escalation.yaml", "roles.yaml",
                "process.yaml", "templates.yaml", "postmortem.yaml", "playbooks/example-website-down.yaml",
                "cards/oncall.yaml"):
        text = content.joinpath(*rel.split("/")).read_text(encoding="utf-8")
        for token, value in values.items():
            text = text.replace(token, value)
        files[f"content/{rel}"] = text
    return files


def _documents(sources: tuple[Path, ...]) -> list[Path]:
    """The files --from names (folders give their Markdown and text files); checked before writing."""
    from ..importer.run import expand

    return expand(sources) if sources else []


def _import(root: Path, sources: list[Path], org_name: str | None, today: date) -> str:
    from ..importer.run import import_documents

    done = import_documents(sources, root / "content", org_name=org_name, today=today)
    names = ", ".join(str(path) for path in sources)
    return (f"Imported {names}: {len(done.documents)} documents; {done.total_lines} source lines: "
            f"{done.structured_lines} structured, {done.noted_lines} kept in notes. {len(done.problems)} "
            f"items need a human; see content/import-report.md")


def _readme(options: InitOptions, source: f.InstallSource) -> str:
    text = _text("README.md")
    org = options.org_name or "your organization"
    if source.known:
        install = source.pip()
    else:
        install = ('python -m pip install "incident-playbooks @ git+https://YOUR-GIT-HOST/incident-playbooks'
                   f'@v{source.version}"   # see "Installing in CI" below')
    return (text.replace("__ORG__", org).replace("__VERSION__", source.version)
            .replace("__INSTALL__", install).replace("__UNSET__", "" if source.known else _text("unset.md")))
