"""What the importer found, and the rules shared by its passes."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .mdparse import Block, Section, strip_md

HOMES = [("post-mortem", "postmortem"), ("postmortem", "postmortem"), ("post-incident", "postmortem"),
         ("blameless", "postmortem"), ("severit", "severities"), ("classification", "severities"),
         ("contact", "contacts"), ("escalat", "escalation"), ("role", "roles"), ("raci", "roles"), ("phase", "process"),
         ("workflow", "process"), ("process", "process"), ("checklist", "process"),
         ("template", "templates"), ("communication", "templates"), ("messages", "templates")]
STAGES = [("symptom", "symptoms"), ("immediate", "immediate"), ("initial", "immediate"),
          ("first", "immediate"), ("diagnos", "investigate"), ("investigat", "investigate"),
          ("analy", "investigate"), ("check", "investigate"), ("cause", "causes"),
          ("resolution", "resolve"), ("resolve", "resolve"), ("fix", "resolve"), ("recover", "resolve"),
          ("remediat", "resolve"), ("response action", "resolve"), ("containment", "resolve"),
          ("mitigat", "resolve"), ("hardening", "resolve"), ("verif", "verify"), ("validat", "verify"),
          ("response", "resolve"), ("detect", "symptoms"), ("eradicat", "resolve"), ("steps", "resolve"), ("identif", "immediate"),
          ("procedure", "resolve"), ("what to do", "resolve"), ("after the", "verify"),
          ("follow-up", "verify"), ("follow up", "verify"), ("troubleshoot", "investigate"),
          ("confirm", "investigate")]   # 'Confirm it's real': that it is an incident, before anything is done
SHELL_LANGS = {"bash", "sh", "shell", "console", "zsh", "sql", "python", "pycon", ""}
# The commands operators type first on a line (network checks, remote shells, service control,
# databases, logs): a code block or a step that starts with one is a command to run.
COMMAND_WORDS = ("ping", "ping6", "ssh", "scp", "rsync", "dig", "nslookup", "host", "traceroute", "mtr", "nc",
                 "telnet", "openssl", "netstat", "ss", "ip", "ifconfig", "iptables", "nft", "service", "mysql",
                 "mysqladmin", "mongo", "mongosh", "nginx", "apachectl", "crontab", "ps", "kill", "pkill", "killall",
                 "du", "mount", "umount", "lsof", "strace", "tcpdump", "uptime", "zcat", "less", "head", "awk",
                 "sed", "wc", "tar", "chmod", "chown", "mv", "cp", "rm", "mkdir", "export", "cd", "ansible",
                 "ansible-playbook", "vault", "consul", "nomad", "etcdctl", "virsh", "ceph", "zpool", "zfs",
                 "ipmitool", "openstack", "oc", "eksctl", "argocd", "pg_dump", "pg_restore", "rabbitmqctl",
                 "nodetool", "cqlsh", "certbot", "supervisorctl", "svc", "svstat", "wget", "jq", "watch",
                 "dmesg", "vmstat", "iostat", "htop", "nmap", "whois", "mailq", "postqueue", "postsuper", "exim",
                 # Windows' own: 'tracert 10.40.12.1', 'ipconfig /all'
                 "tracert", "pathping", "ipconfig", "netsh", "tasklist", "taskkill", "gpupdate", "robocopy",
                 "certutil", "wevtutil", "nbtstat", "vssadmin", "wmic", "schtasks", "wbadmin", "bcdedit", "icacls",
                 "qwinsta", "klist", "nltest", "dsquery", "repadmin", "dcdiag", "gpresult",
                 # print queues (CUPS) and SQL Server's command line: 'lpstat -p zebra-3', 'sqlcmd -S DB01 -Q ...'
                 "lpstat", "lpq", "lprm", "lpadmin", "cupsenable", "cupsdisable", "cupsaccept", "cupsreject", "cancel",
                 "sqlcmd", "bcp")
# PowerShell's approved verbs that runbooks type ('Revoke-MgUserSignInSession', 'Search-UnifiedAuditLog')
POWERSHELL_VERBS = ("Get", "Set", "New", "Remove", "Restart", "Start", "Stop", "Test", "Invoke", "Add", "Enable",
                    "Disable", "Import", "Export", "Clear", "Resolve", "Update", "Install", "Uninstall", "Suspend",
                    "Resume", "Revoke", "Grant", "Search", "Find", "Connect", "Disconnect", "Reset", "Register",
                    "Unregister", "Move", "Copy", "Rename", "Block", "Unblock", "Repair", "Restore", "Backup",
                    "Mount", "Dismount", "Send", "Wait", "Lock", "Unlock", "Measure", "Select", "Sort", "Format")
SHELL_START = re.compile(r"^(sudo |kubectl |aws |curl |psql |python |redis-cli |git |tail |grep |find |df |"
                         r"free |top|systemctl |journalctl |docker |for |done|\./|SELECT |FROM |WHERE |ORDER |"
                         r">>> |pg_isready |ls |cat |echo |gcloud |az |helm |terraform |npm |make |"
                         r"(?:" + "|".join(re.escape(word) for word in COMMAND_WORDS) + r") |"
                         r"/(?:etc|usr|var|opt|bin|sbin|srv|home)/[\w./-]+(?: |$)|"
                         # PowerShell: 'Get-Service -Name x', 'Restart-Service -Name Spooler' (a verb, a noun, a parameter)
                         r"(?:" + "|".join(POWERSHELL_VERBS) + r")-[A-Z][A-Za-z]{3,}"
                         # ... then a parameter, nothing, a drive's path ('D:\\EDI\\Pending') or a pipe into a cmdlet
                         r"(?=\s.*\s-[A-Za-z]|\s+-[A-Za-z]|\s*$|\s+[A-Za-z]:\\|.*\|\s*[A-Z][a-z]+-[A-Z]))")
POWERSHELL = re.compile(r"^(?:PS [A-Z]:\\[^>]*> ?)?[A-Z][a-z]+-[A-Z][A-Za-z]{3,}\b")   # 'Get-Service', a verb and a noun


@dataclass
class Found:
    """Everything extracted, plus which source lines it used."""

    levels: dict[str, dict] = field(default_factory=dict)
    contacts: dict[str, dict] = field(default_factory=dict)
    escalation: list[dict] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)
    phases: list[dict] = field(default_factory=list)
    templates: list[dict] = field(default_factory=list)
    playbooks: list[dict] = field(default_factory=list)
    postmortem: dict = field(default_factory=dict)
    org: dict = field(default_factory=lambda: {"channels": [], "tools": []})
    used: set[int] = field(default_factory=set)
    homes: dict[int, str] = field(default_factory=dict)    # line -> document key for notes
    flags: list[str] = field(default_factory=list)
    mapped: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    guidance: dict[str, list[dict]] = field(default_factory=dict)   # document key -> policy text sections
    guidance_lines: set[int] = field(default_factory=set)           # the source lines kept as guidance
    writer: str = ""   # the contact a phone list marks as its author's own ('Mark Ellison (me) - ...')
    senders: list = field(default_factory=list)   # an e-mail's 'From:' headers: (line, name, address)

    def use(self, where: str, *blocks: Block) -> None:
        for block in blocks:
            self.used.update(block.lines)
            self.mapped[where].extend(block.lines)


def in_playbook(found: Found, section: Section) -> bool:
    """The section is a playbook's (its heading went to one): a number or a 'page X' there is a step."""
    return found.homes.get(section.line, "").startswith("playbook:")


def free_paragraphs(root: Section, found: Found) -> Iterator[Block]:
    """Every paragraph outside a playbook that no pass has used yet, checked as each is reached (a
    caller that uses one meanwhile is never handed it again)."""
    for section in root.walk():
        if in_playbook(found, section):
            continue
        for block in section.blocks:
            if block.kind == "para" and block.lines[0] not in found.used:
                yield block


def command_block(block: Block) -> bool:
    """A code block of shell commands: a shell's language, or a line that starts as a command does."""
    return block.kind == "code" and (block.lang in SHELL_LANGS - {""} or
                                     any(SHELL_START.match(line.strip()) for line in block.code))


def unused_tables(root: Section, found: Found) -> Iterator[tuple[Section, Block, list[str]]]:
    """Every table with a header and rows that no pass has used yet, with its header cells as plain
    lower-case text; checked as each is reached, so a table used by the caller meanwhile is skipped."""
    for section in root.walk():
        for block in section.blocks:
            if block.kind == "table" and len(block.rows) >= 2 and block.lines[0] not in found.used:
                yield section, block, [strip_md(h).lower() for h in block.rows[0]]


def home_of(section: Section) -> str:
    """The document a section's lines go to: the first of its headings, inward out, that names one."""
    if section.home is None:   # no heading changes once parsed: every pass asks again
        section.home = _home_of(section)
    return section.home


def _home_of(section: Section) -> str:
    node = section
    while node is not None and node.level > 0:
        home = _title_home(node.title)
        if home:
            return home
        node = node.parent
    return "organization"


@lru_cache(maxsize=65536)
def _title_home(title: str) -> str:
    """The document a heading names ('Escalation Matrix' -> escalation), or ''; every pass asks again."""
    lowered = title.lower()
    for word, home in HOMES:
        if word in lowered:
            return home
    return ""


@lru_cache(maxsize=65536)
def _stage(name: str) -> str | None:
    lowered = name.lower()
    for word, stage in STAGES:
        if word in lowered:
            return stage
    return None

def _looks_like_scenario(section: Section) -> bool:
    """Symptoms listed, or several stages (Investigation, Response...), or one under a severity heading."""
    names = [c.title for c in section.children] + [b.label for b in section.blocks if b.kind == "label"]
    if any("symptom" in n.lower() for n in names):
        return True
    if PLAYBOOK_TITLE.match(strip_md(section.title)):
        return True
    sole_title = section.level == 1 and section.parent is not None and len(section.parent.children) == 1
    if (section.level < 2 and not sole_title and not _runbook_page(section)) or "checklist" in section.title.lower():
        return False
    if sole_title and any(DOCUMENT_PART.search(strip_md(c.title)) for c in section.children):
        return False   # the document's title over its parts ('1. Severity', '2. Contacts', '3. Procedures')
    stages = {_leading_stage(n) for n in names} - {None, "causes"}
    return len(stages) >= 2 or (len(stages) == 1 and bool(_parent_level(section)) and not section.children)

# 'Service: auth' / 'Severity: SEV-1' / 'Owner: ...' under a page's title: a runbook's own page (a Notion
# database's pages exported one after another, each under a '# Title' of its own)
PAGE_FIELD = re.compile(r"^(?:service|severity|sev|priority|owner|alert|component)\s*:\s*\S", re.IGNORECASE)


def _runbook_page(section: Section) -> bool:
    return sum(bool(b.kind == "para" and PAGE_FIELD.match(strip_md(b.text))) for b in section.blocks[:6]) >= 2


DOCUMENT_PART = re.compile(r"severit|priorit|\bcontacts?\b|who to call|escalation|\broles\b|\bprocedures\b", re.IGNORECASE)
# 'Playbook 2: X', 'Runbook A — X', 'Incident Response Playbook: X' (a few words naming the kind first)
PLAYBOOK_TITLE = re.compile(r"^(?:\d{1,2}[.)]\s+)?(?:[A-Za-z][\w-]*\s+){0,3}?(playbook|runbook)(?:\s*\d{1,2}|\s+(?-i:[A-Z]))?\s*"
                            r"(?::|\s[—–-]\s)", re.I)   # ('Alert runbooks — ...': runbooks, a folder of them)
# '2. Containment', 'Quick fixes', 'Phase 3 - Containment': what numbers or leads a stage's name (a plan's phases)
STAGE_LEAD = re.compile(r"^(\d+(?:\.\d+)*[.)]?\s+|quick\s+|phase\s+\d{1,2}\s*[-–—:.]\s*)")
PARENT_LEVEL = re.compile(r"\b(P[\s-]?[0-9]|SEV[\s-]?[0-9])\b")


@lru_cache(maxsize=65536)
def _leading_stage(name: str) -> str | None:
    """A stage only when the name starts with it: 'Investigation Steps', 'Quick Fixes', 'Response'."""
    name = STAGE_LEAD.sub("", strip_md(name).lower())
    for word, stage in STAGES:
        if name.startswith(word):
            return stage
    return None

def _parent_level(section: Section) -> str:
    node = section.parent
    while node is not None and node.level > 0:
        match = PARENT_LEVEL.search(node.title)
        if match:
            return match.group(1).replace(" ", "").replace("-", "").upper()
        node = node.parent
    return ""
