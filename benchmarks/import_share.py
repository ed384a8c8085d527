"""Share of source lines `playbook import` puts in structured fields, per document and on average.

    python benchmarks/import_share.py DIR [DIR ...] [--visible] [--today 2026-12-01]

Each file of a DIR with a document suffix (.md, .markdown, .txt, .mdown) is one document; each
sub-folder is one multi-file document (imported together, as `playbook import runbooks/` does).
A DIR argument that is a file is one document. Other files (such as `*.expect.yaml` sidecars)
are ignored.

For each document: non-empty source lines, lines in structured fields (and, of those, the
policy text kept as written in a document's `guidance`), lines kept in notes (the import
report's figures), and values in structured fields that are not in the source
(tests/importcorpus.py `invented`). With --visible, each import is also built with
`playbook build --draft` and the source lines none of whose text is on the site are counted
(tests/importcorpus.py `invisible`; about 5-10 s per document).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.importer.run import DOCUMENT_SUFFIXES, NothingRecognized, expand, import_documents  # noqa: E402
from tests.importcorpus import header_rows, invented, invisible, site_text  # noqa: E402


def documents(paths: list[Path]) -> list[Path]:
    """Files and sub-folders that are one document each, sorted by name."""
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        for child in sorted(path.iterdir()):
            if child.name.startswith("."):
                continue
            if child.is_dir() or child.suffix.lower() in DOCUMENT_SUFFIXES:
                out.append(child)
    return out


def non_empty_lines(files: list[Path]) -> int:
    return sum(bool(line.strip()) for f in files
               for line in f.read_bytes().decode("utf-8", errors="replace").splitlines())


def draft_invisible(content: Path, files: list[Path], today: date) -> list[str]:
    from click.testing import CliRunner

    from generator.cli import main

    repo = content.parent / "site-repo"
    shutil.copytree(content, repo / "content", ignore=shutil.ignore_patterns("import-report.md"))
    for part in ("schemas", "site_overrides"):
        shutil.copytree(REPO / part, repo / part)
    shutil.copy(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    result = CliRunner().invoke(main, ["build", "--draft", "--root", str(repo), "--today", today.isoformat()])
    if result.exit_code != 0:
        return [f"draft build failed: {result.output.strip()[:300]}"]
    text = site_text(repo / "site")
    return [line for f in files for line in invisible(f, text, header_rows(f))]


def measure(document: Path, today: date, visible: bool) -> dict:
    files = expand([document])
    with tempfile.TemporaryDirectory(prefix="import-share-") as tmp:
        out = Path(tmp) / "content"
        try:
            done = import_documents([document], out, today=today)
        except NothingRecognized:
            return {"name": document.name, "total": non_empty_lines(files), "structured": 0, "notes": 0, "guidance": 0,
                    "invented": [], "invisible": None, "recognized": False}
        row = {"name": document.name, "total": done.total_lines, "structured": done.structured_lines,
               "guidance": done.guidance_lines,
               "notes": done.noted_lines, "invented": invented(out, files), "invisible": None, "recognized": True}
        if visible:
            row["invisible"] = draft_invisible(out, files, today)
    return row


def share(row: dict) -> float:
    return row["structured"] / row["total"] if row["total"] else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--visible", action="store_true", help="also build a draft site and count invisible lines")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--details", action="store_true", help="list each invented value and invisible line")
    args = parser.parse_args(argv)
    rows = [measure(doc, args.today, args.visible) for doc in documents(args.dirs)]
    if not rows:
        print("no documents found", file=sys.stderr)
        return 2
    header = f"{'document':44} {'lines':>6} {'struct':>6} {'(guid)':>6} {'notes':>6} {'share':>6} {'invented':>8}"
    print(header + (f" {'invisible':>9}" if args.visible else ""))
    for row in rows:
        line = (f"{row['name'][:44]:44} {row['total']:6} {row['structured']:6} {row['guidance']:6} {row['notes']:6} "
                f"{share(row):6.0%} {len(row['invented']):8}")
        if args.visible:
            line += f" {len(row['invisible'] or []):9}"
        print(line + ("" if row["recognized"] else "  (nothing recognized: exit 1)"))
        if args.details:
            for item in row["invented"] + (row["invisible"] or []):
                print(f"    {item}")
    average = sum(share(r) for r in rows) / len(rows)
    pooled = sum(r["structured"] for r in rows) / max(1, sum(r["total"] for r in rows))
    without = sum((r["structured"] - r["guidance"]) / r["total"] for r in rows if r["total"]) / len(rows)
    print(f"average share over {len(rows)} documents: {average:.1%} (pooled over all lines: {pooled:.1%}; "
          f"without the policy text kept in `guidance`: {without:.1%}); "
          f"invented values: {sum(len(r['invented']) for r in rows)}"
          + (f"; invisible lines: {sum(len(r['invisible'] or []) for r in rows)}" if args.visible else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
