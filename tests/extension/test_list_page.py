"""My Orders list: a badge beside each order's status that opens the full panel."""

import pytest
from extension_helpers import LIST_CARDS as CARDS
from extension_helpers import LIST_URL, SNAPSHOT, badge_text, overlay, region, situation
from playwright.sync_api import expect

ASK = f"Orderwise: {badge_text('awaiting_shipment')}"
PROCESSING = "8190000000000001"


@pytest.fixture(scope="module")
def list_page(shared_context):
    """One list page for the tests that only look at it."""
    page = shared_context.new_page()
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(len(CARDS))
    yield page
    page.close()


@pytest.mark.parametrize(("order_id", "key", "can_cancel", "words"), CARDS)
def test_each_order_shows_a_badge_with_its_verdict(list_page, order_id, key, can_cancel, words):
    """Beside each status, a badge says in two or three words whether the order can be cancelled."""
    host = overlay(list_page, order_id)
    expect(host).to_have_count(1)
    expect(host).to_have_attribute("data-status", key)
    expect(host).to_have_attribute("data-can-cancel", can_cancel)
    badge = region(list_page, order_id).get_by_role("button", name=f"Orderwise: {words}")
    expect(badge).to_be_visible()
    expect(badge).to_have_attribute("aria-expanded", "false")


def test_badges_sit_right_after_the_status_text_they_read(list_page):
    """Every overlay is the next sibling of its card's status text, one per order."""
    placement = list_page.locator("orderwise-advice").evaluate_all(
        "hosts => hosts.map(h => [h.dataset.orderId, h.previousElementSibling.className,"
        " h.previousElementSibling.textContent])"
    )
    assert placement == [
        [order_id, "order-item-header-status-text", text]
        for (order_id, *_), text in zip(
            CARDS, ["To pay", "Processing", "Awaiting delivery", "Completed", "Canceled", "Closed"], strict=True
        )
    ]


def test_badge_opens_a_popover_that_takes_the_focus_and_gives_it_back(page):
    """Opening a badge shows the verdict and the situation in a popover; the keyboard goes into it, and
    Escape closes it and puts the keyboard back on the badge."""
    page.goto(LIST_URL)
    expect(overlay(page, PROCESSING)).to_have_attribute("data-status", "awaiting_shipment")
    badge = region(page, PROCESSING).get_by_role("button", name=ASK)
    expect(badge).to_have_attribute("aria-haspopup", "dialog")
    badge.click()
    panel = region(page, PROCESSING)
    dialog = panel.get_by_role("dialog", name="Orderwise")
    expect(badge).to_have_attribute("aria-expanded", "true")
    expect(dialog).to_be_focused()
    expect(dialog).to_contain_text("Ask to cancel. The seller has to approve the request.")
    expect(panel.get_by_role("combobox", name="Your situation")).to_be_visible()

    page.keyboard.press("Tab")  # the keyboard moves on inside the popover
    assert dialog.evaluate("d => d.contains(d.getRootNode().activeElement)")
    page.keyboard.press("Escape")
    expect(badge).to_have_attribute("aria-expanded", "false")
    expect(dialog).to_have_count(0)
    expect(badge).to_be_focused()

    # The close button does the same; a press elsewhere on the page closes it and leaves the focus there.
    badge.click()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_have_count(0)
    expect(badge).to_be_focused()
    badge.click()
    page.get_by_role("heading", name="Orders").click()
    expect(dialog).to_have_count(0)


def test_copy_from_a_list_card_puts_the_message_with_its_order_number_on_the_clipboard(page):
    """The list panel's Copy button copies this card's message, order number filled in."""
    page.goto(LIST_URL)
    panel = region(page, PROCESSING)
    panel.get_by_role("button", name=ASK).click()
    panel.get_by_role("button", name="Copy message").click()
    expect(panel.get_by_role("status")).to_have_text("Copied")
    expected = situation("changed_mind")["messages"]["before_shipment"].format(order_id=PROCESSING)
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_orders_loaded_later_get_one_overlay_each(page):
    """After "View orders", the new cards get their badges, and no order ever gets two."""
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(6)
    page.get_by_role("button", name="View orders").click()
    expect(page.locator("orderwise-advice")).to_have_count(8)
    expect(overlay(page, "8188650417729301")).to_have_attribute("data-status", "shipped")
    expect(overlay(page, "8188312095564187")).to_have_attribute("data-can-cancel", "request")

    # More page churn (a re-render of a header) must not add a second overlay. In the same
    # task the card's status changes too: once its badge shows the new status, the page has
    # been read again after the churn, so the count below is taken after that read.
    page.evaluate(
        "() => { const card = document.querySelector('.order-item');"
        " card.querySelector('.order-item-header-right-info').append(document.createTextNode(' '));"
        " card.querySelector('.order-item-header-status-text').firstChild.data = 'Completed'; }"
    )
    expect(overlay(page, CARDS[0][0])).to_have_attribute("data-status", "completed")
    ids = page.locator("orderwise-advice").evaluate_all("hosts => hosts.map(h => h.dataset.orderId)")
    assert sorted(ids) == sorted({card[0] for card in CARDS} | {"8188650417729301", "8188312095564187"})


def test_status_changing_in_place_updates_the_same_overlay(page):
    """When the page rewrites a card's status text, its overlay changes verdict; it is not duplicated."""
    page.goto(LIST_URL)
    host = overlay(page, PROCESSING)
    expect(host).to_have_attribute("data-can-cancel", "request")
    handle = host.element_handle()

    page.evaluate(
        """id => {
          const card = [...document.querySelectorAll('.order-item')]
            .find((c) => c.querySelector(`a[href*="${id}"]`));
          card.querySelector('.order-item-header-status-text').firstChild.data = 'Canceled';
        }""",
        PROCESSING,
    )
    expect(host).to_have_attribute("data-status", "cancelled")
    expect(host).to_have_attribute("data-can-cancel", "no")
    expect(region(page, PROCESSING).get_by_role("button", name=f"Orderwise: {badge_text('cancelled')}")).to_be_visible()
    assert handle.evaluate("h => h.isConnected && h.dataset.status") == "cancelled"
    expect(host).to_have_count(1)


def test_a_removed_card_takes_its_overlay_along_and_a_redrawn_card_gets_one_again(page):
    """The page drops one card and draws another afresh: the dropped order's overlay is gone, the
    redrawn order has exactly one, in its new card, and the other cards keep theirs."""
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(6)
    unpaid = overlay(page, CARDS[0][0]).element_handle()
    page.evaluate(
        """([dropped, redrawn]) => {
          const card = (id) => [...document.querySelectorAll('.order-item')]
            .find((c) => c.querySelector(`a[href*="${id}"]`));
          card(dropped).remove();
          const old = card(redrawn);
          const fresh = old.cloneNode(true);
          fresh.querySelectorAll('orderwise-advice, orderwise-guard').forEach((node) => node.remove());
          old.replaceWith(fresh);
        }""",
        [CARDS[2][0], PROCESSING],
    )
    expect(overlay(page, CARDS[2][0])).to_have_count(0)
    expect(page.locator(".order-item orderwise-advice")).to_have_count(5)
    expect(overlay(page, PROCESSING)).to_have_attribute("data-can-cancel", "request")
    assert overlay(page, PROCESSING).evaluate("host => host.closest('.order-item').isConnected")
    assert unpaid.evaluate("host => host.isConnected")


def test_an_overlay_left_behind_in_a_card_is_replaced_not_doubled(page):
    """An overlay left in a card by an earlier run of Orderwise (before an update, say) does not
    make the order show two."""
    page.add_init_script(
        f"const strayId = '{PROCESSING}';"
        """document.addEventListener('DOMContentLoaded', () => {
          const card = [...document.querySelectorAll('.order-item')]
            .find((c) => c.querySelector(`a[href*="${strayId}"]`));
          const stray = document.createElement('orderwise-advice');
          stray.dataset.orderId = strayId;
          card.querySelector('.order-item-header-status-text').after(stray);
        })"""
    )
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(len(CARDS))
    expect(overlay(page, PROCESSING)).to_have_attribute("data-can-cancel", "request")


def test_renamed_classes_are_still_read_by_their_status_words(page, fixtures):
    """After a redesign renames the status classes, the status words in the card still give the verdict."""
    fixtures.mapping["/p/order/index.html"] = "list-renamed.html"
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(3)
    for order_id, key, can_cancel in [
        ("8190000000000001", "awaiting_shipment", "request"),
        ("8189977352140417", "shipped", "no"),
        ("8189410268835226", "completed", "no"),
    ]:
        expect(overlay(page, order_id)).to_have_attribute("data-status", key)
        expect(overlay(page, order_id)).to_have_attribute("data-can-cancel", can_cancel)
    # Nothing was read from the tabs ("Processing (2)" ...), which are not orders.
    expect(page.locator(".comet-tabs-nav orderwise-advice")).to_have_count(0)


def test_snapshot_has_the_statuses_this_page_relies_on():
    """The bundled knowledge holds every status the list tests expect (guards the fixtures' assumptions)."""
    keys = {entry["key"] for entry in SNAPSHOT["statuses"]}
    assert {key for _, key, _, _ in CARDS} <= keys
