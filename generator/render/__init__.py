"""Render the model to Markdown pages, the same way for the plugin and export-docs."""
from __future__ import annotations
