"""Rendering: the one Markdown renderer, the Jinja environment and the gettext catalogs."""
