"""`playbook import`: Markdown incident-response documents to validated content."""
from __future__ import annotations
