"""`playbook import` on Microsoft Word's HTML ("Save as Web Page", "Web Page, Filtered").

Word writes every paragraph as ``<p class=MsoNormal>`` wrapped over several lines, its lists as
paragraphs whose bullets and numbers are text in ``<![if !supportLists]>`` comments, commands as
paragraphs in a code style, and ``<o:p></o:p>`` everywhere. The generic checks (nothing invented,
every line visible on the draft site) run on the fixture with the rest of the corpus in
test_import_corpus.py; here are the reading of Word's shapes and the fields that must come out.
"""
from __future__ import annotations

from datetime import date

import pytest

from generator.importer.dialects import rewrite
from generator.importer.mdparse import parse
from generator.importer.run import convert
from generator.importer.word_html import code_blocks, is_word

from .importcorpus import commands_of, imported

NAME = "word-web-page-library-ict.htm"
HEAD = ['<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">',
        "<head>", "<meta name=ProgId content=Word.Document>", "</head>", "<body lang=EN-GB>"]


def word(*body: str):
    """The rewrite of a Word page with ``body`` (each a source line) under Word's head."""
    return rewrite(HEAD + list(body) + ["</body>", "</html>"])


def body_lines(out) -> list[str]:
    return out.lines[len(HEAD):-2]


def item(marker: str, text: str, level: int = 1, lst: int = 0, cls: str = "MsoListParagraphCxSpMiddle") -> str:
    return (f"<p class={cls} style='margin-left:{36 * level}.0pt;text-indent:-18.0pt;mso-list:l{lst} level{level} "
            f"lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>{marker}"
            f"<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"
            f"<span lang=EN-GB>{text}<o:p></o:p></span></p>")


def tree(out):
    root = parse("\n".join(out.lines))
    code_blocks(root, out.code, out.lines)
    return root


# --- lists -------------------------------------------------------------------------------------

def test_list_paragraphs_are_numbered_and_nested_items_by_their_mso_list_level() -> None:
    out = word(item("1.", "Page the on-call"), item("o", "Use the bridge line", level=2),
               item("a.", "Open the ticket", level=2), item("b.", "Link the alert", level=2),
               item("2.", "Tell the branch"))
    assert body_lines(out) == ["1. Page the on-call", "  - Use the bridge line", "  1. Open the ticket",
                               "  2. Link the alert", "2. Tell the branch"]
    items = [b for b in parse("\n".join(out.lines)).all_blocks() if b.kind == "item"]
    assert [(b.level, b.ordered, b.text) for b in items] == [
        (0, True, "Page the on-call"), (1, False, "Use the bridge line"), (1, True, "Open the ticket"),
        (1, True, "Link the alert"), (0, True, "Tell the branch")]


def test_a_list_paragraph_wrapped_over_lines_as_word_writes_it_is_one_item_on_its_first_line() -> None:
    out = word("<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0",
               "level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span",
               "style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New",
               "Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;", "</span></span></span><![endif]><b>Service desk</b> – +44 1632",
               "960 410<o:p></o:p></p>")
    assert body_lines(out) == ["- **Service desk** – +44 1632 960 410", "", "", "", "", ""]
    first = len(HEAD) + 1
    assert all(out.attached[first + k] == first for k in range(1, 6))


def test_the_filtered_export_list_without_comments_or_mso_list_takes_its_level_from_the_margin() -> None:
    spacer = "<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span>"
    out = word(f"<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt'><span style='font-family:Symbol'>·"
               f"{spacer}</span>Check the gateway</p>",
               f"<p class=MsoListParagraphCxSpLast style='margin-left:72.0pt;text-indent:-18.0pt'>"
               f"<span style='font-family:\"Courier New\"'>o{spacer}</span>Its log too</p>",
               f"<p class=MsoNormal style='margin-left:36.0pt;text-indent:-18.0pt'>3.{spacer}Restart it</p>")
    assert body_lines(out) == ["- Check the gateway", "  - Its log too", "3. Restart it"]


def test_a_paragraph_that_only_looks_indented_is_no_list_item() -> None:
    out = word("<p class=MsoNormal style='margin-left:36.0pt'>1. is the number we call first.<o:p></o:p></p>",
               "<p class=MsoNormal style='text-indent:-18.0pt'>Hanging indent, no bullet.<o:p></o:p></p>")
    assert body_lines(out) == ["1. is the number we call first.", "Hanging indent, no bullet."]


# --- commands ----------------------------------------------------------------------------------

def test_consecutive_code_paragraphs_are_one_code_block_and_text_between_starts_another() -> None:
    out = word("<p class=MsoNormal>Check the bridge:<o:p></o:p></p>",
               "<p class=Code>systemctl status kiosk-bridge<o:p></o:p></p>", "",
               "<p class=Code>journalctl -u kiosk-bridge&nbsp;-n&nbsp;50<o:p></o:p></p>",
               "<p class=MsoNormal><o:p>&nbsp;</o:p></p>",
               "<p class=Code>sudo systemctl restart kiosk-bridge<o:p></o:p></p>",
               "<p class=MsoNormal>Then tell the branch.<o:p></o:p></p>",
               "<p class=Code>curl -s https://kiosk.example/health<o:p></o:p></p>")
    blocks = list(tree(out).all_blocks())
    assert [(b.kind, b.code) for b in blocks] == [
        ("para", []),
        ("code", ["systemctl status kiosk-bridge", "journalctl -u kiosk-bridge -n 50",
                  "sudo systemctl restart kiosk-bridge"]),
        ("para", []), ("code", ["curl -s https://kiosk.example/health"])]
    assert blocks[1].lines == [len(HEAD) + 2, len(HEAD) + 4, len(HEAD) + 6]


def test_a_style_the_style_sheet_sets_in_consolas_and_a_paragraph_all_in_courier_are_commands() -> None:
    out = rewrite(HEAD[:2] + ["<style>", "p.Terminal, li.Terminal", "\t{font-family:Consolas;}", "</style>"]
                  + HEAD[3:] + ["<p class=Terminal>df -h /srv<o:p></o:p></p>",
                                "<p class=MsoNormal><span style='font-family:\"Courier New\"'>uptime</span></p>",
                                "<p class=MsoNormal>Run <span style='font-family:Consolas'>uptime</span> first.</p>"])
    assert sorted(out.code.values()) == ["df -h /srv", "uptime"]
    assert out.lines[-1] == "Run uptime first."   # a command in a sentence stays the sentence


# --- headings ----------------------------------------------------------------------------------

def test_title_class_and_headings_and_a_wholly_bold_short_paragraph_are_headings() -> None:
    out = word("<p class=MsoTitle>Branch ICT procedure<o:p></o:p></p>",
               "<h1><a name=\"_Toc1\"><span lang=EN-GB>Runbooks</span></a><o:p></o:p></h1>",
               "<p class=MsoNormal><b><u><span lang=EN-GB>Printer queue stuck</span></u></b><o:p></o:p></p>",
               "<p class=MsoNormal><b>Do not restart the server during opening hours.</b><o:p></o:p></p>",
               "<p class=MsoNormal><b>Steps:</b><o:p></o:p></p>",
               "<p class=MsoNormal><b>Important</b><o:p></o:p></p>",
               "<p class=MsoNormal><b>Owner</b> – the duty librarian<o:p></o:p></p>")
    assert body_lines(out) == ["# Branch ICT procedure", "## Runbooks", "### Printer queue stuck",
                               "**Do not restart the server during opening hours.**", "**Steps:**", "**Important**",
                               "**Owner** – the duty librarian"]


def test_headings_keep_their_levels_without_a_title_and_tags_never_leak_into_them() -> None:
    out = word("<h2>6. Message templates<o:p></o:p></h2>", "<h3><span lang=EN-GB>Email</span><o:p></o:p></h3>")
    assert body_lines(out) == ["## 6. Message templates", "### Email"]


# --- Word's markup -----------------------------------------------------------------------------

def test_head_xml_blocks_and_empty_paragraphs_are_hidden_and_nbsp_and_spans_are_text() -> None:
    out = rewrite(["<html xmlns:w=\"urn:schemas-microsoft-com:office:word\">", "<head>",
                   "<!--[if gte mso 9]><xml>", " <o:DocumentProperties><o:Author>A</o:Author>", "</xml><![endif]-->",
                   "</head>", "<body>", "<!--[if gte mso 9]><xml>", " <w:data>secret</w:data>", "</xml><![endif]-->",
                   "<p class=MsoNormal><o:p>&nbsp;</o:p></p>",
                   "<p class=MsoNormal><span lang=EN-GB>Call&nbsp;the <st1:place>Reading</st1:place> desk.</span></p>"])
    assert out.lines[-1] == "Call the Reading desk."
    assert {2, 3, 4, 5, 6, 8, 9, 10, 11} <= out.hidden and 12 not in out.hidden


def test_a_soft_line_break_at_a_line_end_is_a_line_of_its_own_emphasis_closed_at_the_cut() -> None:
    out = word("<p class=MsoNormal><i>Subject: Kiosks down at [branch]<br>",
               "We will update you by [time].<o:p></o:p></i></p>")
    assert body_lines(out) == ["*Subject: Kiosks down at [branch]*", "*We will update you by [time].*"]
    assert len(HEAD) + 2 in out.breaks


def test_html_that_is_not_words_is_left_to_the_html_reader() -> None:
    assert not is_word(["<html>", "<body>", "<p class=MsoNormal>Pasted once</p>", "</body>"])
    assert is_word(HEAD)


@pytest.mark.parametrize("body", [
    ["<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>1. Never closed"],
    ["<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]>1.&nbsp; Open<o:p></o:p></p>"],
    ["<!--[if gte mso 9]><xml>", "<p class=MsoNormal>Kept text after an unclosed comment</p>"],
    ["<p class=MsoNormal><span style='mso-list:Ignore'>·<span>Unclosed spans</p>"],
    ["<p class=MsoNormal>No closing tag", "<p class=MsoNormal>Next paragraph</p>"],
    ["<![endif]>", "<![if !vml]>", "<o:p></o:p>", "<p class=MsoNormal></p>", "<h1></h1>"],
    ["<p class=Code>" + "x" * 5000 + "</p>"],
    ["<p class=MsoListParagraph style='mso-list:l0 level99 lfo1'><![if !supportLists]>·<![endif]>Deep</p>"],
])
def test_hostile_word_markup_keeps_every_line_and_its_text(body) -> None:
    out = word(*body)
    assert len(out.lines) == len(HEAD) + len(body) + 2
    for source, line in zip(body, body_lines(out)):
        words = [w for w in ("closed", "Open", "Kept", "Unclosed", "closing", "Next", "Deep") if w in source]
        shown = line + " ".join(out.code.values())
        assert all(w in shown for w in words), (source, line)
        assert "<o:p" not in line and "supportLists" not in line


def test_an_unclosed_hidden_comment_hides_nothing() -> None:
    out = word("<!--[if gte mso 9]><xml>", "<p class=MsoNormal>Still here<o:p></o:p></p>")
    assert body_lines(out)[1] == "Still here" and not {len(HEAD) + 1, len(HEAD) + 2} & out.hidden


# --- the fixture, end to end -------------------------------------------------------------------

@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [NAME])[NAME]


def test_the_severity_table_with_paragraphs_in_its_cells(docs) -> None:
    levels = {lv["id"]: lv for lv in docs["severities.yaml"]["levels"]}
    assert list(levels) == ["SEV1", "SEV2", "SEV3"]
    assert levels["SEV1"]["response_time"] == "30m" and levels["SEV2"]["response_time"] == "2h"
    assert levels["SEV2"]["description"] == "One branch cannot issue or return books; self-service kiosks offline at a branch."


def test_the_bulleted_contact_list(docs) -> None:
    contacts = {c["name"]: c for c in docs["contacts.yaml"]["contacts"]}
    assert contacts["ICT Service Desk"]["phone"] == "+44 1632 960 410"
    assert contacts["Out-of-hours ICT on-call"]["phone"] == "+44 7700 900 233"
    assert contacts["Tomasz Wrobel"]["title"] == "ICT Service Manager"
    assert contacts["Libris Systems support"]["phone"] == "+44 20 7946 0775"


def test_the_numbered_escalation_list_in_order_its_nested_bullet_kept_with_its_step(docs) -> None:
    levels = docs["escalation.yaml"]["levels"]
    assert [lv["name"] for lv in levels] == ["ICT Service Desk", "Out-of-hours ICT on-call", "Tomasz Wrobel",
                                             "Head of Library Services"]
    assert "After 19:00 the desk line forwards to the on-call phone." in str(levels[0])


def test_the_roles_table(docs) -> None:
    roles = {r["name"]: r for r in docs["roles.yaml"]["roles"]}
    assert list(roles) == ["Incident Manager", "Branch Contact", "Communications Lead"]


def test_runbooks_carry_their_commands_from_a_code_style_and_from_a_courier_paragraph(docs) -> None:
    books = {d["title"]: d for rel, d in docs.items() if rel.startswith("playbooks/")}
    assert commands_of(books["Self-service kiosks offline"]) == [
        "ssh ops@kiosk-gw01.fenwick.example\nsudo systemctl status kiosk-bridge\nsudo journalctl -u kiosk-bridge -n 50"]
    portal = books["Public wi-fi captive portal down"]
    assert commands_of(portal) == ["wlanctl portal restart --site all"]
    assert [s["text"] for s in portal["steps"]["immediate"]] == [
        "Confirm the portal is down from a phone on the guest network.", "Restart the portal service on the controller:",
        "Post an update for branch staff once guests can log in again."]


def test_the_template_subject_ends_at_its_soft_line_break(docs) -> None:
    (template,) = docs["templates.yaml"]["templates"]
    assert template["title"] == "Branch staff email"
    assert template["subject"] == "{service} unavailable at {branches}"
    assert template["body"].startswith("Subject: {service} unavailable at {branches}\n\nPlease use the paper issue")


def test_the_review_template_headings_and_no_markup_anywhere(docs) -> None:
    assert [s["title"] for s in docs["postmortem.yaml"]["sections"]] == ["Summary", "Timeline", "Root cause",
                                                                          "Follow-up actions"]
    assert docs["organization.yaml"]["guidance"][0]["title"] == "Fenwick Valley Libraries: Major ICT Incident Procedure"
    text = str({k: v for k, v in docs.items() if k != "_report"})
    for leak in ("<o:p", "mso-", "&nbsp;", "supportLists", "<span", "Mso"):
        assert leak not in text


def test_an_item_nested_three_deep_after_a_wrapped_paragraph_is_an_item_not_indented_code() -> None:
    out = word(item("1.", "Isolate the PC"), "", item("a.", "Unplug its network cable", level=2), "",
               item("i.", "Leave it switched on", level=3), "")
    assert body_lines(out)[4] == "    1. Leave it switched on"
    items = [b for b in parse("\n".join(out.lines)).all_blocks() if b.kind == "item"]
    assert [b.level for b in items] == [0, 1, 2]


def test_a_heading_numbered_by_words_outline_list_is_a_heading_with_its_number_not_an_item() -> None:
    out = word("<h1 style='margin-left:21.6pt;text-indent:-21.6pt;mso-list:l3 level1 lfo4'><![if !supportLists]>"
               "<span>2<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>"
               "Who to call<o:p></o:p></h1>",
               "<h2 style='mso-list:l3 level2 lfo4'><![if !supportLists]><span><span style='mso-list:Ignore'>2.1"
               "<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span></span><![endif]>Vendors</h2>")
    assert body_lines(out) == ["# 2 Who to call", "## 2.1 Vendors"]


def test_a_fields_code_is_dropped_and_its_result_kept() -> None:
    out = word("<p class=MsoNormal>See <![if supportFields]><span style='mso-element:field-begin'></span>"
               "HYPERLINK \"https://status.example\" <span style='mso-element:field-separator'></span><![endif]>"
               "the status page<![if supportFields]><span style='mso-element:field-end'></span><![endif]>.</p>")
    assert body_lines(out) == ["See the status page."]


def test_the_filtered_export_is_words_html_too() -> None:
    assert is_word(["<html>", "<head>", '<meta name=Generator content="Microsoft Word 15 (filtered)">', "</head>",
                    "<body lang=EN-GB>", "<div class=WordSection1>", "<p class=MsoNormal>Call the desk.</p>"])


def test_the_pages_own_tags_even_broken_over_lines_are_hidden() -> None:
    out = rewrite(['<html xmlns:v="urn:schemas-microsoft-com:vml"', 'xmlns:w="urn:schemas-microsoft-com:office:word"',
                   'xmlns="http://www.w3.org/TR/REC-html40">', "<body lang=EN-GB style='tab-interval:36.0pt'>",
                   "<div class=WordSection1>", "<p class=MsoNormal>Text<o:p></o:p></p>", "</div>", "<div>Kept</div>",
                   "</body>", "</html>"])
    assert out.hidden >= {1, 2, 3, 4, 5, 7, 9, 10} and 8 not in out.hidden and out.lines[5] == "Text"


def test_bold_named_contact_paragraphs_in_a_contacts_section() -> None:
    doc = convert("\n".join([
        "## Contact list", "",
        "**Service Desk** (08:00–18:00): +44 20 7946 0021", "",
        "**Out-of-hours on-call**: 555-0105", "",
        "**Helen Achebe**, Operations Director: +44 20 7946 0614", "",
        "**Imaging vendor**: +1 555 0100 310 (quote contract IM-77)", "",
        "**Escalation**: call the desk first, then +44 20 7946 0021.", ""]), "Org", date(2026, 1, 1))
    contacts = {c["name"]: c for c in doc.documents["contacts.yaml"]["contacts"]}
    assert contacts["Service Desk"]["phone"] == "+44 20 7946 0021" and contacts["Service Desk"]["hours"] == "08:00–18:00"
    assert contacts["Out-of-hours on-call"]["phone"] == "555-0105"
    assert contacts["Helen Achebe"]["title"] == "Operations Director"
    assert contacts["Helen Achebe"]["phone"] == "+44 20 7946 0614"
    assert contacts["Imaging vendor"]["notes"] == "Imaging vendor: +1 555 0100 310 (quote contract IM-77)"
    assert "Escalation" not in contacts   # a sentence with a number in it is no contact


FILTERED = "word-filtered-vet-outage-plan.htm"


@pytest.fixture(scope="module")
def filtered(tmp_path_factory) -> dict[str, object]:
    return imported(tmp_path_factory, [FILTERED])[FILTERED]


def test_the_filtered_export_bold_titles_lists_and_courier_commands(filtered) -> None:
    """'Web Page, Filtered' has no <o:p>, no conditional comments and no mso-list styles: its
    bullets are text before Word's spacer span, its headings bold paragraphs."""
    levels = {lv["id"]: lv for lv in filtered["severities.yaml"]["levels"]}
    assert [(k, lv["name"], lv.get("response_time")) for k, lv in levels.items()][:2] == [
        ("P1", "Critical", "15m"), ("P2", "Major", "1h")]
    assert [lv["name"] for lv in filtered["escalation.yaml"]["levels"]] == ["Systems on-call", "Ines Okafor",
                                                                             "Clinical director"]
    contacts = {c["name"]: c for c in filtered["contacts.yaml"]["contacts"]}
    assert contacts["Ines Okafor"]["phone"] == "07700 900 461"
    (book,) = [d for rel, d in filtered.items() if rel.startswith("playbooks/")]
    assert commands_of(book) == ["ping -n 4 vetrec01.harbourside.example",
                                 "ssh admin@hv01.harbourside.example\nvirsh list --all"]
    (template,) = filtered["templates.yaml"]["templates"]
    assert template["title"] == "Client text message" and template["channel"] == "sms"
    assert "Please bring any paperwork you have." in template["body"]


def test_a_vml_drawing_only_word_reads_is_hidden_and_the_text_after_it_on_its_last_line_kept() -> None:
    out = word("<!--[if gte vml 1]><v:shape id=\"Logo\" style='width:120pt'>", " <v:imagedata src=\"logo.png\"/>",
               "</v:shape><![endif]--><![if !vml]><img src=\"logo.png\" alt=\"Logo\"><![endif]>Harbour Vets",
               "<p class=MsoNormal>Below the logo.</p>")
    first = len(HEAD) + 1
    assert {first, first + 1} <= out.hidden and first + 2 not in out.hidden
    assert body_lines(out)[2:] == ["Harbour Vets", "Below the logo."]


def test_a_paragraph_opening_with_a_soft_line_break_keeps_the_text_after_it() -> None:
    out = word("<p class=MsoNormal><br>", "Text after the break.<o:p></o:p></p>")
    assert body_lines(out) == ["", "Text after the break."]
    assert len(HEAD) + 2 not in out.hidden


def test_a_page_with_a_few_pasted_word_paragraphs_but_no_o_p_is_not_read_as_words() -> None:
    assert not is_word(["<html><body>", "<p class=MsoNormal>One</p>", "<p class=MsoNormal>Two</p>",
                        "<p class=MsoNormal>Three</p>", "</body></html>"])
    assert is_word(["<p class=MsoNormal>One<o:p></o:p></p>", "<p class=MsoNormal>Two</p>", "<p class=MsoNormal>3</p>"])


def test_html_preformatted_paragraphs_one_a_line_are_one_code_block() -> None:
    out = word("<p class=MsoNormal>Check the cache:<o:p></o:p></p>",
               "<pre><span lang=EN-GB>redis-cli ping<o:p></o:p></span></pre>",
               "<pre><span lang=EN-GB>redis-cli info&nbsp;memory<o:p></o:p></span></pre>")
    assert [(b.kind, b.code) for b in tree(out).all_blocks()] == [
        ("para", []), ("code", ["redis-cli ping", "redis-cli info memory"])]


def test_paragraphs_and_list_paragraphs_in_a_table_cell_stay_apart() -> None:
    mark = "<![if !supportLists]><span>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span><![endif]>"
    out = word("<table class=MsoTableGrid>", "<tr><td><p class=MsoNormal><b>Who</b></p></td><td>",
               "<p class=MsoNormal>Service desk<o:p></o:p></p>",
               f"<p class=MsoListParagraph style='mso-list:l4 level1 lfo5'>{mark}Evenings: on-call<o:p></o:p></p>",
               "</td></tr>", "</table>")
    (table,) = [b for b in parse("\n".join(out.lines)).all_blocks() if b.kind == "table"]
    assert table.rows == [["Who", "Service desk; • Evenings: on-call"]]


def test_a_url_word_made_a_link_in_a_command_is_the_url_as_typed() -> None:
    out = word("<p class=Code>curl -s <a href=\"https://kiosk.example/health\">https://kiosk.example/health</a>"
               " &amp;&amp; echo ok<o:p></o:p></p>")
    assert list(out.code.values()) == ["curl -s https://kiosk.example/health && echo ok"]


def test_a_bold_runbook_part_label_stays_a_label_so_the_runbook_is_one_playbook() -> None:
    step = "<p class=MsoListParagraph style='mso-list:l3 level1 lfo1'><![if !supportLists]><span>{n}.<span " \
           "style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span><![endif]>{t}<o:p></o:p></p>"
    body = ["<h2>Runbooks</h2>", "<h3>Card authorisations failing</h3>",
            "<p class=MsoNormal><b>Symptoms</b><o:p></o:p></p>", "<p class=MsoNormal>Auth rate below 90%.</p>",
            "<p class=MsoNormal><b>Immediate actions</b><o:p></o:p></p>",
            step.format(n=1, t="Check the gateway pods:"), "<p class=Code>kubectl get pods -l app=gateway</p>",
            step.format(n=2, t="Fail over to the standby acquirer.")]
    assert body_lines(word(*body))[2:5] == ["**Symptoms**", "Auth rate below 90%.", "**Immediate actions**"]
    doc = convert("\n".join(HEAD + body + ["</body>"]), "Org", date(2026, 1, 1))
    (book,) = [d for rel, d in doc.documents.items() if rel.startswith("playbooks/")]
    assert book["title"] == "Card authorisations failing" and book["symptoms"] == ["Auth rate below 90%."]
    assert commands_of(book) == ["kubectl get pods -l app=gateway"]
