"""Files and folders the loader would skip because of their name: each is reported, never ignored.

The loader reads ``curriculum/<code>/*.md``, ``curriculum/<code>/guides/*.md`` and
``quizzes/*.yml``. A file saved as ``*.MD`` or ``*.yaml``, a folder named after the URL slug
(``pt-BR``) instead of the language code (``pt_BR``), or a language folder that is a loop of
symbolic links would otherwise vanish from the course without a word.
"""

from __future__ import annotations

from pathlib import Path

from builder import languages as langs
from builder.diagnostics import Code, Report
from builder.load.source import SourceTree

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
YAML_SUFFIXES = (".yml", ".yaml")


def check_names(root: Path, tree: SourceTree, report: Report) -> None:
    """Report every file or folder whose name keeps it out of the course, with the name it should have."""
    curriculum = root / "curriculum"
    for lang in langs.ALL:
        folder = curriculum / lang.code
        if folder.is_symlink():
            try:
                folder.resolve(strict=True)
            except (OSError, RuntimeError):
                report.add(
                    Code.WRONG_NAME,
                    f"the language folder '{lang.code}' is a symbolic link that leads nowhere or back to itself",
                    tree.pos(folder),
                    hint=f"make curriculum/{lang.code} a real folder",
                )
    if curriculum.is_dir():
        for entry in sorted(curriculum.iterdir()):
            wanted = _language_code(entry.name)
            if entry.is_dir() and wanted and wanted != entry.name:
                report.add(
                    Code.WRONG_NAME,
                    f"the folder '{entry.name}' is not read: language folders are named by code",
                    tree.pos(entry),
                    hint=f"rename it to curriculum/{wanted}/",
                )
        for lang in langs.ALL:
            for folder in (curriculum / lang.code, curriculum / lang.code / "guides"):
                if folder.is_dir():
                    _suffixes(folder, MARKDOWN_SUFFIXES, ".md", tree, report)
    if (root / "quizzes").is_dir():
        _suffixes(root / "quizzes", YAML_SUFFIXES, ".yml", tree, report)


def _language_code(name: str) -> str | None:
    """The language code a folder name stands for (``pt-BR``, ``PT_br``, ``TH``), or None."""
    folded = name.lower().replace("-", "_")
    for lang in langs.ALL:
        if folded in (lang.code.lower(), lang.tag.lower().replace("-", "_"), lang.slug.lower().replace("-", "_")):
            return lang.code
    return None


def _suffixes(folder: Path, near: tuple[str, ...], right: str, tree: SourceTree, report: Report) -> None:
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for path in entries:
        suffix = path.suffix
        if suffix != right and suffix.lower() in near and not path.is_dir():
            report.add(
                Code.WRONG_NAME,
                f"'{path.name}' is not read: only '*{right}' files are",
                tree.pos(path),
                hint=f"rename it to '{path.stem}{right}'",
            )
