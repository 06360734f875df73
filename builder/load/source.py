"""Reading source files: UTF-8 decoding and repository-relative names."""

from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Code, Report
from builder.load import limits
from builder.model import Pos


class SourceTree:
    """The repository being loaded: turns file paths into the names diagnostics show."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def name(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except (OSError, RuntimeError):  # a loop of symbolic links: name it as written
            try:
                return path.absolute().relative_to(self.root).as_posix()
            except ValueError:
                return path.as_posix()
        except ValueError:
            return path.as_posix()

    def pos(self, path: Path, line: int = 1, col: int = 1) -> Pos:
        return Pos(self.name(path), line, col)

    def read(self, path: Path, report: Report) -> str | None:
        """The file's text with any BOM removed and line ends normalised; None if it is not UTF-8,
        holds a control character, or is larger than the limit (each reported at its place)."""
        if not limits.check_size(path.stat().st_size, path.suffix == ".md", self.pos(path), report):
            return None
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            report.add(Code.NOT_UTF8, f"byte 0x{data[exc.start]:02x} is not valid UTF-8", self.pos(path, line, col))
            return None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        found = limits.find_control(text)
        if found is not None:
            line, col, char = found
            report.add(
                Code.CONTROL_CHARACTER,
                f"the control character U+{ord(char):04X} is not allowed",
                self.pos(path, line, col),
            )
            return None
        return text
