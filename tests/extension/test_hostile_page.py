"""A hostile order page: markup, script, `</style>`, huge strings and right-to-left overrides in the
status, the store name, the item title and the order number. Orderwise must show them as text,
run nothing, and leave the page's layout alone."""

import re

import pytest
from extension_helpers import LIST_URL, open_more, overlay, region
from playwright.sync_api import expect

MARKUP_STATUS = "8190000000000101"  # status text is an <img onerror> tag, as text
HOSTILE_STORE = "8190000000000102"  # Processing; store and title hold </style>, <script>, <img onerror>, RLO
RTL_STATUS = "8190000000000103"  # "Awaiting delivery" wrapped in RLO/PDF; a 20,000-character title
HUGE_STATUS = "8190000000000104"  # a 15,000-character status; markup after the order number and in its link
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(page, fixtures):
    fixtures.mapping["/p/order/index.html"] = "list-hostile.html"
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(4)
    return page


def expand(page, order_id):
    badge = region(page, order_id).get_by_role("button", name=re.compile(r"^Orderwise: "))
    badge.click()
    expect(badge).to_have_attribute("aria-expanded", "true")


def test_hostile_text_is_read_and_shown_as_text_and_nothing_runs(hostile):
    """Each order still gets its verdict; the markup appears as characters; no handler, script or dialog ran."""
    page = hostile
    for order_id, key in [
        (MARKUP_STATUS, "unknown"),
        (HOSTILE_STORE, "awaiting_shipment"),
        (RTL_STATUS, "shipped"),
        (HUGE_STATUS, "unknown"),
    ]:
        expect(overlay(page, order_id)).to_have_attribute("data-status", key)

    # Each popover opened whole ("More" too), one at a time: only what Orderwise builds is in its
    # shadow root, no element came from page text.
    tags = set()
    for order_id in (MARKUP_STATUS, HOSTILE_STORE, RTL_STATUS, HUGE_STATUS):
        expand(page, order_id)
        open_more(region(page, order_id))
        if order_id == MARKUP_STATUS:
            quoted = region(page, MARKUP_STATUS).get_by_text("The page says:")
            expect(quoted).to_contain_text('<img src=x onerror="window.owPwned')
        if order_id == HUGE_STATUS:
            huge = region(page, HUGE_STATUS).get_by_text("The page says:").text_content()
            assert len(huge) < 100 and huge.endswith("…”")  # quoted, cut short
            assert not BIDI.search(huge), "a right-to-left override would reorder Orderwise's own sentence"
        tags |= set(overlay(page, order_id).evaluate(TAGS))
        page.keyboard.press("Escape")
    assert "textarea" in tags  # the processing order's message box was among them
    assert not {"img", "script", "svg", "iframe", "object", "embed"} & tags
    # Two stylesheets per opened overlay, Orderwise's own: the first-paint sheet and the panel's that
    # they all adopt, or a <style> each where the browser can't adopt them; a `</style>` in page text
    # added none.
    sheets = page.evaluate(
        """() => [...document.querySelectorAll('orderwise-advice')].map((host) => host.shadowRoot)
             .map((root) => root.adoptedStyleSheets.length + root.querySelectorAll('style').length)"""
    )
    assert sheets == [2, 2, 2, 2]

    # A round trip for the same address and a frame: an <img src=x> parsed anywhere would have failed by now.
    page.evaluate("() => fetch('x').then(() => new Promise((resolve) => requestAnimationFrame(resolve)))")
    assert page.evaluate("() => window.owPwned") is None
    assert page.dialogs == []


def test_hostile_page_keeps_its_layout(hostile):
    """Open popovers cover no more than they must: they stay in the window, nothing scrolls sideways, the
    page's own buttons stay where they were and take clicks once the popover is closed."""
    page = hostile
    buttons = page.locator(".order-item").get_by_role("button", name="Track order")
    before = [box["y"] for box in buttons.evaluate_all(BOXES)]
    for order_id in (MARKUP_STATUS, HOSTILE_STORE, RTL_STATUS, HUGE_STATUS):
        expand(page, order_id)
        box = region(page, order_id).get_by_role("dialog").bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= page.viewport_size["width"]
        assert [box["y"] for box in buttons.evaluate_all(BOXES)] == before
        page.keyboard.press("Escape")
        page.locator(f"#card-{order_id}").get_by_role("button", name="Track order").click(trial=True)
        expect(page.locator(f"#card-{order_id}").get_by_role("link", name="Details")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


TAGS = "host => [...host.shadowRoot.querySelectorAll('*')].map((el) => el.localName)"
BOXES = "els => els.map((el) => { const r = el.getBoundingClientRect(); return {y: r.y + scrollY}; })"
