"""What the browser tests share: the fixture pages' URLs, the bundled knowledge, locators."""

import gzip
import json

from playwright.sync_api import expect

from orderwise import browser

LIST_URL = "https://www.aliexpress.com/p/order/index.html"
DETAIL_URL = "https://www.aliexpress.com/p/order/detail.html?orderId={}"
NOT_AN_ORDER_URL = "https://www.aliexpress.com/item/1005001234567890.html"
SNAPSHOT = json.loads(gzip.decompress((browser.EXTENSION_DIR / "snapshot.json.gz").read_bytes()))

# Detail fixture per order number (the ids match the list's cards).
DETAIL_PAGES = {
    "8190421736658012": "detail-to-pay.html",
    "8190000000000001": "detail-processing.html",
    "8189977352140417": "detail-awaiting-delivery.html",
    "8189410268835226": "detail-completed.html",
    "8189123906417733": "detail-canceled.html",
    "8187740259316625": "detail-unknown.html",
}
PAGES = {
    "/p/order/index.html": "list.html",
    "/item/1005001234567890.html": "not-an-order.html",
    **{f"/p/order/detail.html?orderId={order_id}": name for order_id, name in DETAIL_PAGES.items()},
}


def status(key):
    """The knowledge's entry for a status key."""
    return next(entry for entry in SNAPSHOT["statuses"] if entry["key"] == key)


def situation(key):
    return next(entry for entry in SNAPSHOT["situations"] if entry["key"] == key)


def overlay(page, order_id):
    """The one <orderwise-advice> element of an order."""
    return page.locator(f'orderwise-advice[data-order-id="{order_id}"]')


def copy_where_the_clipboard_is_refused(page, url, order_id, press="click"):
    """Open an order's page at ``url``, served with the header by which a site forbids writing the
    clipboard (``Permissions-Policy: clipboard-write=()``), and press Copy message (``press``:
    "click" or "tap"). Returns the panel, and a function giving what its message box has selected
    then (the message the panel showed is checked to be the one for changing one's mind)."""
    body = page.context.fixtures.find(url).read_bytes()
    headers = {"Permissions-Policy": "clipboard-write=()"}
    page.route(
        lambda address: address == url,
        lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", headers=headers, body=body),
    )
    page.goto(url)
    panel = region(page, order_id)
    box = panel.get_by_role("textbox", name="Message to the seller")
    expect(box).to_have_value(situation("changed_mind")["messages"]["before_shipment"].format(order_id=order_id))
    getattr(panel.get_by_role("button", name="Copy message"), press)()
    return panel, lambda: box.evaluate("b => b.value.slice(b.selectionStart, b.selectionEnd)")


def region(page, order_id):
    """The panel of an order, by its role and accessible name (inside the shadow root)."""
    return page.get_by_role("region", name=f"Orderwise advice for order {order_id}")


def first_seen(**texts):
    """An init script that notes when each text first shows in an Orderwise panel, frame by frame:
    window.owFirstSeen[name] is the time (ms since the epoch) of that animation frame. What the
    shopper saw and in which order, without a read racing the page."""
    return f"({FIRST_SEEN})({json.dumps(texts)})"


FIRST_SEEN = """texts => {
  window.owFirstSeen = {};
  const look = () => {
    const hosts = [...document.querySelectorAll('orderwise-advice')];
    const shown = hosts.map((host) => host.shadowRoot?.textContent || '').join(' ');
    for (const [name, text] of Object.entries(texts)) {
      if (!(name in window.owFirstSeen) && shown.includes(text)) {
        window.owFirstSeen[name] = performance.timeOrigin + performance.now();
      }
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}"""


def open_more(panel):
    """Open what an open panel keeps behind "More" (steps, dates, warnings, time limits, sources)."""
    more = panel.locator('button[data-action="more"]')
    more.click()
    expect(panel.locator('button[data-action="more"]')).to_have_attribute("aria-expanded", "true")


def open_badge(page, order_id):
    """Open a list order's popover with the user's own click; returns its dialog."""
    badge = region(page, order_id).locator("button[aria-haspopup]")
    badge.click()
    dialog = region(page, order_id).get_by_role("dialog")
    expect(dialog).to_be_visible()
    return dialog


def pick(select, value):
    """Choose an option as a user does, with the keyboard: Orderwise ignores events a script
    dispatches, and Playwright's select_option() dispatches its own."""
    expect(select.locator(f'option[value="{value}"]')).to_have_count(1)  # the panel is drawn
    values = select.locator("option").evaluate_all("options => options.map((o) => o.value)")
    steps = values.index(value) - values.index(select.input_value())
    select.focus()
    for _ in range(abs(steps)):
        select.press("ArrowDown" if steps > 0 else "ArrowUp")
    expect(select).to_have_value(value)


def badge_text(key, lang="en"):
    """A status's badge as the list shows it while no deadline it names is dated: the knowledge's
    text in ``lang``, the refund window's business days filled in."""
    text = status(key)["badge"]["text"]
    text = SNAPSHOT["translations"].get(lang, {}).get(text, text)
    refund = SNAPSHOT["timelines"]["refund"]
    low, high = refund["min_business_days"], refund["max_business_days"]
    return text.replace("{refund}", f"{low}" if low == high else f"{low}\u2013{high}")


# (order number, knowledge status, can_cancel, badge words) for the cards of list.html, which
# phone-list.html lays out for a phone.
LIST_CARDS = [
    (order_id, key, can_cancel, badge_text(key))
    for order_id, key, can_cancel in [
        ("8190421736658012", "unpaid", "yes"),
        ("8190000000000001", "awaiting_shipment", "request"),
        ("8189977352140417", "shipped", "no"),
        ("8189410268835226", "completed", "no"),
        ("8189123906417733", "cancelled", "no"),
        ("3041278553901648", "cancelled", "no"),
    ]
]


def before_content_scripts(page, expression):
    """Evaluate ``expression`` in Orderwise's content-script world before their first line, on
    every load of ``page`` (a breakpoint on common/protocol.js, the manifest's first content
    script); returns the CDP session."""
    cdp = page.context.new_cdp_session(page)

    def paused(event):
        frame = event["callFrames"][0]["callFrameId"]
        cdp.send("Debugger.evaluateOnCallFrame", {"callFrameId": frame, "expression": expression})
        cdp.send("Debugger.resume")

    cdp.on("Debugger.paused", paused)
    cdp.send("Debugger.enable")
    cdp.send(
        "Debugger.setBreakpointByUrl", {"lineNumber": 0, "urlRegex": r"^chrome-extension://.*/common/protocol\.js$"}
    )
    return cdp


def isolated_world(page, name="Orderwise"):
    """The execution context id of the content scripts' world in this page (after it loaded)."""
    session = page.context.new_cdp_session(page)
    contexts = []
    session.on("Runtime.executionContextCreated", lambda event: contexts.append(event["context"]))
    session.send("Runtime.enable")
    context_id = next(c["id"] for c in contexts if c["name"] == name)
    return session, context_id


def send_from_content_scripts(session, world, message):
    """What the worker answers ``message`` sent from the content scripts' world (``isolated_world``)."""
    return session.send(
        "Runtime.evaluate",
        {
            "expression": f"chrome.runtime.sendMessage({json.dumps(message)})",
            "contextId": world,
            "awaitPromise": True,
            "returnByValue": True,
        },
    )["result"]["value"]
