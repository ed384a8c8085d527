"""LaTeX source, TWiki/Foswiki topics and DokuWiki pages, saved as ``.txt`` (or ``.tex`` /
``.twiki`` / ``.dokuwiki``), import as their Markdown twins would: the page is rewritten line for
line first (markup/latex.py, markup/twiki.py, markup/dokuwiki.py), so its headings, tables, code
blocks and lists reach the importer's usual readers and line numbers stay the source's.

The generic checks (nothing invented, every line visible on the draft site) run on the fixtures with
the rest of the corpus in test_import_corpus.py; here are the fields that must come out, and the
documents these markups must leave alone.
"""
from __future__ import annotations

import shutil

import pytest

from generator.importer.files import DOCUMENT_SUFFIXES
from generator.importer.markup import convert_markup
from generator.importer.markup.dokuwiki import is_dokuwiki
from generator.importer.markup.latex import is_latex
from generator.importer.markup.twiki import is_twiki
from generator.importer.run import import_documents

from .conftest import TEST_TODAY
from .importcorpus import CORPUS, commands_of, imported, load

LATEX = "latex-incident-plan.txt"
TWIKI = "twiki-oncall-runbook.txt"
DOKUWIKI = "dokuwiki-service-desk.txt"
MEMO = """Subject: severity levels for the helpdesk

Hi all, a quick note on how we rank tickets this quarter.
P1 is anything that stops a whole office working: ring 555-0100 at once.
== Not a heading, says Mo ==
  * indented because I like it
Use the portal for everything else, 100% of the time.
Thanks, Mo""".splitlines()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, dict[str, object]]:
    return imported(tmp_path_factory, [LATEX, TWIKI, DOKUWIKI])


def _books(output: dict[str, object]) -> dict[str, dict]:
    return {book["title"]: book for name, book in output.items() if name.startswith("playbooks/")}


def _levels(output: dict[str, object]) -> dict[str, dict]:
    return {level["id"]: level for level in output["severities.yaml"]["levels"]}


def _phones(output: dict[str, object]) -> dict[str, str | None]:
    return {c["name"]: c.get("phone") for c in output["contacts.yaml"]["contacts"]}


def _chain(output: dict[str, object]) -> list[str]:
    return [level["name"] for level in output["escalation.yaml"]["levels"]]


def test_new_suffixes_are_documents_the_importer_reads() -> None:
    for suffix in (".tex", ".latex", ".twiki", ".tml", ".dokuwiki"):
        assert suffix in DOCUMENT_SUFFIXES, suffix


def test_latex_ladder_contacts_chain_and_roles(outputs) -> None:
    out = outputs[LATEX]
    levels = _levels(out)
    assert list(levels) == ["SEV1", "SEV2", "SEV3"]
    assert [levels[s]["response_time"] for s in levels] == ["15m", "1h", "4h"]
    assert levels["SEV2"]["description"] == "One collector offline, or the usage portal slow for customers"
    phones = _phones(out)
    assert phones["Grid duty desk"] == "+1 555 0123" and phones["Quellcom Networks"] == "+1 555 0188"
    assert _chain(out) == ["Grid duty desk", "Marisol Thorne", "Desmond Okafor", "Quellcom Networks"]
    roles = {r["name"]: r["responsibilities"] for r in out["roles.yaml"]["roles"]}
    assert roles == {"Incident lead": ["runs the response and decides when it is over."],
                     "Scribe": ["keeps the timeline in the incident channel."],
                     "Customer liaison": ["writes every notice that leaves the company."]}


def test_latex_listings_and_verbatim_give_commands(outputs) -> None:
    books = _books(outputs[LATEX])
    assert set(books) == {"Collector not reporting", "Usage portal slow"}
    assert commands_of(books["Collector not reporting"]) == [
        "ssh collector-04.larkspur.example\nsudo systemctl status meter-ingest\nsudo systemctl restart meter-ingest"]
    assert commands_of(books["Usage portal slow"]) == [
        "kubectl -n portal get pods\nkubectl -n portal rollout restart deployment/usage-web"]
    assert [t["title"] for t in outputs[LATEX]["templates.yaml"]["templates"]] == ["Customer notice", "Service restored"]
    sections = [s["title"] for s in outputs[LATEX]["postmortem.yaml"]["sections"]]
    assert sections == ["a timeline of what happened and when", "the root cause, and what made it worse",
                        "actions, each with an owner and a due date"]


def test_twiki_ladder_contacts_chain_and_roles(outputs) -> None:
    out = outputs[TWIKI]
    levels = _levels(out)
    assert list(levels) == ["P1", "P2", "P3"]
    assert [levels[s]["response_time"] for s in ("P1", "P2")] == ["10m", "30m"]
    assert _phones(out)["Hilda Voss"] == "+1 555 0139" and _phones(out)["On-call engineer"] == "+1 555 0123"
    assert _chain(out) == ["On-call engineer", "Hilda Voss", "Tobias Renner", "Faregate Solutions"]
    assert [r["name"] for r in out["roles.yaml"]["roles"]] == ["Incident commander", "Comms lead", "Ops scribe"]


def test_twiki_verbatim_and_pre_blocks_give_commands(outputs) -> None:
    books = _books(outputs[TWIKI])
    assert commands_of(books["Journey planner not responding"]) == [
        "ssh planner-api01.brightwater.example\nsudo systemctl status planner-api\nsudo systemctl restart planner-api"]
    assert commands_of(books["Validators rejecting cards"]) == [
        'ssh valhub01.brightwater.example\nsudo journalctl -u card-sync --since "15 min ago"\n'
        "sudo systemctl restart card-sync"]
    assert [t["title"] for t in outputs[TWIKI]["templates.yaml"]["templates"]] == ["Passenger notice", "Service restored"]


def test_dokuwiki_ladder_contacts_chain_and_roles(outputs) -> None:
    out = outputs[DOKUWIKI]
    levels = _levels(out)
    assert list(levels) == ["P1", "P2", "P3"]
    assert [levels[s]["response_time"] for s in ("P1", "P2")] == ["15m", "2h"]
    assert _phones(out)["Priya Lindqvist"] == "+1 555 0133" and _phones(out)["Civica Hosting"] == "+1 555 0192"
    assert _chain(out) == ["Duty analyst", "Priya Lindqvist", "Gareth Mbeki", "Civica Hosting"]
    roles = [r["name"] for r in out["roles.yaml"]["roles"]]
    assert roles == ["Incident manager", "Communications officer", "Technical lead"]


def test_dokuwiki_code_and_file_blocks_give_commands(outputs) -> None:
    books = _books(outputs[DOKUWIKI])
    assert commands_of(books["Resident portal not loading"]) == [
        "ssh portal-web01.thornbury.example\nsudo systemctl status nginx portal-app\nsudo systemctl restart portal-app"]
    # 'Check the kiosk gateway answers with ''curl -s kiosk-gw:8443/health'' first.': the sentence's command too
    assert commands_of(books["Payment kiosks offline"]) == [
        "curl -s kiosk-gw:8443/health",
        'ssh kioskgw01.thornbury.example\nsudo journalctl -u kiosk-bridge --since "30 min ago"\n'
        "sudo systemctl restart kiosk-bridge"]
    assert [t["title"] for t in outputs[DOKUWIKI]["templates.yaml"]["templates"]] == ["Resident notice", "Service restored"]


def test_tex_suffix_imports_as_latex(tmp_path) -> None:
    source = tmp_path / "runbook.tex"
    shutil.copy(CORPUS / LATEX, source)
    import_documents([source], tmp_path / "content", org_name="Corpus Org", today=TEST_TODAY)
    levels = load(tmp_path / "content", "severities.yaml")["levels"]
    assert [level["id"] for level in levels] == ["SEV1", "SEV2", "SEV3"]


def test_latex_lines_rewritten_one_for_one() -> None:
    lines = [r"\documentclass{article}", r"\title{Plan}", r"\begin{document}", r"\section*{Who to call}",
             r"\begin{tabular}{ll}", r"\hline", r"\textbf{Name} & \textbf{Phone} \\", r"\hline",
             r"Ana \& Bo & +1 555 0123 \\", r"\end{tabular}", r"\begin{itemize}", r"\item one % a remark",
             r"\begin{enumerate}", r"\item \texttt{make\_all} --- \emph{now}", r"\end{enumerate}",
             r"\item[Lead] runs it", r"\end{itemize}", r"\begin{lstlisting}[language=bash]", "make restart",
             r"\end{lstlisting}", r"\subsubsection{Deep}", r"\end{document}"]
    out = convert_markup("plan.tex", lines)
    assert len(out.lines) == len(lines)
    assert out.lines[:4] == ["", "# Plan", "", "## Who to call"] and 1 in out.hidden and out.attached[3] == 4
    assert out.lines[5:9] == ["", "| Name | Phone |", "|---|---|", "| Ana & Bo | +1 555 0123 |"]
    assert out.lines[11] == "- one" and out.lines[13] == "  1. `make_all` — *now*"
    assert out.lines[15] == "- **Lead**: runs it"
    assert out.lines[17:20] == ["```bash", "make restart", "```"]
    assert out.lines[20] == "#### Deep"


def test_latex_table_without_a_rule_line_is_html() -> None:
    lines = [r"\begin{tabular}{ll}", r"Level & Time \\ \hline", r"SEV1 & 15 minutes \\", r"\end{tabular}"]
    out = convert_markup("t.tex", lines)
    assert out.lines[1] == "<table><tr><th>Level</th><th>Time</th></tr>"
    assert out.lines[2] == "<tr><td>SEV1</td><td>15 minutes</td></tr></table>"


def test_latex_rows_ruled_apart_or_wrapped_are_html() -> None:
    lines = [r"\begin{tabular}{|l|p{5cm}|}", r"\hline", r"Level & Meaning \\ \hline", r"SEV1 & Everything down, every",
             r"customer affected \\ \hline", r"SEV2 & Some \\", r"\hline", r"\end{tabular}"]
    out = convert_markup("t.tex", lines)
    assert out.lines[2:6] == ["<table><tr><th>Level</th><th>Meaning</th></tr>",
                              "<tr><td>SEV1</td><td>Everything down, every customer affected</td></tr>", "",
                              "<tr><td>SEV2</td><td>Some</td></tr></table>"]
    assert out.attached[5] == 4 and out.attached[2] == 3 and out.attached[7] == 6


def test_twiki_definitions_tabs_code_macro_and_wrapped_items() -> None:
    lines = ["   $ Incident lead: runs it", "\t* tab bullet", "\t\t1. tab nested", '%CODE{"bash"}%', "uptime",
             "%ENDCODE%", "   * item", "     continued line"]
    out = convert_markup("topic.tml", lines)
    assert out.lines == ["- **Incident lead**: runs it", "- tab bullet", "  1. tab nested", "```bash", "uptime", "```",
                         "- item", "  continued line"]


def test_twiki_lines_rewritten_one_for_one() -> None:
    lines = ["%META:TOPICINFO{author=\"A\"}%", "---+!! Title", "---+++ Deep", "| *Who* | *Phone* |",
             "| [[https://x.example][Ana]] | =555-0100= |", "   * one *bold*", "      1. two _it_", "   * ==make==",
             "<verbatim>", "make restart", "</verbatim>", "%TOC%", "See [[OnCallRota]] and %WIKINAME%."]
    out = convert_markup("topic.twiki", lines)
    assert len(out.lines) == len(lines) and 1 in out.hidden
    assert out.lines[1:3] == ["# Title", "### Deep"]
    assert out.lines[3] == "<table><tr><th>Who</th><th>Phone</th></tr>"
    assert out.lines[4] == "<tr><td>[Ana](https://x.example)</td><td>`555-0100`</td></tr></table>"
    assert out.lines[5:8] == ["- one **bold**", "  1. two *it*", "- **`make`**"]
    assert out.lines[8:11] == ["```", "make restart", "```"]
    assert out.lines[11] == "" and out.attached[12] == 13
    assert out.lines[12] == "See OnCallRota and %WIKINAME%."


def test_dokuwiki_headings_are_inverted_and_lines_kept() -> None:
    lines = ["====== Top ======", "===== Second =====", "== Fifth ==", "^ Who ^ Phone ^", "| Ana | ''555-0100'' |",
             "  * one //it//", "    - two __under__", "<code bash>", "make restart", "</code>",
             "<code>uptime</code>", "  indented code", "See [[https://x.example|docs]] and [[ops:rota]].\\\\",
             "~~NOTOC~~", "----", "end"]
    out = convert_markup("page.dokuwiki", lines)
    assert len(out.lines) == len(lines)
    assert out.lines[:3] == ["# Top", "## Second", "##### Fifth"]
    assert out.lines[3] == "<table><tr><th>Who</th><th>Phone</th></tr>"
    assert out.lines[4] == "<tr><td>Ana</td><td>`555-0100`</td></tr></table>"
    assert out.lines[5:7] == ["- one *it*", "   1. two under"]
    assert out.lines[7:10] == ["```bash", "make restart", "```"]
    assert out.lines[10] == "uptime" and out.preformatted == {11: "", 12: ""}
    assert out.lines[12] == "See [docs](https://x.example) and ops:rota.  "
    assert 14 in out.hidden and out.attached[15] == 16


def test_detection_leaves_plain_text_and_other_wikis_alone() -> None:
    assert not is_latex(MEMO) and not is_twiki(MEMO) and not is_dokuwiki(MEMO)
    assert convert_markup("memo.txt", MEMO) is None
    for name in ("community-radio-major-incident.txt", "creole-ferry-booking-incidents.txt", "forum-post-bbcode.txt",
                 "textile-water-board-incidents.txt", "plain-text-severity-memo.txt", "manpage-tidewater-oncall.7"):
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        assert not is_latex(lines) and not is_twiki(lines) and not is_dokuwiki(lines), name


def test_fixtures_are_told_apart() -> None:
    from generator.importer.markup import dokuwiki, is_mediawiki, latex, twiki

    page = (CORPUS / DOKUWIKI).read_text(encoding="utf-8").splitlines()
    assert is_mediawiki(".txt", page)   # its '== Heading ==' lines and '[[link|text]]': DokuWiki's own signs win

    for name, module in ((LATEX, latex), (TWIKI, twiki), (DOKUWIKI, dokuwiki)):
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        assert convert_markup(name, lines).lines == module.convert(lines).lines, name


@pytest.mark.parametrize("line", ["\\textbf{" * 3000, "{" * 3000 + "\\", "&" * 3000 + "\\\\", "\\verb" + "|" * 3000,
                                  "=" * 3000 + "x", "*_=" * 3000, "[[" * 3000 + "][", "^|" * 3000,
                                  "//" * 3000 + ":", "''" * 3000, "---+" + "+" * 3000])
def test_pathological_lines_convert_quickly(line: str) -> None:
    import time

    start = time.perf_counter()
    for name in ("p.tex", "p.twiki", "p.dokuwiki"):
        convert_markup(name, [line, line])
    is_latex([line] * 3) or is_twiki([line] * 3) or is_dokuwiki([line] * 3)
    assert time.perf_counter() - start < 2.0
