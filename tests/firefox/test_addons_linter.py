"""Mozilla's addons-linter, the check addons.mozilla.org runs on upload, finds nothing to report
in the Firefox package built from extension/ (the package holds the folder's extension files,
byte for byte, as test_package.py checks: linting the folder as well read the same bytes twice)."""

import json
import subprocess
from pathlib import Path

import pytest
from guards import tool_missing

from orderwise import browser, kb, package

TOOLS = browser.REPO / "tools"
LINTER = TOOLS / "node_modules" / ".bin" / "addons-linter"

if not LINTER.exists():
    tool_missing(f"addons-linter ({LINTER})", "npm ci in tools/ (tests/run does)", module=True)


def lint(target):
    result = subprocess.run(
        [str(LINTER), "--output", "json", str(target)], capture_output=True, text=True, timeout=120, check=False
    )
    try:
        return json.loads(result.stdout)
    except ValueError:
        pytest.fail(f"addons-linter printed no JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")


def findings(report):
    """Errors, warnings and notices: a notice is where the linter says a permission came later than
    the Firefox for Android version the manifest names (gecko_android). (It flags an API or a
    permission only when Android added it after that version, not when Android has none at all:
    tests/extension/test_android.py covers those.)"""
    return [
        f"{kind[:-1]} {item['code']} in {item.get('file') or '-'}: {item['message']} {item.get('description', '')}"
        for kind in ("errors", "warnings", "notices")
        for item in report[kind]
    ]


def firefox_package(out, service_url=None):
    """The .xpi of the folder as it is, edits not yet committed included: the code under test."""
    knowledge = kb.wire_json(kb.load().data)
    pyproject = browser.REPO / "pyproject.toml"
    return package.build(browser.EXTENSION_DIR, out, pyproject, knowledge, service_url, uncommitted=True)["firefox"]


@pytest.mark.parametrize("service_url", [None, "https://orderwise.example"], ids=["package", "hosted package"])
def test_addons_linter_reports_no_error_and_no_warning(service_url, tmp_path):
    """What a Firefox reviewer's first check would say of the .xpi, for Firefox and for Firefox for
    Android (the manifest's gecko_android): no errors, no warnings, no notices."""
    report = lint(Path(firefox_package(tmp_path, service_url)))
    assert findings(report) == [], "\n".join(findings(report))
    assert report["summary"]["errors"] == report["summary"]["warnings"] == report["summary"]["notices"] == 0
