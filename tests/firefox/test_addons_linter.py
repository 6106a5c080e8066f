"""Mozilla's addons-linter, the check addons.mozilla.org runs on upload, finds nothing to report
in the Firefox package built from extension/ (the package holds the folder's extension files,
byte for byte, as test_package.py checks: linting the folder as well read the same bytes twice)."""

import json
import subprocess

import pytest
from guards import tool_missing

from orderwise import browser, package

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
    return [
        f"{kind[:-1]} {item['code']} in {item.get('file') or '-'}: {item['message']} {item.get('description', '')}"
        for kind in ("errors", "warnings")
        for item in report[kind]
    ]


def test_addons_linter_reports_no_error_and_no_warning(tmp_path):
    """What a Firefox reviewer's first check would say of the .xpi: no errors, no warnings."""
    report = lint(package.build(browser.EXTENSION_DIR, tmp_path, browser.REPO / "pyproject.toml")["firefox"])
    assert findings(report) == [], "\n".join(findings(report))
    assert report["summary"]["errors"] == report["summary"]["warnings"] == 0
