"""What the CLI and the plugin run: site preparation, reporters, file-editing commands."""
