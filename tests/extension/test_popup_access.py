"""The popup's permission prompt: Firefox may withhold the sites Orderwise works on, and so may a
Chromium user (Site access in chrome://extensions); then nothing appears on the order pages, so
the popup says so and asks from the user's click.

The browser's answer to the request is its own dialog, outside any page Playwright reaches, so
the click tests replace chrome.permissions in the popup page before its script runs, with the
user's answer. tests/firefox drives the real prompt in Firefox."""

import json

import pytest
from extension_helpers import DETAIL_URL
from harness import extension_id
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
    popup.goto(f"chrome-extension://{extension_id(context)}/popup/popup.html")
    return popup


def content_script_worlds(page):
    """The names of the isolated worlds Chromium runs in the page's frames: each extension whose
    content scripts run there has one, named after the extension (Playwright's own is left out)."""
    cdp = page.context.new_cdp_session(page)
    worlds = []
    cdp.on("Runtime.executionContextCreated", lambda event: worlds.append(event["context"]))
    cdp.send("Runtime.enable")  # reports the contexts that exist, before it answers
    cdp.detach()
    return {
        world["name"]
        for world in worlds
        if world.get("auxData", {}).get("type") == "isolated" and "playwright" not in world["name"]
    }


def test_popup_asks_for_nothing_when_the_sites_are_granted(shared_context):
    """Chromium granted the order pages and the service at install: the popup shows no prompt."""
    popup = open_popup(shared_context)
    expect(popup.locator("body")).to_have_attribute("data-access", "granted")
    expect(popup.get_by_role("region", name="Orderwise needs your permission")).to_be_hidden()
    expect(popup.get_by_role("button", name="Allow access")).to_have_count(0)
    popup.close()


def test_popup_asks_when_site_access_is_switched_off_in_chromium(context):
    """With "Automatically allow access" switched off in chrome://extensions, the order page gets
    no overlay, and the popup shows the prompt (from the browser's real permissions.contains)."""
    ext = extension_id(context)
    settings = context.new_page()
    settings.goto(f"chrome://extensions/?id={ext}")
    switch = settings.get_by_role("switch", name="Automatically allow access on the following sites")
    switch.click()
    expect(switch).not_to_be_checked()

    order = context.new_page()
    order.goto(DETAIL_URL.format("8190000000000001"))
    popup = open_popup(context)
    expect(popup.locator("body")).to_have_attribute("data-access", "withheld")
    expect(popup.get_by_role("region", name="Orderwise needs your permission")).to_be_visible()
    expect(popup.get_by_role("button", name="Allow access")).to_be_enabled()
    # The page has run its own scripts to the end (its late Cancel button is there), and
    # Chromium lists no Orderwise content script world in it: none ran, none is coming.
    expect(order.get_by_role("button", name="Cancel", exact=True)).to_be_visible()
    assert "Orderwise" not in content_script_worlds(order)
    expect(order.locator("orderwise-advice")).to_have_count(0)

    # The same look finds them once the sites are allowed again: the absence above is real.
    switch.click()
    expect(switch).to_be_checked()
    order.reload()
    expect(order.locator("orderwise-advice")).to_have_count(1)
    assert "Orderwise" in content_script_worlds(order)


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


# What a real grant adds that the stand-in cannot: with the sites allowed, the browser tells
# the extension the address of a tab on them (without the grant, tabs.query leaves url out).
SHOWS_TAB_URLS = """url => {
  const query = chrome.tabs.query.bind(chrome.tabs);
  chrome.tabs.query = async (info) => (await query(info)).map((tab) => ({ ...tab, url: tab.url ?? url }));
}"""


def test_allowing_access_reloads_the_order_page_in_view_so_its_advice_shows(context):
    """After "Allow access", the order page the user is looking at is reloaded (content scripts only
    start with a load), and the popup says so."""
    url = DETAIL_URL.format("8190000000000001")
    order = context.new_page()
    order.goto(url)
    order.evaluate("() => { window.owBeforeReload = true; }")
    popup = context.new_page()
    popup.add_init_script(f"({WITHHELD})(true)")
    popup.add_init_script(f"({SHOWS_TAB_URLS})({json.dumps(url)})")
    popup.goto(f"chrome-extension://{extension_id(context)}/popup/popup.html")
    order.bring_to_front()  # the tab in view, as when the toolbar popup opens over it
    with order.expect_event("load"):
        popup.get_by_role("button", name="Allow access").click()
    expect(popup.get_by_text("Access allowed. Reloading this order page to show the advice.")).to_be_visible()
    assert order.evaluate("() => window.owBeforeReload") is None
    expect(order.locator("orderwise-advice")).to_have_count(1)
