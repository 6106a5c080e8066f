"""Smoke tests in Debian's firefox-esr: the same extension/ folder, installed through WebDriver
BiDi, draws its overlay on an order page served at the real AliExpress URL; and when Firefox
has not granted the sites, the popup asks for them and the overlay follows the user's yes."""

import gzip
import json

import pytest
from guards import tool_missing

from orderwise import browser

try:
    import trustme  # noqa: F401
    import websocket  # noqa: F401
except ImportError:
    tool_missing("websocket-client and trustme", "pip install -e '.[test]' (tests/run does)", module=True)

from firefox_helpers import EXTENSION_ID, POPUP_URL, Firefox, TlsFixtureProxy, firefox_path, wait_for  # noqa: E402

if firefox_path() is None:
    tool_missing("firefox-esr", "apt-get install firefox-esr (tests/run does), or set ORDERWISE_FIREFOX", module=True)

PROCESSING = "8190000000000001"
URL = f"https://www.aliexpress.com/p/order/detail.html?orderId={PROCESSING}"
PAGES = {f"/p/order/detail.html?orderId={PROCESSING}": "detail-processing.html"}
SNAPSHOT = json.loads(gzip.decompress((browser.EXTENSION_DIR / "snapshot.json.gz").read_bytes()))
OVERLAY = "(el) => ({status: el.dataset.status, canCancel: el.dataset.canCancel, " + (
    "region: el.shadowRoot && el.shadowRoot.querySelector('[role=region]')?.getAttribute('aria-label'), "
    "text: el.shadowRoot && el.shadowRoot.textContent})"
)


@pytest.fixture(scope="module")
def proxy():
    with TlsFixtureProxy(PAGES) as proxy:
        yield proxy


@pytest.fixture
def firefox(proxy, tmp_path):
    firefox = Firefox(tmp_path / "profile", proxy.port)
    firefox.proxy = proxy
    yield firefox
    firefox.close()


@pytest.fixture
def firefox_without_grant(proxy, tmp_path):
    """Firefox as a user has it who did not allow the sites at install (or took them back)."""
    firefox = Firefox(
        tmp_path / "profile", proxy.port, prefs={"extensions.originControls.grantByDefault": False}, system_access=True
    )
    yield firefox
    firefox.close()


def overlay(firefox, tab):
    return wait_for(firefox, tab, f'orderwise-advice[data-order-id="{PROCESSING}"][data-status]', pick=OVERLAY)


def test_firefox_installs_the_extension_folder_and_shows_the_advice(firefox):
    """Firefox accepts extension/ as it is, and on a paid order's page the overlay says a cancel
    must be requested from the seller, as in Chromium."""
    assert firefox.install_extension(browser.EXTENSION_DIR) == EXTENSION_ID
    tab = firefox.tab()
    firefox.goto(tab, URL)
    assert URL in firefox.proxy.fixtures.requests
    found = overlay(firefox, tab)
    assert found is not None, "no <orderwise-advice> within 10 s; Firefox said:\n" + "".join(firefox.output[-40:])
    expected = next(entry for entry in SNAPSHOT["statuses"] if entry["key"] == "awaiting_shipment")
    assert found["status"] == "awaiting_shipment"
    assert found["canCancel"] == expected["can_cancel"] == "request"
    assert found["region"] == f"Orderwise advice for order {PROCESSING}"
    assert expected["verdict"] in found["text"]


def test_without_the_sites_firefox_shows_no_advice_until_the_popup_gets_them(firefox_without_grant):
    """Firefox does not run the content scripts on sites it has not granted, so no overlay; the
    popup says why, its button opens Firefox's prompt for exactly those sites, and once the user
    allows them the order page shows the advice."""
    firefox = firefox_without_grant
    firefox.install_extension(browser.EXTENSION_DIR)
    order_tab = firefox.tab()
    firefox.goto(order_tab, URL)

    popup = firefox.open_extension_page(POPUP_URL)
    assert wait_for(firefox, popup, "body[data-access]", pick="(el) => el.dataset.access") == "withheld"
    prompt_text = firefox.evaluate(popup, "document.getElementById('access').innerText")
    assert "Orderwise needs your permission" in prompt_text and "no advice appears" in prompt_text
    # By now the order page has long been idle: the content scripts did not run there.
    assert firefox.evaluate(order_tab, "document.querySelectorAll('orderwise-advice').length") == 0

    firefox.click(popup, "#grant")
    asked = firefox.accept_permission_prompt()
    assert asked is not None, "Firefox showed no permission prompt after Allow access"
    for site in ("aliexpress.com", "aliexpress.us", "127.0.0.1", "localhost"):
        assert site in asked
    result = wait_for(firefox, popup, "#access-result:not(:empty)", pick="(el) => el.textContent")
    assert result == "Access allowed. Open or reload your orders page to see the advice."
    assert firefox.evaluate(popup, "document.getElementById('access').hidden") is True

    firefox.command("browsingContext.activate", {"context": order_tab})
    firefox.goto(order_tab, URL)
    found = overlay(firefox, order_tab)
    assert found is not None and found["status"] == "awaiting_shipment"
