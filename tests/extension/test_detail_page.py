"""Order detail page: the compact card under the status line, the situation picker and the Copy button,
and what "More" keeps."""

import pytest
from extension_helpers import (
    DETAIL_URL,
    LIST_URL,
    SNAPSHOT,
    badge_text,
    copy_where_the_clipboard_is_refused,
    open_badge,
    open_more,
    overlay,
    pick,
    region,
    situation,
    status,
)
from playwright.sync_api import expect

from orderwise import engine

# (order number, knowledge status) for each detail fixture with a known status.
DETAILS = [
    ("8190421736658012", "unpaid"),
    ("8190000000000001", "awaiting_shipment"),
    ("8189977352140417", "shipped"),
    ("8189410268835226", "completed"),
    ("8189123906417733", "cancelled"),
]
PROCESSING = "8190000000000001"
UNKNOWN = "8187740259316625"


@pytest.mark.parametrize(("order_id", "key"), DETAILS)
def test_detail_page_shows_the_verdict_and_steps_for_its_status(page, order_id, key):
    """Under the status line, the card gives this status's verdict; "More" gives the recommended steps."""
    page.goto(DETAIL_URL.format(order_id))
    host = overlay(page, order_id)
    expect(host).to_have_attribute("data-status", key)
    expect(host).to_have_attribute("data-can-cancel", status(key)["can_cancel"])
    panel = region(page, order_id)
    expect(panel).to_contain_text(status(key)["verdict"])
    heading = panel.get_by_role("heading", name=status(key)["action"]["label"])
    expect(heading).to_have_count(0)
    open_more(panel)
    expect(heading).to_be_visible()
    action = status(key)["action"]
    # The first step as it reads on the order's own page.
    first = action["on_order_page"][0] if "on_order_page" in action else action["steps"][0]["text"]
    expect(panel.get_by_role("listitem").filter(has_text=first).first).to_be_visible()
    # After the status line, inside the status block: AliExpress's status heading and line stay put.
    assert host.evaluate("h => [h.previousElementSibling.className, h.parentElement.firstElementChild.className]") == [
        "order-status-info",
        "order-block-title",
    ]
    expect(page.locator("orderwise-advice")).to_have_count(1)


def test_copy_puts_the_message_with_the_order_number_on_the_clipboard(page):
    """Copy message puts exactly the shown message, with this order's number, on the clipboard and says so."""
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    expected = situation("changed_mind")["messages"]["before_shipment"].format(order_id=PROCESSING)
    expect(panel.get_by_role("textbox", name="Message to the seller")).to_have_value(expected)
    confirmation = panel.get_by_role("status")
    expect(confirmation).to_have_text("")
    panel.get_by_role("button", name="Copy message").click()
    expect(confirmation).to_have_text("Copied")
    expect(confirmation).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_when_the_clipboard_refuses_copy_selects_the_message_and_names_the_keys(page):
    """On a page that forbids writing the clipboard, Copy says it could not copy, selects the whole
    message in its box and says which keys copy it."""
    panel, selected = copy_where_the_clipboard_is_refused(page, DETAIL_URL.format(PROCESSING), PROCESSING)
    expect(panel.get_by_role("status")).to_have_text(
        "Couldn't copy automatically. The message is selected: press Ctrl+C (⌘C on a Mac)."
    )
    expect(panel.get_by_role("textbox", name="Message to the seller")).to_be_focused()
    assert selected() == situation("changed_mind")["messages"]["before_shipment"].format(order_id=PROCESSING)


def test_situation_picker_changes_reason_and_message_without_a_new_request(page, service):
    """Picking "seller is late" changes the reason, warns that it blames the seller, and changes the message;
    nothing is asked of the service."""
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    message = panel.get_by_role("textbox", name="Message to the seller")
    expect(panel).to_contain_text(
        f"Reason to pick in AliExpress's form: “{situation('changed_mind')['reason']['label']}”"
    )
    expect(panel.get_by_text("Counts against the seller")).to_have_count(0)
    requests = len(service.knowledge_requests())

    late = situation("seller_late")
    pick(panel.get_by_role("combobox", name="Your situation"), "seller_late")
    expect(panel).to_contain_text(f"Reason to pick in AliExpress's form: “{late['reason']['label']}”")
    expect(panel.get_by_role("note")).to_contain_text("Counts against the seller")
    expect(panel.get_by_role("note")).to_contain_text(late["note"])
    expected = late["messages"]["before_shipment"].format(order_id=PROCESSING)
    expect(message).to_have_value(expected)
    expect(panel.get_by_role("combobox", name="Your situation")).to_be_focused()

    panel.get_by_role("button", name="Copy message").click()
    expect(panel.get_by_role("status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert len(service.knowledge_requests()) == requests


def test_time_limits_and_sources_are_shown(page):
    """An order waiting for the seller shows the reply and refund windows, marked approximate, and its sources."""
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    open_more(panel)
    windows = panel.get_by_role("list").filter(has_text="48–72 hours")
    expect(windows).to_contain_text("3–20 business days")
    expect(windows).to_contain_text("(approximate)")
    titles = {source["id"]: source["title"] for source in SNAPSHOT["sources"]}
    verdict_source = titles[status("awaiting_shipment")["sources"][0]]
    sources = panel.locator('button[data-action="sources"]')
    expect(sources).to_have_text("Sources▾")
    sources.click()
    expect(panel.get_by_role("link", name=verdict_source)).to_be_visible()
    # One "Sources" for the whole panel: no citation brackets on its lines.
    assert "[1" not in panel.text_content()


def test_a_source_shows_a_date_only_when_someone_compared_it_with_its_page(page):
    """A checked source says when; one nobody compared shows its kind of evidence and no date."""
    cited = engine.advise(status="awaiting_shipment")["sources"]  # the panel's one list of sources
    checked = next(source for source in cited if source["checked"])
    unchecked = next(source for source in cited if not source["checked"])
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    open_more(panel)
    panel.locator('button[data-action="sources"]').click()
    items = panel.get_by_role("listitem")
    expect(items.filter(has_text=checked["title"]).first).to_contain_text(f"checked {checked['checked']}")
    expect(items.filter(has_text=unchecked["title"]).first).not_to_contain_text("checked")


def test_an_order_to_pay_needs_no_message(page):
    """Before payment there is nobody to write to: no message box and no Copy, only the reason to pick."""
    page.goto(DETAIL_URL.format("8190421736658012"))
    panel = region(page, "8190421736658012")
    expect(panel).to_contain_text("Reason to pick in AliExpress's form:")
    expect(panel.get_by_role("textbox")).to_have_count(0)
    expect(panel.get_by_role("button", name="Copy message")).to_have_count(0)


def test_an_unknown_status_word_says_it_could_not_read_the_status(page):
    """A status the knowledge does not know gets the couldn't-read state and the page's own words, no verdict."""
    page.goto(DETAIL_URL.format(UNKNOWN))
    host = overlay(page, UNKNOWN)
    expect(host).to_have_attribute("data-status", "unknown")
    expect(host).to_have_attribute("data-can-cancel", "unknown")
    panel = region(page, UNKNOWN)
    expect(panel).to_contain_text("couldn't read this status")
    expect(panel).to_contain_text("The page says: “On hold”")
    expect(panel).to_contain_text(badge_text("unknown"))
    open_more(panel)
    expect(panel).to_contain_text(status("unknown")["action"]["label"])
    for key in ("unpaid", "awaiting_shipment", "shipped"):
        expect(panel.get_by_text(badge_text(key), exact=True)).to_have_count(0)
    expect(panel.get_by_role("combobox", name="Your situation")).to_have_count(0)
    expect(panel.get_by_role("button", name="Copy message")).to_have_count(0)


def test_a_dont_without_a_source_says_it_is_a_tip(page):
    """A "don't" line that no source states is marked as a tip; one with sources is not."""
    lines = status("awaiting_shipment")["avoid"]
    tip = next(line for line in lines if line.get("uncertain"))
    sourced = next(line for line in lines if line["sources"])
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    open_more(panel)
    items = panel.get_by_role("listitem")
    expect(items.filter(has_text=tip["text"])).to_contain_text("(a tip, no source)")
    expect(items.filter(has_text=sourced["text"])).to_be_visible()
    expect(items.filter(has_text=sourced["text"])).not_to_contain_text("a tip, no source")


@pytest.mark.parametrize("key", ["unpaid", "awaiting_shipment"])
def test_on_the_orders_own_page_no_step_sends_the_shopper_to_it(page, key):
    """The order's own page says "press Cancel on this page", not "open the order with Details"; the list,
    where Details is the way there, still says so."""
    order_id = next(order_id for order_id, status_key in DETAILS if status_key == key)
    here = status(key)["action"]["on_order_page"]
    page.goto(DETAIL_URL.format(order_id))
    panel = region(page, order_id)
    open_more(panel)
    expect(panel.locator("ol.todo > li")).to_have_text(here)
    assert not any("Details" in step for step in here)

    page.goto(LIST_URL)
    dialog = open_badge(page, order_id)
    open_more(dialog)
    steps = [step["text"] for step in status(key)["action"]["steps"]]
    expect(dialog.locator("ol.todo > li")).to_have_text(steps)
    assert "Details" in steps[0]
