"""One module per question kind; each registers itself with ``@register`` (see builder/quiz/kind.py)."""
