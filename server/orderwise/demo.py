"""``orderwise demo``: the extension on sample order pages, in one command.

Starts the service on a free local port, opens Chromium with the unpacked
extension pointed at it, serves the sample pages that ship with the package
(demo_pages/, written by tests/fixtures/build.py) at the real AliExpress URLs,
and shows the service's own phone page (``GET /``). With a display the browser
stays open until its window is closed; without one, it writes screenshots and
prints their paths.

The extension is not part of the package: the demo takes the one in the
checkout it runs from, or the folder ``--extension`` names.
"""

import logging
import os
import tempfile
import threading
from pathlib import Path

from . import browser

PAGES_DIR = Path(__file__).resolve().parent / "demo_pages"
LIST_URL = "https://www.aliexpress.com/p/order/index.html"
DETAIL_URL = "https://www.aliexpress.com/p/order/detail.html?orderId=8190000000000001"
EXPANDED_ORDER = "8190000000000001"  # "Processing": the seller must approve a cancellation
PHONE = {"width": 360, "height": 780}
PHONE_LIST_URL = "https://m.aliexpress.com/p/order/index.html"
PAGES = {
    PHONE_LIST_URL: "phone-list.html",  # the mobile site's list, laid out for a phone
    "/p/order/index.html": "list.html",
    "/p/order/detail.html?orderId=8190421736658012": "detail-to-pay.html",
    "/p/order/detail.html?orderId=8190000000000001": "detail-processing.html",
    "/p/order/detail.html?orderId=8189977352140417": "detail-awaiting-delivery.html",
    "/p/order/detail.html?orderId=8189410268835226": "detail-completed.html",
    "/p/order/detail.html?orderId=8189123906417733": "detail-canceled.html",
    "/p/order/detail.html?orderId=8187740259316625": "detail-unknown.html",
}


class NoExtension(Exception):
    """The demo has no unpacked extension to load; the message says where it looked."""


def find_extension(path=None):
    """The unpacked extension's folder: ``path`` if given, else the checkout's extension/."""
    if path is not None:
        folder = Path(path).resolve()
        if not (folder / "manifest.json").is_file():
            raise NoExtension(f"{folder} holds no manifest.json: give --extension the unpacked extension's folder.")
        return folder
    if (browser.EXTENSION_DIR / "manifest.json").is_file():
        return browser.EXTENSION_DIR
    raise NoExtension(
        "No extension to show: this orderwise is not run from a checkout of the project. "
        "Pass --extension PATH, the folder of the unpacked extension (the one holding manifest.json)."
    )


def _start_service(store_dir):
    """The service for the demo's pages, its report store in ``store_dir``: a demo leaves the
    reports of the service a maintainer runs, in its instance folder, as they were."""
    from werkzeug.serving import make_server

    from . import create_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    config = {"RATE_LIMIT": "off", "DATABASE_URL": f"sqlite:///{Path(store_dir) / 'reports.sqlite3'}"}
    server = make_server("127.0.0.1", 0, create_app(config), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def _phone_page(page, service_url):
    """The phone page as a shopper fills it in: a status, the order number, then the answer."""
    page.goto(f"{service_url}/?lang=en")
    page.get_by_label("Order status").select_option("awaiting_shipment")
    page.get_by_label("Order number").fill(EXPANDED_ORDER)
    page.get_by_role("button", name="Show advice").click()
    page.locator("#answer").wait_for()


def _screenshots(context, out_dir, service_url):
    """The list with one badge open, the detail page's panel, the phone page's answer at 360 x 780,
    and the panel on a phone."""
    out_dir.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(LIST_URL)
    overlays = page.locator("orderwise-advice")
    overlays.first.wait_for()
    page.locator(f'orderwise-advice[data-order-id="{EXPANDED_ORDER}"]').get_by_role("button").first.click()
    page.get_by_role("region", name=f"Orderwise advice for order {EXPANDED_ORDER}").get_by_role("combobox").wait_for()
    list_png = out_dir / "list.png"
    page.screenshot(path=list_png, full_page=True)

    page.goto(DETAIL_URL)
    page.locator("orderwise-advice").get_by_role("button", name="Copy message").wait_for()
    detail_png = out_dir / "detail.png"
    page.screenshot(path=detail_png, full_page=True)

    page.set_viewport_size(PHONE)
    _phone_page(page, service_url)
    phone_png = out_dir / "phone-page.png"  # what the phone shows once the answer is in view
    page.screenshot(path=phone_png)
    page.close()
    return [list_png, detail_png, phone_png, _phone_panel(context, out_dir)]


def _phone_panel(context, out_dir):
    """The panel on a phone: the mobile site's list at 360 x 780 on a touch screen, one badge
    tapped open (a sheet along the bottom)."""
    page = context.new_page()
    page.set_viewport_size(PHONE)
    cdp = context.new_cdp_session(page)  # kept open: closing it would end the emulation
    cdp.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": PHONE["width"], "height": PHONE["height"], "deviceScaleFactor": 1, "mobile": True},
    )
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    page.goto(PHONE_LIST_URL)
    order = page.locator(f'orderwise-advice[data-order-id="{EXPANDED_ORDER}"]')
    order.locator("button[aria-haspopup]").click()  # Playwright taps only in a touch context
    order.get_by_role("button", name="Copy message").wait_for()
    panel_png = out_dir / "phone-panel.png"
    page.screenshot(path=panel_png)
    page.close()
    return panel_png


def run(out_dir=None, extension_dir=None):
    """Show Orderwise on sample pages: headed with $DISPLAY, else screenshots into ``out_dir``.
    Raises NoExtension, before anything starts, when there is no extension to load."""
    extension_dir = find_extension(extension_dir)
    headed = bool(os.environ.get("DISPLAY"))
    out_dir = Path(out_dir or "orderwise-demo").resolve()
    # One folder for the browser's profile and the service's report store, gone at the end.
    with tempfile.TemporaryDirectory(prefix="orderwise-demo-") as scratch:
        server, service_url = _start_service(scratch)
        try:
            return _show(extension_dir, Path(scratch) / "profile", service_url, headed, out_dir)
        finally:
            server.shutdown()


def _show(extension_dir, profile, service_url, headed, out_dir):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = browser.launch(profile, extension_dir, headless=not headed, playwright=playwright)
        try:
            browser.set_settings(context, service_url)
            browser.serve_fixtures(context, PAGES, PAGES_DIR)
            if headed:
                first = context.pages[0] if context.pages else context.new_page()
                first.goto(LIST_URL)
                context.new_page().goto(DETAIL_URL)
                _phone_page(context.new_page(), service_url)
                print("Orderwise demo: the My Orders list, an order's detail page and the phone page are open.")
                print("Close the browser window to end the demo.")
                context.wait_for_event("close", timeout=0)
                return []
            paths = _screenshots(context, out_dir, service_url)
            for path in paths:
                print(path)
            return paths
        finally:
            context.close()  # a no-op when the user already closed the window
