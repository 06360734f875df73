"""The Content-Security-Policy every page carries, as a ``<meta>`` tag: defence in depth.

Checks already refuse script, handlers and loads from other hosts in the content; the policy
makes the browser refuse them too, should anything slip through. It allows files of the site or
package itself ('self'), ``data:`` images (the theme's CSS icons), and inline styles (the theme
sets some; CSS cannot run script, and ``img-src``/``font-src`` stop it loading from elsewhere).
Inline event handlers are never allowed. The theme's two small inline scripts are allowed by
their SHA-256 hashes, computed from the page with its content left out, so a script in the
content is never hashed and never runs.

Links the reader clicks are not loads and stay allowed. A cmi5 package talks to the LMS's
record store, whose address it only learns at launch, so its policy lets it connect to any
https host; nothing else in it may load from another host.
"""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json""", re.IGNORECASE)
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)


def policy(script_hashes: tuple[str, ...] = (), connect: str = "'self'") -> str:
    scripts = " ".join(["'self'", *(f"'sha256-{h}'" for h in script_hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src {connect}",
            "media-src 'self'",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def meta(content_policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{content_policy}">'


def inline_script_hashes(html: str) -> tuple[str, ...]:
    """SHA-256 (base64) of every inline script that runs; JSON data blocks do not run and need none."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs.lower() or DATA_TYPE.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(base64.b64encode(digest).decode("ascii"))
    return tuple(dict.fromkeys(hashes))


def with_policy(page_html: str, content_html: str) -> str:
    """The theme's page with the policy as the first tag of its head (before any script).

    Only scripts of the theme are hashed: the page's content is removed before hashing.
    """
    theme_only = page_html.replace(content_html, "") if content_html else page_html
    tag = meta(policy(inline_script_hashes(theme_only)))
    return HEAD.sub(lambda m: m.group(0) + "\n    " + tag, page_html, count=1)
