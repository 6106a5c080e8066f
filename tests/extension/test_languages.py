"""Languages and storefronts: the right status on each storefront's pages, the panel in the page's
language (or the one chosen in the options), right-to-left layout, grouped order numbers."""

import json

import pytest
from extension_helpers import SNAPSHOT, badge_text, open_more, overlay, situation, status
from harness import FIXTURES_DIR, extension_id
from playwright.sync_api import expect

from orderwise import browser, kb

LOCALES = {"en": "en", "ru": "ru", "es": "es", "pt": "pt_BR", "fr": "fr"}


def messages(lang):
    path = browser.EXTENSION_DIR / "_locales" / LOCALES[lang] / "messages.json"
    return {key: entry["message"] for key, entry in json.loads(path.read_text(encoding="utf-8")).items()}


def say(lang, key, **values):
    """A UI string of the extension in ``lang``, its placeholders filled."""
    text = messages(lang)[key]
    for name, value in values.items():
        text = text.replace(f"${name.upper()}$", str(value))
    return text


def tr(lang, text):
    """An advice text of the knowledge in ``lang`` (the knowledge's translation)."""
    return SNAPSHOT["translations"].get(lang, {}).get(text, text)


def region(page, lang, order_id):
    return page.get_by_role("region", name=say(lang, "regionLabel", order=order_id))


# Storefront page -> (fixture, language the panel speaks, [(order number, status key)]).
LISTS = {
    "https://ru.aliexpress.com/p/order/index.html": (
        "list-ru.html",
        "ru",
        [("8190421736658012", "unpaid"), ("8190000000000001", "awaiting_shipment"), ("8189123906417733", "cancelled")],
    ),
    "https://es.aliexpress.com/p/order/index.html": (
        "list-es.html",
        "es",
        [("8190000000000001", "awaiting_shipment"), ("8189977352140417", "shipped"), ("3041278553901648", "cancelled")],
    ),
    "https://pt.aliexpress.com/p/order/index.html": (
        "list-pt.html",
        "pt",
        [("8190421736658012", "unpaid"), ("8190000000000001", "awaiting_shipment"), ("8189410268835226", "completed")],
    ),
    "https://fr.aliexpress.com/p/order/index.html": (
        "list-fr.html",
        "fr",
        [("8190421736658012", "unpaid"), ("8190000000000001", "awaiting_shipment"), ("8189123906417733", "cancelled")],
    ),
    "https://he.aliexpress.com/p/order/index.html": (
        "list-he.html",
        "en",
        [("8190421736658012", "unpaid"), ("8190000000000001", "awaiting_shipment"), ("8189123906417733", "cancelled")],
    ),
    "https://ar.aliexpress.com/p/order/index.html": (
        "list-ar.html",
        "en",
        [("8190421736658012", "unpaid"), ("8190000000000001", "awaiting_shipment"), ("8189123906417733", "cancelled")],
    ),
    "https://www.aliexpress.us/p/order/index.html": (
        "list-us.html",
        "en",
        [("8190421736658012", "unpaid"), ("8190000000000001", "awaiting_shipment"), ("8189977352140417", "shipped")],
    ),
    "https://aliexpress.ru/order-list": (
        "ru-list.html",
        "ru",
        # The second card has no link: its number is read from "5550 6801 1187 2034".
        [("5550677229097566", "shipped"), ("5550680111872034", "awaiting_shipment")],
    ),
    "https://trade.aliexpress.com/orderList.htm": (
        "old-order-list.html",
        "en",
        [("103785215555894", "unpaid"), ("103781144427201", "shipped"), ("103760020394512", "completed")],
    ),
}
DETAILS = {
    "https://ru.aliexpress.com/p/order/detail.html?orderId=8190000000000001": ("detail-ru.html", "ru"),
    "https://es.aliexpress.com/p/order/detail.html?orderId=8190000000000001": ("detail-es.html", "es"),
    "https://pt.aliexpress.com/p/order/detail.html?orderId=8190000000000001": ("detail-pt.html", "pt"),
    "https://fr.aliexpress.com/p/order/detail.html?orderId=8190000000000001": ("detail-fr.html", "fr"),
    "https://he.aliexpress.com/p/order/detail.html?orderId=8190000000000001": ("detail-he.html", "en"),
}
RU_DETAIL = "https://aliexpress.ru/order-list/5550680111872034"
UNREADABLE_LIST = "https://it.aliexpress.com/p/order/index.html"
UNKNOWN_SHAPE = "https://www.aliexpress.com/p/order/refund.html"
PAGES = {
    **{url: fixture for url, (fixture, *_) in LISTS.items()},
    **{url: fixture for url, (fixture, _) in DETAILS.items()},
    RU_DETAIL: "ru-detail.html",
    UNREADABLE_LIST: "list-unreadable.html",
    UNKNOWN_SHAPE: "list-unreadable.html",
}


@pytest.fixture(autouse=True)
def storefronts(fixtures):
    """The language and storefront pages, each at its own host."""
    fixtures.mapping.update(PAGES)


@pytest.mark.parametrize("url", list(LISTS))
def test_each_storefront_list_reads_the_right_status_and_badges_in_the_pages_language(page, url):
    """On every storefront and in every language, each order gets its own status, and its badge says
    whether it can be cancelled in the page's language."""
    _, lang, cards = LISTS[url]
    page.goto(url)
    expect(page.locator("orderwise-advice")).to_have_count(len(cards))
    for order_id, key in cards:
        host = overlay(page, order_id)
        expect(host).to_have_attribute("data-status", key)
        badge = region(page, lang, order_id).get_by_role("button", name=f"Orderwise: {badge_text(key, lang)}")
        expect(badge).to_be_visible()


@pytest.mark.parametrize("url", list(DETAILS))
def test_detail_panel_speaks_the_pages_language_and_shows_what_the_english_message_says(page, url):
    """A French page gets French advice; the message to the seller stays English, with its meaning
    in the shopper's language behind "More"."""
    _, lang = DETAILS[url]
    order_id = "8190000000000001"
    page.goto(url)
    panel = region(page, lang, order_id)
    expect(overlay(page, order_id)).to_have_attribute("data-status", "awaiting_shipment")
    expect(panel).to_have_attribute("lang", lang)
    awaiting = status("awaiting_shipment")
    expect(panel).to_contain_text(tr(lang, awaiting["verdict"]))
    expect(panel.get_by_role("combobox", name=say(lang, "situationLabel"))).to_be_visible()

    template = situation("changed_mind")["messages"]["before_shipment"]
    message = panel.get_by_role("textbox", name=say(lang, "messageLabel"))
    expect(message).to_have_value(template.replace("{order_id}", order_id))
    # Behind "More", first: what the English message says, in the shopper's language.
    open_more(panel)
    expect(panel).to_contain_text(tr(lang, awaiting["action"]["label"]))
    meaning = panel.locator(".says")
    if lang == "en":
        expect(meaning).to_have_count(0)
    else:
        expect(meaning).to_have_text(f"{say(lang, 'messageSays')} {tr(lang, template).replace('{order_id}', order_id)}")


def test_a_hebrew_page_places_the_card_right_and_lays_english_advice_out_left_to_right(page, tmp_path):
    """On a right-to-left page the card sits against the right edge, as the page's own blocks do, and
    the English advice in it reads left to right: aligned left, its full stops at the end."""
    order_id = "8190000000000001"
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto("https://he.aliexpress.com/p/order/detail.html?orderId=8190000000000001")
    panel = region(page, "en", order_id)
    card = panel.locator(".panel")
    expect(card).to_have_attribute("dir", "ltr")
    verdict = card.get_by_text(status("awaiting_shipment")["verdict"])
    expect(verdict).to_be_visible()
    assert verdict.evaluate("p => getComputedStyle(p).direction") == "ltr"
    assert verdict.bounding_box()["x"] - card.bounding_box()["x"] < 20  # starts at the card's left
    box = card.bounding_box()
    area = page.locator(".order-block.order-status").bounding_box()
    gap_right = area["x"] + area["width"] - (box["x"] + box["width"])
    gap_left = box["x"] - area["x"]
    assert gap_right < gap_left, (gap_left, gap_right)
    assert gap_right < 40
    page.screenshot(path=tmp_path / "rtl-detail.png", full_page=True)


def test_a_page_in_a_language_without_advice_gets_english(page):
    """Hebrew advice is not written yet: the panel falls back to English, whole."""
    page.goto("https://he.aliexpress.com/p/order/index.html")
    words = badge_text("awaiting_shipment")
    badge = region(page, "en", "8190000000000001").get_by_role("button", name=f"Orderwise: {words}")
    badge.click()
    expect(region(page, "en", "8190000000000001")).to_contain_text(status("awaiting_shipment")["verdict"])


def test_the_options_language_overrides_the_pages(context, tmp_path):
    """Choosing French in the options turns a Russian page's panel French; Automatic brings Russian back."""
    context.fixtures.mapping.update(PAGES)
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    language = options.get_by_label("Language of the advice")
    expect(language).to_have_value("auto")
    page = context.new_page()
    url = "https://ru.aliexpress.com/p/order/detail.html?orderId=8190000000000001"
    verdict = status("awaiting_shipment")["verdict"]

    for choice, lang in (("fr", "fr"), ("auto", "ru")):
        language.select_option(choice)
        options.get_by_role("button", name="Save").click()
        expect(options.get_by_role("status")).to_have_text("Saved")
        page.goto(url)
        expect(region(page, lang, "8190000000000001")).to_contain_text(tr(lang, verdict))
    options.reload()
    expect(options.get_by_label("Language of the advice")).to_have_value("auto")


def test_aliexpress_ru_detail_reads_the_grouped_number_and_copies_it_whole(context):
    """aliexpress.ru prints 5550 6801 1187 2034: the overlay and the copied message carry it as one number."""
    context.fixtures.mapping.update(PAGES)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://aliexpress.ru")
    page = context.new_page()
    page.goto(RU_DETAIL)
    order_id = "5550680111872034"
    host = overlay(page, order_id)
    expect(host).to_have_attribute("data-status", "awaiting_shipment")
    panel = region(page, "ru", order_id)
    expect(panel).to_contain_text(tr("ru", status("awaiting_shipment")["verdict"]))
    panel.get_by_role("button", name=say("ru", "copyButton")).click()
    expect(panel.get_by_role("status")).to_have_text(say("ru", "copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == situation("changed_mind")["messages"]["before_shipment"].replace("{order_id}", order_id)


def test_aliexpress_ru_list_reads_a_number_printed_in_groups(page):
    page.goto("https://aliexpress.ru/order-list")
    expect(overlay(page, "5550680111872034")).to_have_attribute("data-status", "awaiting_shipment")
    expect(page.locator('orderwise-advice[data-order-id*=" "]')).to_have_count(0)


def test_aliexpress_ru_status_redrawn_inside_a_nested_block_still_updates_its_badge(page):
    """The page moves a card's status into a block of its own whose class also contains the card's
    (RedOrderList_OrderList__item__...), then the status changes: the card's badge follows."""
    page.goto("https://aliexpress.ru/order-list")
    host = overlay(page, "5550680111872034")
    expect(host).to_have_attribute("data-status", "awaiting_shipment")
    page.evaluate(
        """() => {
          const card = document.querySelectorAll('[data-testid="orderItem"]')[1];
          const tag = card.querySelector('[class*="RedOrderList_OrderItem__tag__"]');
          const block = document.createElement('div');
          block.className = 'RedOrderList_OrderList__item__status__a2315';
          tag.replaceWith(block);
          block.append(tag);
        }"""
    )
    # The move alone is read first, as it happens on a real page: the badge follows the status
    # into its new block.
    expect(page.locator(".RedOrderList_OrderList__item__status__a2315 orderwise-advice")).to_have_count(1)
    page.evaluate(
        """() => { document.querySelectorAll('[data-testid="orderItem"]')[1]
                     .querySelector('[class*="RedOrderList_OrderItem__tag__"]').textContent = 'Отменён'; }"""
    )
    expect(host).to_have_attribute("data-status", "cancelled")
    expect(page.locator("orderwise-advice")).to_have_count(2)


@pytest.mark.parametrize(
    ("url", "where"),
    [(UNREADABLE_LIST, "a list whose markup Orderwise does not know"), (UNKNOWN_SHAPE, "an order page of a new kind")],
)
def test_a_page_it_cannot_read_says_so_near_the_top(page, url, where):
    """Instead of silence, one notice at the top of the order area says Orderwise couldn't read the page."""
    page.goto(url)
    notice = page.locator("orderwise-notice")
    expect(notice).to_have_count(1)
    expect(notice.get_by_role("region", name="Orderwise")).to_contain_text("Orderwise couldn't read this page.")
    expect(page.locator("orderwise-advice")).to_have_count(0)
    box = notice.bounding_box()
    assert box["y"] < 200, where


def test_offline_the_bundled_snapshot_still_speaks_the_shoppers_language(context, closed_port_url):
    """With the service down, the gzipped snapshot inflates to the service's knowledge, translations
    included, so a Portuguese page still gets Portuguese advice."""
    browser.set_settings(context, closed_port_url)
    # The worker's own module, imported into an extension page (a service worker cannot import()).
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    bundled = options.evaluate("async () => (await import('/background/knowledge.js')).fetchBundled()")
    options.close()
    assert bundled == json.loads(json.dumps(kb.load().data))
    context.fixtures.mapping.update(PAGES)
    page = context.new_page()
    page.goto("https://pt.aliexpress.com/p/order/detail.html?orderId=8190000000000001")
    panel = region(page, "pt", "8190000000000001")
    expect(panel).to_contain_text(tr("pt", status("awaiting_shipment")["verdict"]))
    open_more(panel)
    expect(panel).to_contain_text(say("pt", "noteBundled"))


RTL_LISTS = ["https://he.aliexpress.com/p/order/index.html", "https://ar.aliexpress.com/p/order/index.html"]


@pytest.mark.parametrize("url", RTL_LISTS, ids=["he", "ar"])
def test_on_a_right_to_left_list_each_badge_follows_its_status_leftwards(page, url):
    """Hebrew and Arabic pages read right to left: each badge comes after its status, that is on its
    left, on the status's line, and inside the card."""
    _, _, cards = LISTS[url]
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(url)
    for order_id, key in cards:
        expect(overlay(page, order_id)).to_have_attribute("data-status", key)
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('orderwise-advice')].map((host) => {
             const card = host.closest('.order-item');
             const box = (element) => { const r = element.getBoundingClientRect();
                                        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
             const badge = host.shadowRoot.querySelector('button');
             return {order: host.dataset.orderId, badge: box(badge),
                     status: box(card.querySelector('.order-item-header-status-text')), card: box(card),
                     dir: getComputedStyle(card).direction};
           })"""
    )
    assert [entry["order"] for entry in boxes] == [order_id for order_id, _ in cards]
    for entry in boxes:
        badge, text, card = entry["badge"], entry["status"], entry["card"]
        assert entry["dir"] == "rtl"
        # Left of the status, with a gap that keeps the two apart but together.
        assert 0 < text["left"] - badge["right"] <= 16, entry
        assert badge["top"] < text["bottom"] and badge["bottom"] > text["top"], entry
        assert card["left"] <= badge["left"] and badge["right"] <= card["right"], entry


@pytest.mark.parametrize(("locale", "lang"), [("fr-FR", "fr"), ("es-MX", "es"), ("de-DE", "en")])
def test_a_page_that_does_not_say_its_language_gets_the_browsers(playwright, service, tmp_path, locale, lang):
    """Without a lang attribute on the page, the panel speaks the browser's language, and English
    when Orderwise has no advice in it."""
    order_id = "8190000000000001"
    unsaid = tmp_path / "detail-no-lang.html"
    html = (FIXTURES_DIR / "detail-processing.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html
    unsaid.write_text(html.replace('<html lang="en">', "<html>", 1), encoding="utf-8")
    context = browser.launch(tmp_path / "profile", playwright=playwright, locale=locale)
    try:
        browser.set_settings(context, service.url)
        browser.serve_fixtures(context, {f"/p/order/detail.html?orderId={order_id}": unsaid}, FIXTURES_DIR)
        page = context.new_page()
        page.goto(f"https://www.aliexpress.com/p/order/detail.html?orderId={order_id}")
        assert page.evaluate("() => [document.documentElement.lang, navigator.language]") == ["", locale]
        panel = region(page, lang, order_id)
        expect(panel).to_contain_text(tr(lang, status("awaiting_shipment")["verdict"]))
        expect(overlay(page, order_id)).to_have_attribute("data-status", "awaiting_shipment")
    finally:
        context.close()
