"""Severity ladders: level ids in headings, bold labels, key-value bullets and table columns;
a response time is a value whose key says respond, acknowledge or SLA."""
from __future__ import annotations

from ..validate.imported import missing

import re

from .found import Found
from .mdparse import Block, Section, strip_md
from .text import business_time, duration


LEVEL_ONLY = re.compile(r"^\W*((?:P|SEV|S|Priority|Severity)(?:[\s-]|::)?[0-9]|(?:Severity|Priority|Sev|SEV)[\s-]+[A-E])\b\W*(.*)$",
                        re.IGNORECASE)


GRADE_ID = re.compile(r"^\W*([A-Za-z]{1,10})[\s-]?([0-9]{1,2}|(?-i:[A-E]))\W*$")   # 'CAT 1', 'Tier 2', 'CAT A'
# 'Category 1; (Major)', 'Tier 2 – Urgent': the grade and the name written after it
GRADE_NAMED = re.compile(r"^\W*([A-Za-z]{1,10})[\s-]?([0-9]{1,2})\s*[;:,–—-]?\s*(?:\(([A-Za-z][\w ]{0,30})\)|"
                         r"([A-Za-z][\w ]{0,30}))\W*$")


RESPONSE_KEY = re.compile(r"respon(?!ders?\b)|\breaction\b|\bhow (?:fast|soon|quickly)\b|\bpage[\s_-]*within\b|acknowledg|\back\b|\bsla\b|time to (engage|respond)|\bfirst (reply|answer|post|public post|update|notice)\b|\b(?:assigned|on the call|engaged|joined)\s+within\b|\breply within\b|\banswer(?:ed)? within\b|\battend(?:ance)? within\b|\battends?\b|\bengage(?:d|ment)?\b|\bon[- ]site\b|\bon site within\b", re.IGNORECASE)


MEANING_KEY = re.compile(r"defin|descr|meaning|\bmeans\b|impact|summary|criteria|what", re.IGNORECASE)


EXAMPLE_KEY = re.compile(r"example", re.IGNORECASE)


PAGING_KEY = re.compile(r"paging|page|notif|alert", re.IGNORECASE)


UPDATE_KEY = re.compile(r"updates?\b|cadence", re.IGNORECASE)


RESOLUTION_KEY = re.compile(r"resolution|resolve|restore", re.IGNORECASE)


def level_id(text: str) -> str | None:
    match = LEVEL_ONLY.match(strip_md(text))
    if not match:
        return None
    raw = re.sub(r"[\W_]", "", match.group(1)).upper()
    raw = raw.replace("PRIORITY", "P").replace("SEVERITY", "SEV")
    return raw if raw[-1].isdigit() else f"{raw[:-1]}-{raw[-1]}"   # 'Severity A' -> SEV-A


def paging_of(text: str) -> str | None:
    """Only what the words say: 24/7, business hours, ticket."""
    lowered = text.lower()
    if re.search(r"24/7|24x7|any time|page immediately", lowered) or (
            "around the clock" in lowered and re.search(r"\bpag", lowered)):   # a response around the clock is no page
        return "page-24x7"
    if "business hours" in lowered:
        return "page-business-hours"
    if re.search(r"\bticket\b", lowered) and (re.search(r"\bonly\b|\bno pag|not paged|never pag|instead of pag|"
                                                       r"rather than pag|without pag|ticket,? not a page", lowered)
                                             or re.fullmatch(r"\W*(?:a |by |create a |open a )?ticket\W*", lowered)):
        return "ticket"   # 'ticket only', 'creates a ticket, no page': not every sentence that names a ticket
    return None


def apply_level_value(entry: dict, key: str, value: str) -> bool:
    """One key-value fact about a level; True if it was structured."""
    value = strip_md(value)
    if not value:
        return False
    if RESPONSE_KEY.search(key) and business_time(value) and len(value.split()) <= 6:
        entry.setdefault("response_time", business_time(value))   # '4 hours (office hours)': 4bh, never 4h
        if paging_of(value):
            entry.setdefault("paging", paging_of(value))
        return False   # the source's words stay beside it, as a detail
    if RESPONSE_KEY.search(key) and duration(value):
        from .prose import responding_part

        entry.setdefault("response_time", duration(responding_part(value)))
        if paging_of(value):
            entry.setdefault("paging", paging_of(value))
        return True
    if UPDATE_KEY.search(key) and duration(value) and duration(value) != "immediate":
        entry.setdefault("update_every", duration(value))
        return True
    if RESOLUTION_KEY.search(key) and duration(value):
        entry.setdefault("resolution_target", duration(value))
        return True
    if EXAMPLE_KEY.search(key):
        entry.setdefault("examples", []).extend(x.strip() for x in re.split(r";" if ";" in value else r",", value) if x.strip())
        return True
    if PAGING_KEY.search(key) and paging_of(value):
        entry.setdefault("paging", paging_of(value))
        return True
    if MEANING_KEY.search(key):
        if entry.get("description"):
            entry["description"] += f" {key}: {value}"
        else:
            entry["description"] = value
        return True
    return False


def lossless(value: str) -> bool:
    """True when a value is no more than what its field keeps: '15 minutes', 'within 1 hour', 'P1'."""
    text = strip_md(value).lower().strip(" .")
    return bool(re.fullmatch(r"(?:within\s+|under\s+|<\s*)?(\d+(?:\.\d+)?\s*[a-z]+|immediate(ly)?|next business day)",
                             text)) or not (duration(text) or paging_of(text))   # else kept verbatim


def written_as(level: dict, label: str) -> None:
    """'Sev 1 — Critical', which the site shows as 'SEV1 · Critical': the label as the source writes
    it is kept with the level, so a reader finds the words of the old page."""
    text = strip_md(label).strip(" :")
    def plain(value: str) -> str:
        return " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower()).split())
    if plain(text) != plain(f"{level['id']} {level['name']}") and text not in level.get("aliases", []):
        level.setdefault("aliases", []).append(text)


def _squeezed(text: str) -> str:
    """'Sev-2' and 'SEV2' alike: letters and digits only, in capitals."""
    return re.sub(r"[\W_]+", "", text).upper()


def _under_severities(section: Section) -> bool:
    node = section.parent
    while node is not None and node.level > 0:
        if re.search(r"severit|priorit|\bsev\b|levels|classification", node.title, re.I):
            return True
        node = node.parent
    return False


def _rest_name(key: str) -> str:
    match = LEVEL_ONLY.match(strip_md(key))
    return match.group(2).strip(" -–—:()") if match else ""


def level_tables(root: Section, found: Found, make_level) -> None:
    """Any table with a column of level ids; other columns by what their header says."""
    for section in root.walk():
        for block in section.blocks:
            if block.kind == "table" and len(block.rows) > 1 and block.lines[0] not in found.used:
                _level_table(block, found, make_level, _names_a_ladder(section))


def _level_table(block: Block, found: Found, make_level, ladder_section: str = "") -> None:
    header = [strip_md(h) for h in block.rows[0]]
    body = block.rows[1:]
    if len(header) >= 3 and all(level_id(h) for h in header[1:]) and not level_id(header[0]) and \
            not any(level_id(row[0]) for row in body if row):
        _level_columns(block, found, make_level)
        return
    columns = [i for i in range(len(header))
               if sum(bool(level_id(row[i])) for row in body if i < len(row)) >= max(1, len(body) // 2 + 1)]
    if len(columns) > 1:
        return   # impact x urgency: level ids in the cells of a cross table, not a ladder (kept as guidance)
    column = columns[0] if columns else None
    ident, rest = level_id, _rest_name
    if column is None and any(RESPONSE_KEY.search(h) for h in header):
        column, ident, rest = _grade_column(body), _grade_id, _grade_name   # 'CAT 1', 'Tier 2' with a response column
    if column is None and ladder_section:
        column, ident, rest = _numbered_column(header, body, ladder_section)
    if column is None:   # '| Level | ... |' over 'G1', 'G2': a team's own grades under a header that names them
        column, ident, rest = _headed_grades(header, body), _grade_id, _grade_name
    if column is None:
        return
    noted = False   # a row of no level ('Note: L1/L2 also need a DATIX entry'): the table stays in notes too
    for row in body:
        lid = ident(row[column]) if column < len(row) else None
        if not lid:
            noted = noted or any(strip_md(cell) for cell in row)
            continue
        name = rest(row[column]) or strip_md(row[column])
        name_col = next((i for i, h in enumerate(header) if re.search(r"\bname\b|label|title", h, re.I)), None)
        if name_col is not None and name_col < len(row):
            name = strip_md(row[name_col])
        seen = lid in found.levels or re.sub(r"-(?=\d)", "", lid.replace(" ", "")).upper() in found.levels
        entry = make_level(found, lid, name or lid) if ident is level_id else \
            found.levels.setdefault(lid, {"id": lid, "name": name or lid})   # 'CAT-2' keeps its separator
        written = strip_md(row[column]).strip()
        if written != lid and ((name_col is not None and _squeezed(written) != _squeezed(lid))   # 'Priority 1 (P1)'
                               or ident is _grade_id or _squeezed(written) == _squeezed(lid)):
            written_as(entry, row[column])   # 'C1 – Critical' for the grade C-1, 'SEV-2' for SEV2: as the old page wrote it
        if seen and name and name != entry.get("name") and name != lid:   # a second table names it too: kept
            entry.setdefault("details", []).append(
                {"label": header[name_col] if name_col is not None and name_col < len(header) else "Name",
                 "text": name})
        for i, (head, cell) in enumerate(zip(header, row)):
            if i in (column, name_col) or not strip_md(cell) or (not head and _row_index(body, i)):
                continue   # a data frame's unnamed index column (0, 1, 2 ...) numbers rows, says nothing
            # a header cell left empty: the column's name is not in the source (no 'Column 2' made up)
            label = head or missing(f"the name of the table's column {i + 1}")
            before = repr(entry)
            if apply_level_value(entry, head, cell):
                # '10 minutes, 24x7' is a time and a paging rule; a second response column ('out of hours')
                # finds the field taken, and '(business hours)' qualifies the time: keep the words too
                if not lossless(cell) or repr(entry) == before or re.search(r"\(|:", head):
                    entry.setdefault("details", []).append({"label": label, "text": strip_md(cell)})
            elif re.search(r"escalat", head, re.I):
                entry.setdefault("escalation_text", strip_md(cell))
            else:   # a column the ladder has no field for: kept with its level, under the column's name
                entry.setdefault("details", []).append({"label": label, "text": strip_md(cell)})
    if noted:
        found.mapped["severities"].extend(block.lines)
    else:
        found.use("severities", block)


def _row_index(body: list[list[str]], column: int) -> bool:
    """The column numbers the rows: 0, 1, 2 ... or 1, 2, 3 ..."""
    cells = [strip_md(row[column]) if column < len(row) else "" for row in body]
    return cells in ([str(n) for n in range(len(body))], [str(n + 1) for n in range(len(body))])


def _level_columns(block: Block, found: Found, make_level) -> None:
    """| | Sev 1 | Sev 2 | with a fact per row ('Page on-call | yes | business hours only'): each cell is
    that level's value for the row's fact, in its field where the row says which, else under the row's name."""
    header = [strip_md(h) for h in block.rows[0]]
    for row in block.rows[1:]:
        label = strip_md(row[0]) if row else ""
        for i in range(1, min(len(header), len(row))):
            cell = strip_md(row[i])
            lid = level_id(header[i])
            if not lid or not label or cell in ("", "—", "-", "–"):
                continue
            entry = make_level(found, lid, _rest_name(header[i]) or header[i])
            before = repr(entry)
            if MEANING_KEY.search(label) or EXAMPLE_KEY.search(label) or not apply_level_value(entry, label, cell) \
                    or not lossless(cell) or repr(entry) == before:   # 'Exec summary | within 24 h': not its meaning
                entry.setdefault("details", []).append({"label": label, "text": cell})
    found.use("severities", block)


def _grade_id(text: str) -> str | None:
    match = GRADE_ID.match(strip_md(text)) or GRADE_NAMED.match(strip_md(text))
    return f"{match.group(1).upper()}-{match.group(2)}" if match else None


def _grade_name(text: str) -> str:
    match = GRADE_NAMED.match(strip_md(text))
    return (match.group(3) or match.group(4) or "").strip() if match and not GRADE_ID.match(strip_md(text)) else ""


def _grade_column(body: list[list[str]]) -> int | None:
    """A column of 'WORD N' ids, one per row, all different."""
    for i in range(len(body[0]) if body else 0):   # a row with nothing in that column is a note under the ladder
        ids = [_grade_id(row[i]) for row in body if i < len(row) and strip_md(row[i])]
        if len(ids) >= 2 and all(ids) and len(set(ids)) == len(ids):
            return i
    return None


NUMBERED = re.compile(r"^\W*(\d{1,2})(?:\s*[-–—:.)]+\s*|\s+|$)(.*)$")
LADDER_WORD = re.compile(r"^\W*(category|class|severity|priority|sev|cat|level)\b", re.IGNORECASE)


HEADED_LADDER = re.compile(r"^\W*(?:level|severity|sev|priority|urgency|grade|class|category)\W*$", re.IGNORECASE)


STEP_COLUMN = re.compile(r"escalat|responder|\bwho\b|contact|\bafter\b|\bcall\b|\bpage\b|notify", re.IGNORECASE)


def _headed_grades(header: list[str], body: list[list[str]]) -> int | None:
    """The column headed 'Level' (or 'Urgency', 'Grade' ...) whose cells are one prefix numbered: G1, G2, G3."""
    if any(STEP_COLUMN.search(h) for h in header):
        return None   # '| Level | Who | After |': the steps of an escalation, not a ladder
    for i, head in enumerate(header):
        ids = [_grade_id(row[i]) if i < len(row) else None for row in body]
        if HEADED_LADDER.match(head) and len(body) >= 2 and all(ids) and len(set(ids)) == len(ids) \
                and len({lid.split("-")[0] for lid in ids}) == 1:
            return i
    return None


def _names_a_ladder(section: Section) -> str:
    """The section (or one above it) is about severity: 'Incident categories', 'Priority levels'.
    The word that names the ladder ('severity', 'priority', 'category'), or '' when none does."""
    node = section
    while node is not None and node.level > 0:
        word = LADDER_TITLE.search(node.title)
        if word:
            return word.group(1).lower()
        node = node.parent
    return "severity" if _under_severities(section) else ""


LADDER_TITLE = re.compile(r"\b(severit|priorit|categor|classif|sev\b)", re.IGNORECASE)
ID_HEAD = re.compile(r"^\W*(?:id|#|no\.?|nr\.?|number)\W*$", re.IGNORECASE)


def _numbered_column(header: list[str], body: list[list[str]], ladder: str = ""):
    """'Category' over '1 -- Critical', '2 -- High': the header names the ladder, each cell numbers a
    level (and may name it). The column, how a cell becomes an id ('Category 1' -> CATEGORY-1, and
    'Severity 1' -> SEV1 as elsewhere) and how it gives the name; or None when there is no such column."""
    kinds = {"severit": "severity", "priorit": "priority", "categor": "category", "sev": "sev"}
    for i, head in enumerate(header):
        word = LADDER_WORD.match(head)
        numbers = [NUMBERED.match(strip_md(row[i])) if i < len(row) else None for row in body]
        named = word.group(1) if word else kinds.get(ladder) if ID_HEAD.match(head) else None
        if not named or len(body) < 2 or not all(numbers) or len({m.group(1) for m in numbers}) < len(numbers):
            continue
        kind = named   # ('id' over 1, 2, 3 under 'SEVERITY LEVELS': the section's word names what the numbers count)
        def ident(cell: str, kind: str = kind) -> str | None:
            match = NUMBERED.match(strip_md(cell))
            return match and (level_id(f"{kind} {match.group(1)}") or f"{kind.upper()}-{match.group(1)}")
        def rest(cell: str) -> str:
            match = NUMBERED.match(strip_md(cell))
            return match.group(2).strip(" -–—:()*") if match else ""
        return i, ident, rest
    return None, None, _rest_name

