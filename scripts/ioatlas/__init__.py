"""IO Atlas build tools: load YAML records, validate them, render Markdown, build the site."""

__version__ = "0.1.0"
