"""The seller chat: beside Copy, a button that copies the message and opens the chat for this order
in a new tab, on AliExpress's own site. Nothing is sent for the shopper."""

import pytest
from extension_helpers import DETAIL_URL, LIST_URL, badge_text, region, situation
from harness import FIXTURES_DIR
from playwright.sync_api import expect
from test_languages import region as region_in
from test_languages import say

PROCESSING = "8190000000000001"  # awaiting shipment: a message to the seller
SHIPPED = "8189977352140417"
TO_PAY = "8190421736658012"  # nothing to write yet
CHAT = "https://www.aliexpress.com/p/message/index.html?fromCode=order&orderId={}"
# The page's own message link for an order, as seen in real use (aliexpress-edges.md §9).
OWN_LINK = "https://www.aliexpress.com/p/message/index.html?fromCode=order&orderId={}&bizContext=orderDetail"


def add_link(page, href):
    """The page puts a link in its own markup (after the panel was drawn: the button reads it when pressed)."""
    page.evaluate(
        """(href) => {
          const link = document.createElement('a');
          link.href = href;
          link.textContent = 'Contact seller';
          document.querySelector('.order-price').after(link);
        }""",
        href,
    )


def open_chat(page, panel, name="Copy and open chat"):
    """Presses the chat button; returns the address of the tab it opened."""
    with page.context.expect_page() as opened:
        panel.get_by_role("button", name=name).click()
    chat = opened.value
    chat.wait_for_load_state("commit")
    address = chat.url
    chat.close()
    page.bring_to_front()  # the clipboard is read from a focused page
    return address


def test_chat_button_copies_the_message_and_opens_this_orders_chat(page):
    """On the detail page the button copies the message (order number filled in), opens the seller chat
    for this very order in a new tab, and says to paste it and press Send."""
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    button = panel.get_by_role("button", name="Copy and open chat")
    expect(button).to_have_accessible_description(
        "The seller chat for this order opens in a new tab: paste the message there and press Send."
    )
    assert open_chat(page, panel) == CHAT.format(PROCESSING)
    expect(panel.get_by_role("status")).to_have_text("Copied. In the chat, paste it and press Send.")
    expected = situation("changed_mind")["messages"]["before_shipment"].format(order_id=PROCESSING)
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_chat_from_a_list_card_opens_that_cards_order(page):
    """On the list each card's chat button opens the chat of its own order, with its own message."""
    page.goto(LIST_URL)
    panel = region(page, SHIPPED)
    panel.get_by_role("button", name=f"Orderwise: {badge_text('shipped')}").click()
    assert open_chat(page, panel) == CHAT.format(SHIPPED)
    message = panel.get_by_role("textbox", name="Message to the seller").input_value()
    assert SHIPPED in message
    assert page.evaluate("navigator.clipboard.readText()") == message


def test_the_pages_own_message_link_is_used(page):
    """A chat link the page offers for this order is the one opened."""
    page.goto(DETAIL_URL.format(PROCESSING))
    add_link(page, OWN_LINK.format(PROCESSING))
    assert open_chat(page, region(page, PROCESSING)) == OWN_LINK.format(PROCESSING)


@pytest.mark.parametrize(
    "href",
    [
        "http://www.aliexpress.com/p/message/index.html?orderId={}",  # not https
        "https://www.aliexpress.com.example.net/p/message/index.html?orderId={}",  # not AliExpress's host
        "https://evil-aliexpress.com/p/message/index.html?orderId={}",
        "https://www.aliexpress.com/p/order/detail.html?x=/p/message/&orderId={}",  # not the chat's path
        "https://www.aliexpress.com/p/message/index.html?orderId=8189410268835226#{}",  # another order
        "javascript:alert('/p/message/{}')",
    ],
)
def test_a_message_link_that_cannot_be_trusted_is_not_followed(page, href):
    """The page is not trusted: its link is used only when it is an https AliExpress chat address for this
    order; otherwise the known chat address is opened."""
    page.goto(DETAIL_URL.format(PROCESSING))
    add_link(page, href.format(PROCESSING))
    assert open_chat(page, region(page, PROCESSING)) == CHAT.format(PROCESSING)


def test_a_status_with_no_message_has_no_chat_button(page):
    page.goto(DETAIL_URL.format(TO_PAY))
    panel = region(page, TO_PAY)
    expect(panel).to_contain_text("Reason to pick in AliExpress's form:")  # drawn, with no message box
    expect(panel.get_by_role("textbox")).to_have_count(0)
    expect(panel.get_by_role("button", name="chat")).to_have_count(0)


RU_DETAIL = "https://aliexpress.ru/order-list/5550680111872034"
RU_ORDER = "5550680111872034"


def test_aliexpress_ru_and_the_old_list_have_no_chat_button_without_a_link_of_their_own(context, tmp_path):
    """No chat address is known on aliexpress.ru or the old list: no button, unless the page offers its
    own link for the order, which is then the one opened."""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://aliexpress.ru")
    fixtures = context.fixtures
    old_list = "https://trade.aliexpress.com/orderList.htm"
    fixtures.mapping.update({RU_DETAIL: "ru-detail.html", old_list: "old-order-list.html"})
    page = context.new_page()
    page.goto(RU_DETAIL)
    panel = region_in(page, "ru", RU_ORDER)
    expect(panel.get_by_role("button", name=say("ru", "copyButton"))).to_be_visible()
    expect(panel.get_by_role("button", name=say("ru", "chatButton"))).to_have_count(0)

    page.goto(old_list)
    shipped = "103781144427201"
    old_panel = region(page, shipped)
    old_panel.get_by_role("button", name=f"Orderwise: {badge_text('shipped')}").click()
    expect(old_panel.get_by_role("button", name="Copy message")).to_be_visible()
    expect(old_panel.get_by_role("button", name="chat")).to_have_count(0)

    # The same aliexpress.ru page, offering its own chat link for the order.
    own = OWN_LINK.format(RU_ORDER)
    html = (FIXTURES_DIR / "ru-detail.html").read_text(encoding="utf-8")
    page_with_link = tmp_path / "ru-detail-with-chat-link.html"
    page_with_link.write_text(html.replace("</body>", f'<a href="{own}">Чат</a></body>'), encoding="utf-8")
    fixtures.mapping[RU_DETAIL] = str(page_with_link)
    page.goto(RU_DETAIL)
    assert open_chat(page, panel, say("ru", "chatButton")) == own
    expect(panel.get_by_role("status")).to_have_text(say("ru", "chatCopied"))
    assert RU_ORDER in page.evaluate("navigator.clipboard.readText()")


LANGUAGE_PAGES = {
    "en": f"https://www.aliexpress.com/p/order/detail.html?orderId={PROCESSING}",
    "ru": f"https://ru.aliexpress.com/p/order/detail.html?orderId={PROCESSING}",
    "es": f"https://es.aliexpress.com/p/order/detail.html?orderId={PROCESSING}",
    "pt": f"https://pt.aliexpress.com/p/order/detail.html?orderId={PROCESSING}",
    "fr": f"https://fr.aliexpress.com/p/order/detail.html?orderId={PROCESSING}",
}


def test_the_chat_button_speaks_the_pages_language_and_opens_the_same_chat(context):
    """In the five advice languages the button and its line are translated, its name names the chat, and
    every storefront of the new UI opens the chat on www.aliexpress.com."""
    fixtures = {"ru": "detail-ru.html", "es": "detail-es.html", "pt": "detail-pt.html", "fr": "detail-fr.html"}
    for lang, url in LANGUAGE_PAGES.items():
        if lang in fixtures:
            context.fixtures.mapping[url] = fixtures[lang]
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.split("/p/")[0])
    page = context.new_page()
    for lang, url in LANGUAGE_PAGES.items():
        page.goto(url)
        panel = region_in(page, lang, PROCESSING)
        name = say(lang, "chatButton")
        assert "chat" in name.lower() or "чат" in name.lower()
        expect(panel.get_by_role("button", name=name)).to_have_accessible_description(say(lang, "chatHint"))
        assert open_chat(page, panel, name) == CHAT.format(PROCESSING)
        expect(panel.get_by_role("status")).to_have_text(say(lang, "chatCopied"))
        assert PROCESSING in page.evaluate("navigator.clipboard.readText()")
