"""Renderers: a `Document` (or a certificate page) → DOCX or PDF bytes.

Templates, fonts and stylesheets are loaded once per process and template folder; data is always
escaped; the PDF renderer fetches nothing but template files. Renderers take the document model,
never an input file (an import-linter contract in pyproject.toml keeps it so).
"""
