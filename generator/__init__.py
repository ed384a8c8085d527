"""Docs-as-code for incident response: YAML content to runbook site, cards and post-mortems."""
from __future__ import annotations

__version__ = "0.1.0"
