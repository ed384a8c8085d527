"""What kind of contact a name is (person, team, rotation, vendor or channel), read from the words
the source gives for it: 'security on-call' is a rotation, 'Service desk' a team, 'Engineering
manager' a person. Where the words say nothing, the kind is a placeholder that `playbook check`
reports, never a plausible default."""
from __future__ import annotations

import re

from ..validate.imported import missing

# In order: the first kind whose words the name holds. 'On-call engineer' is a rota of engineers,
# 'Bridge line' a channel, 'Platform team lead' a person (a title at the end names one holder).
_WORDS = [
    ("rotation", r"on[- ]?call|rota|rotation|pager\s*duty|roster"),
    ("person", r"(?:manager|director|lead|head|chief|officer|president|vp|ceo|cto|ciso|cfo|coo|cio|cso|dpo|"
               r"commander|coordinator|engineer|administrator|analyst|architect|owner|counsel|advisor|adviser|"
               r"specialist|supervisor|executive|founder|liaison|scribe|spokesperson|controller)s?\s*"
               r"(?:\([^()]*\))?\s*$"),
    ("channel", r"hotline|bridge|inbox|mailing\s+list|mailbox|channel|war\s*room|conference|dial-?in|"
                r"(?<!line )(?<!front )\bline\b(?!\s+manager)"),
    ("team", r"team|desk|queue|group|squad|department|dept|office|crew|committee|board|centre|center|"
             r"\bsoc\b|\bnoc\b|csirt|\bcert\b|helpdesk|staff|unit|operations"),
    ("vendor", r"vendor|supplier|provider|partner|contractor|insurer|\binc\b\.?|\bltd\b\.?|\bllc\b|\bgmbh\b|"
               r"\bplc\b|\bcorp\b\.?|\bco\.\s*$"),
    ("person", r"\b(?:manager|director|lead|head of|chief|officer|vp|ceo|cto|ciso|cfo|coo|cio|commander|"
               r"coordinator|engineer|counsel|supervisor|executive)\b"),
]
_RULES = [(kind, re.compile(rf"(?:^|\b|\s){pattern}", re.IGNORECASE)) for kind, pattern in _WORDS]
# Headings or table columns that say what the contacts under them are.
_CONTEXT = [("vendor", re.compile(r"vendor|supplier|third[- ]party|provider|partner", re.IGNORECASE)),
            ("team", re.compile(r"\bteams?\b|\bdesks?\b|\bqueues?\b|\bgroups?\b", re.IGNORECASE)),
            ("rotation", re.compile(r"\brotations?\b|\brotas?\b", re.IGNORECASE)),
            ("person", re.compile(r"\bpeople\b|\bpersons?\b|\bindividuals?\b", re.IGNORECASE))]
UNKNOWN = "person, team, rotation, vendor or channel"


def kind_in_words(name: str) -> str | None:
    """The kind the name's own words give, or None."""
    for kind, rule in _RULES:
        if rule.search(name):
            return kind
    return None


def contact_kind(name: str, context: str = "") -> str:
    """The kind from the name's words, else from a heading or column over it ('## Vendors'), else a
    placeholder for a human to fill in."""
    kind = kind_in_words(name)
    if kind:
        return kind
    for kind, rule in _CONTEXT:
        if context and rule.search(context):
            return kind
    return missing(UNKNOWN)
