"""What happens when things go wrong: the service down, a restarted worker; and what is remembered."""

from extension_helpers import (
    DETAIL_URL,
    LIST_URL,
    badge_text,
    first_seen,
    open_badge,
    open_more,
    overlay,
    region,
    status,
)
from harness import extension_id
from playwright.sync_api import expect
from stub_service import StubService

from orderwise import browser

PROCESSING = "8190000000000001"
CACHED_NOTE = "This advice was saved the last time Orderwise updated it; it may miss the latest changes."


def saved(context, order_id, **state):
    """Wait until the worker has stored an order's panel state. The panel saves it in the background,
    so a reload right after a click can come first on a busy machine (and the click would seem lost)."""
    browser.service_worker(context).evaluate(
        """async ([key, want]) => {
             for (let i = 0; i < 250; i += 1) {
               const got = (await chrome.storage.local.get(key))[key] || {};
               if (Object.entries(want).every(([name, value]) => (got[name] === true) === value)) return;
               await new Promise((resolve) => setTimeout(resolve, 20));
             }
             throw new Error(`${key} was not saved as ${JSON.stringify(want)}`);
           }""",
        [f"order:{order_id}", state],
    )


def test_advice_from_the_service_shows_no_fallback_note(page):
    """When the service answers, the panel carries no note about where its advice came from, not even
    behind "More"."""
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    expect(panel).to_contain_text(status("awaiting_shipment")["verdict"])
    open_more(panel)
    expect(panel.get_by_role("heading", name=status("awaiting_shipment")["action"]["label"])).to_be_visible()
    expect(panel.locator("[data-note]")).to_have_count(0)


def test_knowledge_is_revalidated_by_etag(context, service):
    """The second page asks the service with If-None-Match and gets 304; the overlay is the same."""
    start = len(service.knowledge_requests())
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    expect(overlay(page, PROCESSING)).to_have_attribute("data-status", "awaiting_shipment")
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(6)

    first, second = service.knowledge_requests_from(start, 2)
    assert (first["status"], first["if_none_match"]) == (200, None)
    assert first["etag"]
    assert (second["status"], second["if_none_match"]) == (304, first["etag"])
    panel = open_badge(page, PROCESSING)
    open_more(panel)
    expect(panel.get_by_role("heading", name=status("awaiting_shipment")["action"]["label"])).to_be_visible()
    expect(panel.locator("[data-note]")).to_have_count(0)


def test_worker_restarted_mid_session_keeps_overlays_working(context):
    """After the browser stops the service worker, new pages still get their overlays and buttons still work."""
    ext = extension_id(context)
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    expect(overlay(page, PROCESSING)).to_have_attribute("data-status", "awaiting_shipment")

    internals = context.new_page()
    internals.goto("chrome://serviceworker-internals/")
    registration = internals.locator(".serviceworker-registration", has_text=ext)
    registration.get_by_role("button", name="Stop").click()
    expect(registration).to_contain_text("Running Status: STOPPED")

    other = context.new_page()
    other.goto(LIST_URL)
    expect(other.locator("orderwise-advice")).to_have_count(6)
    expect(overlay(other, PROCESSING)).to_have_attribute("data-can-cancel", "request")

    # The page opened before the restart still reaches the (new) worker.
    open_more(region(page, PROCESSING))
    region(page, PROCESSING).get_by_role("button", name="Hide for this order").click()
    saved(context, PROCESSING, dismissed=True)
    page.reload()
    expect(region(page, PROCESSING).get_by_role("button", name="Show Orderwise")).to_be_visible()


def test_hiding_an_order_is_remembered_and_can_be_undone(context):
    """Hide for this order leaves a small "Show Orderwise" chip, also after a reload; the chip brings it back."""
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    verdict = panel.get_by_text(status("awaiting_shipment")["verdict"])
    expect(verdict).to_be_visible()

    open_more(panel)
    panel.get_by_role("button", name="Hide for this order").click()
    show = panel.get_by_role("button", name="Show Orderwise")
    expect(show).to_be_focused()
    expect(verdict).to_have_count(0)
    expect(overlay(page, PROCESSING)).to_have_attribute("data-can-cancel", "request")

    saved(context, PROCESSING, dismissed=True)
    page.reload()
    expect(show).to_be_visible()
    expect(verdict).to_have_count(0)
    show.click()
    expect(verdict).to_be_visible()
    saved(context, PROCESSING, dismissed=False)
    page.reload()
    expect(verdict).to_be_visible()

    # Hidden for this order only: the list still shows the other orders' badges.
    page.goto(LIST_URL)
    unpaid = region(page, "8190421736658012").get_by_role("button", name=f"Orderwise: {badge_text('unpaid')}")
    expect(unpaid).to_be_visible()


def test_collapsing_the_panel_is_remembered(context):
    """Collapse folds the card to its header line, and it stays folded after a reload."""
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    steps = panel.get_by_text(status("awaiting_shipment")["verdict"])
    expect(steps).to_be_visible()
    panel.get_by_role("button", name="Collapse").click()
    expect(steps).to_have_count(0)
    expect(panel.get_by_role("button", name="Expand")).to_have_attribute("aria-expanded", "false")
    saved(context, PROCESSING, collapsed=True)
    page.reload()
    expect(panel.get_by_role("button", name="Expand")).to_be_visible()
    expect(panel).to_contain_text(badge_text("awaiting_shipment"))
    expect(steps).to_have_count(0)


def test_keyboard_focus_stays_in_the_panel_when_the_page_changes(context):
    """A page that changes after the user pressed a button (AliExpress pages do) does not take the focus away."""
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    open_more(panel)
    panel.get_by_role("button", name="Hide for this order").click()
    show = panel.get_by_role("button", name="Show Orderwise")
    expect(show).to_be_focused()

    page.locator(".order-block-title").evaluate("title => { title.textContent = 'Awaiting delivery'; }")
    expect(overlay(page, PROCESSING)).to_have_attribute("data-status", "shipped")  # read again, drawn again
    expect(show).to_be_focused()


def test_a_page_shows_the_stored_advice_at_once_and_the_services_newer_advice_after(context):
    """Pages are answered from the knowledge stored last time, then the service is asked: when it
    has newer knowledge, the panel changes to it without a reload."""
    with StubService(slow_seconds=30) as stub:
        browser.set_settings(context, stub.url)
        page = context.new_page()
        page.goto(DETAIL_URL.format(PROCESSING))
        verdict = status("awaiting_shipment")["verdict"]
        expect(region(page, PROCESSING)).to_contain_text(verdict)
        # The stored copy becomes an older version, with another verdict.
        browser.service_worker(context).evaluate(
            """async () => {
                 const {knowledge} = await chrome.storage.local.get('knowledge');
                 knowledge.data.statuses.find((s) => s.key === 'awaiting_shipment').verdict = 'An older verdict.';
                 knowledge.data.version = 'older';
                 knowledge.etag = '"older"';
                 await chrome.storage.local.set({knowledge});
               }"""
        )
        start = len(stub.log)
        stub.mode = "slow"  # the service holds its answer until released
        page.reload()
        panel = region(page, PROCESSING)
        # At once: the stored advice, while the service has been asked and has not answered
        # (the page shows what is stored first and asks after, so its request may arrive later).
        expect(panel).to_contain_text("An older verdict.")
        (request,) = stub.requests(start + 1)[start:]
        assert request["headers"]["If-None-Match"] == '"older"'
        stub.release()
        # After: the service's newer advice, in place, without a reload and without a note.
        expect(panel).to_contain_text(verdict)
        expect(panel.get_by_text("An older verdict.")).to_have_count(0)
        open_more(panel)
        expect(panel.locator("[data-note]")).to_have_count(0)


def test_a_slow_service_does_not_hold_up_the_stored_advice(context):
    """With a copy stored, the panel shows it before the service answers; when the service then
    times out, the panel says the advice is the one it sent last time."""
    with StubService() as stub:
        browser.set_settings(context, stub.url)
        page = context.new_page()
        page.goto(DETAIL_URL.format(PROCESSING))
        verdict = status("awaiting_shipment")["verdict"]
        expect(region(page, PROCESSING)).to_contain_text(verdict)

        stub.mode = "slow"
        page.add_init_script(first_seen(verdict=verdict, note=CACHED_NOTE))
        page.reload()
        panel = region(page, PROCESSING)
        open_more(panel)  # where the note is, for whoever wants to know
        expect(panel.get_by_text(CACHED_NOTE)).to_be_visible(timeout=3000 + 5000)
        expect(panel).to_contain_text(verdict)
        # Frame by frame, what the shopper saw: the stored advice first, the note only later.
        seen = page.evaluate("window.owFirstSeen")
        assert seen["verdict"] < seen["note"], seen
