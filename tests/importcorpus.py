"""Helpers for the import corpus: traceability of every structured value, and measurements."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.importer.dialects import BLOCK_END, HTML_TAG
from generator.importer.text import NUMBER_WORDS
from generator.validate.imported import is_missing

CORPUS = Path(__file__).resolve().parent / "import_corpus"
# Keys whose values the importer makes up by design and that claim nothing about the source:
# ids and references (slugs of source text), the review block, the placeholder owner and service.
SKIP_KEYS = {"id", "review", "notes", "owner", "services", "tags", "contacts", "backup", "kind", "lead",
             "to", "placeholders"}
ENUM_EVIDENCE = {
    "page-24x7": r"24/7|24x7|any time|page immediately|\bpage\b", "page-business-hours": r"business hours",
    "ticket": r"ticket", "status-page": r"status[- ]?page", "phone-bridge": r"phone[- ]bridge|conference call|dial-?in",
    "sms": r"\bsms\b|text message", "email": r"e-?mail|subject", "chat": r"chat|slack|#|channel",
    "customers": r"customer|user|public", "internal": r"internal|team|\bstaff\b|employee", "stakeholders": r"stakeholder",
    "executives": r"executive|leadership", "support": r"support", "declared": r"declar|alert",
    "investigating": r"investigat", "identified": r"identif", "update": r"update", "monitoring": r"monitor",
    "resolved": r"resolv", "postmortem": r"post-?mortem|review", "immediate": r"immediate",
    "next-business-day": r"next\W+(?:\S+\W+){0,3}?(?:business|working)\W+(?:\S+\W+){0,3}?day", "sql": r"", "bash": r"", "sh": r"", "python": r"",
    "pycon": r"", "console": r"", "text": r"", "yearly": r"year|annual", "quarterly": r"quarter",
    "monthly": r"month", "vendor": r"", "team": r"", "person": r"", "channel": r"",
    "powershell": r"powershell|\bPS [A-Z]:|\bPS>|\.ps1\b|\b[A-Z][a-z]{2,}-[A-Z][A-Za-z]{3,}\b"}   # a verb and a noun
DURATION = re.compile(r"^(\d+)([mhdw])$")
UNIT_WORDS = {"m": r"m|min|minute", "h": r"h|hr|hour", "d": r"d|day", "w": r"w|week"}


def normalize(text: str) -> str:
    """Lower-case words only; a [placeholder] and the {name} it became compare equal (both dropped)."""
    # ('\\section{Message Templates}': a LaTeX command's argument is text, not a placeholder)
    text = re.sub(r"\\[a-z]+\*?\{([^{}\n]*)\}", r" \1 ", text.lower())
    text = re.sub(r"`([^`\n]+)`(?=[a-z])", r"\1", text)   # '`401`s' reads '401s', as the site shows it
    text = re.sub(r"\{[^{}\n]*\}|\[[^\[\]\n]*\]", " ", text)
    # a {placeholder that a line break cut} in two: each piece is the placeholder too
    # ('{{a cut one}}' the importer writes as '((a cut one))', its words kept: not dropped here)
    text = re.sub(r"(?<![{])\{[^{}\n]*$|^[^{}\n]*\}(?![}])", " ", text, flags=re.MULTILINE)
    # so is a [bracketed remark] a line break cut in two ('[To be written -- ...' / '... checklist.]')
    text = re.sub(r"(?<!\[)\[[^\[\]\n]*$|^[^\[\]\n]*\](?!\])", " ", text, flags=re.MULTILINE)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def source_text(paths: list[Path]) -> str:
    """The sources as written, and for reStructuredText and AsciiDoc also as a reader sees them
    ('{grafana}[Overview]' is a link to the page the attribute names)."""
    from .markup_lines import reader_lines

    texts = []
    for p in (p for path in paths for p in ([path] if path.is_file() else sorted(path.rglob("*.md")))):
        text = document_source(p)
        seen = "\n".join(reader_lines(p, text.splitlines()))
        texts += [re.sub(r"([A-Za-z]{2,})-\n\s*([a-z])", r"\1\2", text)] if "-\n" in text else []   # 'esca-' / 'late'
        texts += [text] + ([seen] if seen != text else []) + _drawn_boxes(text) + _latex_text(p, text)
        texts += ["\n".join(storage_text(line) for line in text.splitlines())] if "<ac:" in text else []
        # '{{incident_id}}' as Confluence shows it: the word in monospace, not a {placeholder}
        texts += [re.sub(r"\{\{([^{}\n]{1,60})\}\}", r"\1", seen)] if "{{" in seen else []
    return "\n".join(texts)


def _latex_text(path: Path, text: str) -> list[str]:
    """A LaTeX source's words without its commands, its tables' header row too ('\\textbf{Response}'
    names a column, which `normalize` would drop as a '{placeholder}')."""
    from .markup_tex_wiki_lines import _latex_words, latex_signs

    lines = text.splitlines()
    return ["\n".join(_latex_words(line) for line in lines)] if latex_signs(path.suffix.lower(), lines) else []


def _drawn_boxes(text: str) -> list[str]:
    """A Mermaid diagram's lines as its picture reads: 'B[Lab Manager]' shows the words in the box
    (which the placeholder rule of `normalize` would otherwise drop as a '[placeholder]')."""
    blocks = re.findall(r"^\s*```+\s*mermaid\s*\n(.*?)^\s*```", text, re.MULTILINE | re.DOTALL)
    return [re.sub(r"[\[\](){}|]", " ", block) for block in blocks]


def leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in SKIP_KEYS:
                continue
            yield from leaves(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, path + (index,))
    else:
        yield path, node


def untraceable(value, source: str, normalized: str) -> bool:
    """True when a structured value cannot be found in the source text."""
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int):
        return not re.search(rf"\b{value}\b", source)
    text = str(value)
    if is_missing(text):
        return False
    if text in ENUM_EVIDENCE:
        return bool(ENUM_EVIDENCE[text]) and not re.search(ENUM_EVIDENCE[text], source, re.IGNORECASE)
    business = re.match(r"^(\d+)(bh|bd)$", text)
    if business:   # '4bh' from '4 business hours', '2bd' from 'two working days'
        number, unit = business.groups()
        words = "|".join([number] + [w for w, n in NUMBER_WORDS.items() if str(n) == number])
        hours = r"|\s*h(?:ou)?rs?\s*(?:\(|in\s+|during\s+)(?:the\s+)?(?:business|working|office)\s+(?:hours|time)" \
            if unit == "bh" else ""   # '3 hours during office hours'
        return not re.search(rf"\b(?:{words})(?:\s*(?:business|working|office)\s+{'h' if unit == 'bh' else 'd'}{hours})",
                             source, re.IGNORECASE)
    duration = DURATION.match(text)
    if duration:
        number, unit = duration.groups()
        words = "|".join([number] + [w for w, n in NUMBER_WORDS.items() if str(n) == number])   # '1h' from 'one hour'
        halves = {"30m": r"|\bhalf[\s-]+(?:an?[\s-]+)?hour", "90m": r"|\bhour\s+and\s+a\s+half|\band\s+a\s+half\s+hours?",
                  "1h": r"|\bwithin\s+the\s+hour\b"}
        return not re.search(rf"\b(?:{words})\s*(?:[-–]\s*\d+\s*)?-?\s*(?:{UNIT_WORDS[unit]}){halves.get(text, '')}",
                             source, re.IGNORECASE)
    for line in text.splitlines():
        if normalize(line) and normalize(line) not in normalized and not _wrapped(normalize(line), normalized):
            return True
    return False


def _wrapped(text: str, normalized: str) -> bool:
    """A cell of a table drawn with characters, wrapped over several source lines: its text in
    pieces that the source has in this order, on average at least two words a piece."""
    words, at, where, pieces = text.split(), 0, 0, 0
    while at < len(words):
        size = len(words) - at
        while size > 0 and f" {' '.join(words[at:at + size])} " not in f" {normalized[where:]} ":
            size -= 1
        if size == 0:
            return False
        where = f" {normalized} ".index(f" {' '.join(words[at:at + size])} ", where)
        at, pieces = at + size, pieces + 1
    return pieces <= max(1, (len(words) + 1) // 2)


DASH_RULE = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")


def column_cells(text: str) -> str:
    """Each cell of a table drawn in columns (dashes under its header, as pandoc writes them), its
    pieces over several lines joined, one cell a line: what a reader of the table sees in it."""
    lines, cells = text.splitlines(), []
    for i, rule in enumerate(lines):
        if not DASH_RULE.match(rule):
            continue
        starts = [m.start() for m in re.finditer(r"-+", rule)]
        bounds = list(zip(starts, starts[1:] + [None]))
        above = range(max(0, i - 3), i)
        below = range(i + 1, min(len(lines), i + 200))
        for block in ([lines[k] for k in above if lines[k].strip()], *_row_groups(lines, below)):
            for a, b in bounds:
                joined = " ".join(line[a:b].strip() for line in block if line[a:b].strip())
                if joined:
                    cells.append(joined)
    return "\n".join(cells)


def _row_groups(lines: list[str], span: range) -> list[list[str]]:
    groups, current = [], []
    for k in span:
        if re.match(r"^\s*-{10,}\s*$", lines[k]) or DASH_RULE.match(lines[k]):
            break
        if lines[k].strip():
            current.append(lines[k])
        elif current:
            groups, current = groups + [current], []
    return groups + [current]


def invented(out: Path, sources: list[Path], extra: str = "") -> list[str]:
    """Every structured value of every imported document that is not in the sources (or in ``extra``,
    what the command line gave, such as --org-name)."""
    import html
    raw = source_text(sources)   # HTML sources are compared as the text they show, without tags
    linked = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 (\2)", raw)   # a Markdown link is its text and address
    linked = re.sub(r'<a\s+[^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", linked, flags=re.IGNORECASE)   # so is HTML's
    source = "\n".join([html.unescape(HTML_TAG.sub(" ", raw)), html.unescape(HTML_TAG.sub(" ", linked)), linked, raw,
                        wiki_text(raw), column_cells(raw), extra])
    normalized = normalize(source)
    found = []
    for path in sorted(out.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        for where, value in leaves(data):
            if where[:1] == ("contacts",) and any(isinstance(k, str) and k == "notes" for k in where):
                continue
            if where[-1:] == ("severity",) and isinstance(value, str) and \
                    re.sub(r"[\W_]+", "", value.lower()) in re.sub(r"[\W_]+", "", source.lower()):
                continue   # 'SEV-1' as written is the level SEV1
            if untraceable(value, source, normalized):
                found.append(f"{path.relative_to(out)}:{'.'.join(map(str, where))}: {value!r}")
    return found


KEY_VALUE = re.compile(r"^\s*(?:[-*+]|\d+[.)])?\s*\*\*[^*]+\*\*\s*:?\s*(.*)$|^\s*(?:[-*+]|\d+[.)])\s+[A-Za-z][\w /&()-]{0,40}:\s+(\S.*)$"
                       # 'Response: next business day' on a line of its own (plain text): a label and its value
                       r"|^\s*[A-Z][a-z]+(?: [a-z]+){0,2}:\s+(\S.*)$")
# Section names the importer turns into the site's own structure (stages, parts of a runbook).
LABEL = re.compile(r"(symptoms?|meaning|what it means|checks?|fix|triage|impact|summary|diagnosis|investigation|"
                   r"mitigation|resolution|remediation|"
                   r"verification|immediate actions|responsibilities|review template|detection|containment|"
                   r"eradication|recovery)")
HTML_ROW = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.IGNORECASE)


WIKI_LINK = re.compile(r"!?\[\[([^\]|#]*)(?:#([^\]|]*))?(?:\|([^\]]*))?\]\]")


def wiki_text(text: str) -> str:
    """'[[People#Kenji|Kenji]]' -> 'Kenji', '[[Page#Part]]' -> 'Page > Part', '> [!IMPORTANT]' ->
    '> IMPORTANT' (a callout's kind titles it): what a note app shows."""
    def shown(m: re.Match) -> str:
        page, part, label = m.groups()
        return (label or (f"{page.strip()} > {part.strip()}" if part and page.strip() else part or page)).strip()
    return re.sub(r"^(\s*>\s?)\[!(\w+)\][-+]?", r"\1\2", WIKI_LINK.sub(shown, text), flags=re.MULTILINE)


STEP_NUMBER = re.compile(r"(?:step|level|tier|stage)\s*\d{1,2}", re.IGNORECASE)


def storage_text(line: str) -> str:
    """A Confluence storage-format line as the page shows it: a macro's title and a status's word,
    a page link's text, a user mention as '@name' unless a name is written after it, no other
    parameter ('language', 'colour') and no element of Confluence's own."""
    line = re.sub(r'<ac:link\b[^>]*>\s*<ri:user\b[^>]*ri:username="([^"]*)"[^>]*/>\s*</ac:link>(?!\s*[A-Z][a-z])',
                  r"@\1", line)
    line = re.sub(r'<ri:page\b[^>]*ri:content-title="([^"]*)"[^>]*/>(?!\s*<ac:(?:plain-text-)?link-body)', r"\1", line)
    line = re.sub(r'<ac:parameter\b[^>]*ac:name="(?!title")[^"]*"[^>]*>[^<]*</ac:parameter>', " ", line)
    line = re.sub(r'<ac:task-id>[^<]*</ac:task-id>|<ac:task-status>[^<]*</ac:task-status>', " ", line)
    # a macro's title and a code block's text are blocks of their own, as the page draws them
    line = re.sub(r'<ac:parameter\b[^>]*ac:name="title"[^>]*>([^<]*)</ac:parameter>', r"<p>\1</p>", line)
    line = line.replace("<![CDATA[", "<p>").replace("]]>", "</p>")
    return re.sub(r"</?ac:[\w-]+\b[^>]*>|<ri:[\w-]+\b[^>]*/?>", " ", line)


def payloads(line: str, links: bool = False) -> list[str]:
    """What of a source line a reader must find on the site: the values, not the markup or keys
    (with ``links``, a Markdown link is read as its text and address, as a field shows it)."""
    # '- :red_circle: **SEV1**': an item's leading emoji shortcode is a picture where the page is read, no words
    line = re.sub(r"^(\s*(?:[-*+]|\d{1,2}[.)])\s+)(?::[a-z0-9_+'-]{1,40}:\s*)+(?=\S)", r"\1", line)
    if "<ac:" in line or "<ri:" in line or "]]>" in line:
        line = storage_text(line)
        if not re.search(r"\w", re.sub(r"<[^>]*>", " ", line)):
            return []   # a macro's markup alone ('<ac:structured-macro ac:name="toc" />')
    callout = re.match(r"^(?:>\s?)+\[!\w+\][-+]?\s*(.*)$", line.strip())
    if callout:   # '> [!summary] What it means': the box's kind is its colour; its title, a label or text
        title = callout.group(1).strip()
        return [] if not title or LABEL.fullmatch(normalize(title)) else [title]
    stripped = wiki_text(line.strip())
    # '3.2<TAB>Historian disk full': a word processor's outline number and its heading, not two cells
    if line.count("\t") == 1:   # (a table's row, '3<TAB>Call the supplier<TAB>', has more cells)
        stripped = re.sub(r"^(\d{1,2}(?:\.\d{1,2})*\.?)\t+(?=[A-Z])", r"## \1 ", stripped)   # a heading
    if links:   # Markdown's and HTML's links both, as notes show an HTML link: '[text](address)'
        stripped = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 (\2)", stripped)
        stripped = re.sub(r'<a\s+[^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", stripped, flags=re.IGNORECASE)
    if re.match(r"^\|?\s*:?-{2,}", stripped) or re.fullmatch(r"(?:</?\w+[^>]*>\s*)+", stripped):
        return []           # table rules, bare tags
    if "<th" in stripped.lower():
        return []           # header rows name the columns the site has its own titles for
    if HTML_ROW.search(stripped):
        import html
        cells = [html.unescape(HTML_TAG.sub(" ", c)) for c in HTML_ROW.findall(stripped)]
        return [c for c in cells if normalize(c)]
    admonition = re.match(r'^(?:!!!|\?\?\?\+?)\s*[\w-]+(?:\s+"([^"]*)")?\s*$', stripped)
    if admonition:   # '!!! tip': the box, drawn by the site; its title is text
        return [admonition.group(1)] if admonition.group(1) and normalize(admonition.group(1)) else []
    front = re.match(r"^([a-z_]+):\s+(\S.*)$", stripped) or re.match(r"^([a-z_]+)\s*=\s*(\S.*)$", stripped)
    if front:         # 'alert: Name' (or TOML's 'title = "..."'), a front-matter key and its value
        return [front.group(2).strip("'\"")]
    heading = re.match(r"^<h([1-6])\b[^>]*>(.*?)</h\1\s*>$", stripped, re.IGNORECASE)
    if heading:   # an HTML heading is read as the Markdown heading it means
        stripped = "#" * int(heading.group(1)) + " " + heading.group(2)
    if HTML_TAG.search(stripped) or re.search(r"&[a-z]+;|&#\d+;", stripped):
        import html
        blocks = BLOCK_END.split(stripped)
        # '<p><b>Title</b></p><p>text</p>' on one line (a wiki's tip box): two paragraphs a reader sees apart
        if len(blocks) > 1 and not HTML_ROW.search(stripped) and not re.match(r"^<li\b", stripped, re.I):
            return [text for text in (html.unescape(HTML_TAG.sub(" ", b)).strip() for b in blocks) if normalize(text)]
        item = re.match(r"^<li\b", stripped, re.IGNORECASE)
        # '<b>Out of hours line:</b> 0113 ...' reads as '**Out of hours line:** 0113 ...', a label and its value
        stripped = re.sub(r"^<(b|strong)>([^<>]{2,60}?:)</\1>(?=\s*\S)", r"**\2**", stripped.strip(), flags=re.IGNORECASE)
        # '<li><p><strong>Service Desk</strong> logs the ticket': a named step, as '1. **Service Desk** logs ...'
        stripped = re.sub(r"^(<li\b[^>]*>\s*(?:<p\b[^>]*>)?\s*)<(b|strong)>([^<>]{2,60})</\2>(?=\s+[a-z(])", r"\1**\3**",
                          stripped, flags=re.IGNORECASE)
        # '<li>If it is hung:&nbsp;<code>sudo systemctl restart x</code></li>': the step, then its command block
        stripped = re.sub(r":\s*(?:&nbsp;|\xa0)?\s*(<code\b)", r": — \1", stripped) if item else stripped
        stripped = html.unescape(HTML_TAG.sub(" ", stripped)).strip()   # a reader sees the text, not the tags
        stripped = re.sub(r"\s{2,}", " ", stripped)   # a browser shows a run of spaces as one
        stripped = f"- {stripped}" if item else stripped   # an HTML list item reads as a Markdown one
    if stripped.startswith("|"):   # its cells ('+44 20 ..., desk@host' in one: a number and an address, two fields)
        return [part for c in stripped.strip("|").split("|")
                for part in re.split(r",\s+(?=[\w.+-]+@|\+?\d[\d ()-]{6,})|(?<=\d)\s+/\s+(?=[\w.+-]+@)", c)
                if normalize(part)]   # ('name@host, +44 20 ...', '+1 555 0173 / name@host': a number and an address)
    if re.search(r"\S\t", stripped):   # a tab-separated row: its cells
        return [c for c in stripped.split("\t") if normalize(c)]
    if re.sub(r"^(?:>\s?)+", "", stripped).startswith(("```", "~~~")):
        return []           # a fence, in a block quote or not
    if not stripped.startswith("|"):   # '> 1. Post in #incident': a quoted item reads as the item
        stripped = re.sub(r"^(?:>\s?)+", "", stripped)
    match = KEY_VALUE.match(stripped)
    value = match and (match.group(1) or match.group(2) or match.group(3) or "").strip()
    stage = re.match(r"^\s*(?:[-*+]|\d+[.)])?\s*\*\*([^*]+)\*\*\s*\(([^)]*\d[^)]*)\)\s*$", stripped)
    if stage:   # '1. **Detect** (0-5 min)': a stage, its window shown as the phase's window, as for a heading
        return [stage.group(1)]
    if value:   # '1. **Primary** (0 min) — paged at once': the parts between dashes, as for a dashed line
        return [part for part in re.split(r"\s+[—–]\s+", value) if normalize(part)] or [value]
    if match or (stripped.startswith("#") and (LABEL.fullmatch(normalize(stripped)) or _stage_label(stripped))):
        return []           # a label the site replaces with its own title (Diagnosis -> Investigate)
    text = re.sub(r"^(?:(?:#+|[-*+]|\d+[.)]|\(\d{1,2}\)|[a-z][.)]|\([a-z]\)|(?:\d+|[A-Z])(?:\.\d+)+\.?|step\s+\d{1,2}\s*[-–—:.)])\s+)+", "", stripped,
                  flags=re.IGNORECASE)   # ('Step 1 - ...': the site numbers its steps)   # markers, list and section numbers
    if not stripped.startswith("#") and _capital_line(stripped):   # '🛠️ PLAYBOOK: X': a plain-text heading
        stripped = "## " + re.sub(r"^[^\w]+", "", stripped)
        text = re.sub(r"^(?:\d+(?:\.\d+)*\.?|\(?[A-Z]\))\s+", "", stripped[3:])   # its section number (or letter) is markup too
    if stripped.startswith("#"):
        text = re.sub(r"\s*\([^)]*\d[^)]*\)\s*$", "", text)   # a time window, shown as the phase's window
        text = re.sub(r"^(?:phase|step|stage|scenario)\s*\d+\s*[:.-]\s*|^(?:playbook|runbook|alert)\s*:\s*|"
                      r"^(?:P|SEV)[\s-]?\d\s*[-:]\s*", "", text,
                      flags=re.IGNORECASE)  # numbering, kind labels and a severity shown as the page's badge
    # 'PROCEDURE: Donation site down' on a line of its own: a kind label over the playbook it names
    text = re.sub(r"^(?:procedure|playbook|runbook|scenario)\s*:\s*(?=\S.{0,60}$)", "", text, flags=re.IGNORECASE)
    if re.match(r"^\s*(?:[-*+]|\d+[.)]|[a-z][.)]|\([a-z]\))\s", stripped):   # '- Name — role — phone', '1. Who -- when': fields, as cells
        # '1. **Service Desk** logs the ticket': whom the step names, then what it says of them, shown apart
        text = re.sub(r"^\*\*([^*]{2,60})\*\*\s+(?=[a-z(])", r"\1 — ", text)
        # ', +1 555 0152' / ', name@host': a number or an address after a comma is a field of its own too
        # 'no answer in 15 min → Backup on-call': when and whom, shown apart
        # 'Duty manager: Aled Price — 0113 ...': a title, then whom it names, shown as two fields
        # 'IT Service Desk (24x7) – 555-0100': the name, and its hours as a field of their own
        return [part for part in re.split(r"\s+(?:[—–]|--)\s+|\s+(?:→|->)\s+|,\s+(?=\+?\d[\d\s().-]{6,}|[\w.+-]+@)|"
                                          r"\s+\((?=24\s*[x/]\s*7\))|"
                                          r"\s+(?:tel|phone|mob|mobile)\b\.?:?\s+|"
                                          r"^([A-Z][\w /&'’-]{1,40}?):\s+(?=[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s+[—–]\s)", text)
                if part
                if normalize(part) and not STEP_NUMBER.fullmatch(re.sub(r"^\[[ xX]\]\s*", "", part.strip()))]   # 'Step 1': the site numbers its steps
    return [text] if normalize(text) else []


SHORT_TIME = re.compile(r"(?:within\s+)?(\d+)\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\.?", re.IGNORECASE)
TIME_WORDS = {"m": "minute", "h": "hour", "d": "day", "w": "week"}


def _on_site(payload: str, site_text: str) -> bool:
    """The payload is on the site as written, or a time ('2 hrs', '4h') as the site spells it ('2 hours')."""
    if normalize(payload) in site_text:
        return True
    time = SHORT_TIME.fullmatch(payload.strip())
    if not time:
        return False
    number, unit = time.group(1), TIME_WORDS[time.group(2)[0].lower()]
    return normalize(f"{number} {unit}{'' if number == '1' else 's'}") in site_text


def _capital_line(line: str) -> bool:
    """A line in capitals after its pictographs ('🛠️ PLAYBOOK: METER INGEST'), as plain-text sheets head parts."""
    words = re.sub(r"^[^\w]+", "", line).split()
    letters = [c for w in words if not w[0].isdigit() for c in w if c.isalpha()]
    return 1 <= len(words) <= 6 and len(letters) >= 3 and all(c.isupper() for c in letters)


def _stage_label(heading: str) -> bool:
    """A heading the importer read as a stage name ('Immediate Response (0-15 minutes)')."""
    from generator.importer.found import _leading_stage
    title = re.sub(r"\s*\([^)]*\)\s*$", "", heading.lstrip("#").strip())
    return _leading_stage(title) is not None and len(title.split()) <= 3


def invisible(source: Path, site_text: str, first_table_rows: set[int]) -> list[str]:
    """Source lines none of whose payload is on the built site."""
    missing = []
    fence = ""
    from .markup_lines import reader_lines

    written = _without_page_markup(document_source(source)).splitlines()
    lines = reader_lines(source, written)
    seen_keys: set[str] = set()
    if sum(bool(re.search(r"\bpage\s+\d+\s+of\s+\d+", line, re.I)) for line in lines) >= 2:
        # a PDF's text ('Page 2 of 6' on its pages): a word hyphenated over two lines reads whole
        for i in range(len(lines) - 1):
            broken, carried = re.search(r"([A-Za-z]{2,})-$", lines[i]), re.match(r"^\s*([a-z]{2,}[,.;:]?)(\s+|$)", lines[i + 1])
            if broken and carried:
                lines[i] = lines[i][:-1] + carried.group(1)
                lines[i + 1] = lines[i + 1][carried.end():]
    for number, line in enumerate(lines, start=1):
        marker = re.match(r"^\s*(?:>\s?)*(`{3,}|~{3,})", line)   # a fence in a block quote too
        if marker and not fence:
            fence = marker.group(1)[0] * 3
        elif fence and marker and marker.group(1).startswith(fence):
            fence = ""
        elif fence and normalize(line) in site_text:   # a code block's line shown as written, tags and all
            continue
        elif fence and normalize(re.sub(r"^\s*PS [^>]*>\s", "", line)) in site_text:   # a typed line, its prompt not
            continue
        if number in first_table_rows:
            continue
        shown = [all(_on_site(p, site_text) for p in payloads(line, links)) for links in (False, True)]
        if number <= len(written) and written[number - 1] != line:   # notes show a markup line as written
            shown.append(all(_on_site(p, site_text) for p in payloads(written[number - 1])))
        if "{{" in line:   # '{{incident_id}}' as Confluence shows it, the word in monospace
            shown.append(all(_on_site(p, site_text) for p in payloads(re.sub(r"\{\{([^{}]{1,60})\}\}", r"\1", line))))
        # a row of a table drawn with characters: its cells, set apart by runs of spaces or dot leaders
        # (a name's bracketed remark, '(Mon-Fri 09:00-17:00)', is a cell of its own: the hours;
        # 'Vendor helpdesk - only once the fault is theirs': a spaced dash parts a name from its condition)
        # ('+44 7700 900733 / name@host', 'name@host, +1 555 0187': a number and an address, two fields of the contact)
        shown.append(all(_on_site(c, site_text) for c in re.split(r"\s{2,}|\s*(?:\.\s?){3,}\s*|\s+(?=\()|\s+(?:[—–-]|--)\s+|\s+/\s+|,\s+(?=[\w.+-]+@)|,\s+(?=\+?\d[\d ()-]{6,})|"
                                                                       r"(?<=\))\s+(?:tel|phone|mob|mobile)\b\.?:?\s+",
                                                                       re.sub(r"^[a-z][.)]\s+", "", line.strip()))
                         if normalize(c) and not re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", c, re.IGNORECASE)))
        # ('1st  Duty engineer': the site numbers the steps; an ordinal is that number)
        key = re.sub(r"\d+", "#", " ".join(line.split())).lower()
        if any(shown):
            seen_keys.add(key)
        elif key not in seen_keys:   # a PDF page's running head or footer is shown where it first is
            missing.append(f"{source.name}:{number}: {line.strip()}")
    return missing


def _without_page_markup(text: str) -> str:
    """An HTML page's head, style sheets and scripts blanked (a browser shows none of it), line breaks kept."""
    hidden = re.compile(r"<(head|style|script|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
    text = hidden.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    # a tag broken over lines ('<table ... style='border-collapse:' / 'collapse'>') and an office
    # program's conditional comment ('<![if supportMisalignedColumns]>') are markup too
    markup = re.compile(r"<[A-Za-z][\w:-]*(?=\s)[^<>]*\n[^<>]*>|<!\[(?:end)?if[^\]]*\]>", re.IGNORECASE)
    if re.search(r"urn:schemas-microsoft-com:office:word|content=Word\.Document|content=\"?Microsoft Word",
                 text[:5000], re.IGNORECASE):
        text = _word_paragraphs(text)
        # Word's: the bullet or number it draws for a list paragraph (the site draws its own list's),
        # a comment only Word reads ('<!--[if gte mso 9]><xml>...'), and its namespaced elements
        # ('<o:p></o:p>', '<w:Sdt>', '<st1:place>'), whose text is shown, never their tags
        # (and a field's code, 'TOC \\o "1-3"', which Word shows as the field's result)
        drawn = re.compile(r"<!\[if\s+!?support(?:Lists|Fields)\]>.*?<!\[endif\]>|<!--\[if\s[^\]]*\]>.*?<!\[endif\]-->",
                           re.IGNORECASE | re.DOTALL)
        text = drawn.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        text = re.sub(r"</?[A-Za-z][\w-]*:[\w.-]+\b[^<>]*>", lambda m: "\n" * m.group(0).count("\n"), text)
    return markup.sub(lambda m: "\n" * m.group(0).count("\n"), text)


WORD_PARAGRAPH = re.compile(r"<(p|h[1-6])\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def _word_paragraphs(text: str) -> str:
    """Word wraps its HTML at about 80 columns, inside a paragraph and inside its tags: a reader
    sees the paragraph, so it is read as one line (on its first, the lines after it left empty).
    A list paragraph (Word draws its bullet as text, styled 'mso-list') reads as a list item."""
    def one_line(match: re.Match) -> str:
        flat = re.sub(r"\s*\n\s*", " ", match.group(0))
        opening = re.match(r"<(?:p|h[1-6])\b[^>]*>", flat, re.IGNORECASE)
        if opening.group(0)[:2].lower() == "<p" and \
                re.search(r"mso-list:\s*l\d|class=[\"']?MsoList", opening.group(0), re.IGNORECASE):
            flat = "<li>" + re.sub(r"</p\s*>$", "", flat[opening.end():], flags=re.IGNORECASE) + "</li>"
        return flat + "\n" * match.group(0).count("\n")
    return WORD_PARAGRAPH.sub(one_line, text)


def _html_header_rows(lines: list[str]) -> set[int]:
    """Line numbers (1-based) of each HTML table's first row, its cells on lines of their own."""
    rows, start = set(), None
    for i, line in enumerate(lines):
        if re.search(r"<table\b", line, re.IGNORECASE):
            start = -1
        if start == -1 and re.search(r"<tr\b", line, re.IGNORECASE):
            start = i
        if start is not None and start >= 0:
            rows.add(i + 1)
            if re.search(r"</tr\s*>", line, re.IGNORECASE):
                start = None
    return rows


def header_rows(source: Path) -> set[int]:
    """Line numbers of Markdown table header rows (the line above a |---| rule)."""
    lines = document_source(source).splitlines()
    rows = {i for i in range(1, len(lines)) if re.match(r"^\s*\|?\s*:?-{2,}", lines[i]) and "|" in lines[i]}
    # '|  |  |' over the rule (Google Docs' export): the columns' names are in the row under it
    rows |= {i + 2 for i in rows if not lines[i - 1].replace("|", "").strip() and i + 1 < len(lines)}
    for i in range(1, len(lines)):   # over dashes: the header, its cells wrapped over up to three lines
        if re.fullmatch(r"\s*-{3,}(?:\s+-{3,})+\s*", lines[i]):
            top = i - 1
            while top > 0 and i - top < 3 and lines[top - 1].strip() and not re.fullmatch(r"\s*-+\s*", lines[top - 1]):
                top -= 1
            rows |= set(range(top + 1, i + 1))
    rows |= _html_header_rows(lines)
    rows |= {i + 1 for i, line in enumerate(lines) if re.match(r"^\s*\|\|\S", line)}   # Confluence's '||Name||'
    rows |= {i + 1 for i, line in enumerate(lines)   # a tab-separated table's first row
             if re.search(r"\S\t", line) and (i == 0 or not re.search(r"\S\t", lines[i - 1]))}
    for i, line in enumerate(lines):   # a grid table's header: the lines between its top border and '+===+'
        if re.fullmatch(r"\s*\+(?:=+\+)+\s*", line):
            top = i - 1
            while top >= 0 and lines[top].lstrip().startswith("|"):
                top -= 1
            rows |= set(range(top + 2, i + 1))
    rows |= {i + 2 for i, line in enumerate(lines[:-1])   # a BBCode table's first row: its column names
             if line.strip().lower() == "[table]" and lines[i + 1].lstrip().lower().startswith("[tr]")}
    from generator.importer.dialects import rewrite

    if source.suffix.lower() == ".csv":   # a sheet's block: the row under its title names the columns
        from .markup_lines import sheet_delimiter

        comma = sheet_delimiter(lines)
        filled = [sum(bool(c.strip()) for c in line.split(comma)) for line in lines]
        rows |= {i + 2 for i in range(len(lines) - 1) if filled[i] == 1 and lines[i].split(comma)[0].strip()}
        # (and the first row after an empty one: a block of its own, its first row its columns' names)
        rows |= {i + 2 for i in range(len(lines) - 1) if filled[i] == 0 and filled[i + 1] >= 2}
    rewritten = rewrite(lines)
    drawn = rewritten.lines   # a table aligned with spaces and no rule: the row the importer heads it with
    heads = {i + 1 for i, line in enumerate(drawn) if re.match(r"^(?:<table>)?<tr><th>", line)}
    rows |= heads
    # (and a header written a cell to a line, as a word processor's text export writes it: all its lines)
    rows |= {line for line, owner in rewritten.attached.items() if owner in heads}
    return rows | _rst_header_rows(lines) | _asciidoc_header_rows(lines)


def _asciidoc_header_rows(lines: list[str]) -> set[int]:
    """An AsciiDoc table's header: its first row when written on the line after '|===' with a blank
    line under it (AsciiDoc's implicit header), or with 'options="header"' / '%header' above it."""
    rows: set[int] = set()
    for i, line in enumerate(lines[:-2]):
        if line.strip() != "|===" or not lines[i + 1].lstrip().startswith("|"):
            continue
        declared = i > 0 and re.search(r"options\s*=\s*\"?[^\]]*header|%header", lines[i - 1])
        if declared or not lines[i + 2].strip():
            rows.add(i + 2)
    return rows


def _rst_header_rows(lines: list[str]) -> set[int]:
    """A reStructuredText simple table's header (between its first two '=== ===' borders) and the
    first rows of a list-table with ':header-rows: N' (1-based line numbers)."""
    rows: set[int] = set()
    borders = [i for i, line in enumerate(lines) if re.fullmatch(r"\s*=+(?:\s+=+)+\s*", line)]
    for top, below in zip(borders, borders[1:]):
        between = range(top + 1, below)
        if 0 < len(between) <= 3 and all(lines[j].strip() for j in between) and (top == 0 or not lines[top - 1].strip()):
            rows |= {j + 1 for j in between}
    for i, line in enumerate(lines):
        count = re.match(r"\s+:header-rows:\s*(\d+)", line)
        if not count:
            continue
        seen = 0
        for j in range(i + 1, len(lines)):
            if re.match(r"\s*\* ", lines[j]):
                seen += 1
            if seen > int(count.group(1)):
                break
            if seen:
                rows.add(j + 1)
    return rows


def site_text(site: Path) -> str:
    import html
    parts = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", text, flags=re.DOTALL)
        text += " ".join(re.findall(r'href="([^"]+)"', text))
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        text = re.sub(r"\[([^\]\n]*)\]\(([^)\s]*)\)", r"\1 (\2)", text)   # notes show '[text](url)' as written
        # '{info:title=Who owns this}' in notes (a Confluence macro as written) shows its words; never a {placeholder}
        parts.append(re.sub(r"\{(\w+):([^{}\n]*)\}", r" \1 \2 ", text))
        if "[[" in text or "{{" in text or "[http" in text:
            # notes show a MediaWiki page as written: '[[Page|label]]', '[https://x label]' and
            # '{{Note|text}}' show their words (never a [placeholder]); added, the text above kept as it is
            parts.append(re.sub(r"\[\[|\]\]|\{\{|\}\}|\[(?=https?:|mailto:)|(?<=\S)\](?!\()|\|", " ", text))
    return normalize(" ".join(parts))


def document_source(path: Path) -> str:
    """A corpus document as the importer reads it (a Word document's body as Markdown)."""
    from generator.importer.files import document_text

    return document_text(path, path.read_bytes())


def imported(tmp_path_factory, names: list[str], report: bool = False) -> dict[str, dict[str, object]]:
    """Each corpus document imported on its own: its output files (path -> parsed YAML), and
    with ``report`` its import-report.md under "_report"."""
    import yaml

    from generator.importer.run import import_documents

    from .conftest import TEST_TODAY

    out: dict[str, dict[str, object]] = {}
    for name in names:
        content = tmp_path_factory.mktemp(Path(name).stem) / "content"
        import_documents([CORPUS / name], content, org_name="Corpus Org", today=TEST_TODAY)
        out[name] = {p.relative_to(content).as_posix(): yaml.safe_load(p.read_text()) for p in content.rglob("*.yaml")}
        if report:
            out[name]["_report"] = (content / "import-report.md").read_text()
    return out


def import_checked(tmp_path: Path, name: str) -> Path:
    """The content directory `playbook import` makes of corpus document ``name``, with nothing invented."""
    from generator.importer.run import import_documents
    from .conftest import TEST_TODAY

    out = tmp_path / "content"
    import_documents([CORPUS / name], out, org_name="Corpus Org", today=TEST_TODAY)
    assert invented(out, [CORPUS / name], extra="Corpus Org") == []
    return out


def commands_of(book: dict) -> list[str]:
    """Every command of an imported playbook, stage after stage, in order."""
    return [c["code"] for group in book["steps"].values() for step in group for c in step.get("commands", [])]


def load(out: Path, name: str) -> dict:
    """One file of an import's content directory, parsed."""
    import yaml

    return yaml.safe_load((out / name).read_text(encoding="utf-8"))
