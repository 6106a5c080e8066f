"""Issue 13's edge statuses on a list page in the page's language: each example of the issue's
table gets its status and verdict, and a status read only in part is shown as probable."""

import json

import pytest
from extension_helpers import badge_text, overlay
from playwright.sync_api import expect

from orderwise import browser, kb
from orderwise.engine import Engine

LOCALES = {"en": "en", "ru": "ru", "es": "es"}

# Storefront list -> (fixture, language the panel speaks, [(order number, page text, statuses, can_cancel)]).
LISTS = {
    "https://www.aliexpress.com/p/order/index.html": (
        "list-edges.html",
        "en",
        [
            ("8191300000000001", "Fund Processing", {"refund_processing"}, "no"),
            ("8191300000000002", "Refund processing", {"refund_processing"}, "no"),
            ("8191300000000003", "Processing refund", {"refund_processing"}, "no"),
            ("8191300000000004", "Refund in progress", {"refund_processing"}, "no"),
            ("8191300000000005", "Refund completed", {"refund_processing", "cancelled"}, "no"),
            ("8191300000000006", "Refunded", {"refund_processing", "cancelled"}, "no"),
            ("8191300000000007", "Frozen", {"frozen"}, "no"),
            ("8191300000000008", "Dispute closed", {"dispute_closed"}, "no"),
            ("8191300000000009", "Partial Shipment", {"partially_shipped"}, "no"),
            ("8191300000000010", "Awaiting confirmation of receipt", {"shipped", "delivered"}, "no"),
        ],
    ),
    "https://ru.aliexpress.com/p/order/index.html": (
        "list-edges-ru.html",
        "ru",
        [
            ("8191300000000011", "Спор закрыт", {"dispute_closed"}, "no"),
            ("8191300000000012", "Ожидание отправки", {"awaiting_shipment"}, "request"),
        ],
    ),
    "https://es.aliexpress.com/p/order/index.html": (
        "list-edges-es.html",
        "es",
        [
            ("8191300000000013", "Esperando envío", {"awaiting_shipment"}, "request"),
            ("8191300000000014", "Cancelada", {"cancelled"}, "no"),
        ],
    ),
    # No Korean UI strings: the panel speaks English there.
    "https://ko.aliexpress.com/p/order/index.html": (
        "list-edges-ko.html",
        "en",
        [("8191300000000015", "취소 신청", {"cancel_requested"}, "request")],
    ),
}
EXAMPLES = [(url, *card) for url, (_, _, cards) in LISTS.items() for card in cards]


def say(lang, key, **values):
    path = browser.EXTENSION_DIR / "_locales" / LOCALES[lang] / "messages.json"
    text = json.loads(path.read_text(encoding="utf-8"))[key]["message"]
    for name, value in values.items():
        text = text.replace(f"${name.upper()}$", str(value))
    return text


def verdict(lang, key, probably):
    """The badge's words for a status in ``lang``, "probably" when it was read in part."""
    words = badge_text(key, lang)
    return say(lang, "badgeProbably", verdict=words) if probably else words


def badge(page, lang, order_id):
    return page.get_by_role("region", name=say(lang, "regionLabel", order=order_id)).locator("button.badge")


@pytest.fixture(autouse=True)
def edge_lists(fixtures):
    fixtures.mapping.update({url: fixture for url, (fixture, _, _) in LISTS.items()})


@pytest.mark.parametrize(("url", "order_id", "text", "statuses", "can_cancel"), EXAMPLES, ids=[e[2] for e in EXAMPLES])
def test_each_example_of_the_table_gets_its_status_and_verdict_in_the_pages_language(
    page, url, order_id, text, statuses, can_cancel
):
    _, lang, _ = LISTS[url]
    page.goto(url)
    host = overlay(page, order_id)
    expect(host).to_have_attribute("data-can-cancel", can_cancel)
    assert host.get_attribute("data-status") in statuses, f"{text!r} read as {host.get_attribute('data-status')}"
    probably = host.get_attribute("data-match") == "partial"
    key = host.get_attribute("data-status")
    expect(badge(page, lang, order_id)).to_have_accessible_name(f"Orderwise: {verdict(lang, key, probably)}")


@pytest.mark.parametrize(
    ("url", "order_id", "text"),
    [
        ("https://www.aliexpress.com/p/order/index.html", "8191300000000021", "Funds being processed, 2 of 3"),
        ("https://ru.aliexpress.com/p/order/index.html", "8191300000000023", "Возврат средств, 2 из 3"),
    ],
)
def test_a_status_read_in_part_keeps_its_verdict_and_says_probably_and_which_words(page, url, order_id, text):
    """Money going back, read in part: the verdict stands in data-can-cancel, the badge says
    "probably" in the page's language, and the panel which words Orderwise went by."""
    _, lang, _ = LISTS[url]
    words = Engine(kb.load()).classify(text).words
    page.goto(url)
    host = overlay(page, order_id)
    expect(host).to_have_attribute("data-match", "partial")
    expect(host).to_have_attribute("data-can-cancel", "no")
    button = badge(page, lang, order_id)
    expect(button).to_have_accessible_name(f"Orderwise: {verdict(lang, host.get_attribute('data-status'), True)}")
    button.click()
    panel = page.get_by_role("region", name=say(lang, "regionLabel", order=order_id))
    expect(panel).to_contain_text(say(lang, "partialRead", words=words, text=text))


def test_an_exact_word_nobody_saw_on_a_page_needs_no_probably(page):
    page.goto("https://www.aliexpress.com/p/order/index.html")
    host = overlay(page, "8191300000000022")  # "In dispute"
    expect(host).to_have_attribute("data-match", "exact")
    expect(host).to_have_attribute("data-status", "in_dispute")
    expect(badge(page, "en", "8191300000000022")).to_have_accessible_name(f"Orderwise: {badge_text('in_dispute')}")
    badge(page, "en", "8191300000000022").click()
    expect(page.get_by_role("region", name="Orderwise advice for order 8191300000000022")).not_to_contain_text(
        "Probably"
    )
