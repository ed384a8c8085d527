"""Prometheus alerts: rule files, runbook_url checks and links, the alert index, redirects."""
