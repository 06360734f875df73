"""Bad-input cases: small edits to the minimal course, each with the diagnostics it must give.

A case file (tests/cases/bad/*.case) is plain text, so a new rule's cases need no Python:

    # one line saying what is wrong
    --- replace: quizzes/first-steps.yml
    correct: true
    ===>
    correct: false
    --- expect
    quizzes/first-steps.yml:3:5 error[quiz.no-correct-option]

Blocks:
- ``--- replace: PATH``: the text before ``===>`` is replaced by the text after (first match; nothing
  after it deletes the text);
- ``--- file: PATH``: the whole file, created or overwritten (``--- file-latin1: PATH`` writes it
  in Latin-1, to make a file that is not UTF-8; ``--- file-crlf: PATH`` with CRLF line ends);
- ``--- delete: PATH``: the file is removed;
- ``--- symlink: PATH -> TARGET``: a link (to test paths that leave the repository);
- ``--- expect``: one line per diagnostic that must be reported, ``FILE:LINE:COL SEVERITY[CODE]``
  (``:COL`` may be left out), optionally followed by `` ~ TEXT``: the message must contain TEXT.
  Other diagnostics may appear too, unless the case says ``--- expect-only``.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

EXPECT_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+)(?::(?P<col>\d+))? (?P<severity>error|warning)\[(?P<code>[a-z0-9.-]+)\]"
    r"(?: ~ (?P<message>.+))?$"
)


@dataclass
class Expected:
    file: str
    line: int
    col: int | None
    severity: str
    code: str
    message: str | None = None

    def matches(self, item: dict[str, object]) -> bool:
        return (
            item["file"] == self.file
            and item["line"] == self.line
            and (self.col is None or item["col"] == self.col)
            and item["severity"] == self.severity
            and item["code"] == self.code
            and (self.message is None or self.message in str(item["message"]))
        )

    def __str__(self) -> str:
        col = f":{self.col}" if self.col else ""
        message = f" ~ {self.message}" if self.message else ""
        return f"{self.file}:{self.line}{col} {self.severity}[{self.code}]{message}"


@dataclass
class Case:
    name: str
    description: str
    blocks: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, argument, body)
    expected: list[Expected] = field(default_factory=list)
    only: bool = False

    def apply(self, root: Path) -> None:
        for kind, argument, body in self.blocks:
            path = root / argument
            if kind == "replace":
                old, _, new = body.partition("\n===>")
                new = new.removeprefix("\n")  # an empty replacement deletes the text
                text = path.read_text(encoding="utf-8")
                assert old in text, f"{self.name}: text to replace not found in {argument}: {old!r}"
                path.write_text(text.replace(old, new, 1), encoding="utf-8")
            elif kind.startswith("file"):
                path.parent.mkdir(parents=True, exist_ok=True)
                data = body + "\n"
                if kind == "file-crlf":
                    data = data.replace("\n", "\r\n")
                path.write_bytes(data.encode("latin-1" if kind == "file-latin1" else "utf-8"))
            elif kind == "delete":
                path.unlink()
            elif kind == "symlink":
                link, target = (part.strip() for part in argument.split("->"))
                if (root / link).is_dir() and not (root / link).is_symlink():
                    shutil.rmtree(root / link)  # a folder replaced by a link
                (root / link).unlink(missing_ok=True)
                os.symlink(target, root / link)
            else:
                raise ValueError(f"{self.name}: unknown block '{kind}'")


def read_case(path: Path) -> Case:
    text = path.read_text(encoding="utf-8")
    parts = re.split(r"^--- ", text, flags=re.MULTILINE)
    description = parts[0].strip().lstrip("# ")
    case = Case(path.stem, description)
    for part in parts[1:]:
        header, _, body = part.partition("\n")
        kind, _, argument = header.partition(":")
        kind, argument, body = kind.strip(), argument.strip(), body.rstrip("\n")
        if kind in ("expect", "expect-only"):
            case.only = kind == "expect-only"
            for line in filter(None, (line.strip() for line in body.split("\n"))):
                match = EXPECT_LINE.match(line)
                assert match, f"{path.name}: bad expect line {line!r}"
                col = match.group("col")
                case.expected.append(
                    Expected(
                        match.group("file"),
                        int(match.group("line")),
                        int(col) if col else None,
                        match.group("severity"),
                        match.group("code"),
                        match.group("message"),
                    )
                )
        else:
            case.blocks.append((kind, argument, body))
    assert case.expected, f"{path.name}: a case must expect at least one diagnostic"
    return case


def all_cases(folder: Path) -> list[Case]:
    return [read_case(path) for path in sorted(folder.glob("*.case"))]
