"""More hostile messages for the worker (see also test_extension_pages.py): prototype pollution,
look-alike types, wrong types, oversized fields, URLs smuggled in; messages from a content script
that only extension pages may send; and a web page's window.postMessage, which must not reach it.
Whatever a message carries, the worker fetches no URL that came from one."""

import pytest
from extension_helpers import LIST_URL, isolated_world, send_from_content_scripts
from harness import extension_id
from playwright.sync_api import expect
from stub_service import StubService

from orderwise import browser


@pytest.fixture(scope="module")
def elsewhere():
    """A server that the host permissions allow (127.0.0.1): nothing may ever ask it anything."""
    with StubService() as stub:
        yield stub


def settings(context):
    return browser.service_worker(context).evaluate("async () => (await chrome.storage.local.get('settings')).settings")


# Each message is a JavaScript expression, so it can hold what JSON alone can't say; ELSEWHERE is
# the address of the server no one may ask.
HOSTILE = [
    (
        'JSON.parse(\'{"type":"getOrderStates","orderIds":["8190000000000001"],"__proto__":{"polluted":"yes"}}\')',
        "bad_field",
    ),
    ('JSON.parse(\'{"type":"getKnowledge","constructor":{"prototype":{"polluted":"yes"}}}\')', "bad_field"),
    ("({type: '__proto__'})", "bad_type"),
    ("({type: 'toString'})", "bad_type"),
    ("'getKnowledge'", "bad_type"),
    ("[{type: 'getKnowledge'}]", "bad_type"),
    ("({type: 'getOrderStates', orderIds: [8190000000000001]})", "bad_field"),
    ("({type: 'getOrderStates', orderIds: '8190000000000001'})", "bad_field"),
    ("({type: 'setOrderState', orderId: '__proto__', dismissed: true})", "bad_field"),
    ("({type: 'setOrderState', orderId: '8190000000000001', collapsed: 'x'.repeat(1 << 20)})", "bad_field"),
    ("({type: 'getOrderStates', orderIds: ['8190000000000001'], pad: 'x'.repeat(1 << 20)})", "bad_field"),
    ("({type: 'getKnowledge', url: ELSEWHERE + '/api/v1/knowledge'})", "bad_field"),
    ("({type: 'getServiceStatus', serviceUrl: ELSEWHERE})", "bad_field"),
    ("({type: 'setSettings', serviceUrl: ELSEWHERE.replace('//', '//user:secret@'), offlineOnly: false})", "bad_field"),
    ("({type: 'setSettings', serviceUrl: ELSEWHERE + '/?next=' + ELSEWHERE, offlineOnly: false})", "bad_field"),
    ("({type: 'setSettings', serviceUrl: ELSEWHERE, offlineOnly: 'false'})", "bad_field"),
]


@pytest.mark.parametrize(("expression", "code"), HOSTILE)
def test_worker_rejects_hostile_messages_and_fetches_nothing_they_name(
    shared_context, extension_page, elsewhere, expression, code
):
    before = settings(shared_context)
    reply = extension_page.evaluate(f"(ELSEWHERE) => chrome.runtime.sendMessage({expression})", elsewhere.url)
    assert reply["ok"] is False and reply["error"]["code"] == code
    assert len(reply["error"]["message"]) < 200  # no echo of a megabyte field
    worker = browser.service_worker(shared_context)
    assert worker.evaluate("() => [({}).polluted, Object.prototype.polluted, [].polluted]") == [None] * 3
    assert settings(shared_context) == before
    # The worker still works, and only ever asks the configured service.
    assert extension_page.evaluate("() => chrome.runtime.sendMessage({type: 'getKnowledge'})")["ok"] is True
    assert elsewhere.log == []


def test_content_scripts_cannot_change_where_the_worker_sends_requests(context, elsewhere):
    """setSettings from the content scripts' world (what a compromised page script could reach at most)
    is refused as forbidden; the settings stay, and the other address is never asked."""
    before = settings(context)
    page = context.new_page()
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(6)
    session, world = isolated_world(page)
    for message in (
        {"type": "setSettings", "serviceUrl": elsewhere.url, "offlineOnly": False},
        {"type": "getSettings"},
        {"type": "getServiceStatus"},
    ):
        result = send_from_content_scripts(session, world, message)
        assert result["ok"] is False and result["error"]["code"] == "forbidden", message
    page.reload()
    expect(page.locator("orderwise-advice")).to_have_count(6)
    assert settings(context) == before
    assert elsewhere.log == []


def test_a_web_pages_post_message_never_reaches_the_worker(context, elsewhere):
    """The page's own scripts post would-be messages to the window and try the extension's id: the
    worker receives none of them, the settings stay, and the other address is never asked."""
    worker = browser.service_worker(context)
    worker.evaluate(
        """() => {
             self.owSeen = [];
             chrome.runtime.onMessage.addListener((m) => { self.owSeen.push(m); });
             chrome.runtime.onMessageExternal.addListener((m) => { self.owSeen.push(m); });
           }"""
    )
    before = settings(context)
    page = context.new_page()
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(6)
    own_id = extension_id(context)
    reached = page.evaluate(
        """([elsewhere, extensionId]) => {
             for (const message of [
               {type: 'setSettings', serviceUrl: elsewhere, offlineOnly: false},
               {type: 'getKnowledge', serviceUrl: elsewhere},
               {type: 'setOrderState', orderId: '8190000000000001', dismissed: true},
             ]) {
               window.postMessage(message, '*');
               window.postMessage(JSON.stringify(message), '*');
               // Addressed to the extension by its id, where the page has an API to do it with.
               try {
                 globalThis.chrome?.runtime?.sendMessage?.(extensionId, message);
               } catch {}
             }
             // Without externally_connectable the page has no way to address the extension.
             return typeof chrome !== 'undefined' && !!chrome.runtime && !!chrome.runtime.sendMessage;
           }""",
        [elsewhere.url, own_id],
    )
    assert reached is False
    # Once a later message has been delivered, every listener has seen the earlier ones; then reload:
    # a message the content scripts send for real is seen by the worker, the posted ones are not.
    page.evaluate(
        """() => new Promise((resolve) => {
             window.addEventListener('message', (event) => event.data === 'ow-flush' && resolve());
             window.postMessage('ow-flush', '*');
           })"""
    )
    page.reload()
    expect(page.locator("orderwise-advice")).to_have_count(6)
    seen = worker.evaluate("() => self.owSeen.map((m) => m.type)")
    assert "getKnowledge" in seen
    assert "setSettings" not in seen and "setOrderState" not in seen
    assert settings(context) == before
    assert elsewhere.log == []
