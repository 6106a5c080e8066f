"""Checks of the extension's files: least privilege, no unsafe DOM or eval, every UI string defined."""

import json
import re

import pytest

from orderwise import browser

EXT = browser.EXTENSION_DIR
MANIFEST = json.loads((EXT / "manifest.json").read_text(encoding="utf-8"))
MESSAGES = json.loads((EXT / "_locales" / "en" / "messages.json").read_text(encoding="utf-8"))
SCRIPTS = sorted(EXT.rglob("*.js"))
PAGES = sorted(EXT.rglob("*.html"))


def test_manifest_asks_for_least_privilege():
    """Only storage, only the local service, and content scripts only on order pages at document_idle."""
    assert MANIFEST["manifest_version"] == 3
    assert MANIFEST["permissions"] == ["storage"]
    assert MANIFEST["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*"]
    assert "optional_permissions" not in MANIFEST
    (scripts,) = MANIFEST["content_scripts"]
    assert scripts["matches"] == ["https://*.aliexpress.com/p/order/*", "https://*.aliexpress.us/p/order/*"]
    assert scripts["run_at"] == "document_idle"
    assert all((EXT / path).is_file() for path in scripts["js"])
    # Firefox has no extension service workers: it runs `scripts` (protocol.js first, which the
    # worker imports itself in Chrome); `preferred_environment` says both are meant.
    assert MANIFEST["background"] == {
        "service_worker": "background/worker.js",
        "scripts": ["common/protocol.js", "background/worker.js"],
        "preferred_environment": ["service_worker", "document"],
    }
    # Firefox's install prompt states what is collected: nothing.
    assert MANIFEST["browser_specific_settings"]["gecko"]["data_collection_permissions"] == {"required": ["none"]}


@pytest.mark.parametrize(
    "pattern",
    [
        r"\.innerHTML\b",
        r"\.outerHTML\b",
        r"insertAdjacentHTML",
        r"\beval\s*\(",
        r"new\s+Function\b",
        r"set(?:Timeout|Interval)\s*\(\s*['\"`]",
        r"document\.write",
    ],
)
def test_no_script_parses_strings_as_html_or_code(pattern):
    """Page text is only ever set as text; no eval, no string timers."""
    offenders = [str(path.relative_to(EXT)) for path in SCRIPTS if re.search(pattern, path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_ui_string_is_defined_with_a_description():
    """Every i18n key the code or pages use exists in _locales/en with a description."""
    used = set()
    for path in SCRIPTS:
        used |= set(re.findall(r"\bt\(\s*'([A-Za-z0-9]+)'", path.read_text(encoding="utf-8")))
        used |= set(re.findall(r"words: '([A-Za-z0-9]+)'", path.read_text(encoding="utf-8")))
    for path in PAGES:
        used |= set(re.findall(r'data-i18n="([A-Za-z0-9]+)"', path.read_text(encoding="utf-8")))
    used |= set(re.findall(r"__MSG_([A-Za-z0-9]+)__", json.dumps(MANIFEST)))
    assert used - MESSAGES.keys() == set()
    assert all(entry.get("description") for entry in MESSAGES.values())
    assert all(re.fullmatch(r"[a-z][A-Za-z0-9]*", key) for key in MESSAGES)


def test_icons_are_pngs_of_the_declared_sizes():
    """The toolbar and store icons exist at 16, 32, 48 and 128 pixels."""
    for size, path in MANIFEST["icons"].items():
        data = (EXT / path).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == int(size) == int.from_bytes(data[20:24], "big")
