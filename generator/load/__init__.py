"""Reading content: strict YAML with source positions, front matter, the content tree."""
