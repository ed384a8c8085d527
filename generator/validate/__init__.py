"""Checks beyond the schema. Each is a generator of problems, like jsonschema's keywords."""
from __future__ import annotations
