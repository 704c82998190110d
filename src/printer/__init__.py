"""printer: typesets print-ready Chinese newspaper pages from YAML content and layout specs."""

__version__ = "0.1.0"
