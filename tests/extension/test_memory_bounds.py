"""What Orderwise keeps per order has bounds and an exit: a page that shows hundreds of orders
cannot fill the storage (nor push out the orders the user follows), orders expire weeks after
their last deadline, the user can forget one order (the panel, the popup) or every order (the
options page), and a content script receives only the orders it asks about."""

import json
import re
import time

import pytest
from extension_helpers import (
    DETAIL_URL,
    LIST_URL,
    before_content_scripts,
    isolated_world,
    open_more,
    overlay,
    pick,
    region,
    send_from_content_scripts,
)
from harness import FIXTURES_DIR, extension_id
from playwright.sync_api import expect

from orderwise import browser

FIXTURES = FIXTURES_DIR
MAX_ORDERS = 200  # orders.js
DAY_MS = 24 * 3600 * 1000
KEEP_AFTER_MS = 42 * DAY_MS  # orders.js: six weeks after the last deadline or change

PROCESSING = "8190000000000001"  # detail-processing.html
OTHER = "8189977352140417"
THIRD = "8189410268835226"


def now_ms():
    return int(time.time() * 1000)


def stored_orders(context):
    """{key: value} of every per-order entry in the extension's storage."""
    return browser.service_worker(context).evaluate(
        """async () => Object.fromEntries(Object.entries(await chrome.storage.local.get(null))
             .filter(([key]) => key.startsWith('memory:') || key.startsWith('order:')))"""
    )


def store(context, entries):
    browser.service_worker(context).evaluate("entries => chrome.storage.local.set(entries)", entries)


def followed(situation="changed_mind", saved_at=None, **more):
    """A memory as the worker stores it for an order the user picked a situation for."""
    return {
        "origin": "https://www.aliexpress.com",
        "situation": situation,
        "copiedAt": None,
        "requestedAt": None,
        "requestedBy": None,
        "deadline": None,
        "savedAt": saved_at if saved_at is not None else now_ms(),
        **more,
    }


def send_from_extension(context, message):
    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    reply = page.evaluate("message => chrome.runtime.sendMessage(message)", message)
    page.close()
    return reply


def flood_page(directory, count):
    """list.html with its "Processing" card repeated `count` times as "Awaiting cancellation", each
    under its own order number."""
    lines = (FIXTURES / "list.html").read_text(encoding="utf-8").splitlines(keepends=True)
    cards = [i for i, line in enumerate(lines) if 'class="order-item"' in line]
    end = next(i for i, line in enumerate(lines) if 'class="order-more"' in line) - 2
    card = "".join(lines[cards[1] : cards[2]])
    assert PROCESSING in card and ">Processing<" in card
    card = card.replace(">Processing<", ">Awaiting cancellation<")
    copies = [card.replace(PROCESSING, str(8190000000100000 + k)) for k in range(count)]
    page = directory / "list-flood.html"
    page.write_text("".join(lines[: cards[0]]) + "".join(copies) + "".join(lines[end:]), encoding="utf-8")
    return page


def test_a_page_of_300_awaiting_cancellation_orders_keeps_at_most_200_and_the_users_own(context, tmp_path):
    """The page shows 300 orders whose cancellation was requested: Orderwise notes what the page
    shows, but keeps at most 200 orders, the newest; the order the user picked a situation for
    (older than all of them) stays, and an order only seen before the flood goes first."""
    store(
        context,
        {
            f"memory:{OTHER}": followed(saved_at=now_ms() - 20 * DAY_MS),
            f"memory:{THIRD}": followed(situation=None, requestedAt=now_ms(), requestedBy="seen", saved_at=now_ms()),
        },
    )
    context.fixtures.mapping["/p/order/index.html"] = str(flood_page(tmp_path, 300))
    page = context.new_page()
    page.goto(LIST_URL)
    expect(page.locator("orderwise-advice")).to_have_count(300)
    last = str(8190000000100000 + 299)
    expect(overlay(page, last)).to_have_attribute("data-status", "cancel_requested")
    # The last card's request, then its deadline, are the flood's last writes.
    browser.service_worker(context).evaluate(
        """async (key) => {
             for (let tries = 0; tries < 1200; tries += 1) {
               const value = (await chrome.storage.local.get(key))[key];
               if (value && value.deadline) return;
               await new Promise((resolve) => setTimeout(resolve, 50));
             }
             throw new Error('the last card was never remembered with its deadline');
           }""",
        f"memory:{last}",
    )
    listed = send_from_extension(context, {"type": "listFollowed"})["data"]["orders"]  # after every write

    entries = stored_orders(context)
    kept = {key.split(":", 1)[1] for key in entries}
    assert len(kept) == MAX_ORDERS
    assert {order["orderId"] for order in listed} == kept
    assert OTHER in kept and entries[f"memory:{OTHER}"]["situation"] == "changed_mind"
    assert THIRD not in kept
    flood = [str(8190000000100000 + k) for k in range(300)]
    assert [order_id for order_id in flood if order_id in kept] == flood[-(MAX_ORDERS - 1) :]


def test_past_200_orders_the_one_changed_longest_ago_goes(context):
    """With 200 orders followed, picking a situation for one more drops the one changed longest
    ago, and only it."""
    base = 8180000000000000
    saved = now_ms() - 30 * DAY_MS
    store(context, {f"memory:{base + k}": followed(saved_at=saved + k * 1000) for k in range(MAX_ORDERS)})
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    pick(region(page, PROCESSING).get_by_label("Your situation"), "wrong_item")
    for _ in range(100):
        entries = stored_orders(context)
        if f"memory:{PROCESSING}" in entries and len(entries) <= MAX_ORDERS:
            break
        page.wait_for_timeout(50)  # the worker is writing; not a wait for the page
    kept = {key.split(":", 1)[1] for key in entries}
    assert kept == {PROCESSING} | {str(base + k) for k in range(1, MAX_ORDERS)}


def test_orders_expire_six_weeks_after_their_last_deadline(context):
    """An order whose last deadline and last change are more than six weeks old is gone: from the
    popup's list, from storage, and from its own page's panel. One whose deadline is still ahead
    stays however old its last change, and so does one changed recently or stored before changes
    were timed."""
    now = now_ms()
    old = now - KEEP_AFTER_MS - DAY_MS
    legacy = followed()
    del legacy["savedAt"]
    store(
        context,
        {
            f"memory:{PROCESSING}": followed(
                saved_at=old - 10 * DAY_MS, deadline={"at": old, "kind": "ship_by", "source": "page"}
            ),
            f"order:{PROCESSING}": {"collapsed": False, "dismissed": True, "savedAt": old},
            f"memory:{OTHER}": followed(
                saved_at=old - 30 * DAY_MS,
                deadline={"at": now + 3 * DAY_MS, "kind": "protection_ends", "source": "page"},
            ),
            f"memory:{THIRD}": followed(saved_at=now - 10 * DAY_MS),
            "memory:8180000000000001": legacy,
            "order:8180000000000002": {"collapsed": True, "dismissed": False, "savedAt": old},
        },
    )
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    # Hidden while it was kept: now the panel is back, with no situation remembered.
    expect(region(page, PROCESSING).get_by_label("Your situation")).to_be_visible()
    open_more(region(page, PROCESSING))
    expect(region(page, PROCESSING).get_by_role("button", name="Forget this order")).to_have_count(0)

    popup = context.new_page()
    popup.goto(f"chrome-extension://{extension_id(context)}/popup/popup.html")
    items = popup.get_by_role("list", name="Orders you follow").get_by_role("listitem")
    expect(items).to_have_count(3)
    entries = stored_orders(context)
    assert set(entries) == {f"memory:{OTHER}", f"memory:{THIRD}", "memory:8180000000000001"}
    assert entries["memory:8180000000000001"]["savedAt"] >= now  # timed from now on


def test_forget_this_order_drops_that_order_only_and_ignores_the_pages_clicks(context):
    """In the panel of a followed order, "Forget this order" drops its memory and panel state;
    other orders, the settings and the stored advice stay. The page's own script clicking the
    button (the shadow root is open) does nothing."""
    other_state = {"collapsed": True, "dismissed": False, "savedAt": now_ms()}
    store(context, {f"memory:{OTHER}": followed(), f"order:{OTHER}": other_state})
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    pick(panel.get_by_label("Your situation"), "wrong_item")
    open_more(panel)
    forget = panel.get_by_role("button", name="Forget this order")
    expect(forget).to_be_visible()
    before = browser.service_worker(context).evaluate("async () => chrome.storage.local.get(null)")
    assert before[f"memory:{PROCESSING}"]["situation"] == "wrong_item"

    page.evaluate(
        """id => {
             const button = document.querySelector(`orderwise-advice[data-order-id="${id}"]`)
               .shadowRoot.getElementById(`ow-${id}-forget`);
             button.click();
             button.dispatchEvent(new MouseEvent('click', {bubbles: true}));
           }""",
        PROCESSING,
    )
    send_from_extension(context, {"type": "getSettings"})  # the worker has handled anything sent before
    assert f"memory:{PROCESSING}" in stored_orders(context)

    forget.click()
    done = panel.get_by_role("status").filter(has_text="Orderwise no longer keeps anything about this order.")
    expect(done).to_be_focused()
    after = browser.service_worker(context).evaluate("async () => chrome.storage.local.get(null)")
    assert set(before) - set(after) == {f"memory:{PROCESSING}"}
    # The stored advice may have been revalidated meanwhile: it is there, and the rest is as it was.
    assert "knowledge" in after
    unchanged = {key: value for key, value in before.items() if key not in (f"memory:{PROCESSING}", "knowledge")}
    assert unchanged == {key: value for key, value in after.items() if key != "knowledge"}
    page.reload()
    expect(region(page, PROCESSING).get_by_label("Your situation")).to_be_visible()
    open_more(region(page, PROCESSING))
    expect(region(page, PROCESSING).get_by_role("button", name="Forget this order")).to_have_count(0)


def test_forget_every_order_in_the_options_page(context):
    """The options page's "Forget every order" asks first; declined, nothing changes; accepted,
    every order's memory and panel state are gone, and the settings and the stored advice stay."""
    store(
        context,
        {
            f"memory:{PROCESSING}": followed(),
            f"memory:{OTHER}": followed(copiedAt=now_ms()),
            f"order:{THIRD}": {"collapsed": False, "dismissed": True, "savedAt": now_ms()},
        },
    )
    send_from_extension(context, {"type": "getKnowledge"})  # the advice is stored
    before = browser.service_worker(context).evaluate("async () => chrome.storage.local.get(null)")
    assert "knowledge" in before and "settings" in before

    page = context.new_page()
    page.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    button = page.get_by_role("button", name="Forget every order")
    asked = []

    def decline(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    button.click()
    expect(page.locator("#forgotten")).to_have_text("")
    assert asked and "cannot be undone" in asked[0]
    assert len(stored_orders(context)) == 3

    page.once("dialog", lambda dialog: dialog.accept())
    button.click()
    expect(page.locator("#forgotten")).to_have_text("Done: 3 orders forgotten.")
    after = browser.service_worker(context).evaluate("async () => chrome.storage.local.get(null)")
    assert stored_orders(context) == {}
    assert set(after) == {"knowledge", "settings"} and after["settings"] == before["settings"]


def test_the_popup_forgets_one_followed_order(context):
    """Each followed order in the popup has its own Forget; it drops that order and its line only."""
    store(context, {f"memory:{PROCESSING}": followed(), f"memory:{OTHER}": followed(copiedAt=now_ms())})
    popup = context.new_page()
    popup.goto(f"chrome-extension://{extension_id(context)}/popup/popup.html")
    items = popup.get_by_role("list", name="Orders you follow").get_by_role("listitem")
    expect(items).to_have_count(2)
    popup.get_by_role("button", name=f"Forget order {PROCESSING}").click()
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text(f"Order {OTHER}")
    expect(popup.get_by_role("button", name=f"Forget order {OTHER}")).to_be_focused()
    assert set(stored_orders(context)) == {f"memory:{OTHER}"}


RECORD_REPLIES = """(() => {
  const send = chrome.runtime.sendMessage.bind(chrome.runtime);
  globalThis.owReplies = [];
  chrome.runtime.sendMessage = (...args) =>
    send(...args).then((reply) => { globalThis.owReplies.push(JSON.stringify(reply)); return reply; });
})()"""


def record_replies(page):
    """Every reply the worker gives the content scripts of `page`, recorded from their first line;
    returns a function that reads them (JSON texts)."""
    cdp = before_content_scripts(page, RECORD_REPLIES)
    contexts = []
    cdp.on("Runtime.executionContextCreated", lambda event: contexts.append(event["context"]))
    cdp.send("Runtime.enable")

    def replies():
        world = [c["id"] for c in contexts if c["name"] == "Orderwise"][-1]
        result = cdp.send(
            "Runtime.evaluate", {"expression": "globalThis.owReplies", "contextId": world, "returnByValue": True}
        )
        return result["result"]["value"]

    return replies


def test_a_content_script_receives_only_the_orders_it_asks_about(context):
    """Orders A and B are both remembered; on order A's page the content scripts get A's memory
    (its panel shows the situation picked) and nothing of B, in any reply."""
    store(
        context,
        {
            f"memory:{PROCESSING}": followed(situation="wrong_item"),
            f"memory:{OTHER}": followed(situation="changed_mind", copiedAt=now_ms()),
            f"order:{OTHER}": {"collapsed": True, "dismissed": False, "savedAt": now_ms()},
        },
    )
    page = context.new_page()
    replies = record_replies(page)
    page.goto(DETAIL_URL.format(PROCESSING))
    expect(region(page, PROCESSING).get_by_label("Your situation")).to_have_value("wrong_item")
    seen = replies()
    assert any(PROCESSING in reply for reply in seen)
    assert not any(OTHER in reply for reply in seen), [json.loads(r).get("data", {}).keys() for r in seen]


@pytest.mark.parametrize("message", [{"type": "forgetAll"}, {"type": "listFollowed"}])
def test_content_scripts_cannot_forget_or_list_every_order(context, message):
    """Only the extension's own pages may forget every order or list them all."""
    store(context, {f"memory:{OTHER}": followed()})
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    expect(overlay(page, PROCESSING)).to_have_attribute("data-status", "awaiting_shipment")
    reply = send_from_content_scripts(*isolated_world(page), message)
    assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
    assert re.fullmatch(r".*only from the extension's own pages\.", reply["error"]["message"])
    assert set(stored_orders(context)) == {f"memory:{OTHER}"}
