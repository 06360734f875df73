"""Loading: files -> the typed model, with every problem collected as a diagnostic."""

from builder.load.course import LoadResult, load_course

__all__ = ["LoadResult", "load_course"]
