"""`orderwise package`: the two store packages hold the extension's files, nothing else, and
the project's one version."""

import hashlib
import json
import shutil
import tomllib
import zipfile

import pytest
from click.testing import CliRunner

from orderwise import browser
from orderwise.cli import main

PYPROJECT = browser.REPO / "pyproject.toml"
VERSION = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
EXTENSION_FILES = {
    p.relative_to(browser.EXTENSION_DIR).as_posix() for p in browser.EXTENSION_DIR.rglob("*") if p.is_file()
}
# What an editor, the OS or a developer leaves in the folder; none of it is the extension.
JUNK = [
    ".DS_Store",
    ".eslintrc.json",
    ".git/config",
    "content/main.js~",
    "content/.main.js.swp",
    "popup/#popup.js#",
    "options/options.css.orig",
    "tests/fixture.html",
    "content/read.test.js",
]


def run_package(extension_dir, out):
    result = CliRunner().invoke(
        main,
        ["package", "--out", str(out), "--extension-dir", str(extension_dir), "--pyproject", str(PYPROJECT)],
    )
    return result


@pytest.fixture
def messy_extension(tmp_path):
    """A copy of extension/ with junk beside the real files."""
    copy = tmp_path / "extension"
    shutil.copytree(browser.EXTENSION_DIR, copy)
    for name in JUNK:
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_text("not part of the extension\n")
    return copy


def test_manifest_version_is_the_project_version():
    """pyproject.toml holds the version; manifest.json, loaded unpacked, must say the same."""
    manifest = json.loads((browser.EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == VERSION


def test_package_writes_both_store_packages_with_only_the_extension(messy_extension, tmp_path):
    """Each package has exactly the extension's files at its root (manifest.json first-level),
    with pyproject's version, and none of the junk."""
    result = run_package(messy_extension, tmp_path / "dist")
    assert result.exit_code == 0, result.output
    chrome = tmp_path / "dist" / f"orderwise-{VERSION}-chrome.zip"
    firefox = tmp_path / "dist" / f"orderwise-{VERSION}-firefox.xpi"
    assert f"wrote {chrome}" in result.output and f"wrote {firefox}" in result.output
    for path in (chrome, firefox):
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            names = set(archive.namelist())
            assert names == EXTENSION_FILES
            assert not names & set(JUNK)
            manifest = json.loads(archive.read("manifest.json"))
            assert manifest["version"] == VERSION
            for name in names:
                assert archive.read(name) == (browser.EXTENSION_DIR / name).read_bytes(), name
    referenced = [*manifest["background"]["scripts"], manifest["background"]["service_worker"]]
    referenced += manifest["content_scripts"][0]["js"] + list(manifest["icons"].values())
    referenced += [manifest["action"]["default_popup"], manifest["options_ui"]["page"], "_locales/en/messages.json"]
    assert set(referenced) <= EXTENSION_FILES


def test_packages_are_the_same_bytes_when_built_twice(tmp_path):
    """Nothing but the files decides the bytes, so a store upload can be rebuilt and compared."""
    digests = []
    for out in ("one", "two"):
        assert run_package(browser.EXTENSION_DIR, tmp_path / out).exit_code == 0
        digests.append(hashlib.sha256((tmp_path / out / f"orderwise-{VERSION}-firefox.xpi").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_package_refuses_a_manifest_with_another_version(messy_extension, tmp_path):
    """A manifest.json left at an old version stops packaging, with both versions in the message."""
    path = messy_extension / "manifest.json"
    path.write_text(path.read_text(encoding="utf-8").replace(f'"version": "{VERSION}"', '"version": "0.0.9"'))
    result = run_package(messy_extension, tmp_path / "dist")
    assert result.exit_code == 1
    assert "says version 0.0.9" in result.output and f"says {VERSION}" in result.output
    assert not (tmp_path / "dist").exists()
