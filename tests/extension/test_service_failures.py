"""The service failing in every way a network service fails: down, slow past the worker's 3 s
timeout, 500, invalid JSON, valid JSON of the wrong shape. Each time the panel gives the bundled
advice with a quiet note behind "More", within the timeout, and nothing is logged as an error."""

import pytest
from extension_helpers import DETAIL_URL, LIST_URL, first_seen, open_more, overlay, region, status
from playwright.sync_api import expect
from stub_service import StubService

from orderwise import browser

PROCESSING = "8190000000000001"
TIMEOUT_S = 3.0  # FETCH_TIMEOUT_MS in background/knowledge.js
IN_TRANSIT_S = 0.5  # a request's way from the worker to the stub, on a loaded machine
NOTE = "This advice came with Orderwise when it was installed; it may miss the latest changes."


def errors_of(context):
    """Console errors of pages and workers (the service worker included) and uncaught exceptions."""
    found = []
    context.on("console", lambda message: message.type == "error" and found.append(message.text))
    context.on("weberror", lambda error: found.append(f"uncaught: {error.error}"))
    return found


@pytest.mark.parametrize("mode", ["down", "slow", "error", "invalid_json", "wrong_shape"])
def test_a_failing_service_falls_back_to_the_bundled_advice_in_time(context, closed_port_url, mode):
    # A slow service holds its answer until the test is over: the note can only come from the
    # worker giving up on its own.
    with StubService(mode=mode, slow_seconds=600) as stub:
        browser.set_settings(context, closed_port_url if mode == "down" else stub.url)
        errors = errors_of(context)
        page = context.new_page()
        page.add_init_script(first_seen(note=NOTE))
        page.goto(DETAIL_URL.format(PROCESSING))
        panel = region(page, PROCESSING)
        open_more(panel)
        expect(panel.get_by_text(NOTE)).to_be_visible(timeout=TIMEOUT_S * 1000 + 5000)
        expect(panel).to_contain_text(status("awaiting_shipment")["verdict"])
        expect(overlay(page, PROCESSING)).to_have_attribute("data-can-cancel", "request")

        # When the note first showed, counted from the request the service got (from the page's
        # start when nothing listens): the slow service is given the whole timeout; a service that
        # fails is not waited out (the note shows before the timeout would have fired).
        shown = page.evaluate("window.owFirstSeen.note") / 1000
        asked = stub.log[0]["at"] if mode != "down" else page.evaluate("performance.timeOrigin") / 1000
        if mode == "slow":
            # The worker's clock starts as the request leaves, a moment before the service notes it.
            assert shown - asked >= TIMEOUT_S - IN_TRANSIT_S, f"gave up {shown - asked:.2f} s after asking"
        else:
            assert shown - asked < TIMEOUT_S, f"fell back {shown - asked:.1f} s after asking"
        if mode != "down":
            assert [entry["path"] for entry in stub.log] == ["/api/v1/knowledge"]
        # A whole list, too, gets every order's badge.
        page.goto(LIST_URL)
        expect(page.locator("orderwise-advice")).to_have_count(6)
        # The browser's own "Failed to load resource" line for a refused or failed request is not ours.
        assert [text for text in errors if not text.startswith("Failed to load resource")] == []
