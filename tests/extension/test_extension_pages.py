"""The extension's own pages and worker: settings, popup, message checks, and where content scripts run."""

import pytest
from extension_helpers import DETAIL_URL, LIST_URL, NOT_AN_ORDER_URL, open_more, region, status
from harness import extension_id
from playwright.sync_api import expect
from stub_service import StubService

from orderwise import browser

PROCESSING = "8190000000000001"


def send(page, message):
    return page.evaluate("message => chrome.runtime.sendMessage(message)", message)


def stored(context):
    """What the worker keeps that a message could change: the settings and each order's state."""
    return browser.service_worker(context).evaluate(
        """async () => Object.fromEntries(Object.entries(await chrome.storage.local.get(null))
             .filter(([key]) => key === 'settings' || key.startsWith('order:')))"""
    )


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ({"type": "fetchAnything"}, "bad_type"),
        ({"kind": "getKnowledge"}, "bad_type"),
        ({"type": "getOrderStates", "orderIds": ["8190000000000001x"]}, "bad_field"),
        ({"type": "getOrderStates", "orderIds": ["1" * 25]}, "bad_field"),
        ({"type": "getOrderStates", "orderIds": []}, "bad_field"),
        ({"type": "getOrderStates", "orderIds": ["1"] * 201}, "bad_field"),
        ({"type": "setOrderState", "orderId": "8190000000000001", "dismissed": "yes"}, "bad_field"),
        ({"type": "setOrderState", "orderId": "8190000000000001", "dismissed": True, "html": "<b>"}, "bad_field"),
        ({"type": "getKnowledge", "serviceUrl": "http://evil.example"}, "bad_field"),
        ({"type": "setSettings", "serviceUrl": "javascript:alert(1)", "offlineOnly": False}, "bad_field"),
        ({"type": "setSettings", "serviceUrl": "http://127.0.0.1:5000"}, "bad_field"),
        (
            {"type": "setSettings", "serviceUrl": "http://127.0.0.1:5000", "offlineOnly": False, "offerReports": 1},
            "bad_field",
        ),
        # Reports come only from content scripts on AliExpress pages, which the worker knows by the sender's URL.
        ({"type": "reportWord", "text": "Frozen", "lang": "en", "page_kind": "detail"}, "forbidden"),
    ],
)
def test_worker_rejects_malformed_messages(shared_context, service, extension_page, message, code):
    """The worker answers a malformed message with an error envelope and does nothing: what it
    stores (settings, every order's state) is the same after, and it asks the service nothing."""
    before, asked = stored(shared_context), len(service.log)
    reply = send(extension_page, message)
    assert reply["ok"] is False
    assert reply["error"]["code"] == code
    # A valid message sent after it is answered after it: whatever the bad one started has run.
    assert send(extension_page, {"type": "getOrderStates", "orderIds": ["8190000000000001"]})["ok"] is True
    assert stored(shared_context) == before
    assert service.log[asked:] == []


def test_worker_answers_well_formed_messages(extension_page):
    """A valid message gets {ok: true, data}."""
    reply = send(extension_page, {"type": "getOrderStates", "orderIds": ["8190000000000001"]})
    assert reply == {"ok": True, "data": {"states": {"8190000000000001": {"collapsed": False, "dismissed": False}}}}


def test_options_page_saves_the_service_address_and_offline_mode(context, closed_port_url):
    """The options page checks the address, saves it, and the popup then reports offline mode."""
    ext = extension_id(context)
    options = context.new_page()
    options.goto(f"chrome-extension://{ext}/options/options.html")
    address = options.get_by_label("Service address")
    expect(address).to_have_value(
        browser.service_worker(context).evaluate(
            "async () => (await chrome.storage.local.get('settings')).settings.serviceUrl"
        )
    )

    address.fill("ftp://127.0.0.1/")
    options.get_by_role("button", name="Save").click()
    expect(options.get_by_role("alert")).to_contain_text("http://")

    address.fill(f"{closed_port_url}/")
    options.get_by_label("Offline only").check()
    options.get_by_role("button", name="Save").click()
    expect(options.get_by_role("status")).to_have_text("Saved")
    settings = browser.service_worker(context).evaluate(
        "async () => (await chrome.storage.local.get('settings')).settings"
    )
    assert settings == {
        "serviceUrl": closed_port_url,
        "offlineOnly": True,
        "language": "auto",
        "offerReports": False,
    }

    popup = context.new_page()
    popup.goto(f"chrome-extension://{ext}/popup/popup.html")
    expect(popup.get_by_role("status")).to_have_text("Offline mode: using the advice bundled with Orderwise")
    expect(popup.get_by_role("link", name="Settings")).to_be_visible()


def test_the_service_address_saved_on_the_options_page_is_the_one_asked(context, service):
    """Saved on the options page, an address is where the pages' advice comes from, and the address
    used before gets nothing more."""
    ext = extension_id(context)
    with StubService() as stub:
        options = context.new_page()
        options.goto(f"chrome-extension://{ext}/options/options.html")
        options.get_by_label("Service address").fill(f"{stub.url}/")
        options.get_by_role("button", name="Save").click()
        expect(options.get_by_role("status")).to_have_text("Saved")
        before = len(service.knowledge_requests())

        page = context.new_page()
        page.goto(DETAIL_URL.format(PROCESSING))
        panel = region(page, PROCESSING)
        expect(panel).to_contain_text(status("awaiting_shipment")["verdict"])
        open_more(panel)
        expect(panel.locator("[data-note]")).to_have_count(0)
        assert [(entry["method"], entry["path"]) for entry in stub.requests(1)] == [("GET", "/api/v1/knowledge")]
        assert len(service.knowledge_requests()) == before


def test_popup_says_the_service_answered_and_shows_the_knowledge_version(shared_context, service):
    """With the service up, the popup says so and names the knowledge version in use."""
    ext = extension_id(shared_context)
    popup = shared_context.new_page()
    popup.goto(f"chrome-extension://{ext}/popup/popup.html")
    expect(popup.get_by_role("status")).to_have_text("Advice from the service")
    etag = service.knowledge_requests()[-1]["etag"].strip('"')
    expect(popup.get_by_text(f"Knowledge version {etag}")).to_be_visible()
    popup.close()


def content_script_worlds(page, url):
    """Names of the isolated worlds (content scripts) in the page once it has loaded and gone idle."""
    session = page.context.new_cdp_session(page)
    page.goto(url)
    # Content scripts run at document_idle, by the load event at the latest; a
    # frame and a task after it, every content script that matches this URL has been injected.
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))")
    worlds = []
    session.on("Runtime.executionContextCreated", lambda event: worlds.append(event["context"]["name"]))
    session.send("Runtime.enable")
    session.detach()
    return worlds


def test_content_scripts_do_not_run_on_other_aliexpress_pages(shared_context):
    """A product page that mentions status words gets no overlay: Orderwise isn't even injected there.
    (Each check uses a new tab: a page kept in the back/forward cache would still list its worlds.)"""
    product = shared_context.new_page()
    assert "Orderwise" not in content_script_worlds(product, NOT_AN_ORDER_URL)
    expect(product.get_by_text("Processing").first).to_be_visible()
    expect(product.locator("orderwise-advice")).to_have_count(0)
    product.close()

    orders = shared_context.new_page()
    assert "Orderwise" in content_script_worlds(orders, LIST_URL)
    expect(orders.locator("orderwise-advice")).to_have_count(6)
    orders.close()


def test_a_service_address_must_be_https_unless_it_is_this_computer(context):
    """Plain http would carry reports and the knowledge in the clear past this machine."""
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    address = options.get_by_label("Service address")
    for refused in ("http://orderwise.example", "http://192.168.1.20:5000", "http://127.0.0.1.nip.io:5000"):
        address.fill(refused)
        options.get_by_role("button", name="Save").click()
        expect(options.get_by_role("alert")).to_contain_text("https://")
        expect(address).to_have_attribute("aria-invalid", "true")
    for taken in ("https://orderwise.example", "http://localhost:8080", "http://[::1]:5000", "http://127.0.0.2:5000"):
        address.fill(taken)
        options.get_by_role("button", name="Save").click()
        expect(options.get_by_role("status")).to_have_text("Saved")
        expect(address).to_have_value(taken)
    # The worker holds to the same rule whoever asks.
    for refused in ("http://orderwise.example", "http://10.0.0.5:5000"):
        reply = send(options, {"type": "setSettings", "serviceUrl": refused, "offlineOnly": False})
        assert reply["ok"] is False and reply["error"]["code"] == "bad_field"
