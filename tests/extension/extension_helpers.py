"""What the browser tests share: the fixture pages' URLs, the bundled knowledge, locators."""

import gzip
import json

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
