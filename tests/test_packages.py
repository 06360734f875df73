"""LMS packages: valid against the official schemas, complete, safe, deterministic, within limits."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from builder.load import load_course
from builder.quiz.state import max_state_length
from tests import conformance
from tests.conftest import REPO, overflow_saved_state

NS = {
    "scorm12": {
        "cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
        "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    },
    "scorm2004": {"cp": "http://www.imsglobal.org/xsd/imscp_v1p1", "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3"},
}
CMI5_NS = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"


def zips(site: Path, target: str) -> list[Path]:
    found = sorted((site / "packages" / target).glob("*.zip"))
    assert found, f"no {target} packages in {site}"
    return found


def read(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.mark.parametrize("target", ["scorm12", "scorm2004"])
def test_scorm_manifests_validate_and_reference_only_real_files(site_dir: Path, target: str) -> None:
    schema = conformance.scorm12() if target == "scorm12" else conformance.scorm2004()
    ns = NS[target]
    scormtype = f"{{{ns['adlcp']}}}" + ("scormtype" if target == "scorm12" else "scormType")
    for package in zips(site_dir, target):
        files = read(package)
        assert "imsmanifest.xml" in files, f"{package.name}: the manifest must be at the zip root"
        manifest = files["imsmanifest.xml"]
        assert conformance.errors(schema, manifest) == [], package.name
        root = ET.fromstring(manifest)
        version = root.find("cp:metadata/cp:schemaversion", ns)
        assert version is not None and version.text == ("1.2" if target == "scorm12" else "2004 4th Edition")
        ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
        assert len(ids) == len(set(ids)) and all(i.isascii() for i in ids), package.name
        resources = {r.get("identifier"): r for r in root.iter(f"{{{ns['cp']}}}resource")}
        items = list(root.iter(f"{{{ns['cp']}}}item"))
        leaves = [item for item in items if item.find("cp:item", ns) is None]
        assert leaves, f"{package.name}: no item to launch"
        for item in items:
            ref = item.get("identifierref")
            assert ref is None or ref in resources, f"{package.name}: {ref}"
        for item in leaves:  # every module is launchable: its item points at a SCO
            ref = item.get("identifierref")
            assert ref in resources and resources[ref].get(scormtype) == "sco", f"{package.name}: {ref}"
        for dependency in root.iter(f"{{{ns['cp']}}}dependency"):
            assert dependency.get("identifierref") in resources, package.name
        listed = set()
        for resource in resources.values():
            assert resource.get(scormtype) in ("sco", "asset"), f"{package.name}: spell {scormtype}"
            for file in resource.iter(f"{{{ns['cp']}}}file"):
                assert file.get("href") in files, f"{package.name}: {file.get('href')} is not in the zip"
                listed.add(file.get("href"))
            if resource.get("href"):
                assert resource.get("href") in files
        # and the manifest lists every file the zip holds
        unlisted = sorted(set(files) - listed - {"imsmanifest.xml"})
        assert unlisted == [], f"{package.name}: files not in the manifest: {unlisted[:5]}"
        for title in root.iter(f"{{{ns['cp']}}}title"):
            assert title.text and "&" not in title.text and title.text == title.text.strip()


def test_cmi5_structures_validate(site_dir: Path) -> None:
    schema = conformance.cmi5()
    if schema is None:
        pytest.skip(f"no cmi5 schema: {conformance.SHARED / 'cmi5'} does not exist (set CYBERSAFE_CONFORMANCE)")
    for package in zips(site_dir, "cmi5"):
        files = read(package)
        assert conformance.errors(schema, files["cmi5.xml"]) == [], package.name
        root = ET.fromstring(files["cmi5.xml"])
        aus = list(root.iter(f"{CMI5_NS}au"))
        assert aus, f"{package.name}: no AU in cmi5.xml"
        for au in aus:
            url = au.find(f"{CMI5_NS}url")
            assert url is not None and url.text in files and "://" not in url.text
            assert 0 <= float(au.get("masteryScore", "0")) <= 1
    # The validator really loaded the schema: a misspelt attribute is an error.
    structure = read(zips(site_dir, "cmi5")[0])["cmi5.xml"].decode()
    broken = structure.replace("moveOn=", "moveon=", 1)
    assert broken != structure and conformance.errors(schema, broken.encode())


def test_the_validator_is_not_vacuous(site_dir: Path) -> None:
    manifest = read(zips(site_dir, "scorm12")[0])["imsmanifest.xml"].decode()
    broken = manifest.replace('adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"')
    assert conformance.errors(conformance.scorm12(), broken.encode())
    manifest = read(zips(site_dir, "scorm2004")[0])["imsmanifest.xml"].decode()
    broken = re.sub(r"<imsss:minNormalizedMeasure>[^<]*<", "<imsss:minNormalizedMeasure>80<", manifest)
    assert broken != manifest and conformance.errors(conformance.scorm2004(), broken.encode())


def test_packages_are_named_from_ids_and_keep_thai_titles_inside(site_dir: Path) -> None:
    names = [p.name for target in ("scorm12", "scorm2004", "cmi5") for p in zips(site_dir, target)]
    assert all(re.fullmatch(r"[A-Za-z0-9-]+\.zip", n) for n in names), names
    assert (
        "mini-children-8-12-th-scorm12.zip" in names and "mini-module-first-steps-pt-BR-cmi5.zip".lower() not in names
    )
    assert "mini-module-first-steps-pt-BR-cmi5.zip" in names
    manifest = read(site_dir / "packages/scorm12/mini-children-8-12-th-scorm12.zip")["imsmanifest.xml"].decode("utf-8")
    assert "<title>ก้าวแรกในโลกออนไลน์</title>" in manifest and 'version="1.2.3"' in manifest


def test_path_package_has_a_non_launchable_root_and_one_sco_per_module_in_order(site_dir: Path) -> None:
    root = ET.fromstring(read(site_dir / "packages/scorm12/mini-police-en-scorm12.zip")["imsmanifest.xml"])
    ns = NS["scorm12"]
    top = root.find("cp:organizations/cp:organization/cp:item", ns)
    assert top is not None and top.get("identifierref") is None
    assert [i.get("identifierref") for i in top.findall("cp:item", ns)] == ["sco-evidence-basics", "sco-first-steps"]
    mastery = [i.findtext("adlcp:masteryscore", namespaces=ns) for i in top.findall("cp:item", ns)]
    assert mastery == ["70", "75"]


def test_zip_entries_are_safe_sorted_and_timestamped(site_dir: Path) -> None:
    for target in ("scorm12", "scorm2004", "cmi5"):
        for package in zips(site_dir, target):
            with zipfile.ZipFile(package) as archive:
                names = archive.namelist()
                assert names == sorted(names)
                for info in archive.infolist():
                    assert not info.filename.startswith("/") and ".." not in info.filename.split("/")
                    assert info.filename.isascii() and info.date_time == (1980, 1, 1, 0, 0, 0)


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.zip"))
    }


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_two_builds_give_byte_identical_packages(minimal: Path, tmp_path: Path) -> None:
    for out in ("a", "b"):
        result = cli(
            "--root", str(minimal), "build", "--target", "scorm12", "--target", "cmi5", "--out", str(tmp_path / out)
        )
        assert result.returncode == 0, result.stderr
    first, second = digests(tmp_path / "a"), digests(tmp_path / "b")
    assert first and first == second
    result = cli(
        "--root",
        str(minimal),
        "build",
        "--target",
        "scorm12",
        "--out",
        str(tmp_path / "c"),
        env={"SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.returncode == 0
    package = next((tmp_path / "c/packages/scorm12").glob("*.zip"))
    with zipfile.ZipFile(package) as archive:
        assert archive.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)


def test_building_one_target_keeps_the_others(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert cli("--root", str(minimal), "build", "--out", str(out)).returncode == 0

    def others() -> dict[str, str]:
        return {name: digest for name, digest in digests(out / "packages").items() if not name.startswith("scorm12/")}

    before = others()
    assert {name.split("/")[0] for name in before} == {"scorm2004", "cmi5"}, sorted(before)
    assert cli("--root", str(minimal), "build", "--target", "scorm12", "--out", str(out)).returncode == 0
    assert others() == before
    assert (out / "en/index.html").exists()


def test_a_failed_build_leaves_the_previous_output_untouched(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert cli("--root", str(minimal), "build", "--out", str(out)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert len(before) > 10
    quiz = minimal / "quizzes/first-steps.yml"
    quiz.write_text(quiz.read_text().replace("pass_mark: 75", "pass_mark: 750"))
    result = cli("--root", str(minimal), "build", "--out", str(out))
    assert result.returncode == 1 and "quiz.pass-mark-range" in result.stderr and "unchanged" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob("site.*"))  # no staging folder left behind


def test_a_quiz_whose_saved_state_could_overflow_scorm12_stops_the_build(minimal: Path, tmp_path: Path) -> None:
    overflow_saved_state(minimal)
    result = cli("--root", str(minimal), "build", "--target", "scorm12", "--out", str(tmp_path / "site"))
    assert result.returncode == 1, result.stderr
    assert "error[package.state-too-long]" in result.stderr and "quizzes/evidence-basics.yml" in result.stderr
    assert not (tmp_path / "site").exists()
    checked = cli("--root", str(minimal), "check")
    assert checked.returncode == 1 and "error[package.state-too-long]" in checked.stderr


def test_the_longest_shipped_module_fits_scorm12_limits() -> None:
    course = load_course(REPO).course
    assert course is not None
    longest = max(max_state_length(m.quiz) for m in course.modules.values())
    assert longest <= 4096
    print(f"longest saved state of the shipped curriculum: {longest} characters (SCORM 1.2 keeps 4096)")
