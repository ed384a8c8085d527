"""MediaWiki pages (``.mediawiki``, or a ``.txt`` / ``.wiki`` file that shows MediaWiki's signs)
import as their Markdown twins would: the page's source is rewritten line for line first
(markup/mediawiki.py), so its headings, ``{| |}`` tables, ``<syntaxhighlight>`` / ``<pre>`` blocks,
lists and definition lists reach the importer's usual readers, and line numbers stay the source's.

The generic checks (nothing invented, every line visible on the draft site) run on the fixture with
the rest of the corpus in test_import_corpus.py; here are the fields that must come out.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.importer.files import DOCUMENT_SUFFIXES
from generator.importer.markup import convert_markup
from generator.importer.markup.mediawiki_inline import inline

from .importcorpus import commands_of, imported

PAGE = "hospital-clinical-systems-outage.mediawiki"


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [PAGE], report=True)[PAGE]


def test_mediawiki_files_are_documents_the_importer_reads() -> None:
    assert ".mediawiki" in DOCUMENT_SUFFIXES and ".wikitext" in DOCUMENT_SUFFIXES


def test_wikitable_with_caption_styles_and_a_wrapped_cell_gives_the_levels(output) -> None:
    levels = {level["id"]: level for level in output["severities.yaml"]["levels"]}
    assert list(levels) == ["P1", "P2", "P3"]
    assert [levels[p]["response_time"] for p in ("P1", "P2")] == ["15m", "1h"]   # 'style="..." |' dropped
    assert levels["P1"]["description"] == \
        "The electronic patient record is unavailable in the emergency department or theatres."
    # a cell's text carried on over the next line is one cell
    assert levels["P2"]["description"] == \
        "A single clinical system is down for a whole hospital site, or results are delayed by more than an hour."
    assert levels["P3"]["description"] == "One ward or one workstation affected, with a workaround"   # '||' cells


def test_header_row_of_inline_cells_gives_the_contacts(output) -> None:
    contacts = {c["name"]: c for c in output["contacts.yaml"]["contacts"]}
    assert contacts["Clinical Systems on-call"]["phone"] == "0161 496 0721"
    assert contacts["Clinical Systems on-call"]["email"] == "clinsys-oncall@orchardlane.example.org"
    assert contacts["Pharmacy systems vendor (Medilink)"]["phone"] == "0800 555 0199"
    assert contacts["Duty pharmacist"]["phone"] == "0161 496 0150"


def test_numbered_list_with_a_nested_bullet_gives_the_chain(output) -> None:
    levels = output["escalation.yaml"]["levels"]
    assert [level["name"] for level in levels] == [
        "Clinical Systems on-call (answers day or night)", "Head of Clinical Systems (Priya Raman)",   # '&nbsp;'
        "Chief Clinical Information Officer"]
    assert levels[1]["triggers"] == [{"condition": "only for P1 and P2 outages"}]   # its '#*' item


def test_term_and_definition_lines_give_the_roles(output) -> None:
    roles = {r["name"]: r["responsibilities"] for r in output["roles.yaml"]["roles"]}
    assert list(roles) == ["Outage Lead", "Clinical Liaison", "Scribe"]
    assert roles["Scribe"] == ["Writes down every action with its time in the incident log."]


def test_code_blocks_and_preformatted_lines_give_commands(output) -> None:
    books = {name.split("/")[1][:-5]: book for name, book in output.items() if name.startswith("playbooks/")}
    assert set(books) == {"patient-record-server-not-responding", "radiology-images-not-arriving"}
    record = books["patient-record-server-not-responding"]
    assert commands_of(record) == ['Get-WebAppPoolState -Name "EPRPool"\nRestart-WebAppPool -Name "EPRPool"',
                                   "Test-NetConnection -ComputerName epr-db02 -Port 1433\n"
                                   "Test-NetConnection -ComputerName epr-db03 -Port 1433"]   # space-led, right under text
    assert record["steps"]["immediate"][0]["commands"][0]["lang"] == "powershell"
    radiology = books["radiology-images-not-arriving"]
    steps = [step["text"] for step in radiology["steps"]["immediate"]]
    # '#: <source lang="sql">...</source>': a code block in the item above, the step's command
    assert commands_of(radiology) == ["SELECT COUNT(id) FROM dicom_queue WHERE status = 'PENDING';"]
    assert radiology["steps"]["immediate"][0]["commands"][0]["lang"] == "sql"
    assert steps[1].endswith("Quote the Trust's account number from the contracts page.")   # '[[Page|label]]'
    assert radiology["guidance"] == [{"title": "Note", "text": "Scanners keep their images for 48 hours, so nothing "
                                                              "is lost while the router is down."}]   # '{{Note|'


def test_pre_blocks_are_templates_with_their_entities_decoded(output) -> None:
    templates = {t["title"]: t for t in output["templates.yaml"]["templates"]}
    assert list(templates) == ["Downtime notice to wards", "Service restored"]
    assert templates["Service restored"]["subject"] == "<system> restored"
    assert "&lt;" not in templates["Downtime notice to wards"]["body"]
    assert "<next update time>" in templates["Downtime notice to wards"]["body"]


def test_leading_template_is_front_matter_and_page_markup_is_hidden(output) -> None:
    guidance = output["organization.yaml"]["guidance"]
    assert guidance[0]["text"] == ("- owner: Clinical Systems Support\n- last review: 3 March 2025\n"
                                   "- approved by: Digital Governance Board\n"
                                   "- category: Clinical systems, Incident procedures")   # the category bar
    page = next(g["text"] for g in guidance if g["title"] == "Clinical systems outage procedure")
    assert "(Agreed at the Digital Governance Board, February 2025.)" in page   # a <ref>, beside its words
    assert "Never restart the pharmacy interface" in page   # '{{Warning|...}}' on one line
    related = next(g["text"] for g in guidance if g["title"] == "Related pages")
    assert "Trust status page (https://status.orchardlane.example.org)" in related
    text = str({k: v for k, v in output.items() if k != "_report"})
    for markup in ("__NOTOC__", "Edit the source", "<!--", "order agreed", "{{Procedure header"):
        assert markup not in text, markup
    assert "5 lines of page markup" in output["_report"]   # the switch, the comments' lines


TXT_PAGE = "community-radio-major-incident.txt"   # a page's source saved as text: its signs choose MediaWiki


@pytest.fixture(scope="module")
def txt_output(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [TXT_PAGE])[TXT_PAGE]


def test_txt_page_cells_one_a_line_and_term_lines_give_levels_and_contacts(txt_output) -> None:
    levels = {level["id"]: level for level in txt_output["severities.yaml"]["levels"]}
    assert [(k, v["response_time"]) for k, v in levels.items()] == [("SEV1", "10m"), ("SEV2", "1h"),
                                                                    ("SEV3", "next-business-day")]
    assert levels["SEV2"]["description"] == "One transmitter is off air; the other is carrying the service."
    contacts = {c["name"]: c for c in txt_output["contacts.yaml"]["contacts"]}
    assert contacts["Studio desk"]["phone"] == "0113 496 0555"   # '; Studio desk : 0113 ...'
    assert contacts["Stream provider (Castwave)"]["email"] == "support@castwave.example.net"
    chain = [level["name"] for level in txt_output["escalation.yaml"]["levels"]]
    assert chain == ["Transmitter engineer (on call)", "Station manager, Ruth Okafor", "Chair of the board"]


def test_txt_page_space_led_lines_under_text_are_the_steps_commands(txt_output) -> None:
    book = txt_output["playbooks/stream-encoder-down.yaml"]
    assert commands_of(book) == ["ssh encoder01.frb.example.net\nsudo systemctl status liquidsoap\n"
                                 "sudo systemctl restart liquidsoap"]
    assert book["steps"]["immediate"][0]["text"] == "Listeners report silence on the web player."
    text = str(txt_output)
    assert "DISPLAYTITLE" not in text and "Exported from the NOC wiki" not in text


def test_mediawiki_converts_line_for_line() -> None:
    source = ["== Checks ==", "Run '''now''', see ''[[Disk usage|the guide]]''", "<syntaxhighlight lang=\"bash\">",
              "df -h", "</syntaxhighlight>", "* one", "*# nested", "; Term : value", ";Owner", ":Service desk",
              "{|", "|+ Caption", "! A !! B", "|-", "| style=\"color:red\" | 1 || [[x|2]]", "|}",
              "<!-- note -->", "[https://x.example docs] &nbsp;a<br/>b", "----", "{{Code|ls -l}} {{Clear}}",
              "[[Category:Ops]]"]
    converted = convert_markup("page.mediawiki", source)
    assert converted.lines == [
        "## Checks", "Run **now**, see *the guide*", "```bash", "df -h", "```", "- one", "  1. nested",
        "- **Term**: value", "- **Owner**:", "  Service desk", "", "Caption",
        "<table><tr><th>A</th><th>B</th>", "", "<tr><td>1</td><td>2</td>", "</table>", "",
        "[docs](https://x.example) a b", "", "`ls -l`", ""]
    assert converted.hidden == {17} and converted.attached[11] == 12 and converted.attached[14] == 15
    assert converted.attached[16] == 15 and converted.attached[19] == 20
    assert converted.meta == {"category": ("Ops", 21)}   # the page's category bar: its field


def test_preformatted_lines_are_fenced_on_the_blank_lines_around_them() -> None:
    converted = convert_markup("page.mediawiki", ["Restart it:", "", " systemctl restart app", "  --now", "", "Done."])
    assert converted.lines == ["Restart it:", "```", "systemctl restart app", " --now", "```", "Done."]
    # with no blank line free for a fence: indented as code, and the parser told the lines are code
    tight = convert_markup("page.mediawiki", ["Restart it:", " systemctl restart app", "Done.", "<pre>", "x</pre>", "Next."])
    assert tight.lines == ["Restart it:", "    systemctl restart app", "Done.", "", "    x", "Next."]
    assert tight.preformatted == {2: "", 5: ""} and tight.attached[4] == 5


def test_a_block_under_a_colon_line_sits_in_the_item_above() -> None:
    source = ["# Check the poller:", "#: <syntaxhighlight lang=\"bash\">", "systemctl status poller", "</syntaxhighlight>",
              "# Tell the control room.", "[[Category:Runbooks]] [[Category:SCADA|Scada]]", "[[Category:Telemetry]]"]
    converted = convert_markup("page.mediawiki", source)
    assert converted.lines == ["1. Check the poller:", "   ```bash", "   systemctl status poller", "   ```",
                               "1. Tell the control room.", "", ""]
    assert converted.meta == {"category": ("Runbooks, SCADA, Telemetry", 6)} and converted.attached[7] == 6


def test_display_title_is_the_page_heading() -> None:
    converted = convert_markup("page.mediawiki", ["{{DISPLAYTITLE:Major ''incident'' procedure}}", "Text {{DISPLAYTITLE:x}}"])
    assert converted.lines == ["# Major *incident* procedure", "Text"]


def test_a_line_of_text_ends_a_list_as_mediawiki_ends_it() -> None:
    converted = convert_markup("page.mediawiki", ["# Call the on-call", "# Call the manager", "Then wait."])
    assert converted.lines[2] == "Then wait." and 3 in converted.breaks   # not the last item's words


def test_inline_markup() -> None:
    assert inline("'''''both''''' and '''bold''' ''it''") == "***both*** and **bold** *it*"
    assert inline("open '''bold") == "open **bold**"   # MediaWiki closes it at the line's end
    assert inline("[[File:net.png|thumb|200px|Network diagram]]") == "Network diagram"
    assert inline("[[Help:Contents|]] [[Runbook]]s") == "Contents Runbooks"   # pipe trick, link trail
    assert inline("a<ref name=\"x\" /> <nowiki>[[kept]] '''as is'''</nowiki>") == "a [[kept]] '''as is'''"
    assert inline("&lt;b&gt; &amp; &mdash;") == "&lt;b&gt; & —"   # never a tag made of text
    assert inline("{{Note|Call back}} {{!}} {{phone|0161 496 0000}}") == "Note: Call back | 0161 496 0000"
    assert inline("<code>x &lt; 2</code> __TOC__") == "`x < 2`"
    # a template of no argument draws what another page holds: its name stays, as written; layout ones go
    assert inline("Ring {{Duty phone}} {{Clear}}{{lc:NOW}}") == "Ring {{Duty phone}} NOW"


def test_mediawiki_signs_choose_a_txt_or_wiki_file_and_nothing_else() -> None:
    table = ["{| class=\"wikitable\"", "! A", "|-", "| 1", "|}"]
    assert convert_markup("notes.txt", table) is not None
    assert convert_markup("notes.wiki", ["== One ==", "'''Bold''' text", "== Two =="]) is not None
    assert convert_markup("notes.txt", ["[[Category:Ops]]", "text"]) is not None
    assert convert_markup("notes.txt", ["Plain text memo", "== Only one heading ==", "Bye"]) is None
    assert convert_markup("notes.md", table) is None
    # a Confluence page stays Confluence's, whatever it shares with MediaWiki
    confluence = convert_markup("page.wiki", ["h2. Contacts", "||Name||Phone||", "|Desk|555|", "[[Category:Ops]]"])
    assert confluence.lines[0] == "## Contacts" and confluence.lines[1].startswith("<table>")


def test_hostile_mediawiki_ends_and_keeps_its_lines() -> None:
    # never closed: a code block or template is text (MediaWiki shows it so), a table ends at the next heading
    unclosed = ["<syntaxhighlight lang=sh>", "make it so", "{{Infobox", "| a = 1", "{|", "| cell", "== Next ==",
                "text"]
    converted = convert_markup("page.mediawiki", unclosed)
    assert converted.lines[:4] == ["<syntaxhighlight lang=sh>", "make it so", "{{Infobox", "| a = 1"]
    assert converted.lines[5:] == ["<table><tr><td>cell</td></table>", "## Next", "text"]
    comment = convert_markup("page.mediawiki", ["before <!-- never", "closed", "== Heading =="])
    assert comment.lines == ["before", "", ""] and comment.hidden == {2, 3}
    nested = convert_markup("page.mediawiki", ["{|", "| a", "{|", "| in || ner", "|}", "| b", "|}"])
    assert nested.lines == ["", "<table><tr><td>a</td>", "", "in ner", "", "<td>b</td>", "</table>"]
    junk = ["\x00\x01\ufffd{|", "|}", "{{", "}}", "[[", "''", "'''''", "<pre>", "|-", "!", ";", ":", "#*:;", "=",
            "======= x =======", "{{a|{{b|[[c|{{d}}]]}}}}", "<ref>", "</pre>", "<!--", "-->"] * 40
    assert len(convert_markup("page.mediawiki", junk).lines) == len(junk)
    deep = ["{{a|" * 300 + "}}" * 300, "[[" * 500 + "]]" * 500, "'" * 1000, "*#:;" * 200 + " x"]
    assert len(convert_markup("page.mediawiki", deep).lines) == len(deep)


def test_hostile_lines_convert_in_linear_time() -> None:
    """Lines built to make a regular expression backtrack: each took seconds to minutes at first."""
    import time

    lines = ["{|", "| " + "a" * 40 + "! | x", "|}", "<pre>" * 20000, "<code" * 20000 + ">", "<ref>" * 20000,
             "<span" * 20000, "; " + "<" * 50000 + " : x", "{{" + " " * 50000 + "|x}}", "[http://x a" * 20000,
             "=" + "a=" * 50000, "'" * 3 + "a''" * 30000, "<!--" * 20000]
    started = time.perf_counter()
    converted = convert_markup("page.mediawiki", lines)
    assert len(converted.lines) == len(lines)
    assert convert_markup("page.txt", ["[http://x a" * 100000]) is None
    assert time.perf_counter() - started < 5   # well under a second here


_PIECES = ["", "text", " pre", "== H ==", "=== Sub ===", "{|", "|}", "|-", "|+ cap", "! a !! b", "| a || b",
           "| style=\"x\" | c", "{{Infobox", "| key = value", "}}", "{{Note|x}}", "<pre>", "</pre>",
           "<syntaxhighlight lang=\"bash\">", "</syntaxhighlight>", "<source>x</source>", "<!-- c", "-->",
           "* item", "** sub", "# step", "#: more", "; term : def", ";term", ":def", "----", "__NOTOC__",
           "[[Category:X]]", "'''b''' ''i'' [[a|b]] [https://x y] <ref>r</ref> &nbsp;<br>"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_mediawiki_converts_without_error_line_for_line(lines) -> None:
    converted = convert_markup("page.mediawiki", lines)
    assert len(converted.lines) == len(lines)
    assert all(1 <= k <= len(lines) and 1 <= v <= len(lines) for k, v in converted.attached.items())
