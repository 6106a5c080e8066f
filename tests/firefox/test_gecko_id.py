"""The Firefox add-on id (the gecko id addons.mozilla.org knows the add-on by) is written in one
place, extension/manifest.json; whatever else needs it reads it from there."""

import json
import subprocess

from orderwise import browser


def test_the_gecko_id_is_written_only_in_the_manifest():
    manifest = json.loads((browser.EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    gecko_id = manifest["browser_specific_settings"]["gecko"]["id"]
    found = subprocess.run(
        ["git", "grep", "--fixed-strings", "--files-with-matches", "-e", gecko_id, "--", "."],
        cwd=browser.REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode in (0, 1), found.stderr  # 1: no match
    assert found.stdout.split() == ["extension/manifest.json"]
