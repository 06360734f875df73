"""The runtime script every page loads: the core, then every kind's module, then the start.

A new kind's ``runtime/kinds/<name>.js`` is picked up here by its file name, so no list of
scripts names the kinds (neither the site's nor a package's).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

RUNTIME = Path(__file__).parent.parent / "runtime"


def kind_scripts() -> list[Path]:
    return sorted((RUNTIME / "kinds").glob("*.js"))


@cache
def runtime_js() -> bytes:
    """cybersafe.js as pages load it."""
    parts = [(RUNTIME / "cybersafe.js").read_text(encoding="utf-8")]
    parts += [path.read_text(encoding="utf-8") for path in kind_scripts()]
    parts.append("window.CyberSafe.start();\n")
    return "\n".join(parts).encode("utf-8")
