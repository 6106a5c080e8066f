"""The popup's permission prompt: Firefox may withhold the sites Orderwise works on, and then
nothing appears on the order pages, so the popup says so and asks from the user's click.

Chromium grants the manifest's sites at install and cannot revoke them, so the withheld
case is played by replacing chrome.permissions in the popup page before its script runs
(the real request prompt is the browser's own UI, outside the page)."""

import json

import pytest
from playwright.sync_api import expect

from orderwise import browser

MANIFEST = json.loads((browser.EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
ORIGINS = MANIFEST["host_permissions"] + MANIFEST["content_scripts"][0]["matches"]

# chrome.permissions as Firefox shows it when the user has not allowed the sites yet;
# `answer` is what the user picks in the browser's prompt. Requests are logged.
WITHHELD = """answer => {
  window.permissionRequests = [];
  let granted = false;
  const permissions = {
    contains: async () => granted,
    request: async (wanted) => { window.permissionRequests.push(wanted); granted = answer; return answer; },
  };
  Object.defineProperty(chrome, 'permissions', { value: permissions });
}"""


def open_popup(context, answer=None):
    popup = context.new_page()
    if answer is not None:
        popup.add_init_script(f"({WITHHELD})({json.dumps(answer)})")
    popup.goto(f"chrome-extension://{browser.extension_id(context)}/popup/popup.html")
    return popup


def test_popup_asks_for_nothing_when_the_sites_are_granted(shared_context):
    """Chromium granted the order pages and the service at install: the popup shows no prompt."""
    popup = open_popup(shared_context)
    expect(popup.locator("body")).to_have_attribute("data-access", "granted")
    expect(popup.get_by_role("region", name="Orderwise needs your permission")).to_be_hidden()
    expect(popup.get_by_role("button", name="Allow access")).to_have_count(0)
    popup.close()


@pytest.mark.parametrize(
    ("answer", "result"),
    [
        (True, "Access allowed. Open or reload your orders page to see the advice."),
        (False, "Not allowed: Orderwise stays off on AliExpress until you allow it."),
    ],
)
def test_popup_asks_for_the_withheld_sites_from_a_click(shared_context, answer, result):
    """Without the grant the popup explains what is missing; its button asks for exactly the
    manifest's sites, and the popup then says what the user chose."""
    popup = open_popup(shared_context, answer)
    prompt = popup.get_by_role("region", name="Orderwise needs your permission")
    expect(popup.locator("body")).to_have_attribute("data-access", "withheld")
    expect(prompt).to_contain_text("no advice appears beside your orders")
    assert popup.evaluate("window.permissionRequests") == []
    prompt.get_by_role("button", name="Allow access").click()
    expect(popup.get_by_text(result)).to_be_visible()
    (requested,) = popup.evaluate("window.permissionRequests")
    assert sorted(requested["origins"]) == sorted(ORIGINS)
    expect(popup.locator("body")).to_have_attribute("data-access", "granted" if answer else "withheld")
    if answer:
        expect(prompt).to_be_hidden()
    else:
        expect(prompt).to_be_visible()
    popup.close()
