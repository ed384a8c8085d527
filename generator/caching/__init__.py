"""Content-hash caches: card layouts, parsed YAML, clean verdicts, serve rebuilds."""
