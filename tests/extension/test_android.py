"""Firefox for Android's differences, in Chromium: a copy of the extension whose worker, popup,
options page and content scripts start with the APIs Android lacks deleted (downloads, menus and
contextMenus, windows, ...; tests/extension/android/lacks.js), on a phone in Chromium's mobile
emulation, on the mobile site. Everything still works: the advice, the calendar file, the popup
as Android shows it (a full-screen page), the options page. What only a device can show is
listed in the README (Firefox for Android)."""

import json
import re

import pytest
from extension_helpers import open_more, region, status
from harness import extension_id
from phone_helpers import (
    LACKS_JS,
    MOBILE_DETAIL_URL,
    MOBILE_LIST_URL,
    NARROW,
    TARGETS,
    TEXT_SIZES,
    android_copy,
    horizontal_overflow,
    open_phone,
    touch_screen,
)
from playwright.sync_api import expect
from test_popup_access import WITHHELD

from orderwise import browser

CANCEL_REQUESTED = "8190236612904488"
PROCESSING = "8190000000000001"
GONE = ["downloads", "contextMenus", "menus", "windows"]


@pytest.fixture(scope="module")
def android(playwright, service, tmp_path_factory):
    copy = android_copy(tmp_path_factory.mktemp("android") / "extension")
    context = open_phone(playwright, tmp_path_factory.mktemp("android-profile"), service.url, extension_dir=copy)
    yield context
    context.close()


@pytest.fixture
def page(android):
    page = android.new_page()
    yield page
    page.close()


def extension_page(context, page, path):
    page.goto(f"chrome-extension://{extension_id(context)}/{path}")
    touch_screen(page)
    return page


def gone(target):
    """Which of the deleted APIs a context still has (none), and whether the deleting script ran."""
    return target.evaluate(f"[globalThis.owAndroidLeftOver, {json.dumps(GONE)}.filter((name) => name in chrome)]")


def test_the_apis_android_lacks_are_gone_before_orderwise_runs(android, page):
    """The copy under test really lacks them: the deleting script ran first in the worker and in
    the extension's pages (Chromium gives the worker chrome.windows, for one), and left nothing."""
    assert gone(browser.service_worker(android)) == [[], []]
    assert gone(extension_page(android, page, "popup/popup.html")) == [[], []]
    assert gone(extension_page(android, page, "options/options.html")) == [[], []]


def test_the_advice_shows_without_them(page):
    """On the mobile site, the list's badges and an order page's panel, as with every API there."""
    page.goto(MOBILE_LIST_URL)
    expect(page.locator("orderwise-advice[data-status]")).to_have_count(6)
    page.goto(MOBILE_DETAIL_URL.format(PROCESSING))
    expect(region(page, PROCESSING)).to_contain_text(status("awaiting_shipment")["verdict"])


def test_add_to_calendar_saves_the_ics_file_without_the_downloads_api(page):
    """The calendar file is saved by the page's own download of a file made in the browser, which
    needs no downloads API: a tap on Add to calendar saves it."""
    page.goto(MOBILE_DETAIL_URL.format(CANCEL_REQUESTED))
    open_more(region(page, CANCEL_REQUESTED))
    button = region(page, CANCEL_REQUESTED).get_by_role("button", name="Add “").first
    with page.expect_download() as info:
        button.tap()
    download = info.value
    assert download.suggested_filename == f"aliexpress-order-{CANCEL_REQUESTED}-seller-answer.ics"
    text = download.path().read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and f"AliExpress order {CANCEL_REQUESTED}" in text


def fits_a_phone(page):
    """At 360 px: nothing scrolls sideways, no text under 16 px, every control at least 44 x 44."""
    page.set_viewport_size(NARROW)
    assert horizontal_overflow(page) == 0
    small = [(text, size) for text, size in page.evaluate(TEXT_SIZES) if size < 16]
    assert small == [], small
    targets = page.evaluate(TARGETS)
    assert targets
    tiny = [t for t in targets if t["width"] < 44 or t["height"] < 44]
    assert tiny == [], tiny


def test_the_popup_as_android_shows_it_full_screen(android, page):
    """Firefox for Android opens the popup as a page of its own, the screen's width: it says where
    the advice comes from, lists the followed orders, fits the screen with text and targets for a
    finger, and its Settings link opens the options."""
    page.goto(MOBILE_DETAIL_URL.format(CANCEL_REQUESTED))  # followed: the page shows the request
    expect(region(page, CANCEL_REQUESTED)).to_be_visible()
    extension_page(android, page, "popup/popup.html")
    expect(page.locator("#source")).to_have_text("Advice from the service")
    expect(page.get_by_role("link", name=f"Order {CANCEL_REQUESTED}")).to_be_visible()
    assert page.evaluate("innerWidth") == 390  # the page is laid out at the screen's width, not a desktop's
    fits_a_phone(page)
    with android.expect_page() as opened:
        page.get_by_role("link", name="Settings").tap()
    options = opened.value
    expect(options.get_by_role("heading", name="Orderwise settings")).to_be_visible()
    options.close()


def test_allowing_access_from_the_full_screen_popup_says_to_reload_the_orders_page(android, page):
    """On Android the popup covers the order page, so the tab in view is the popup's own: after
    "Allow access" it cannot reload the order page and says to (not a silent success)."""
    order = android.new_page()
    order.goto(MOBILE_DETAIL_URL.format(PROCESSING))
    order.evaluate("() => { window.owBeforeReload = true; }")
    page.add_init_script(f"({WITHHELD})(true)")
    extension_page(android, page, "popup/popup.html")
    page.bring_to_front()
    grant = page.get_by_role("button", name="Allow access")
    box = grant.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    grant.tap()
    expect(page.locator("#access-result")).to_have_text(
        "Access allowed. Open or reload your orders page to see the advice."
    )
    assert order.evaluate("() => window.owBeforeReload") is True
    order.close()


def test_the_options_page_fits_a_phone_and_saves(android, page):
    """The options page, full screen on a phone: fits 360 px with text and targets for a finger,
    and a tap on Save saves."""
    extension_page(android, page, "options/options.html")
    expect(page.locator("#leaves li").first).to_be_visible()
    fits_a_phone(page)
    page.get_by_role("button", name="Save").tap()
    expect(page.locator("#saved")).to_have_text("Saved")


def test_no_script_and_no_permission_needs_an_api_android_lacks():
    """Beyond what the runs above reach (a button they do not press): no script of the extension
    names an API that lacks.js deletes, and the manifest asks for none. addons-linter does not
    check this: it flags what Firefox for Android added after the manifest's version, not what
    Android never had."""
    listed = LACKS_JS.read_text(encoding="utf-8").split("MISSING = [", 1)[1].split("]", 1)[0]
    missing = re.findall(r"'([A-Za-z]+)'", listed)
    assert {"downloads", "contextMenus", "menus", "windows"} <= set(missing)
    calls = re.compile(rf"\b(?:chrome|browser)\s*\.\s*({'|'.join(missing)})\b")
    named = [
        (path.relative_to(browser.EXTENSION_DIR).as_posix(), api)
        for path in sorted(browser.EXTENSION_DIR.rglob("*.js"))
        for api in calls.findall(path.read_text(encoding="utf-8"))
    ]
    assert named == []
    manifest = json.loads((browser.EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    asked = manifest.get("permissions", []) + manifest.get("optional_permissions", [])
    assert not set(asked) & set(missing)
