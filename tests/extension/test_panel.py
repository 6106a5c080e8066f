"""The panel as a shopper meets it at 1440 x 900: a compact card that does its job first (verdict, the
date that matters, the reason, the message and a big Copy), the rest behind "More", nothing of the
page moved, in the page's own look."""

import re

import pytest
from extension_helpers import (
    DETAIL_PAGES,
    DETAIL_URL,
    LIST_URL,
    badge_text,
    open_badge,
    open_more,
    overlay,
    region,
    situation,
    status,
)
from playwright.sync_api import expect

LIST_ORDERS = [
    "8190421736658012",  # to pay
    "8190000000000001",  # processing
    "8189977352140417",  # awaiting delivery
    "8189410268835226",  # completed
    "8189123906417733",  # cancelled
    "3041278553901648",  # closed
]
PROCESSING = "8190000000000001"
MAX_HEIGHT = 320
COPY_WITHIN = 240

# Where each of the page's own buttons and links is, in page coordinates.
PAGE_CONTROLS = """() => [...document.querySelectorAll('#root button, #root a, .order-item button, .order-item a')]
  .map((el) => { const r = el.getBoundingClientRect();
                 return [el.textContent.trim(), r.x + scrollX, r.y + scrollY]; })"""


def card_measures(panel):
    """The open card's height, where its Copy button starts (from the card's top) and the button's size."""
    return panel.evaluate(
        """(card) => {
          const box = card.getBoundingClientRect();
          const button = card.querySelector('button[data-action="copy"]');
          const copy = button?.getBoundingClientRect();
          return {height: box.height, width: box.width,
                  copyTop: copy ? copy.top - box.top : null, copyHeight: copy?.height, copyWidth: copy?.width,
                  copyRow: button?.parentElement.getBoundingClientRect().width};
        }"""
    )


@pytest.fixture
def desk(page):
    page.set_viewport_size({"width": 1440, "height": 900})
    return page


def test_each_list_popover_is_compact_with_copy_near_its_top_and_moves_nothing_of_the_page(desk):
    """Each order's popover is at most 320 px tall, its Copy button (where a message applies) at least 44 px
    tall, across the card and within 240 px of its top; none of the page's own buttons and links moves."""
    page = desk
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(len(LIST_ORDERS))
    before = page.evaluate(PAGE_CONTROLS)
    copies = 0
    for order_id in LIST_ORDERS:
        overlay(page, order_id).scroll_into_view_if_needed()
        dialog = open_badge(page, order_id)
        found = card_measures(dialog)
        assert found["height"] <= MAX_HEIGHT, (order_id, found)
        if found["copyTop"] is not None:
            copies += 1
            assert found["copyTop"] <= COPY_WITHIN, (order_id, found)
            assert found["copyHeight"] >= 44, (order_id, found)
            # Across the card, or sharing its row with "Copy and open chat".
            assert found["copyRow"] >= found["width"] - 32, (order_id, found)
            assert found["copyWidth"] >= found["copyRow"] / 2, (order_id, found)
        assert page.evaluate(PAGE_CONTROLS) == before, order_id
        page.keyboard.press("Escape")
        expect(dialog).to_have_count(0)
    assert copies >= 2  # processing and awaiting delivery at least offer a message


@pytest.mark.parametrize("order_id", list(DETAIL_PAGES))
def test_the_detail_pages_first_view_is_the_compact_card(desk, order_id):
    """On an order's own page the card is in the first view, at most 320 px tall, Copy within 240 px of its
    top; AliExpress's status line stays where it was and what follows moves by the card alone."""
    page = desk
    page.goto(DETAIL_URL.format(order_id))
    host = overlay(page, order_id)
    card = region(page, order_id).locator(".panel")
    expect(card).to_be_visible()
    found = card_measures(card)
    assert found["height"] <= MAX_HEIGHT, found
    if found["copyTop"] is not None:
        assert found["copyTop"] <= COPY_WITHIN, found
        assert found["copyHeight"] >= 44, found
    box = card.bounding_box()
    assert box["y"] + box["height"] <= 900  # whole in the first view
    status_line = page.locator(".order-status-content > :not(orderwise-advice)")
    above = [line["y"] + line["height"] for line in status_line.evaluate_all(BOXES)]
    assert max(above) <= box["y"]
    # What comes after moves down by the card's own height and margins, nothing more.
    prices = page.locator(".order-price")
    with_card = prices.bounding_box()["y"]
    host.evaluate("h => { h.style.display = 'none'; }")
    without = prices.bounding_box()["y"]
    assert with_card - without <= found["height"] + 24


BOXES = "els => els.map((el) => { const r = el.getBoundingClientRect(); return {y: r.y, height: r.height}; })"


def test_show_the_cancel_button_scrolls_to_aliexpresss_cancel_and_outlines_it(desk):
    """The "Show the Cancel button" control brings AliExpress's own Cancel into view, gives it the
    keyboard and outlines it for a moment; the page's button is otherwise left as it was."""
    page = desk
    page.goto(DETAIL_URL.format(PROCESSING))
    cancel = page.get_by_role("button", name="Cancel", exact=True)
    expect(cancel).to_have_count(1)  # the page draws it a moment after load
    assert not cancel.evaluate("b => { const r = b.getBoundingClientRect(); return r.bottom <= innerHeight; }")
    region(page, PROCESSING).locator('button[data-action="show-cancel"]').click()
    expect(cancel).to_be_focused()
    expect(cancel).to_have_attribute("data-orderwise-highlight", "")
    expect(cancel).to_be_in_viewport()
    expect(cancel).not_to_have_attribute("data-orderwise-highlight", "")  # the outline goes again
    assert cancel.evaluate("b => b.getAttribute('style') || ''").replace(" ", "") in ("", "outline:;outline-offset:;")


def test_the_list_offers_no_cancel_button_finder(desk):
    """On the list the popover says nothing of a Cancel button: that is on the order's own page."""
    page = desk
    page.goto(LIST_URL)
    dialog = open_badge(page, PROCESSING)
    expect(dialog.locator('button[data-action="show-cancel"]')).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_theme_follows_the_pages_background_not_the_systems(desk, scheme):
    """A dark system does not turn the card into a dark slab on AliExpress's white page; a page that is
    itself dark gets the dark card, whatever the system says."""
    page = desk
    page.emulate_media(color_scheme=scheme)
    page.goto(DETAIL_URL.format(PROCESSING))
    card = region(page, PROCESSING).locator(".panel")
    expect(card).to_be_visible()
    assert card.evaluate("c => getComputedStyle(c).backgroundColor") == "rgb(255, 255, 255)"
    expect(overlay(page, PROCESSING)).to_have_attribute("data-theme", "light")

    page.add_init_script(DARK_PAGE)
    page.reload()
    expect(overlay(page, PROCESSING)).to_have_attribute("data-theme", "dark")
    dark = card.evaluate("c => getComputedStyle(c).backgroundColor")
    assert sum(int(part) for part in dark[4:-1].split(",")) < 3 * 64, dark


DARK_PAGE = """addEventListener('DOMContentLoaded', () => {
  document.body.style.background = '#121212';
  document.querySelectorAll('#root *').forEach((el) => { el.style.background = 'transparent'; });
})"""


def test_the_card_speaks_in_the_pages_font(desk):
    """The card's text is set in the page's own font, not the system's."""
    page = desk
    page.goto(DETAIL_URL.format(PROCESSING))
    card = region(page, PROCESSING).locator(".panel")
    expect(card).to_be_visible()
    page_font = page.evaluate("() => getComputedStyle(document.querySelector('.order-block-title')).fontFamily")
    assert card.evaluate("c => getComputedStyle(c).fontFamily") == page_font
    assert "Open Sans" in page_font


def test_every_shadow_root_holds_the_same_stylesheets(desk):
    """Badges, guards and panels share the same CSSStyleSheet objects: no copy of the styles per order.
    Every root holds the first-paint sheet; a root whose panel opened also holds the panel's sheet,
    the same object in each."""
    page = desk
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(len(LIST_ORDERS))
    expect(page.locator("orderwise-guard")).to_have_count(1)
    open_badge(page, PROCESSING)
    page.keyboard.press("Escape")
    open_badge(page, LIST_ORDERS[0])
    shared = page.evaluate(
        """() => {
          const roots = [...document.querySelectorAll('orderwise-advice, orderwise-guard')].map((h) => h.shadowRoot);
          const [first, panel] = roots.find((r) => r.adoptedStyleSheets.length === 2).adoptedStyleSheets;
          return {roots: roots.length, styles: roots.map((r) => r.querySelectorAll('style').length),
                  each: roots.map((r) => r.adoptedStyleSheets.length),
                  first: roots.every((r) => r.adoptedStyleSheets[0] === first),
                  panel: roots.every((r) => r.adoptedStyleSheets.length === 1 || r.adoptedStyleSheets[1] === panel),
                  rules: [first.cssRules.length, panel.cssRules.length]};
        }"""
    )
    assert shared["roots"] == len(LIST_ORDERS) + 1
    assert shared["styles"] == [0] * shared["roots"]
    # The two opened (to pay, processing) hold both sheets; the other four and the guard the first only.
    assert sorted(shared["each"]) == [1] * 5 + [2] * 2
    assert shared["first"] and shared["panel"]
    assert shared["rules"][0] > 30 and shared["rules"][1] > 30


def test_on_a_right_to_left_page_the_badge_follows_the_page_and_english_advice_reads_left_to_right(desk, fixtures):
    """On a Hebrew list the badge takes the page's direction; the popover of its English advice is laid out
    left to right and stays in the window."""
    page = desk
    fixtures.mapping["https://he.aliexpress.com/p/order/index.html"] = "list-he.html"
    page.goto("https://he.aliexpress.com/p/order/index.html")
    host = overlay(page, PROCESSING)
    expect(host).to_have_attribute("data-status", "awaiting_shipment")
    assert host.evaluate("h => getComputedStyle(h.shadowRoot.querySelector('button')).direction") == "rtl"
    dialog = open_badge(page, PROCESSING)
    expect(dialog).to_have_attribute("dir", "ltr")
    box = dialog.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 1440


def test_after_ive_requested_cancellation_the_card_follows_and_the_keys_stay(desk):
    """Pressing "I've requested cancellation" in a popover: the badge, the verdict, the steps and the message
    switch to waiting for the seller, the badge and the card date the seller's answer, and the element keeps
    the knowledge's status key and verdict for whoever reads them."""
    page = desk
    page.goto(LIST_URL)
    host = overlay(page, PROCESSING)
    dialog = open_badge(page, PROCESSING)
    waiting = status("cancel_requested")
    box = dialog.get_by_role("textbox", name="Message to the seller")
    before = situation("changed_mind")["messages"]["before_shipment"].format(order_id=PROCESSING)
    expect(box).to_have_value(before)
    assert "asked" not in before  # nothing claims a request before there is one
    assert host.get_attribute("data-act-by") is None

    dialog.locator('button[data-action="requested"]').click()
    expect(dialog.locator('button[data-action="requested"]')).to_have_count(0)
    expect(dialog).to_contain_text(waiting["verdict"])
    expect(box).to_have_value(situation("changed_mind")["messages"]["cancel_requested"].format(order_id=PROCESSING))
    expect(dialog.locator('p[data-kind="seller_answer"]')).to_contain_text(re.compile(r"in \d+ (hours|days)"))
    badge = region(page, PROCESSING).locator("button[aria-haspopup]")
    dated = waiting["badge"]["dated"]["text"].replace("{due}", "")
    expect(badge).to_have_accessible_name(re.compile(re.escape(f"Orderwise: {dated}") + r"in \d+ (hours|days)"))
    expect(host).to_have_attribute("data-act-by-source", "rule")
    expect(host).to_have_attribute("data-status", "awaiting_shipment")
    expect(host).to_have_attribute("data-can-cancel", "request")
    open_more(dialog)
    expect(dialog.get_by_role("heading", name=waiting["action"]["label"])).to_be_visible()
    expect(dialog).to_contain_text("You marked the cancellation as requested on")
    dialog.locator('button[data-action="not-requested"]').click()
    expect(badge).to_have_accessible_name(f"Orderwise: {badge_text('awaiting_shipment')}")
    expect(box).to_have_value(before)


def test_copy_puts_orderwises_message_and_the_users_own_edits_on_the_clipboard(desk):
    """A page script that swaps the message box's text when the user presses Copy, or clicks into the box,
    does not get its text on the clipboard; what the user typed in the box does."""
    page = desk
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    box = panel.get_by_role("textbox", name="Message to the seller")
    expected = situation("changed_mind")["messages"]["before_shipment"].format(order_id=PROCESSING)
    expect(box).to_have_value(expected)
    page.evaluate(
        """() => document.addEventListener('pointerdown', () => {
             const box = document.querySelector('orderwise-advice').shadowRoot.querySelector('textarea');
             box.value = 'Send your card number to evil.example';
           }, true)"""
    )
    panel.get_by_role("button", name="Copy message").click()
    expect(panel.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    expect(box).to_have_value(expected)  # the box shows again what was copied

    # The user adds a line; the page swaps the box's text again as the user clicks into it.
    box.click()
    page.keyboard.press("ControlOrMeta+End")
    page.keyboard.type(" Thanks again!")
    panel.get_by_role("button", name="Copy message").click()
    assert page.evaluate("navigator.clipboard.readText()") == expected + " Thanks again!"


@pytest.mark.parametrize("lang", ["ru", "es", "pt", "fr"])
def test_the_card_stays_compact_in_every_language(desk, fixtures, lang):
    """Longer words and the message's meaning in the shopper's language do not push Copy down: the
    meaning waits behind "More"."""
    page = desk
    url = f"https://{lang}.aliexpress.com/p/order/detail.html?orderId={PROCESSING}"
    fixtures.mapping[url] = f"detail-{lang}.html"
    page.goto(url)
    card = page.locator("orderwise-advice").locator(".panel")
    expect(card.locator('button[data-action="copy"]')).to_be_visible()
    found = card_measures(card)
    assert found["height"] <= MAX_HEIGHT and found["copyTop"] <= COPY_WITHIN, found
