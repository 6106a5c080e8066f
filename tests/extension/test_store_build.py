"""A store build for a hosted service (`orderwise package --service-url`), loaded in Chromium as a
store user gets it: its options page names the hosted service as the default, in its help and in
"What leaves your browser", and the worker holds only that host's permission."""

import zipfile

from harness import extension_id
from playwright.sync_api import expect

from orderwise import browser, kb, package

HOSTED = "https://orderwise.example"


def test_a_store_build_for_a_hosted_service_shows_and_uses_its_address(playwright, tmp_path):
    knowledge = kb.wire_json(kb.load().data)
    pyproject = browser.REPO / "pyproject.toml"
    # The folder as it is (edits not yet committed included): the code under test.
    built = package.build(browser.EXTENSION_DIR, tmp_path / "dist", pyproject, knowledge, HOSTED, uncommitted=True)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(built["chrome"]) as archive:
        archive.extractall(unpacked)
    context = browser.launch(tmp_path / "profile", extension_dir=unpacked, playwright=playwright)
    try:
        worker = browser.service_worker(context)
        options = context.new_page()
        options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
        expect(options.get_by_label("Service address")).to_have_value(HOSTED)
        expect(options.locator("#service-url-help")).to_contain_text(f"The default is {HOSTED}")
        leaves = options.get_by_role("region", name="What leaves your browser").get_by_role("listitem")
        expect(leaves.nth(0)).to_contain_text(f"GET {HOSTED}/api/v1/knowledge")
        expect(leaves.nth(1)).to_contain_text(f"POST {HOSTED}/api/v1/reports")
        granted = worker.evaluate("async () => (await chrome.permissions.getAll()).origins")
        assert f"{HOSTED}/*" in granted
        assert not [origin for origin in granted if "127.0.0.1" in origin or "localhost" in origin]
    finally:
        context.close()
