"""The page observer is bounded: it follows a slow page, but stops a minute after the last useful
change (content/watch.js), so a page that never shows a status or rewrites itself forever does not
keep Orderwise busy; the user's next key press or click wakes it. And the page stays responsive.

Time is virtual (Chromium's virtual time through CDP), not waited for: Playwright's page.clock
fakes the page's own timers only, while Orderwise's timers live in the content scripts' world."""

import pytest
from extension_helpers import overlay
from playwright.sync_api import expect

from orderwise import browser

LATE = "8190000000000201"
BUSY = "8190000000000202"
URL = "https://www.aliexpress.com/p/order/detail.html?orderId={}&{}"
IDLE_STOP_S = 60  # IDLE_STOP_MS in content/watch.js
# Real seconds a virtual-time budget may take before the test gives up: the page keeps Chromium
# busy for each virtual second (on the busiest page, some minutes' worth on a loaded machine).
REAL_LIMIT_S = 300


@pytest.fixture
def pages(fixtures):
    fixtures.mapping[f"/p/order/detail.html?orderId={LATE}"] = "detail-late-status.html"
    fixtures.mapping[f"/p/order/detail.html?orderId={BUSY}"] = "detail-busy.html"


class VirtualClock:
    """Runs a page's timers (all worlds: the page's and the content scripts') through virtual time."""

    def __init__(self, page):
        self.page = page
        self.session = page.context.new_cdp_session(page)
        self.expired = 0
        self.session.on("Emulation.virtualTimeBudgetExpired", lambda _: self._expire())

    def _expire(self):
        self.expired += 1

    def run_for(self, seconds):
        """Let `seconds` of virtual time pass (in a few real milliseconds); then time stands still."""
        before = self.expired
        self.session.send("Emulation.setVirtualTimePolicy", {"policy": "advance", "budget": seconds * 1000})
        for _ in range(REAL_LIMIT_S * 50):
            if self.expired != before:
                return
            self.page.wait_for_timeout(20)  # lets Playwright deliver the CDP event; not a wait for the page
        pytest.fail(f"{seconds} s of virtual time did not pass within {REAL_LIMIT_S} s")


def spy_on_messages(page):
    """Record the sender of every message the worker gets, from now on."""
    worker = browser.service_worker(page.context)
    worker.evaluate(
        """() => { self.owSenders = [];
                   chrome.runtime.onMessage.addListener((message, sender) => { self.owSenders.push(sender.url); }); }"""
    )
    return worker


def wait_until_orderwise_asked(page, worker):
    """No overlay tells that Orderwise runs on a page without a status: its message to the worker does."""
    for _ in range(400):
        if page.url in worker.evaluate("() => self.owSenders"):
            return
        page.wait_for_timeout(25)
    pytest.fail("Orderwise never asked the worker for its knowledge")


def test_a_status_that_appears_after_3_s_gets_its_overlay(page, pages):
    page.goto(URL.format(LATE, "statusAfter=3000"))
    clock = VirtualClock(page)
    expect(overlay(page, LATE)).to_have_count(0)
    clock.run_for(3.5)
    expect(overlay(page, LATE)).to_have_attribute("data-status", "awaiting_shipment")


def test_a_page_that_never_shows_a_status_is_let_go_until_the_user_acts(page, pages):
    """With no status ever, the observer stops after a minute; a status shown later is drawn only
    once the user presses a key or clicks (which is what makes new orders appear on a real page)."""
    worker = spy_on_messages(page)
    page.goto(URL.format(LATE, "statusAfter=never"))
    wait_until_orderwise_asked(page, worker)
    # Started for sure (observer on, its minute counting): the "couldn't read this
    # page" notice comes 2.5 s after start-up. Only then does virtual time begin.
    expect(page.locator("orderwise-notice")).to_have_count(1)
    clock = VirtualClock(page)
    clock.run_for(IDLE_STOP_S + 1)  # start-up is over (the notice), so one minute is enough

    page.evaluate("() => window.showStatus()")
    clock.run_for(2)
    expect(overlay(page, LATE)).to_have_count(0)

    page.keyboard.press("Tab")
    clock.run_for(1)
    expect(overlay(page, LATE)).to_have_attribute("data-status", "awaiting_shipment")


def type_into_the_page(page, text):
    """Type into the page's own input, key by key, as a user does: each key must show in it.

    Responsiveness is what the user sees (every key lands, while the page keeps drawing), not a
    number of milliseconds, which a machine shared with other work cannot promise."""
    field = page.get_by_label("Note to self")
    for end in range(1, len(text) + 1):
        field.press(text[end - 1])
        expect(field).to_have_value(text[:end])


def test_a_20000_node_page_gets_its_overlay_and_stays_responsive(page, pages):
    """A detail page with 20,000 more elements: the overlay is there, and typing in the page is not held up."""
    page.goto(URL.format(BUSY, "rewrite=0"))
    expect(overlay(page, BUSY)).to_have_attribute("data-status", "awaiting_shipment")
    assert page.evaluate("() => document.getElementsByTagName('*').length") > 20_000
    type_into_the_page(page, "call the seller")


def test_a_page_that_rewrites_itself_on_every_frame_stays_responsive_and_is_let_go(page, pages):
    """The worst case for the observer: 20,000 elements, no status (so every scan reads all the text)
    and a rewrite on every frame. Typing still gets through, and a minute later Orderwise stops
    watching; a key press wakes it and it catches up."""
    page.goto(URL.format(BUSY, "status=none&rewrite=1"))
    page.wait_for_function("() => window.frameCount > 30")  # the page is rewriting itself
    type_into_the_page(page, "still typing")
    frames = page.evaluate("() => window.frameCount")
    page.wait_for_function(f"() => window.frameCount > {frames + 30}")  # and still drawing frames

    expect(page.locator("orderwise-notice")).to_have_count(1)  # started: its minute is counting
    clock = VirtualClock(page)
    clock.run_for(IDLE_STOP_S + 1)  # start-up is over (the notice), so one minute is enough
    page.evaluate(
        """() => { const title = document.createElement('div'); title.className = 'order-block-title';
                   title.textContent = 'Awaiting delivery'; document.querySelector('.order-wrap').prepend(title); }"""
    )
    clock.run_for(2)
    expect(overlay(page, BUSY)).to_have_count(0)
    page.get_by_label("Note to self").press("!")
    clock.run_for(1)
    expect(overlay(page, BUSY)).to_have_attribute("data-status", "shipped")
