"""`orderwise package`: the two store packages hold the files git tracks in extension/, as
committed, nothing else, and the project's one version; a store build for a hosted service
names its address."""

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tomllib
import zipfile

import pytest
from click.testing import CliRunner

from orderwise import browser
from orderwise.cli import main

PYPROJECT = browser.REPO / "pyproject.toml"
VERSION = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
TRACKED = subprocess.run(
    ["git", "-C", str(browser.EXTENSION_DIR), "ls-files", "-z"], capture_output=True, check=True, text=True
).stdout.split("\0")
EXTENSION_FILES = {name for name in TRACKED if name}
LOCALES = sorted(name for name in EXTENSION_FILES if name.endswith("/messages.json"))
# What an editor, the OS or a developer leaves in the folder; none of it is the extension.
JUNK = [
    ".DS_Store",
    ".eslintrc.json",
    "content/main.js~",
    "content/.main.js.swp",
    "popup/#popup.js#",
    "options/options.css.orig",
    "tests/fixture.html",
    "content/read.test.js",
    "content/notes.js",  # an ordinary name, but never committed
]
HOSTED = "https://orderwise.example"
STOREFRONTS = ["https://*.aliexpress.com/*", "https://www.aliexpress.us/*", "https://aliexpress.ru/*"]


def run_package(extension_dir, out, *options):
    return CliRunner().invoke(
        main,
        ["package", "--out", str(out), "--extension-dir", str(extension_dir), "--pyproject", str(PYPROJECT), *options],
    )


def git(folder, *args):
    identity = ["-c", "user.name=Orderwise tests", "-c", "user.email=tests@orderwise.invalid"]
    subprocess.run(["git", "-C", str(folder), *identity, *args], check=True, capture_output=True)


@pytest.fixture
def checkout(tmp_path):
    """A git checkout whose extension/ is a committed copy of the real one."""
    root = tmp_path / "checkout"
    for name in EXTENSION_FILES:
        (root / "extension" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(browser.EXTENSION_DIR / name, root / "extension" / name)
    git(root, "init", "-q")
    git(root, "add", "extension")
    git(root, "commit", "-q", "-m", "extension")
    return root / "extension"


@pytest.fixture
def messy_extension(checkout, tmp_path):
    """The committed extension with untracked junk and an untracked symlink beside it."""
    for name in JUNK:
        (checkout / name).parent.mkdir(parents=True, exist_ok=True)
        (checkout / name).write_text("not part of the extension\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("a developer's private file\n")
    os.symlink(secret, checkout / "content" / "linked.js")
    return checkout


def unpacked(path):
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_manifest_version_is_the_project_version():
    """pyproject.toml holds the version; manifest.json, loaded unpacked, must say the same."""
    manifest = json.loads((browser.EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == VERSION


def test_package_writes_both_store_packages_with_only_the_tracked_files(messy_extension, tmp_path):
    """Each package has exactly the extension's tracked files at its root, with pyproject's
    version, and no untracked file: not the junk, not what an untracked symlink points to."""
    result = run_package(messy_extension, tmp_path / "dist")
    assert result.exit_code == 0, result.output
    chrome = tmp_path / "dist" / f"orderwise-{VERSION}-chrome.zip"
    firefox = tmp_path / "dist" / f"orderwise-{VERSION}-firefox.xpi"
    assert f"wrote {chrome}" in result.output and f"wrote {firefox}" in result.output
    for path in (chrome, firefox):
        files = unpacked(path)
        assert set(files) == EXTENSION_FILES
        assert not set(files) & {*JUNK, "content/linked.js"}
        assert not any(b"a developer's private file" in data for data in files.values())
        manifest = json.loads(files["manifest.json"])
        assert manifest["version"] == VERSION
        for name, data in files.items():
            assert data == (browser.EXTENSION_DIR / name).read_bytes(), name
    referenced = [*manifest["background"]["scripts"], manifest["background"]["service_worker"]]
    referenced += manifest["content_scripts"][0]["js"] + list(manifest["icons"].values())
    referenced += [manifest["action"]["default_popup"], manifest["options_ui"]["page"], "_locales/en/messages.json"]
    assert set(referenced) <= EXTENSION_FILES


def assert_refused(extension_dir, tmp_path, said, *options):
    result = run_package(extension_dir, tmp_path / "dist", *options)
    assert result.exit_code == 1
    assert said in result.output
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("name", ["linked.js", "main.js"], ids=["committed", "in place of a tracked file"])
def test_a_symlink_stops_packaging(checkout, tmp_path, name):
    secret = tmp_path / "secret.txt"
    secret.write_text("a developer's private file\n")
    link = checkout / "content" / name
    link.unlink(missing_ok=True)
    os.symlink(secret, link)
    if name == "linked.js":
        git(checkout, "add", "content/linked.js")
        git(checkout, "commit", "-q", "-m", "a link")
    assert_refused(checkout, tmp_path, f"{name} is a symlink")


@pytest.mark.parametrize("staged", [False, True], ids=["edited", "staged"])
def test_an_edit_not_yet_committed_stops_packaging_and_names_the_file(checkout, tmp_path, staged):
    (checkout / "content" / "main.js").write_text("// edited\n")
    if staged:
        git(checkout, "add", "content/main.js")
    assert_refused(checkout, tmp_path, "content/main.js in ")
    assert "differ from the last commit" in run_package(checkout, tmp_path / "dist").output


def test_uncommitted_packs_the_edits_of_tracked_files_and_still_no_untracked_file(messy_extension, tmp_path):
    """A package to try (and the one the linter tests check): the tracked files as they are now."""
    (messy_extension / "content" / "main.js").write_text("// edited\n")
    assert run_package(messy_extension, tmp_path / "dist", "--uncommitted").exit_code == 0
    files = unpacked(tmp_path / "dist" / f"orderwise-{VERSION}-chrome.zip")
    assert files["content/main.js"] == b"// edited\n"
    assert set(files) == EXTENSION_FILES


def test_a_folder_outside_git_is_not_packaged(tmp_path):
    copy = tmp_path / "extension"
    shutil.copytree(browser.EXTENSION_DIR, copy)
    result = run_package(copy, tmp_path / "dist")
    assert result.exit_code == 1 and "what git tracks" in result.output


def test_a_snapshot_that_is_not_the_knowledge_stops_packaging(checkout, tmp_path):
    snapshot = checkout / "snapshot.json.gz"
    stale = json.loads(gzip.decompress(snapshot.read_bytes()))
    stale["version"] = "stale"
    snapshot.write_bytes(gzip.compress(json.dumps(stale).encode()))
    git(checkout, "commit", "-q", "-am", "a stale snapshot")
    assert_refused(checkout, tmp_path, "orderwise export-snapshot")


def test_packages_are_the_same_bytes_when_built_twice(checkout, tmp_path):
    """Nothing but the files decides the bytes, so a store upload can be rebuilt and compared."""
    digests = []
    for out in ("one", "two"):
        assert run_package(checkout, tmp_path / out).exit_code == 0
        digests.append(hashlib.sha256((tmp_path / out / f"orderwise-{VERSION}-firefox.xpi").read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_package_refuses_a_manifest_with_another_version(checkout, tmp_path):
    """A manifest.json left at an old version stops packaging, with both versions in the message."""
    path = checkout / "manifest.json"
    path.write_text(path.read_text(encoding="utf-8").replace(f'"version": "{VERSION}"', '"version": "0.0.9"'))
    result = run_package(checkout, tmp_path / "dist")
    assert result.exit_code == 1
    assert "says version 0.0.9" in result.output and f"says {VERSION}" in result.output
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("given", [HOSTED, f"{HOSTED}/", f"{HOSTED}:8443"])
def test_a_store_build_for_a_hosted_service_names_it_wherever_the_local_one_was(checkout, tmp_path, given):
    result = run_package(checkout, tmp_path / "dist", "--service-url", given)
    assert result.exit_code == 0, result.output
    url = given.rstrip("/")
    assert f"default service: {url}" in result.output
    for path in (tmp_path / "dist").iterdir():
        files = unpacked(path)
        assert set(files) == EXTENSION_FILES
        assert f"serviceUrl: '{url}'," in files["background/worker.js"].decode()
        manifest = json.loads(files["manifest.json"])
        # The hosted service in place of the local one; the storefronts stay.
        assert manifest["host_permissions"] == [f"{HOSTED}/*", *STOREFRONTS]
        assert manifest == {
            **json.loads((browser.EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8")),
            "host_permissions": [f"{HOSTED}/*", *STOREFRONTS],
        }
        for locale in LOCALES:  # the options page's help, in every language
            assert url in json.loads(files[locale])["serviceUrlHelp"]["message"], locale
        texts = {name: data.decode() for name, data in files.items() if name.endswith((".js", ".json", ".html"))}
        local = re.compile(r"http://127\.0\.0\.1(:5000|/\*)|http://localhost/\*")
        assert not [name for name, text in texts.items() if local.search(text)]
        changed = {name for name, data in files.items() if data != (browser.EXTENSION_DIR / name).read_bytes()}
        assert changed == {"background/worker.js", "manifest.json", *LOCALES}


def test_without_a_service_url_packages_keep_the_local_service(checkout, tmp_path):
    assert run_package(checkout, tmp_path / "dist").exit_code == 0
    files = unpacked(tmp_path / "dist" / f"orderwise-{VERSION}-chrome.zip")
    assert "serviceUrl: 'http://127.0.0.1:5000'," in files["background/worker.js"].decode()
    assert json.loads(files["manifest.json"])["host_permissions"] == [
        "http://127.0.0.1/*",
        "http://localhost/*",
        *STOREFRONTS,
    ]


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("http://orderwise.example", "a hosted service needs https://"),
        ("ftp://orderwise.example", "must be an https:// address"),
        ("orderwise.example", "must be an https:// address"),
        ("https://orderwise.example/api", "without a path or query"),
        ("https://orderwise.example/?x=1", "without a path or query"),
        ("https://user:pw@orderwise.example", "without a path or query"),
        ("https://orderwise.example:99999", "not an address"),
        ("https://ex ample.org", "must be an https:// address"),
    ],
)
def test_a_service_url_that_is_not_https_or_this_machine_is_refused(checkout, tmp_path, given, said):
    assert_refused(checkout, tmp_path, said, "--service-url", given)


@pytest.mark.parametrize("given", ["http://localhost:8080", "http://127.0.0.1:5001", "http://[::1]:5000"])
def test_plain_http_to_this_machine_is_taken(checkout, tmp_path, given):
    result = run_package(checkout, tmp_path / "dist", "--service-url", given)
    assert result.exit_code == 0, result.output
    files = unpacked(tmp_path / "dist" / f"orderwise-{VERSION}-firefox.xpi")
    assert f"serviceUrl: '{given}'," in files["background/worker.js"].decode()
