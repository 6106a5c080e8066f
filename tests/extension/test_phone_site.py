"""The mobile site, m.aliexpress.com, on a phone: its order list and order pages (laid out for a
phone, with the desktop markup: nobody here has seen the mobile site's own) served at the mobile
host in Chromium's mobile emulation, with the extension as the manifest ships it. The same
verdicts as on the desktop pages, readable badges, and nothing wider than the screen."""

import pytest
from extension_helpers import (
    DETAIL_URL,
    LIST_URL,
    badge_text,
    copy_where_the_clipboard_is_refused,
    overlay,
    region,
    situation,
    status,
)
from extension_helpers import LIST_CARDS as CARDS
from phone_helpers import (
    MOBILE_DETAIL_PAGES,
    MOBILE_DETAIL_URL,
    MOBILE_LIST_URL,
    NARROW,
    PHONE,
    horizontal_overflow,
    open_phone,
)
from playwright.sync_api import expect

DETAILS = {
    "8190421736658012": "unpaid",
    "8190000000000001": "awaiting_shipment",
    "8189977352140417": "shipped",
    "8189410268835226": "completed",
    "8189123906417733": "cancelled",
    "8187740259316625": "unknown",
    "8190236612904488": "cancel_requested",
}
PROCESSING = "8190000000000001"

# What each overlay of a page says: order, status, can_cancel and the badge's or panel's name.
VERDICTS = """hosts => hosts.map((h) => [h.dataset.orderId, h.dataset.status, h.dataset.canCancel,
  h.shadowRoot.querySelector('[role=region]').getAttribute('aria-label')])"""

# Whether the badge's visible words lie wholly inside the badge, and it clips nothing sideways.
WORDS_INSIDE = """(badge, words) => {
  const walker = document.createTreeWalker(badge, NodeFilter.SHOW_TEXT);
  let node = walker.nextNode();
  while (node && !node.textContent.includes(words)) node = walker.nextNode();
  if (!node) return false;
  const range = document.createRange();
  range.selectNodeContents(node);
  const text = range.getBoundingClientRect();
  const box = badge.getBoundingClientRect();
  return badge.scrollWidth <= badge.clientWidth && text.left >= box.left && text.right <= box.right
    && text.top >= box.top && text.bottom <= box.bottom;
}"""


@pytest.fixture(scope="module")
def phone(playwright, service, tmp_path_factory):
    context = open_phone(playwright, tmp_path_factory.mktemp("phone"), service.url)
    yield context
    context.close()


@pytest.fixture
def page(phone):
    page = phone.new_page()
    yield page
    page.close()


def verdicts(page, url, count):
    page.goto(url)
    expect(page.locator("orderwise-advice[data-status]")).to_have_count(count)
    return page.locator("orderwise-advice").evaluate_all(VERDICTS)


def test_the_phone_is_a_phone(page):
    """What the page sees: a touch screen 390 px wide, and Chrome on Android's user agent."""
    page.goto(MOBILE_LIST_URL)
    seen = page.evaluate("[innerWidth, matchMedia('(pointer: coarse)').matches, navigator.userAgent]")
    assert seen == [PHONE["viewport"]["width"], True, PHONE["user_agent"]]


def test_the_mobile_list_gives_each_order_the_verdict_it_has_on_the_desktop_list(page):
    """On m.aliexpress.com's list each order gets its badge, with the verdict the desktop list gives."""
    mobile = verdicts(page, MOBILE_LIST_URL, len(CARDS))
    desktop = verdicts(page, LIST_URL, len(CARDS))
    assert mobile == desktop
    assert [(order_id, key, can) for order_id, key, can, _ in mobile] == [card[:3] for card in CARDS]
    page.goto(MOBILE_LIST_URL)
    for order_id, _key, _can, words in CARDS:
        expect(region(page, order_id).get_by_role("button", name=f"Orderwise: {words}")).to_be_visible()


@pytest.mark.parametrize("order_id", list(MOBILE_DETAIL_PAGES))
def test_each_mobile_order_page_gives_the_verdict_of_its_desktop_page(page, order_id):
    """An order's page on m.aliexpress.com shows the panel the desktop page shows: same status,
    same verdict."""
    mobile = verdicts(page, MOBILE_DETAIL_URL.format(order_id), 1)
    desktop = verdicts(page, DETAIL_URL.format(order_id), 1)
    assert mobile == desktop
    assert mobile[0][:2] == [order_id, DETAILS[order_id]]
    if DETAILS[order_id] != "unknown":
        expect(region(page, order_id)).to_contain_text(status(DETAILS[order_id])["verdict"])


@pytest.mark.parametrize("screen", [PHONE["viewport"], NARROW], ids=lambda screen: f"{screen['width']}px")
def test_the_badges_are_whole_and_on_the_screen(page, screen):
    """Each badge shows its words in full (nothing cut off or ellipsed), inside the screen's width."""
    page.set_viewport_size(screen)
    page.goto(MOBILE_LIST_URL)
    expect(page.locator("orderwise-advice[data-status]")).to_have_count(len(CARDS))
    width = screen["width"]
    for order_id, _key, _can, words in CARDS:
        badge = region(page, order_id).get_by_role("button", name=f"Orderwise: {words}")
        box = badge.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= width, (order_id, box)
        assert badge.evaluate(WORDS_INSIDE, words), f"{words!r} does not fit in its badge"


@pytest.mark.parametrize("url", [MOBILE_LIST_URL, MOBILE_DETAIL_URL.format(PROCESSING)], ids=["list", "detail"])
def test_nothing_scrolls_sideways_at_360_px(page, url):
    """At 360 px wide neither page scrolls sideways: not with the badges, not with a panel opened
    by a tap."""
    page.set_viewport_size(NARROW)
    page.goto(url)
    expect(overlay(page, PROCESSING)).to_have_attribute("data-status", "awaiting_shipment")
    assert horizontal_overflow(page) == 0
    if url == MOBILE_LIST_URL:
        badge = region(page, PROCESSING).get_by_role("button", name=f"Orderwise: {badge_text('awaiting_shipment')}")
        badge.tap()
        expect(badge).to_have_attribute("aria-expanded", "true")
    expect(region(page, PROCESSING)).to_contain_text(status("awaiting_shipment")["verdict"])
    assert horizontal_overflow(page) == 0


# Every control in Orderwise's shadow roots that a finger touches, with its size, and every piece
# of Orderwise's text with its font size. Links inside running text are exempt (WCAG 2.5.5), as
# is the screen-reader-only text.
OURS_ON_SCREEN = """() => {
  const roots = [...document.querySelectorAll('orderwise-advice, orderwise-guard, orderwise-notice')]
    .map((host) => host.shadowRoot).filter(Boolean);
  const shown = (el) => el.getClientRects().length && !el.closest('.sr-only');
  const targets = [], texts = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll('button, select, textarea, input, a, summary')) {
      if (!shown(el) || (el.tagName === 'A' && el.closest('p, li'))) continue;
      const { width, height } = el.getBoundingClientRect();
      targets.push({ name: el.textContent.trim().slice(0, 30) || el.getAttribute('aria-label'), width, height });
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !shown(el)) continue;
      texts.push([node.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(el).fontSize)]);
    }
  }
  return { targets, texts };
}"""


def fits_a_finger(page):
    """What of Orderwise's is on the screen: controls under 44 x 44 CSS px, text under 16 px."""
    seen = page.evaluate(OURS_ON_SCREEN)
    assert seen["targets"], "no control of Orderwise's is on the screen"
    small = [t for t in seen["targets"] if t["width"] < 44 or t["height"] < 44]
    tiny = [(text, size) for text, size in seen["texts"] if size < 16]
    return small, tiny


SHIPPED = "8189977352140417"


@pytest.mark.parametrize(
    ("url", "order_id"),
    [
        (MOBILE_LIST_URL, PROCESSING),
        (MOBILE_LIST_URL, SHIPPED),
        (MOBILE_DETAIL_URL.format(PROCESSING), PROCESSING),
        (MOBILE_DETAIL_URL.format(SHIPPED), SHIPPED),
    ],
    ids=["list-processing", "list-shipped", "detail-processing", "detail-shipped"],
)
def test_on_a_phone_every_control_is_a_fingers_size_and_every_text_at_least_16_px(page, url, order_id):
    """At 360 px wide, on the badges, the card opened by a tap and what "More" holds (the dispute
    kit of a shipped order included): every button, picker and stand-alone link of Orderwise's is
    at least 44 x 44 CSS px, and its text at least 16 px, so a shopper reads it and hits it with a
    thumb."""
    page.set_viewport_size(NARROW)
    page.goto(url)
    expect(overlay(page, order_id)).to_have_attribute("data-status", DETAILS[order_id])
    if url == MOBILE_LIST_URL:
        assert fits_a_finger(page) == ([], [])  # the badges alone
        badge = region(page, order_id).locator("button[aria-haspopup]")
        badge.tap()
        expect(badge).to_have_attribute("aria-expanded", "true")
    more = region(page, order_id).locator('button[data-action="more"]')
    assert fits_a_finger(page) == ([], [])  # the card
    more.tap()
    expect(more).to_have_attribute("aria-expanded", "true")
    assert fits_a_finger(page) == ([], [])  # and what More holds
    assert horizontal_overflow(page) == 0


def test_when_the_clipboard_refuses_a_phone_is_told_to_touch_and_hold_not_to_press_ctrl_c(page):
    """A phone has no Ctrl+C: when the page forbids writing the clipboard, Copy selects the message
    and says to touch and hold it, then choose Copy."""
    url = MOBILE_DETAIL_URL.format(PROCESSING)
    panel, selected = copy_where_the_clipboard_is_refused(page, url, PROCESSING, press="tap")
    expect(panel.get_by_role("status")).to_have_text(
        "Couldn't copy automatically. Touch and hold the message, then choose Copy."
    )
    assert selected() == situation("changed_mind")["messages"]["before_shipment"].format(order_id=PROCESSING)
