"""The dispute kit: a collapsible part of the panel for orders past shipping, with the facts the page
shows, the evidence to gather, a description to copy, the last day to open a dispute and a warning while
it is too early. Built in the page; nothing is sent."""

import datetime as dt

import pytest
from extension_helpers import DETAIL_URL, LIST_URL, SNAPSHOT, badge_text, open_more, pick, region, status
from playwright.sync_api import expect
from stub_service import StubService
from test_deadlines import T0, fixed_clock
from test_languages import region as region_in
from test_languages import say

from orderwise import browser

COUNTDOWN = "8188650417729301"  # ships Sep 11, protection countdown, tracking number and carrier
SHIPPED = "8189977352140417"  # no ship date: counted from the order date, Sep 9
PROCESSING = "8190000000000001"
KIT = SNAPSHOT["disputes"]
LATER = dt.datetime(2026, 10, 1, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def countdown_page(fixtures):
    fixtures.mapping[f"/p/order/detail.html?orderId={COUNTDOWN}"] = "detail-awaiting-delivery-countdown.html"


def open_kit(panel, name="Dispute kit"):
    """Opens "More" and then the kit by its summary; returns the kit."""
    open_more(panel)
    kit = panel.locator("details.kit")
    summary = panel.locator("details.kit > summary")
    expect(summary).to_have_text(name)
    summary.click()
    expect(kit).to_have_attribute("open", "")
    return kit


def situation(key):
    return next(s for s in KIT["situations"] if s["key"] == key)


def test_the_kit_copies_a_description_with_the_order_number_and_the_pages_dates(page):
    """Opened, the kit lists what the page shows and copies an English description carrying the order
    number, its dates, the tracking number and the store; the too-early warning is absent once day 11 is past."""
    fixed_clock(page, LATER)
    page.goto(DETAIL_URL.format(COUNTDOWN))
    panel = region(page, COUNTDOWN)
    button = panel.get_by_role("button", name="Copy dispute text")
    expect(button).to_be_hidden()  # collapsed until opened
    kit = open_kit(panel)
    for line in (
        f"Order number: {COUNTDOWN}",
        "Store: Outdoor Trail Gear Store",
        "Order date: Sep 9, 2026",
        "Payment date: Sep 9, 2026",
        "Ship date: Sep 11, 2026",
        "Carrier: AliExpress Standard Shipping",
        "Tracking number: LP00718263549102",
    ):
        expect(kit.get_by_role("listitem").filter(has_text=line)).to_have_count(1)
    expect(kit).to_contain_text("Last day to open a dispute:")
    expect(kit.get_by_text("Too early to open a dispute")).to_have_count(0)
    expect(kit.get_by_role("combobox", name="What went wrong")).to_have_value("not_arrived")
    for item in situation("not_arrived")["evidence"]:
        expect(kit).to_contain_text(item["text"])

    button.click()
    expect(kit.get_by_role("status")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == kit.get_by_role("textbox", name="Dispute description (in English)").input_value()
    assert copied.startswith(situation("not_arrived")["summary"])
    lines = copied.splitlines()
    for line in (
        f"Order number: {COUNTDOWN}",
        "Order date: Sep 9, 2026",
        "Payment date: Sep 9, 2026",
        "Ship date: Sep 11, 2026",
        "Tracking number: LP00718263549102",
        "Store: Outdoor Trail Gear Store",
    ):
        assert line in lines
    assert any(line.startswith("Buyer protection or delivery deadline shown on the order page: ") for line in lines)


def test_picking_another_situation_changes_the_evidence_and_the_description(page):
    page.goto(DETAIL_URL.format(COUNTDOWN))
    kit = open_kit(region(page, COUNTDOWN))
    picker = kit.get_by_role("combobox", name="What went wrong")
    damaged = situation("damaged")
    pick(picker, "damaged")  # with the keyboard: a script's change event does nothing
    expect(picker).to_be_focused()
    for item in damaged["evidence"]:
        expect(kit).to_contain_text(item["text"])
    text = kit.get_by_role("textbox", name="Dispute description (in English)")
    expect(text).to_have_value(f"{damaged['summary']}\n\n" + text.input_value().split("\n\n", 1)[1])
    assert damaged["request"] in text.input_value()


def test_too_early_is_flagged_counted_from_the_ship_date(page):
    """On Sep 15 an order shipped Sep 11 is four days out: the kit warns, with the first day, Sep 22."""
    fixed_clock(page, T0)
    page.goto(DETAIL_URL.format(COUNTDOWN))
    kit = open_kit(region(page, COUNTDOWN))
    warning = kit.get_by_text("Too early to open a dispute")
    expect(warning).to_have_text(
        "Too early to open a dispute: AliExpress accepts one from day 11 after the seller ships, "
        "that is not before September 22, 2026."
    )
    expect(kit).to_contain_text(KIT["earliest"]["from_ship"])


def test_too_early_without_a_ship_date_is_counted_from_the_order_date_and_says_so(page):
    fixed_clock(page, T0)
    page.goto(DETAIL_URL.format(SHIPPED))
    kit = open_kit(region(page, SHIPPED))
    expect(kit.get_by_text("Too early to open a dispute")).to_contain_text("not before September 20, 2026")
    expect(kit).to_contain_text(KIT["earliest"]["from_order"])
    expect(kit).to_contain_text(KIT["last_day"]["rule"])  # no countdown on this page: the rule


def test_the_kit_on_a_list_card_carries_the_cards_date_and_store(page):
    page.goto(LIST_URL)
    panel = region(page, SHIPPED)
    panel.get_by_role("button", name=f"Orderwise: {badge_text('shipped')}").click()
    kit = open_kit(panel)
    kit.get_by_role("button", name="Copy dispute text").click()
    copied = page.evaluate("navigator.clipboard.readText()").splitlines()
    assert f"Order number: {SHIPPED}" in copied
    assert any(line.startswith("Order date: ") and "2026" in line for line in copied)
    assert any(line.startswith("Store: ") for line in copied)
    assert not any(line.startswith(("Ship date", "Tracking number")) for line in copied)  # not on the card


def test_an_order_not_shipped_has_no_kit(page):
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    expect(panel).to_contain_text(status("awaiting_shipment")["verdict"])
    open_more(panel)
    expect(panel.get_by_text("Dispute kit", exact=True)).to_have_count(0)
    expect(panel.get_by_role("button", name="dispute")).to_have_count(0)


@pytest.mark.parametrize("lang", ["ru", "es", "pt", "fr"])
def test_the_kit_speaks_the_chosen_language_and_keeps_the_description_english(context, lang):
    """In each advice language the kit, its evidence, the warning and the translation beside the
    description are in that language; the description itself stays English."""
    context.fixtures.mapping[f"/p/order/detail.html?orderId={COUNTDOWN}"] = "detail-awaiting-delivery-countdown.html"
    browser.service_worker(context).evaluate(
        """async (language) => {
          const { settings } = await chrome.storage.local.get('settings');
          await chrome.storage.local.set({ settings: { ...settings, language } });
        }""",
        lang,
    )
    table = SNAPSHOT["translations"][lang]
    page = fixed_clock(context.new_page(), T0)
    page.goto(DETAIL_URL.format(COUNTDOWN))
    panel = region_in(page, lang, COUNTDOWN)
    kit = open_kit(panel, table[KIT["label"]])
    expect(kit).to_contain_text(table[situation("not_arrived")["evidence"][0]["text"]])
    expect(kit).to_contain_text(table[KIT["earliest"]["from_ship"]])
    too_early = table[KIT["earliest"]["too_early"]].split("{")[0].strip()
    expect(kit).to_contain_text(too_early)
    number_label = table["Order number: {order_id}"].split("{")[0]
    expect(kit.get_by_role("listitem").filter(has_text=number_label)).to_contain_text(COUNTDOWN)
    text = kit.get_by_role("textbox", name=say(lang, "kitDescriptionLabel"))
    expect(text).to_have_attribute("lang", "en")
    assert text.input_value().startswith(situation("not_arrived")["summary"])
    expect(kit).to_contain_text(table[situation("not_arrived")["summary"]])  # what it says, beside it
    button = kit.get_by_role("button", name=say(lang, "kitCopyButton"))
    button.click()
    expect(kit.get_by_role("status")).to_have_text(say(lang, "copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert f"Order number: {COUNTDOWN}" in copied and "Ship date: Sep 11, 2026" in copied


def test_knowledge_with_a_broken_kit_is_refused_and_the_bundled_kit_is_shown(context):
    """A service whose kit has the wrong shape is treated like a failing one: the bundled advice, kit
    included, with the quiet note."""
    with StubService(mode="broken_kit") as stub:
        browser.set_settings(context, stub.url)
        context.fixtures.mapping[f"/p/order/detail.html?orderId={COUNTDOWN}"] = (
            "detail-awaiting-delivery-countdown.html"
        )
        page = context.new_page()
        page.goto(DETAIL_URL.format(COUNTDOWN))
        panel = region(page, COUNTDOWN)
        kit = open_kit(panel)
        expect(panel.locator("[data-note]")).to_contain_text("came with Orderwise")
        expect(kit.get_by_role("button", name="Copy dispute text")).to_be_visible()


def test_knowledge_without_a_kit_shows_the_panel_without_one(context):
    """An older service's knowledge has no kit: the advice is its, and the panel simply has no kit."""
    with StubService(mode="no_kit") as stub:
        browser.set_settings(context, stub.url)
        page = context.new_page()
        page.goto(DETAIL_URL.format(SHIPPED))
        panel = region(page, SHIPPED)
        expect(panel).to_contain_text(status("shipped")["verdict"])
        expect(panel.get_by_role("button", name="Copy message")).to_be_visible()
        open_more(panel)
        expect(panel.get_by_role("heading", name=status("shipped")["action"]["label"])).to_be_visible()
        expect(panel.locator("[data-note]")).to_have_count(0)
        expect(panel.locator("details.kit")).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_panel_with_the_kit_open(page, scheme):
    """The panel with its chat button and the opened kit (warning, lists, picker, text box) passes
    axe-core; the synthetic page around it is not judged."""
    from axe_playwright_python.sync_playwright import Axe

    page.emulate_media(color_scheme=scheme)
    fixed_clock(page, T0)
    page.goto(DETAIL_URL.format(COUNTDOWN))
    kit = open_kit(region(page, COUNTDOWN))
    expect(kit.get_by_text("Too early to open a dispute")).to_be_visible()
    violations = Axe().run(page).response["violations"]
    ours = [
        (v["id"], [n["target"] for n in v["nodes"] if "orderwise-advice" in str(n["target"][0])]) for v in violations
    ]
    assert [found for found in ours if found[1]] == []
