"""The checker's own reading of reStructuredText, AsciiDoc, Confluence, org-mode, MediaWiki, Textile and
WikiCreole lines (LaTeX, TWiki and DokuWiki: markup_tex_wiki_lines.py):
each source line as the Markdown line a reader would see it as, or '' for a line that is only markup
(an underline, a directive, a block delimiter, a page setting). Written apart from the importer's converters, line by line and
without structure, so that the corpus checks do not trust the code they check."""
from __future__ import annotations

import re
from pathlib import Path

RST = (".rst", ".rest")
ASCIIDOC = (".adoc", ".asciidoc", ".asc")
CONFLUENCE = (".wiki", ".confluence", ".jira")
MEDIAWIKI = (".mediawiki", ".wikitext")
ORG_SIGN = re.compile(r"^#\+(?:TITLE|BEGIN_SRC|BEGIN_EXAMPLE|STARTUP|OPTIONS):", re.IGNORECASE)
ADORNMENT = re.compile(r"""^\s*([=\-~^"'`#*+:.<>_!$%&,;?@\\/|])\1{2,}\s*$""")
RST_SHOWN_ARG = {"note", "warning", "tip", "important", "caution", "danger", "attention", "hint", "error",
                 "seealso", "todo", "admonition", "topic", "sidebar", "rubric", "csv-table", "list-table",
                 "table", "versionadded", "versionchanged", "deprecated", "include", "literalinclude"}
RST_HIDDEN_OPTIONS = {"widths", "local", "depth", "maxdepth", "class", "name", "linenos", "emphasize-lines",
                      "alt", "width", "height", "align", "header-rows", "stub-columns", "description",
                      "keywords", "language", "backlinks", "glob", "hidden", "titlesonly", "dedent", "force",
                      "lineno-start", "target", "scale", "delim", "quote", "escape", "file", "url", "encoding"}


def sheet_delimiter(lines: list[str]) -> str:
    """';' for a sheet Excel saved where the decimal mark is a comma, else ','."""
    head = "\n".join(lines[:100])
    return ";" if head.count(";") > head.count(",") else ","


def reader_lines(path: Path, lines: list[str]) -> list[str]:
    from .markup_tex_wiki_lines import dokuwiki, dokuwiki_signs, latex, latex_signs, twiki, twiki_signs
    from .markup_troff_lines import troff, troff_signs

    suffix = path.suffix.lower()
    if suffix == ".csv":   # a sheet: each line's cells, set apart as a drawn table's are
        comma = sheet_delimiter(lines)
        return ["  ".join(cell.strip() for cell in line.replace('""', "\x00").replace('"', "").replace("\x00", '"')
                          .split(comma) if cell.strip()) for line in lines]
    if troff_signs(suffix, lines):
        return troff(lines)
    if suffix in RST:
        return _rst(lines)
    if suffix in ASCIIDOC:
        return _asciidoc(lines)
    if suffix == ".org" or (suffix == ".txt" and _org_signs(lines)):
        return _org(lines)
    for signs, reader in ((latex_signs, latex), (twiki_signs, twiki), (dokuwiki_signs, dokuwiki)):
        if signs(suffix, lines):
            return reader(lines)
    if suffix in MEDIAWIKI or (suffix in (".txt", ".wiki") and _mediawiki_signs(lines)):
        return _mediawiki(lines)
    if suffix == ".txt" and _yaml_signs(lines):
        return _yamlish(lines)
    if suffix == ".txt" and _bbcode_signs(lines):
        return _bbcode(lines)
    if suffix == ".txt" and sum(bool(CHAT.match(l)) for l in lines) >= 5:   # a chat export: each message's words
        return [CHAT.sub(r"\3 (\2, \1)", l) for l in lines]
    if suffix == ".txt" and sum(bool(SLACK_HEADER.search(l)) for l in lines) >= 2:   # copied out of Slack's window
        return [_slack(l) for l in lines]
    if suffix == ".textile" or (suffix == ".txt" and _textile_signs(lines)):
        return _textile(lines)
    if suffix == ".creole" or (suffix == ".txt" and _creole_signs(lines)):
        return _creole(lines)
    if suffix in CONFLUENCE and any(re.match(r"^\s*(?:h[1-6]\.\s|\|\||\{(?:code|noformat|panel|info)\b)", l)
                                    for l in lines):
        return _confluence(lines)
    if suffix == ".txt" and sum(bool(re.match(r"h[1-6]\.\s", l)) for l in lines) >= 2 and \
            any(re.match(r"^\s*(?:\|\||\{(?:code|noformat|panel|info|warning|note|tip)\b)", l) for l in lines):
        return _confluence(lines)   # a page copied out of Confluence or Jira into a text file
    return lines


def _confluence(lines: list[str]) -> list[str]:
    """Confluence wiki markup. A code block's 'title=' caption is not checked: the importer drops it."""
    out, code, boxes = [], False, []
    for line in lines:
        text = line.strip()
        macro = re.match(r"^\{(\w+)(?::([^}]*))?\}(.*)$", text)
        if macro and not code and not macro.group(2) and not macro.group(3).strip() and boxes \
                and boxes[-1] == macro.group(1).lower():
            boxes.pop()   # '{warning}' after '{warning:title=...}': the box's end, no text
            out.append("")
            continue
        if code:
            code = not re.fullmatch(r"\{(?:code|noformat)\}", text)
            out.append("```" if not code else line)
        elif macro and macro.group(1).lower() in ("code", "noformat"):
            code = True
            out.append("```")
        elif macro:
            if macro.group(1).lower() in ("info", "note", "warning", "tip", "panel", "expand") and \
                    not re.search(r"\{" + macro.group(1) + r"\}$", macro.group(3)):
                boxes.append(macro.group(1).lower())
            title = re.search(r"title=([^|}]*)", macro.group(2) or "")
            rest = re.sub(r"\{\w+\}$", "", macro.group(3)).strip()
            kind = macro.group(1).capitalize() if macro.group(1).lower() in ("info", "note", "warning", "tip") \
                and not title else ""
            out.append(" ".join(p for p in (kind, (title.group(1) if title else ""), rest) if p))   # a box's kind, title
        elif text.startswith("|"):
            out.append("| " + " | ".join(c.strip() for c in re.split(r"\|\|?", text.strip("|"))) + " |")
        elif re.fullmatch(r"-{4,}", text):
            out.append("")
        else:
            text = re.sub(r"^h[1-6]\.\s+", "# ", text)
            text = re.sub(r"^bq\.\s+", "", text)
            text = re.sub(r"^[*#-]+\s+", "- ", text)
            # '{{incident_id}}' is monospace, or a message's fill-in: left as written (a {placeholder} to normalize)
            text = re.sub(r"\[([^|\]]+)\|([^\]]+)\]", r"[\1](\2)", text)
            text = re.sub(r"\{color(?::[^}]*)?\}", "", text)
            out.append(re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"\1", text))
    return out


def _rst(lines: list[str]) -> list[str]:
    subs = {m.group(1): m.group(2).strip() for m in (re.match(r"^\s*\.\.\s+\|([^|]+)\|\s+replace::\s*(.*)$", l)
                                                     for l in lines) if m}
    out, code_indent, in_options = [], None, False
    for n, line in enumerate(lines):
        indent = len(line) - len(line.lstrip())
        if code_indent is not None:
            if not line.strip() or indent > code_indent:
                out.append(line.strip())   # a code line, shown as written
                continue
            code_indent = None
        text = line.strip()
        directive = re.match(r"^\.\.\s+([\w:.-]+)::\s*(.*)$", text)
        option = re.match(r"^:([\w -]+):\s*(.*)$", text) if in_options and indent else None
        in_options = bool(directive) or (in_options and bool(option))
        if directive:
            name, arg = directive.group(1).lower(), directive.group(2)
            if name in ("code-block", "code", "sourcecode", "parsed-literal", "raw"):
                code_indent = indent
            out.append(_rst_inline(arg, subs) if name in RST_SHOWN_ARG and arg else "")
        elif option:
            if option.group(1) == "header":
                out.append("| " + " | ".join(c.strip().strip('"') for c in option.group(2).split(",")) + " |")
            else:
                out.append("" if option.group(1).strip() in RST_HIDDEN_OPTIONS else _rst_inline(option.group(2), subs))
        elif ADORNMENT.match(line) or re.match(r"^\.\.(\s+(_|\|[^|]+\|\s))|^\.\.\s*$|^__\s", text):
            out.append("")
        elif text.endswith("::") and not re.match(r"^:[^:]+:", text):
            out.append(_rst_inline(text[:-2].rstrip() if text != "::" else "", subs))
            code_indent = indent
        elif re.fullmatch(r'"[^"]*"(?:\s*,\s*"[^"]*")+', text):   # a csv-table row
            out.append("| " + " | ".join(c.strip() for c in re.findall(r'"([^"]*)"', text)) + " |")
        else:
            text = re.sub(r"^\.\.\s+", "", text)   # a comment: kept as a remark
            text = re.sub(r"^:([^:`]+):\s*", r"- **\1**: ", text)   # a field
            text = re.sub(r"^#\.\s", "1. ", text)
            out.append(_rst_inline(text, subs))
    return out


def _rst_inline(text: str, subs: dict[str, str]) -> str:
    text = re.sub(r"``(.+?)``", r"`\1`", text)
    text = re.sub(r":[\w:+-]+:`(?:([^`<]*?)\s*<[^>]*>|~?([^`]*))`", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"`([^`<]*?)\s*<((?:https?|mailto):[^>]*)>`_{1,2}", r"[\1](\2)", text)
    text = re.sub(r"`([^`<]*?)\s*<[^>]*>`_{1,2}|`([^`]+)`_{1,2}", lambda m: m.group(1) or m.group(2), text)
    return re.sub(r"\|([^|\s][^|]*?)\|", lambda m: subs.get(m.group(1), m.group(0)), text)


def _asciidoc(lines: list[str]) -> list[str]:
    attributes = {m.group(1): (m.group(2) or "").strip() for m in (re.match(r"^:([\w-]+):(?:\s+(.*))?$", l)
                                                                    for l in lines) if m}
    out, closing = [], ""
    for line in lines:
        text = line.strip()
        if closing:
            if text == closing:
                out.append("```" if closing[0] in "-." else "")
                closing = ""
            else:
                out.append(re.sub(r"\s*(?://|#)?\s*<\d+>\s*$", "", line.rstrip()) if closing[0] in "-." else line)
            continue
        if re.fullmatch(r"-{4,}|\.{4,}", text):
            closing = text
            out.append("```")
        elif re.fullmatch(r"={4,}|\*{4,}|_{4,}|\+{4,}|/{4,}|--|\|={3,}", text):
            out.append("")
        elif re.fullmatch(r"\[(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", text):
            out.append(text[1:-1])   # an admonition block's kind: the label a reader sees over it
        elif re.match(r"^:[\w-]+:(\s|$)|^\[\[.*\]\]$|^\[[^\]]*\]$|^\+$|^(?:ifdef|ifndef|ifeval|endif|toc)::|^'''$", text):
            out.append("")
        else:
            out.append(_asciidoc_line(text, attributes))
    return out


def _asciidoc_line(text: str, attributes: dict[str, str]) -> str:
    text = re.sub(r"^(=+)\s+", lambda m: "#" * len(m.group(1)) + " ", text)
    text = re.sub(r"^\.(?=[^\s.])", "", text)                       # a block title
    text = re.sub(r"^(\*+|-)\s+", "- ", text)
    text = re.sub(r"^\.+\s+", "1. ", text)
    text = re.sub(r"^<(\d+)>\s+", "", text)
    text = re.sub(r"^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s+", "", text)
    text = re.sub(r"^//\s?", "", text)
    term = re.match(r"^(?!\w+::\S*\[)(\S.*?)(?::{2,4}|;;)(?:\s+(.*))?$", text)
    if term:
        text = f"- **{term.group(1)}**: {term.group(2)}" if term.group(2) else f"### {term.group(1)}"
    if text.startswith("|"):
        text = "| " + " | ".join(c.strip() for c in text.split("|")[1:]) + " |"
    text = re.sub(r"\{([\w-]+)\}", lambda m: attributes.get(m.group(1), m.group(0)), text)
    text = re.sub(r"\b(?:link:)?((?:https?|mailto):[^\s\[]+)\[([^\]]*)\]", lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})", text)
    text = re.sub(r"<<[^,>]+,\s*([^>]+)>>|<<([^>]+)>>", lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"\b(?:xref|kbd|btn|pass):[^\s\[]*\[([^\]]*)\]", r"\1", text)
    text = re.sub(r"(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])", r"\1", text)
    return re.sub(r"(?<![\w_])_([^_\s][^_]*?)_(?![\w_])", r"\1", text)


def _org_signs(lines: list[str]) -> bool:
    return any(ORG_SIGN.match(l) for l in lines) or (any(re.match(r"^\*+ \S", l) for l in lines)
                                                     and any(re.match(r"^\s*\|-+\+-", l) for l in lines))


def _org(lines: list[str]) -> list[str]:
    """Org-mode: a block's lines as written, a drawer's and the file's settings unseen."""
    out, block, drawer = [], "", False
    for n, line in enumerate(lines):
        text = line.strip()
        if block:
            ended = re.fullmatch(rf"#\+END_{block}", text, re.IGNORECASE)
            block = "" if ended else block
            out.append(("```" if ended else line) if re.match(r"(?i)src|example", block or ended.group(0)[6:])
                       else ("" if ended else _org_inline(text)))
            continue
        begin = re.match(r"^#\+BEGIN_(\w+)", text, re.IGNORECASE)
        keyword = re.match(r"^#\+(\w+):\s*(.*)$", text)
        if drawer or re.fullmatch(r":(?:PROPERTIES|LOGBOOK):", text, re.IGNORECASE):
            drawer = not re.fullmatch(r":END:", text, re.IGNORECASE)
            out.append("")
        elif begin and any(re.fullmatch(rf"#\+END_{begin.group(1)}", l.strip(), re.IGNORECASE) for l in lines[n:]):
            block = begin.group(1)
            out.append("```" if block.lower() in ("src", "example") else "")
        elif keyword:
            key = keyword.group(1).lower()
            shown = key in ("author", "date", "email", "subtitle", "caption", "description", "keywords", "include")
            out.append("# " + keyword.group(2) if key == "title" else keyword.group(2) if shown else "")
        elif re.fullmatch(r"\|-[-+|]*|-{5,}|\*+|#|:[\w-]+:", text):
            out.append("")
        else:
            text = re.sub(r"^#\s+|^:\s", "", text)   # a comment's words, a fixed-width line's
            text = re.sub(r"^\*+\s+", "# ", line) if line.startswith("*") else text
            text = re.sub(r"^(?:[-+*]|\d+[.)])\s+", "- ", text)
            out.append(_org_inline(text))
    return out


def _org_inline(text: str) -> str:
    text = re.sub(r"\[\[([^\]]+)\]\[([^\]]*)\]\]", lambda m: f"[{m.group(2)}]({m.group(1)})"
                  if re.match(r"https?:|mailto:", m.group(1)) else m.group(2), text)
    text = re.sub(r"\[\[\*?([^\]]+)\]\]", r"\1", text)
    text = re.sub(r"(?<![\w=~])([=~])(\S(?:.*?\S)?)\1(?![\w=~])", r"\2", text)
    text = re.sub(r"(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])", r"\1", text)
    return re.sub(r"(?<![\w/])/([^/\s](?:[^/]*[^/\s])?)/(?![\w/])", r"\1", text)


YAML_KEY = re.compile(r"^(\s*)(- )?([A-Za-z_][\w .()/,-]{0,60}?)\s*:(?:\s+(.*?))?\s*$")


def _yaml_signs(lines: list[str]) -> bool:
    """Most lines 'key: value', 'key:' or '- item', three keys or more at the margin, two indented."""
    content = [l for l in lines if l.strip() and not l.lstrip().startswith("#")]
    shaped = sum(bool(YAML_KEY.match(l) or l.lstrip().startswith("- ")) for l in content)
    top = sum(bool(YAML_KEY.match(l)) and not l[:1].isspace() for l in content)
    nested = sum(bool(YAML_KEY.match(l)) and l[:1] == " " for l in content)
    return len(content) >= 8 and shaped >= 0.6 * len(content) and top >= 3 and nested >= 2


def _yamlish(lines: list[str]) -> list[str]:
    """A YAML-like text as read: keys in words ('first_look:' is 'first look'), a list item's number
    ('- step: 1') the number its list shows, a block scalar's '|' markup, a separator '---' markup,
    a pasted CSV row its cells, a comment its words."""
    out = []
    for line in lines:
        key = YAML_KEY.match(line)
        text = line.strip()
        if re.fullmatch(r"---|\.\.\.", text):
            out.append("")
        elif text.startswith("#"):
            out.append(text.lstrip("# "))
        elif key and key.group(2) and (key.group(4) or "").isdigit():
            out.append("")
        elif key:
            value = key.group(4) or ""
            value = "" if value in ("|", ">", "|-", ">-") else value.strip("\"'")
            words = key.group(3).replace("_", " ")
            out.append(f"{words}: {value}" if value else f"## {words}")   # a key over nested lines heads them
        elif text.count(",") >= 2:
            out.append("| " + " | ".join(cell.strip() for cell in text.split(",")) + " |")
        else:
            out.append(line)
    return out


def _mediawiki_signs(lines: list[str]) -> bool:
    """What only a MediaWiki page writes: a '{|' table, a '<syntaxhighlight>' block, a category link,
    a '__NOTOC__' line; or '== Heading ==' lines beside bold in three apostrophes."""
    if any(re.match(r"^\s*(?:\{\||<syntaxhighlight\b|\[\[Category:|__(?:NO)?TOC__\s*$)", l, re.IGNORECASE) for l in lines):
        return not any(re.match(r"^\s*h[1-6]\.\s", l) for l in lines)
    headings = sum(bool(re.fullmatch(r"(={2,6})[^=]+\1\s*", l)) for l in lines)
    return headings >= 2 and any("'''" in l for l in lines)


def _mediawiki(lines: list[str]) -> list[str]:
    """MediaWiki: a code block's lines as written, a comment's unseen, a template's arguments as
    'key: value' lines, a table's cells as a Markdown row's (its first row of '!' cells the header)."""
    import html

    out, code, comment, braces, table_rows = [], "", False, 0, None
    for line in lines:
        text = line
        if code:
            ended = re.search(rf"</{code}\s*>", text, re.IGNORECASE)
            body = text[:ended.start()] if ended else text
            out.append(html.unescape(body) if code == "pre" else body)
            code = "" if ended else code
            continue
        if comment:
            if "-->" not in text:
                out.append("")
                continue
            text, comment = text.split("-->", 1)[1], False
        text = re.sub(r"<!--.*?-->", "", text)
        if "<!--" in text:
            text, comment = text.split("<!--", 1)[0], True
        opened = re.match(r"^\s*<(syntaxhighlight|source|pre)\b[^>]*>(.*)$", text, re.IGNORECASE)
        if opened and any(re.search(rf"</{opened.group(1)}\s*>", l, re.IGNORECASE) for l in lines[len(out):]):
            closed = re.search(rf"</{opened.group(1)}\s*>", opened.group(2), re.IGNORECASE)
            code = "" if closed else opened.group(1).lower()
            rest = opened.group(2)[:closed.start()] if closed else opened.group(2)
            out.append(rest if rest.strip() else "```")
            continue
        stripped = text.strip()
        if braces > 0 or (stripped.startswith("{{") and stripped.count("{{") > stripped.count("}}")):
            braces += stripped.count("{{") - stripped.count("}}")
            argument = re.match(r"^\|\s*(?:([^=|]+?)\s*=\s*)?(.*)$", stripped)
            if argument and (argument.group(2) or "").strip():
                key = argument.group(1)
                out.append(_mediawiki_inline(f"{key}: {argument.group(2)}" if key else argument.group(2)))
            else:
                out.append(_mediawiki_inline(re.sub(r"^\{\{[^|]*\|?|\}\}$", "", stripped)))
            continue
        if stripped.startswith("{|"):
            table_rows = []   # the rows so far, each True once it has a cell
            out.append("")
        elif table_rows is not None and stripped.startswith("|}"):
            table_rows = None
            out.append("")
        elif table_rows is not None and re.match(r"^\|[-+]", stripped):
            if stripped.startswith("|-") and table_rows and table_rows[-1]:
                table_rows.append(False)
            out.append(_mediawiki_inline(stripped[2:]) if stripped.startswith("|+") else "")
        elif table_rows is not None and stripped[:1] in ("|", "!"):
            table_rows = table_rows or [False]
            table_rows[-1] = True
            header = stripped.startswith("!") and len(table_rows) == 1   # the first row's '!' cells: its header
            cells = [re.sub(r"""^\s*(?:[\w-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'|=]+)\s+)*[\w-]+\s*=\s*"""
                            r"""(?:"[^"]*"|'[^']*'|[^\s"'|=]+)\s*\|(?!\|)""", "", c)
                     for c in re.split(r"\|\||!!", _mediawiki_links(stripped[1:]))]
            out.append("" if header else "| " + " | ".join(_mediawiki_inline(c) for c in cells) + " |")
        elif re.fullmatch(r"-{4,}|__[A-Z]+__|<references\s*/?>|</?div\b[^>]*>", stripped):
            out.append("")
        elif line.startswith(" ") and table_rows is None:
            out.append(html.unescape(line[1:]))   # preformatted: shown as written
        else:
            text = re.sub(r"^(=+)\s*(.*?)\s*=+$", lambda m: "#" * len(m.group(1)) + " " + m.group(2), stripped)
            term = re.match(r"^[*#:]*;\s*([^:]+?)\s*:\s*(.*)$", text)
            text = f"- **{term.group(1)}**: {term.group(2)}" if term else re.sub(r"^[*#:;]+\s*", "- ", text)
            out.append(_mediawiki_inline(text))
    return out


def _mediawiki_links(text: str) -> str:
    text = re.sub(r"\[\[(?:Category|Kategorie):([^\]|]+)(?:\|[^\]]*)?\]\]", r"Category: \1", text, flags=re.IGNORECASE)
    text = re.sub(r"\[\[(?:File|Image):[^\]]*?\|([^\]|]+)\]\]|\[\[(?:File|Image):[^\]]*\]\]", lambda m: m.group(1) or "",
                  text, flags=re.IGNORECASE)
    text = re.sub(r"\[\[[^\]|]*\|([^\]]*)\]\]|\[\[([^\]]*)\]\]", lambda m: m.group(1) or m.group(2) or "", text)
    return re.sub(r"\[((?:https?|mailto):[^\s\]]+)\s+([^\]]+)\]", r"[\2](\1)", text)


def _mediawiki_inline(text: str) -> str:
    import html

    text = _mediawiki_links(text)
    text = re.sub(r"\{\{\s*[^{}|]*\|([^{}]*)\}\}", lambda m: " ".join(
        re.sub(r"^[^=]*=", "", a).strip() for a in m.group(1).split("|")), text)   # a template: its arguments
    text = re.sub(r"\{\{[^{}]*\}\}", "", text)
    text = re.sub(r"<ref[^>]*/>", "", text)
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"</?[a-z]+\b[^>]*>", "", text, flags=re.IGNORECASE)
    text = re.sub(r"'{2,}", "", text)
    return html.unescape(text).replace("\xa0", " ")


CHAT = re.compile(r"^\[(\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?)\]\s+([^:\]\n]{2,40}):\s?(.*)$")
BB_TAG = re.compile(r"\[(/?)(\*|[a-z]+)(?:=([^\]]*))?\]", re.IGNORECASE)


def _bbcode_signs(lines: list[str]) -> bool:
    tagged = [l for l in lines if re.search(r"\[(?:b|list|\*|code|quote|url|size|color|spoiler|table)\b[^\]]*\]", l, re.I)]
    return len(tagged) >= 5 and any(re.search(r"\[(?:list|code|\*)\b", l, re.I) for l in tagged)


def _bbcode(lines: list[str]) -> list[str]:
    """A forum post as read: tags are markup; a spoiler's or a link's name is text; '[*]' a bullet;
    a table row its cells."""
    def shown(match: re.Match) -> str:
        tag, value = match.group(2).lower(), match.group(3)
        if tag == "*":
            return "- "
        if tag in ("spoiler", "url", "quote") and value and not match.group(1):
            return value.strip('"') + " "
        return " | " if tag == "td" else ""
    return [BB_TAG.sub(shown, line).strip(" |") if BB_TAG.search(line) else line for line in lines]


def _textile_signs(lines: list[str]) -> bool:
    """Two 'h2.' headings and a Textile table, code paragraph, quote or '"text":url' link."""
    headings = sum(bool(re.match(r"^h[1-6]\S*?\.\s", l)) for l in lines)
    return headings >= 2 and any(re.match(r"^(?:\|_\.|bc\S*?\.|bq\S*?\.)\s", l.strip()) or re.search(r'"[^"]+":(?:https?|/)', l)
                                 for l in lines) and not any(l.startswith("||") for l in lines)


def _textile(lines: list[str]) -> list[str]:
    """Textile: a code paragraph's lines as written (a 'bc..' one's until the next block's
    signature), a header row naming its columns, a '{{toc}}' macro unseen."""
    out, code = [], ""   # code: '' outside, 'bc.' until a blank line, 'bc..' until a signature
    for line in lines:
        signature = re.match(r"^(h[1-6]|bq|bc|pre|p|notextile|table|fn\d+)([^\s.]*)(\.\.?)(?:\s+(.*))?$", line)
        if code and (signature or (code == "bc." and not line.strip())):
            code = ""
        if code:
            out.append(line)
        elif signature and signature.group(1) in ("bc", "pre"):
            code = "bc" + signature.group(3)
            out.append(signature.group(4) or "")
        elif re.match(r"^\s*</?pre\b|^\s*\{\{>?\w+\}\}\s*$|^\s*-{3,}\s*$", line) or line.strip().startswith("|_."):
            out.append(re.sub(r"</?(?:pre|code)\b[^>]*>", "", line) if "<pre" in line else "")
        elif line.strip().startswith("|"):
            cells = [re.sub(r"^[_<>=^~\\/\d]*\.\s", "", c.strip() + " ").strip() for c in line.strip().strip("|").split("|")]
            out.append("| " + " | ".join(_textile_inline(c) for c in cells) + " |")
        elif signature:
            text = signature.group(4) or ""
            out.append(("# " + text) if signature.group(1).startswith("h") else text)
        else:
            out.append(_textile_inline(re.sub(r"^[*#]+\s+", "- ", line.strip())))
    return out


def _textile_inline(text: str) -> str:
    text = re.sub(r'"([^"]+)":(\S+?)(?=[.,;:!?)]?(?:\s|$))', r"[\1](\2)", text)
    text = re.sub(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]", r"\1", text)
    text = re.sub(r"(?<!\w)@([^@\s][^@]*?)@(?!\w)", r"\1", text)
    text = re.sub(r"(?<![\w*])\*+([^*\s][^*]*?)\*+(?![\w*])", r"\1", text)
    return re.sub(r"(?<![\w_])_+([^_\s][^_]*?)_+(?![\w_])", r"\1", text)


def _creole_signs(lines: list[str]) -> bool:
    """'= Heading =' lines beside a '|=' header cell or a '{{{' block."""
    headings = sum(bool(re.match(r"^=+\s*[^=\s]", l)) for l in lines)
    return headings >= 2 and any(l.startswith("|=") or l.rstrip() == "{{{" for l in lines)


def _creole(lines: list[str]) -> list[str]:
    """WikiCreole: a '{{{' block's lines as written between fences, a header row naming its columns."""
    out, code = [], False
    for line in lines:
        if line.rstrip() in ("{{{", "}}}") and (code or "}}}" in (l.rstrip() for l in lines[len(out):])):
            code = line.rstrip() == "{{{"
            out.append("```")
        elif code:
            out.append(line)
        elif line.startswith("|="):
            out.append("")
        elif line.startswith("|"):
            out.append("| " + " | ".join(_creole_inline(c.strip()) for c in re.split(r"\|(?![^\[]*\]\])", line.strip().strip("|"))) + " |")
        elif re.fullmatch(r"\s*-{4,}\s*", line):
            out.append("")
        else:
            text = re.sub(r"^(=+)\s*(.*?)\s*=*\s*$", r"# \2", line.strip()) if line.startswith("=") else line.strip()
            out.append(_creole_inline(re.sub(r"^[*#]+\s+", "- ", text)))
    return out


def _creole_inline(text: str) -> str:
    text = re.sub(r"\{\{\{|\}\}\}", "", text)
    text = re.sub(r"\[\[((?:https?|mailto):[^\[\]|]*)\|([^\[\]]*)\]\]", r"[\2](\1)", text)
    text = re.sub(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]", r"\1", text)
    text = re.sub(r"\*\*", "", text)
    text = re.sub(r"(?<!:)//", "", text)
    return re.sub(r"\s*\\\\\s*", " ", text).strip()


SLACK_HEADER = re.compile(r"^\s*[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}\s{2,}(?:[A-Z][a-z]{2} \d{1,2}\w{0,2} at )?\d{1,2}:\d\d\s?[AP]M\s*$")


def _slack(line: str) -> str:
    """What Slack shows of a line: its emoji as pictures (no words), '*bold*' as bold, a line in bold alone as a title."""
    emoji = r"\s*:[a-z0-9_+'-]{1,40}:\s*"
    reactions = not re.sub(r"[\d\s]", "", re.sub(emoji, " ", line))   # ':heart: 14  :+1: 9': the counts, as written
    shown = line if reactions else re.sub(emoji, " ", line).strip()
    whole = re.fullmatch(r"\*([^*]+)\*(\s*\(.*\))?", shown)
    if whole:
        return "## " + whole.group(1) + (whole.group(2) or "")
    return re.sub(r"(?<![\w*])\*([^*\n]+?)\*(?![\w*])", r"**\1**", shown)
