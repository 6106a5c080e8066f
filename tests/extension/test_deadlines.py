"""Deadlines and memory: page timers read into local dates, rules when there is none,
what is remembered per order, the don't-nag note, the confirm-receipt guard, .ics files,
the step a shipped order is at and the popup's list of followed orders.

The clock is fixed at 2026-09-15 10:00 UTC and the time zone is Europe/Paris
(UTC+2 in September). Playwright's clock fixes the page's own countdowns, but it
only reaches the page's main world, not the extension's isolated world, so
``fixed_clock`` also fixes Date in the content scripts: it pauses them on their
first line through the DevTools protocol and swaps Date before they run.
"""

import datetime as dt
import json
import re

import pytest
from extension_helpers import (
    DETAIL_URL,
    LIST_URL,
    SNAPSHOT,
    badge_text,
    before_content_scripts,
    open_more,
    overlay,
    pick,
    region,
    status,
)
from harness import FIXTURES_DIR, extension_id
from playwright.sync_api import expect

from orderwise import browser

T0 = dt.datetime(2026, 9, 15, 10, 0, tzinfo=dt.UTC)
TIME_ZONE = "Europe/Paris"
FOLLOWUP = SNAPSHOT["followup"]
KINDS = FOLLOWUP["deadline_kinds"]

CANCEL_REQUESTED = "8190236612904488"  # "1 day 20:15:00" for the seller to respond
CANCEL_REQUESTED_NO_TIMER = "8190236612904499"
PROCESSING_COUNTDOWN = "8188312095564187"  # "Time left to ship: 5 days 12:00:00"
DELIVERY_COUNTDOWN = "8188650417729301"  # protection "15 days 06:00:00", refund date Oct 20
PROCESSING = "8190000000000001"  # no timer
AWAITING_DELIVERY = "8189977352140417"  # list card with "Confirm received"

PAGES = {
    "/p/order/index.html": "list.html",
    f"/p/order/detail.html?orderId={CANCEL_REQUESTED}": "detail-cancel-requested.html",
    f"/p/order/detail.html?orderId={CANCEL_REQUESTED_NO_TIMER}": "detail-cancel-requested-no-timer.html",
    f"/p/order/detail.html?orderId={PROCESSING_COUNTDOWN}": "detail-processing-countdown.html",
    f"/p/order/detail.html?orderId={DELIVERY_COUNTDOWN}": "detail-awaiting-delivery-countdown.html",
    f"/p/order/detail.html?orderId={PROCESSING}": "detail-processing.html",
    # Russian pages (synthetic, wording assumed): the storefront's host picks them.
    f"https://ru.aliexpress.com/p/order/detail.html?orderId={CANCEL_REQUESTED}": "detail-cancel-requested-ru.html",
    "https://ru.aliexpress.com/p/order/index.html": "list-ru-shipped.html",
}
RU_DETAIL_URL = "https://ru.aliexpress.com/p/order/detail.html?orderId={}"
RU_LIST_URL = "https://ru.aliexpress.com/p/order/index.html"
UI = {
    key: entry["message"]
    for key, entry in json.loads((browser.EXTENSION_DIR / "_locales/en/messages.json").read_bytes()).items()
}
RU_UI = {
    key: entry["message"]
    for key, entry in json.loads((browser.EXTENSION_DIR / "_locales/ru/messages.json").read_bytes()).items()
}


def ru(text):
    """The knowledge's Russian for one of its English texts."""
    return SNAPSHOT["translations"]["ru"][text]


FIXED_DATE = """(() => {
  const fixed = %d;
  class FixedDate extends Date {
    constructor(...args) { if (args.length) super(...args); else super(fixed); }
    static now() { return fixed; }
  }
  globalThis.Date = FixedDate;
})()"""


@pytest.fixture
def tz_context(playwright, service, tmp_path):
    """A browser of its own in Europe/Paris, with the extension talking to the live service."""
    context = browser.launch(tmp_path / "profile", playwright=playwright, timezone_id=TIME_ZONE)
    context.set_default_timeout(10_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://www.aliexpress.com")
    browser.set_settings(context, service.url)
    browser.serve_fixtures(context, PAGES, FIXTURES_DIR)
    yield context
    context.close()


def fixed_clock(page, when=T0):
    """Fix the clock at ``when`` for the page's scripts and for Orderwise's content scripts, on every load."""
    page.clock.set_fixed_time(when)
    before_content_scripts(page, FIXED_DATE % int(when.timestamp() * 1000))
    return page


def open_order(context, order_id, more=False):
    """An order's own page at T0; with `more`, its panel's "More" opened (the steps, every date)."""
    page = fixed_clock(context.new_page())
    page.goto(DETAIL_URL.format(order_id))
    if more:
        open_more(region(page, order_id))
    return page


def memory(context, order_id):
    return browser.service_worker(context).evaluate(
        "async key => (await chrome.storage.local.get(key))[key] ?? null", f"memory:{order_id}"
    )


def wait_for_memory(context, order_id, predicate):
    """Wait (up to 5 s, without sleeping in the test) until the order's stored memory satisfies ``predicate``."""
    return browser.service_worker(context).evaluate(
        """async ([key, source]) => {
          const ok = new Function('return ' + source)();
          for (const end = Date.now() + 5000; Date.now() < end; ) {
            const value = (await chrome.storage.local.get(key))[key];
            if (ok(value)) return value;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          throw new Error('memory never matched');
        }""",
        [f"memory:{order_id}", predicate],
    )


def stop_worker(context):
    """Stop the extension's service worker, as the browser does when it is idle."""
    internals = context.new_page()
    internals.goto("chrome://serviceworker-internals/")
    registration = internals.locator(".serviceworker-registration", has_text=extension_id(context))
    registration.get_by_role("button", name="Stop").click()
    expect(registration).to_contain_text("Running Status: STOPPED")
    internals.close()


@pytest.mark.parametrize("device", ["mouse", "keyboard"])
def test_a_press_on_more_is_not_lost_when_the_card_is_redrawn_before_the_release(tz_context, device):
    """The card is drawn again when what it shows changes (here the page's countdown, four days
    longer); a press on More under way at that moment, with the mouse or with Space, still opens
    More on release."""
    page = open_order(tz_context, PROCESSING_COUNTDOWN)
    host = overlay(page, PROCESSING_COUNTDOWN)
    panel = region(page, PROCESSING_COUNTDOWN)
    expect(host).to_have_attribute("data-act-by", "2026-09-21T00:00:00+02:00")
    more = panel.get_by_role("button", name="More")
    if device == "mouse":
        box = more.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
    else:
        more.focus()
        page.keyboard.down(" ")
    page.locator("[data-left]").evaluate("timer => { timer.dataset.left = String(475200 + 4 * 86400); }")
    expect(host).to_have_attribute("data-act-by", "2026-09-25T00:00:00+02:00")  # read while More is held
    if device == "mouse":
        page.mouse.up()
    else:
        page.keyboard.up(" ")
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(panel.locator('li[data-kind="ship_by"]')).to_be_visible()


@pytest.mark.parametrize(
    ("order_id", "act_by", "kind"),
    [
        # T0 + 1 day 20:15:00 = Sep 17 06:15 UTC = 08:15 in Paris
        (CANCEL_REQUESTED, "2026-09-17T08:15:00+02:00", "seller_answer"),
        # T0 + 5 days 12:00:00 = Sep 20 22:00 UTC = midnight in Paris
        (PROCESSING_COUNTDOWN, "2026-09-21T00:00:00+02:00", "ship_by"),
        # T0 + 15 days 06:00:00, sooner than "Refund if no delivery before Oct 20, 2026"
        (DELIVERY_COUNTDOWN, "2026-09-30T18:00:00+02:00", "protection_ends"),
    ],
)
def test_page_timer_is_read_into_an_absolute_local_deadline(tz_context, order_id, act_by, kind):
    """A countdown on the order page becomes "act by <local date and time>", marked as the page's own timer."""
    page = open_order(tz_context, order_id)
    host = overlay(page, order_id)
    expect(host).to_have_attribute("data-act-by", act_by)
    expect(host).to_have_attribute("data-act-by-source", "page")
    # The compact card names the next deadline, the time left first.
    soon = region(page, order_id).locator(f'p[data-kind="{kind}"]')
    expect(soon).to_contain_text(KINDS[kind]["label"])
    expect(soon).to_contain_text(re.compile(r"in \d+ (hours|days)"))
    open_more(region(page, order_id))
    first = region(page, order_id).locator(f'li[data-kind="{kind}"]')
    expect(first).to_contain_text(KINDS[kind]["label"])
    expect(first).to_contain_text("From this order's own timer on the page.")

    # The page's countdown keeps ticking; the deadline stays put. The panel is taken out first
    # (Orderwise's own nodes going are no news to it): the one put back comes from a reading
    # of the page made after the tick, so its deadline is what that reading kept.
    countdown = page.locator("[data-left]").first
    shown = countdown.text_content()
    page.evaluate("() => document.querySelector('orderwise-advice').remove()")
    page.clock.set_fixed_time(T0 + dt.timedelta(seconds=90))
    page.clock.run_for(2000)
    expect(countdown).not_to_have_text(shown)
    expect(host).to_have_count(1)
    expect(host).to_have_attribute("data-act-by", act_by)


def test_refund_if_no_delivery_date_is_read_as_local_midnight(tz_context):
    """ "Refund if no delivery before Oct 20, 2026" is listed as Oct 20, 00:00 in the shopper's time zone."""
    page = open_order(tz_context, DELIVERY_COUNTDOWN, more=True)
    refund = region(page, DELIVERY_COUNTDOWN).locator('li[data-kind="no_delivery_refund"]')
    expect(refund).to_contain_text(KINDS["no_delivery_refund"]["label"])
    expect(refund).to_contain_text("Oct 20, 2026")
    expect(refund).to_contain_text("12:00 AM")
    expect(refund).to_have_attribute("data-source", "page")


def test_without_a_timer_the_rule_is_used_and_labelled(tz_context):
    """A cancellation request with no countdown on the page: act by the rule's latest end (72 h), said to be a rule."""
    page = open_order(tz_context, CANCEL_REQUESTED_NO_TIMER, more=True)
    host = overlay(page, CANCEL_REQUESTED_NO_TIMER)
    # Seen at T0 (10:00 UTC, 12:00 in Paris); the seller_reply rule's conservative end is 72 h.
    assert SNAPSHOT["timelines"]["seller_reply"]["max_hours"] == 72
    expect(host).to_have_attribute("data-act-by", "2026-09-18T12:00:00+02:00")
    expect(host).to_have_attribute("data-act-by-source", "rule")
    panel = region(page, CANCEL_REQUESTED_NO_TIMER)
    answer = panel.locator('li[data-kind="seller_answer"]')
    expect(answer).to_contain_text("Orderwise rule, not this order's timer")
    expect(answer).to_contain_text("usually 48–72 hours")
    expect(panel).to_contain_text("Orderwise saw the cancellation request on this page on Tue, Sep 15, 2026, 12:00 PM.")
    # The refund window follows from it, for the way the page says it was paid (Visa: a card,
    # 3-15 business days): 15 business days after the answer deadline.
    card = next(m for m in SNAPSHOT["payment_methods"] if m["key"] == "card")
    assert card["max_business_days"] == 15
    refund = panel.locator('li[data-kind="refund_due"]')
    expect(refund).to_contain_text("Fri, Oct 9, 2026, 12:00 PM")
    expect(refund).to_contain_text("usually 3–15 business days for Bank card")
    stored = memory(tz_context, CANCEL_REQUESTED_NO_TIMER)
    assert (stored["requestedAt"], stored["requestedBy"]) == (int(T0.timestamp() * 1000), "seen")


def test_memory_survives_a_reload_and_a_worker_restart(tz_context):
    """The situation picked and "cancellation requested" are remembered on this machine, across reloads and a
    stopped worker, and the deadline dated from the request stays the same."""
    page = open_order(tz_context, PROCESSING)
    host = overlay(page, PROCESSING)
    panel = region(page, PROCESSING)
    expect(host).to_have_attribute("data-status", "awaiting_shipment")
    expect(host).not_to_have_attribute("data-act-by", re.compile(".*"))
    pick(panel.get_by_label("Your situation"), "wrong_item")
    panel.get_by_role("button", name="I've requested cancellation").click()
    expect(host).to_have_attribute("data-act-by", "2026-09-18T12:00:00+02:00")
    expect(host).to_have_attribute("data-act-by-source", "rule")
    expect(panel.get_by_role("button", name="I've requested cancellation")).to_have_count(0)
    open_more(panel)
    said = "You marked the cancellation as requested on Tue, Sep 15, 2026, 12:00 PM."
    expect(panel).to_contain_text(said)

    for restart in (False, True):
        if restart:
            stop_worker(tz_context)
        page.reload()
        expect(host).to_have_attribute("data-act-by", "2026-09-18T12:00:00+02:00")
        expect(panel.get_by_label("Your situation")).to_have_value("wrong_item")
        open_more(panel)
        expect(panel).to_contain_text(said)

    panel.get_by_role("button", name="Not requested after all").click()
    expect(panel.get_by_role("button", name="I've requested cancellation")).to_be_visible()
    expect(host).not_to_have_attribute("data-act-by", re.compile(".*"))
    assert memory(tz_context, PROCESSING)["situation"] == "wrong_item"


def test_after_copying_a_message_the_panel_says_when_and_suggests_waiting(tz_context):
    """Copy the message: the panel notes when, suggests waiting 48 h before another, and marks the tip unsourced."""
    page = open_order(tz_context, PROCESSING)
    panel = region(page, PROCESSING)
    expect(panel.get_by_role("note", name="Before you write to the seller again")).to_have_count(0)
    panel.get_by_role("button", name="Copy message").click()
    expect(panel.get_by_role("status")).to_have_text("Copied")
    open_more(panel)
    nag = panel.get_by_role("note", name="Before you write to the seller again")
    expect(nag).to_contain_text("You copied a message for the seller on Tue, Sep 15, 2026, 12:00 PM.")
    assert FOLLOWUP["dont_nag"]["wait_hours"] == 48
    expect(nag).to_contain_text("Suggested: wait until Thu, Sep 17, 2026, 12:00 PM before writing again.")
    expect(nag).to_contain_text(FOLLOWUP["dont_nag"]["text"])
    expect(nag).to_contain_text("(a tip, no source)")
    page.reload()
    open_more(panel)
    expect(nag).to_contain_text("You copied a message for the seller on Tue, Sep 15, 2026, 12:00 PM.")


def test_confirm_receipt_guard_sits_next_to_the_button(tz_context):
    """Beside AliExpress's "Confirm received" button, one line that opens to the checklist and the warning;
    the button still works."""
    page = fixed_clock(tz_context.new_page())
    page.goto(LIST_URL)
    card = page.locator("div.order-item").filter(has=page.locator(f'a[href*="{AWAITING_DELIVERY}"]'))
    button = card.get_by_role("button", name="Confirm received", exact=True)
    guard = card.locator("orderwise-guard")
    expect(guard).to_have_count(1)
    assert guard.evaluate("g => g.previousElementSibling.textContent.trim()") == "Confirm received"
    note = card.get_by_role("note", name="Orderwise: before you confirm receipt")
    confirm = FOLLOWUP["confirm_receipt"]
    line = note.get_by_role("button", name=confirm["label"])
    expect(line).to_have_attribute("aria-expanded", "false")
    expect(note.get_by_role("listitem")).to_have_count(0)
    assert guard.bounding_box()["height"] <= 40  # one line
    line.click()
    expect(line).to_have_attribute("aria-expanded", "true")
    expect(note).to_contain_text(confirm["warning"]["text"])
    expect(note.get_by_role("listitem")).to_have_text(confirm["checklist"])
    expect(button).to_be_enabled()
    # Still the page's own button, not covered by the guard: a click reaches the page's handler.
    button.evaluate(
        "b => b.addEventListener('click', () => { window.confirmClicks = (window.confirmClicks || 0) + 1; })"
    )
    button.click()
    assert page.evaluate("window.confirmClicks") == 1
    # Only the card with the button gets one.
    expect(page.locator("orderwise-guard")).to_have_count(1)


def test_add_to_calendar_downloads_an_ics_file_for_the_deadline(tz_context):
    """The calendar button downloads a valid .ics: CRLF lines, UID, DTSTAMP, DTSTART in UTC, the order number."""
    page = open_order(tz_context, CANCEL_REQUESTED, more=True)
    item = region(page, CANCEL_REQUESTED).locator('li[data-kind="seller_answer"]')
    label = KINDS["seller_answer"]["label"]
    with page.expect_download() as info:
        item.get_by_role("button", name=f"Add “{label}” to your calendar").click()
    download = info.value
    assert download.suggested_filename == f"aliexpress-order-{CANCEL_REQUESTED}-seller-answer.ics"
    text = download.path().read_bytes().decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    unfolded = text.replace("\r\n ", "")
    lines = unfolded.split("\r\n")
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert lines[-2:] == ["END:VCALENDAR", ""]
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert f"UID:{CANCEL_REQUESTED}-seller_answer-20260917T061500Z@orderwise.invalid" in lines
    assert "DTSTAMP:20260915T100000Z" in lines
    assert "DTSTART:20260917T061500Z" in lines
    assert f"SUMMARY:AliExpress order {CANCEL_REQUESTED}: {label}" in lines
    then = KINDS["seller_answer"]["then"].replace(",", "\\,").replace(";", "\\;")
    assert any(line.startswith("DESCRIPTION:") and then in line for line in lines)
    assert f"URL:https://www.aliexpress.com/p/order/detail.html?orderId={CANCEL_REQUESTED}" in lines


def ics_escaped(text):
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


@pytest.mark.parametrize(
    ("order_id", "kind", "start", "basis"),
    [
        # No timer on the page: the rule's 72 h from the request seen at T0, and the refund
        # window (15 business days for a card) after it.
        (CANCEL_REQUESTED_NO_TIMER, "seller_answer", "20260918T100000Z", "deadlineFromRule"),
        (CANCEL_REQUESTED_NO_TIMER, "refund_due", "20261009T100000Z", "deadlineFromRule"),
        # The page's own timers and dates.
        (PROCESSING_COUNTDOWN, "ship_by", "20260920T220000Z", "deadlineFromPage"),
        (DELIVERY_COUNTDOWN, "protection_ends", "20260930T160000Z", "deadlineFromPage"),
        (DELIVERY_COUNTDOWN, "no_delivery_refund", "20261019T220000Z", "deadlineFromPage"),
    ],
)
def test_every_kind_of_deadline_downloads_its_own_ics_saying_where_it_comes_from(
    tz_context, order_id, kind, start, basis
):
    """Each deadline listed, the rule-based ones included, gets a calendar file at its own time,
    which says what to do then and whether the time is the page's timer or Orderwise's rule."""
    page = open_order(tz_context, order_id, more=True)
    label = KINDS[kind]["label"]
    with page.expect_download() as info:
        region(page, order_id).get_by_role("button", name=f"Add “{label}” to your calendar").click()
    download = info.value
    assert download.suggested_filename == f"aliexpress-order-{order_id}-{kind.replace('_', '-')}.ics"
    lines = download.path().read_bytes().decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert f"DTSTART:{start}" in lines
    assert f"UID:{order_id}-{kind}-{start}@orderwise.invalid" in lines
    assert f"SUMMARY:AliExpress order {order_id}: {label}" in lines
    [description] = [line for line in lines if line.startswith("DESCRIPTION:") and "\\n" in line]
    assert ics_escaped(KINDS[kind]["then"]) in description
    assert ics_escaped(UI[basis]) in description
    other = "deadlineFromPage" if basis == "deadlineFromRule" else "deadlineFromRule"
    assert ics_escaped(UI[other]) not in description


def step_texts(key, lang="en"):
    """A status's steps as the panel words them in ``lang``."""
    texts = [step["text"] for step in status(key)["action"]["steps"]]
    return [ru(text) for text in texts] if lang == "ru" else texts


def stage_step(key, stage, lang="en"):
    """The text of a status's step on the way up at ``stage``."""
    [text] = [
        t
        for step, t in zip(status(key)["action"]["steps"], step_texts(key, lang), strict=True)
        if step.get("stage") == stage
    ]
    return text


def expect_one_list_of_steps_marked_at(panel, key, stage, lang="en"):
    """Behind "More": the status's steps as the one list, each step shown once in the whole panel,
    and the step at ``stage`` marked as where the shopper is, for the eye and for screen readers."""
    texts = step_texts(key, lang)
    expect(panel.locator("ol").get_by_role("listitem")).to_have_text([re.compile(re.escape(t)) for t in texts])
    shown = panel.evaluate("panel => panel.textContent")
    twice = [text for text in texts if shown.count(text) != 1]
    assert not twice, f"shown more than once: {twice}"
    current = panel.locator('[aria-current="step"]')
    expect(current).to_have_count(1)
    expect(current).to_have_text(re.compile(re.escape(stage_step(key, stage, lang))))
    expect(current).to_contain_text((RU_UI if lang == "ru" else UI)["currentStep"])


def test_a_shipped_orders_more_shows_one_list_of_steps_with_the_first_marked(tz_context):
    """A shipped order with weeks of protection left: following the parcel is where the shopper is,
    in the one list of steps, which also says to write to the seller, ask for a refund and dispute."""
    page = open_order(tz_context, DELIVERY_COUNTDOWN, more=True)
    panel = region(page, DELIVERY_COUNTDOWN)
    expect_one_list_of_steps_marked_at(panel, "shipped", "wait_for_delivery")
    expect(panel.locator('[aria-current="step"]')).to_have_text(re.compile("^" + re.escape(step_texts("shipped")[0])))


def test_a_delivered_orders_current_step_is_writing_to_the_seller(tz_context, tmp_path):
    """Once the page says delivered, the step marked is writing to the seller, not following the parcel."""
    page_file = tmp_path / "delivered.html"
    source = (FIXTURES_DIR / "detail-awaiting-delivery-countdown.html").read_text(encoding="utf-8")
    title = '<div class="order-block-title">Awaiting delivery</div>'
    assert title in source
    page_file.write_text(source.replace(title, '<div class="order-block-title">Delivered</div>'), encoding="utf-8")
    browser.serve_fixtures(
        tz_context, {f"/p/order/detail.html?orderId={DELIVERY_COUNTDOWN}": str(page_file)}, FIXTURES_DIR
    )
    page = open_order(tz_context, DELIVERY_COUNTDOWN, more=True)
    expect(overlay(page, DELIVERY_COUNTDOWN)).to_have_attribute("data-status", "delivered")
    expect_one_list_of_steps_marked_at(region(page, DELIVERY_COUNTDOWN), "delivered", "message_seller")


def test_popup_lists_followed_orders_soonest_deadline_first(tz_context):
    """Orders with memory are listed in the popup by next deadline, soonest first, each linking to its page."""
    # Followed by picking a situation (two orders) or by the page showing the request (one).
    for order_id in (DELIVERY_COUNTDOWN, PROCESSING_COUNTDOWN, CANCEL_REQUESTED):
        page = open_order(tz_context, order_id)
        expect(overlay(page, order_id)).to_have_attribute("data-act-by-source", "page")
        if order_id != CANCEL_REQUESTED:
            situations = region(page, order_id).get_by_label("Your situation")
            pick(situations, situations.locator("option").nth(1).get_attribute("value"))
        wait_for_memory(tz_context, order_id, "m => m && m.deadline !== null")
        page.close()

    # A page visited without doing anything is not followed.
    page = open_order(tz_context, PROCESSING)
    expect(overlay(page, PROCESSING)).to_have_attribute("data-status", "awaiting_shipment")
    page.close()

    popup = fixed_clock(tz_context.new_page())
    popup.goto(f"chrome-extension://{extension_id(tz_context)}/popup/popup.html")
    items = popup.get_by_role("list", name="Orders you follow").get_by_role("listitem")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text(f"Order {CANCEL_REQUESTED}")
    expect(items.nth(0)).to_contain_text(f"{KINDS['seller_answer']['label']}: Thu, Sep 17, 2026, 08:15 AM")
    expect(items.nth(1)).to_contain_text(f"Order {PROCESSING_COUNTDOWN}")
    expect(items.nth(1)).to_contain_text(f"{KINDS['ship_by']['label']}: Mon, Sep 21, 2026, 12:00 AM")
    expect(items.nth(2)).to_contain_text(f"Order {DELIVERY_COUNTDOWN}")
    link = items.nth(0).get_by_role("link", name=f"Order {CANCEL_REQUESTED}")
    expect(link).to_have_attribute("href", DETAIL_URL.format(CANCEL_REQUESTED))


@pytest.mark.parametrize(
    "message",
    [
        {"type": "remember", "orderId": PROCESSING, "mark": "sent"},
        {"type": "remember", "orderId": PROCESSING, "at": "2026-09-15T10:00:00Z", "mark": "copied"},
        {"type": "remember", "orderId": PROCESSING, "situation": "<b>"},
        {"type": "remember", "orderId": PROCESSING, "origin": "https://evil.example"},
        {
            "type": "remember",
            "orderId": PROCESSING,
            "deadline": {"at": 1789466400000, "kind": "soon", "source": "page"},
        },
        {"type": "remember", "orderId": PROCESSING, "deadline": {"at": 1, "kind": "ship_by", "source": "page"}},
        {
            "type": "remember",
            "orderId": PROCESSING,
            "deadline": {"at": 1789466400000, "kind": "ship_by", "source": "guess"},
        },
        {"type": "getMemories", "orderIds": ["12x"]},
        {"type": "listFollowed", "orderIds": [PROCESSING]},
    ],
)
def test_worker_rejects_malformed_memory_messages(shared_context, message):
    """Memory messages are checked like the others: a bad one gets bad_field and stores nothing."""
    page = shared_context.new_page()
    page.goto(f"chrome-extension://{extension_id(shared_context)}/popup/popup.html")
    reply = page.evaluate("message => chrome.runtime.sendMessage(message)", message)
    page.close()
    assert reply["ok"] is False
    assert reply["error"]["code"] == "bad_field"
    assert memory(shared_context, PROCESSING) is None


def test_damaged_memory_reads_as_empty_and_is_not_listed(tz_context):
    """A stored entry of the wrong shape never breaks a page: its fields read as empty."""
    worker = browser.service_worker(tz_context)
    worker.evaluate(
        "key => chrome.storage.local.set({[key]: {situation: 5, copiedAt: 'yesterday', deadline: {at: 'x'}}})",
        f"memory:{PROCESSING}",
    )
    page = open_order(tz_context, PROCESSING)
    panel = region(page, PROCESSING)
    expect(panel.get_by_label("Your situation")).to_have_value(SNAPSHOT["situations"][0]["key"])
    expect(panel.get_by_role("note", name="Before you write to the seller again")).to_have_count(0)
    popup = tz_context.new_page()
    popup.goto(f"chrome-extension://{extension_id(tz_context)}/popup/popup.html")
    expect(popup.get_by_text("None yet.")).to_be_visible()
    expect(popup.get_by_role("list", name="Orders you follow").get_by_role("listitem")).to_have_count(0)


OLD_LIST_URL = "https://trade.aliexpress.com/orderList.htm"


@pytest.fixture
def timers_page(shared_context):
    """The old orderList.htm (which Orderwise is not injected into) with content/timers.js loaded by hand."""
    shared_context.fixtures.mapping["/orderList.htm"] = "list-old.html"
    page = shared_context.new_page()
    page.goto(OLD_LIST_URL)
    page.add_script_tag(path=str(browser.EXTENSION_DIR / "content" / "timers.js"))
    yield page
    page.close()
    del shared_context.fixtures.mapping["/orderList.htm"]


def test_old_list_lefttime_is_read_as_the_shipping_deadline(timers_page):
    """p.left-sendgoods-day[lefttime=<ms>] is the seller's time left to ship, counted from the moment it is read."""
    now = int(T0.timestamp() * 1000)
    timers = timers_page.evaluate(
        "now => orderwise.timers.read(document.querySelector('tbody.order-item-wraper'), now)", now
    )
    assert timers == [{"kind": "ship_by", "at": now + 273_600_000, "text": "Remaining time: 3 days 4 hours"}]


@pytest.mark.parametrize(
    ("html", "kind", "left", "text"),
    [
        # The countdown's numbers each in an element of their own, the words around them in another.
        (
            "<div><p>If the seller does not <b>respond</b> to your cancellation within <span>1</span> day "
            "<span>20</span>:<span>15</span>:<span>00</span>, the request is approved.</p><p>Total: US $6.87</p></div>",
            "seller_answer",
            159_300_000,
            "If the seller does not respond to your cancellation within 1 day 20:15:00, the request is approved.",
        ),
        # The sentence broken over lines in the page's source, the date's parts in elements.
        (
            "<div><p>Refund if no\n      delivery before <b>Oct 20</b>, <b>2026</b></p></div>",
            "no_delivery_refund",
            None,
            "Refund if no delivery before Oct 20, 2026",
        ),
    ],
    ids=["countdown-in-pieces", "date-sentence-over-lines"],
)
def test_a_timer_split_over_elements_and_lines_is_read(timers_page, html, kind, left, text):
    """A countdown or date whose parts sit in separate elements, or whose words break over lines, is still read."""
    now = int(T0.timestamp() * 1000)
    timers = timers_page.evaluate(
        """([html, now]) => {
          const box = document.createElement('div');
          box.innerHTML = html;
          return orderwise.timers.read(box, now);
        }""",
        [html, now],
    )
    # A date alone is its start in the browser's time zone.
    at = now + left if left is not None else timers_page.evaluate("new Date(2026, 9, 20).getTime()")
    assert timers == [{"kind": kind, "at": at, "text": text}]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1 day 20:15:00", 159_300),
        ("5 days 12:00:00", 475_200),
        ("1 дн. 20:15:00", 159_300),
        ("5 дней 12:00:00", 475_200),
        ("3d 4h 5m", 273_900),
        ("2 days 5 hours", 190_800),
        ("06:30:15", 23_415),
        ("Estimated delivery date: Oct 6, 2026", None),
        ("2 Pack", None),
        ("0 days 00:00:00", None),
    ],
)
def test_countdown_wordings_are_read_as_durations(timers_page, text, seconds):
    """The countdown forms the reader knows; text that only holds dates or counts is not a countdown."""
    got = timers_page.evaluate("text => orderwise.timers.duration(text)", text)
    assert got == (None if seconds is None else seconds * 1000)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Payment method: Visa", "card"),
        ("Payment method: Mastercard **** 1234", "card"),
        ("Payment method: PayPal", "paypal"),
        ("Payment method: Cash on delivery", "cash_on_delivery"),
        ("Payment method: Western Union", "western_union"),
        ("Payment method: Gift voucher", None),
    ],
)
def test_the_payment_row_picks_the_refund_window(timers_page, text, key):
    """The detail page's "Payment method:" row is matched to the knowledge's payment methods (or none)."""
    assert key is None or key in {m["key"] for m in SNAPSHOT["payment_methods"]}
    got = timers_page.evaluate(
        """text => {
          const box = document.createElement('div');
          const row = document.createElement('span');
          row.dataset.pl = 'order_detail_gray_payment';
          row.textContent = text;
          box.append(row);
          return orderwise.timers.payment(box);
        }""",
        text,
    )
    assert got == key


def test_with_little_buyer_protection_left_the_dispute_step_is_current(tz_context, tmp_path):
    """Fewer than urgent_days of protection on the page's countdown: the dispute step is the one marked."""
    urgent = FOLLOWUP["escalation"]["urgent_days"]
    page_file = tmp_path / "short-protection.html"
    source = (FIXTURES_DIR / "detail-awaiting-delivery-countdown.html").read_text(encoding="utf-8")
    left = (urgent - 1) * 86400
    page_file.write_text(
        source.replace('data-left="1317600">15 days 06:00:00', f'data-left="{left}">{urgent - 1} days 00:00:00'),
        encoding="utf-8",
    )
    page_url = f"/p/order/detail.html?orderId={DELIVERY_COUNTDOWN}"
    browser.serve_fixtures(tz_context, {page_url: str(page_file)}, FIXTURES_DIR)
    page = open_order(tz_context, DELIVERY_COUNTDOWN, more=True)
    expect(overlay(page, DELIVERY_COUNTDOWN)).to_have_attribute("data-act-by", "2026-09-19T12:00:00+02:00")
    expect_one_list_of_steps_marked_at(region(page, DELIVERY_COUNTDOWN), "shipped", "open_dispute")


def test_on_a_russian_page_the_deadline_says_in_russian_what_it_is_and_what_then(tz_context):
    """A Russian order page's countdown is dated as on an English one, and the deadline's name, what happens
    then and where it comes from are in Russian, the calendar button's name and the don't-nag tip included."""
    page = fixed_clock(tz_context.new_page())
    page.goto(RU_DETAIL_URL.format(CANCEL_REQUESTED))
    host = overlay(page, CANCEL_REQUESTED)
    # "1 дн. 20:15:00" from T0: Sep 17 06:15 UTC = 08:15 in Paris.
    expect(host).to_have_attribute("data-act-by", "2026-09-17T08:15:00+02:00")
    expect(host).to_have_attribute("data-act-by-source", "page")
    panel = page.get_by_role("region", name=RU_UI["regionLabel"].replace("$ORDER$", CANCEL_REQUESTED))
    open_more(panel)
    answer = panel.locator('li[data-kind="seller_answer"]')
    label = ru(KINDS["seller_answer"]["label"])
    expect(answer).to_contain_text(f"{label}: ")
    expect(answer).to_contain_text(ru(KINDS["seller_answer"]["then"]))
    expect(answer).to_contain_text(RU_UI["deadlineFromPage"])
    expect(answer).not_to_contain_text(KINDS["seller_answer"]["label"])
    expect(answer.get_by_role("button", name=RU_UI["addToCalendarLabel"].replace("$LABEL$", label))).to_be_visible()

    # After copying the message, the don't-nag tip is in Russian too.
    tz_context.grant_permissions(["clipboard-read", "clipboard-write"], origin="https://ru.aliexpress.com")
    panel.get_by_role("button", name=RU_UI["copyButton"]).click()
    expect(panel.get_by_role("note", name=RU_UI["nagLabel"])).to_contain_text(ru(FOLLOWUP["dont_nag"]["text"]))


def test_on_a_russian_list_the_confirm_receipt_guard_and_the_steps_are_in_russian(tz_context):
    """Beside "Подтвердить получение" (assumed wording): the checklist and warning in Russian; the shipped
    order's panel lists its steps in Russian, the first marked as where the shopper is."""
    page = fixed_clock(tz_context.new_page())
    page.goto(RU_LIST_URL)
    confirm = FOLLOWUP["confirm_receipt"]
    note = page.get_by_role("note", name=RU_UI["guardLabel"])
    expect(note).to_have_count(1)
    assert note.evaluate("n => n.getRootNode().host.previousElementSibling.textContent.trim()") == (
        "Подтвердить получение"
    )
    expect(note).to_have_attribute("lang", "ru")
    expect(note).to_contain_text(ru(confirm["label"]))
    note.get_by_role("button", name=ru(confirm["label"])).click()
    expect(note).to_contain_text(ru(confirm["warning"]["text"]))
    expect(note.get_by_role("listitem")).to_have_text([ru(item) for item in confirm["checklist"]])

    region_ru = page.get_by_role("region", name=RU_UI["regionLabel"].replace("$ORDER$", AWAITING_DELIVERY))
    region_ru.get_by_role("button", name=f"Orderwise: {badge_text('shipped', 'ru')}").click()
    open_more(region_ru)
    expect_one_list_of_steps_marked_at(region_ru, "shipped", "wait_for_delivery", lang="ru")
