"""The options page says what leaves the browser: every request Orderwise makes and exactly what it
carries. Checked against what a service actually receives while the extension is used."""

import json
import re

from extension_helpers import DETAIL_URL, LIST_URL, badge_text, open_more, overlay, region
from harness import extension_id
from playwright.sync_api import expect
from stub_service import StubService
from test_reports import switch_reports_on

from orderwise import browser

# What Chromium itself puts on a fetch; everything else must be on the options page's list.
BROWSER_HEADERS = {
    "Host",
    "Connection",
    "Pragma",
    "Cache-Control",
    "User-Agent",
    "Accept",
    "Accept-Encoding",
    "Accept-Language",
    "Sec-Fetch-Site",
    "Sec-Fetch-Mode",
    "Sec-Fetch-Dest",
}
# What Chromium adds to a request with a body: its length, and the extension's origin on a POST.
BODY_HEADERS = {"Content-Length", "Origin"}
UNKNOWN = "8187740259316625"  # detail-unknown.html: a status word Orderwise doesn't know


def test_options_page_lists_every_request_and_what_it_carries(context):
    with StubService() as stub:
        browser.set_settings(context, stub.url)
        # Use the extension: a detail page, a reload (now with the saved version), the list.
        page = context.new_page()
        page.goto(DETAIL_URL.format("8190000000000001"))
        expect(overlay(page, "8190000000000001")).to_have_count(1)
        page.reload()
        expect(overlay(page, "8190000000000001")).to_have_count(1)
        page.goto(LIST_URL)
        expect(page.locator("orderwise-advice")).to_have_count(6)
        # And a report of a word it can't read, switched on and sent (the stand-in refuses it).
        switch_reports_on(context)
        page.goto(DETAIL_URL.format(UNKNOWN))
        report_section = region(page, UNKNOWN).get_by_role("region", name="Report this word")
        report_section.get_by_role("button", name="Send").click()
        expect(report_section.get_by_role("status")).to_contain_text("Couldn't send")

        options = context.new_page()
        options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
        section = options.get_by_role("region", name="What leaves your browser")
        listed = section.get_by_role("listitem")
        expect(listed).to_have_count(2)  # the knowledge, and the opt-in report of an unknown word
        knowledge = listed.nth(0)
        expect(knowledge).to_contain_text(f"GET {stub.url}/api/v1/knowledge")
        expect(knowledge).to_contain_text("Header If-None-Match: the version of the advice Orderwise already has")
        expect(knowledge).to_contain_text("Body: none.")
        report = listed.nth(1)
        expect(report).to_contain_text(f"POST {stub.url}/api/v1/reports")
        expect(report).to_contain_text("Only if you switched on reports above and press Send")
        expect(report).to_contain_text("Body: the status text (at most 64 characters)")
        expect(section).to_contain_text("never your order numbers, store names, prices")

        # What the service received is exactly what the page says, request by request.
        shown = listed.all_inner_texts()
        knowledge_gets = [r for r in stub.log if (r["method"], r["path"]) == ("GET", "/api/v1/knowledge")]
        (report_post,) = [r for r in stub.log if (r["method"], r["path"]) == ("POST", "/api/v1/reports")]
        assert len(knowledge_gets) >= 3 and len(knowledge_gets) + 1 == len(stub.log)
        for received in stub.log:
            (text,) = [text for text in shown if f"{received['method']} {stub.url}{received['path']}" in text]
            extra = set(received["headers"]) - BROWSER_HEADERS - BODY_HEADERS
            assert all(f"Header {name}:" in text for name in extra), extra
            assert not {"Cookie", "Referer"} & set(received["headers"])
        assert "If-None-Match" in stub.log[1]["headers"]  # the listed header is really sent
        assert all(not {"Origin", "Content-Type", "Content-Length"} & set(r["headers"]) for r in knowledge_gets)
        assert all("body" not in r for r in knowledge_gets)  # "Body: none."
        # The report's body: the four fields the panel showed, nothing else (no order number, store).
        assert json.loads(report_post["body"]) == {
            "text": "On hold",
            "lang": "en",
            "host": "www.aliexpress.com",
            "page_kind": "detail",
        }
        assert report_post["headers"]["Content-Type"].startswith("application/json")

        # The list follows the settings: a new address is shown at once.
        options.get_by_label("Service address").fill("http://localhost:8080")
        options.get_by_role("button", name="Save").click()
        expect(listed.nth(0)).to_contain_text("GET http://localhost:8080/api/v1/knowledge")


def test_the_list_is_the_one_the_worker_sends_by(context):
    """The page renders protocol.REQUESTS, the list the worker builds its requests from: one entry per request."""
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    requests = options.evaluate(
        "() => Object.values(globalThis.orderwise.protocol.REQUESTS).map((r) => `${r.method} ${r.path}`)"
    )
    items = options.get_by_role("region", name="What leaves your browser").get_by_role("listitem")
    expect(items).to_have_count(len(requests))
    for item, request in zip(items.all(), requests, strict=True):
        method, path = request.split(" ")
        expect(item).to_contain_text(method)
        expect(item).to_contain_text(path)
    worker_source = "".join(
        path.read_text(encoding="utf-8") for path in sorted((browser.EXTENSION_DIR / "background").glob("*.js"))
    )
    # request() is the one fetch that leaves the browser; every other reads a file of the extension.
    fetches = re.findall(r"fetch\(([^,)]*)", worker_source)
    outside = [target for target in fetches if not target.startswith("chrome.runtime.getURL(")]
    assert outside == ["`${serviceUrl}${spec.path}`"], fetches


def test_order_numbers_reach_aliexpress_and_no_one_else(context):
    """Using the panels, the seller chat and the dispute kit included, sends order numbers only to
    AliExpress's own site: the chat opens there, the kit is built in the page, and no request to any other
    host (the service included) carries one. The options page says so."""
    shipped = "8189977352140417"
    seen = []  # every request the pages and the tabs they open make, with what it carries
    context.on(
        "request",
        lambda request: seen.append((request.url, json.dumps(request.headers), request.post_data or "")),
    )
    with StubService() as stub:
        browser.set_settings(context, stub.url)
        page = context.new_page()
        page.goto(DETAIL_URL.format(shipped))
        panel = region(page, shipped)
        with context.expect_page() as opened:
            panel.get_by_role("button", name="Copy and open chat").click()
        opened.value.wait_for_load_state("commit")
        page.bring_to_front()
        open_more(panel)
        panel.locator("details.kit > summary").click()
        panel.get_by_role("button", name="Copy dispute text").click()
        expect(panel.get_by_role("status").last).to_have_text("Copied")
        page.goto(LIST_URL)
        expect(page.locator("orderwise-advice")).to_have_count(6)
        order_ids = page.locator("orderwise-advice").evaluate_all("hosts => hosts.map((h) => h.dataset.orderId)")
        list_panel = region(page, "8190000000000001")
        list_panel.get_by_role("button", name=f"Orderwise: {badge_text('awaiting_shipment')}").click()
        with context.expect_page() as opened:
            list_panel.get_by_role("button", name="Copy and open chat").click()
        opened.value.wait_for_load_state("commit")

        to_aliexpress = re.compile(r"^https://(?:[a-z0-9-]+\.)*aliexpress\.(?:com|us|ru)/")
        carrying = [(url, what) for url, *what in seen if any(order in url + "".join(what) for order in order_ids)]
        assert any("/p/message/" in url for url, _ in carrying)  # the chat did open, on AliExpress
        assert [url for url, _ in carrying if not to_aliexpress.match(url)] == []
        assert stub.log  # the service was asked, and heard no order number
        assert not [r for r in stub.log if any(order in json.dumps(r) for order in order_ids)]

        options = context.new_page()
        options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
        section = options.get_by_role("region", name="What leaves your browser")
        expect(section).to_contain_text("opens the seller chat on AliExpress's own site")
        expect(section).to_contain_text("goes to AliExpress and to no one else")
        expect(section).to_contain_text("The dispute kit is put together in the page")
