"""A phone for the browser tests: Chromium's mobile emulation (an Android phone's screen, touch and
user agent), the fixture pages laid out for a phone on the mobile site's host, and a copy of the
extension with the APIs Firefox for Android lacks taken away before its scripts run."""

import json
import re
import shutil
from pathlib import Path

from extension_helpers import DETAIL_URL, PAGES
from harness import FIXTURES_DIR

from orderwise import browser

# A 390 x 844 Android phone (CSS px), as Chrome on it says it is.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36",
}
NARROW = {"width": 360, "height": 780}  # the narrowest phone the layout is held to

MOBILE_LIST_URL = "https://m.aliexpress.com/p/order/index.html"
MOBILE_DETAIL_URL = "https://m.aliexpress.com/p/order/detail.html?orderId={}"

# The mobile site's pages (tests/fixtures/pages.py, PHONE_PAGES); the desktop ones stay mapped
# for the storefront's other hosts.
MOBILE_DETAIL_PAGES = {
    "8190421736658012": "phone-detail-to-pay.html",
    "8190000000000001": "phone-detail-processing.html",
    "8189977352140417": "phone-detail-awaiting-delivery.html",
    "8189410268835226": "phone-detail-completed.html",
    "8189123906417733": "phone-detail-canceled.html",
    "8187740259316625": "phone-detail-unknown.html",
    "8190236612904488": "phone-detail-cancel-requested.html",
}
MOBILE_PAGES = {
    MOBILE_LIST_URL: "phone-list.html",
    **{MOBILE_DETAIL_URL.format(order_id): name for order_id, name in MOBILE_DETAIL_PAGES.items()},
    # The same orders' desktop pages, at www.aliexpress.com, to compare with.
    **{DETAIL_URL.format(order_id): name.removeprefix("phone-") for order_id, name in MOBILE_DETAIL_PAGES.items()},
}

LACKS_JS = Path(__file__).resolve().parent / "android" / "lacks.js"


def android_copy(dest):
    """extension/ copied to ``dest`` as Firefox for Android would run it: android-lacks.js (the
    missing APIs deleted) runs first in the worker, in each page and among the content scripts.
    Nothing else changes."""
    dest = Path(dest)
    shutil.copytree(browser.EXTENSION_DIR, dest)
    shutil.copy(LACKS_JS, dest / "android-lacks.js")
    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    worker = manifest["background"]["service_worker"]
    # Module imports run in order: the deletions, then the worker and everything it imports.
    (dest / "android-worker.js").write_text(f"import './android-lacks.js';\nimport './{worker}';\n")
    manifest["background"]["service_worker"] = "android-worker.js"
    manifest["background"]["scripts"] = ["android-worker.js"]
    for script in manifest["content_scripts"]:
        script["js"] = ["android-lacks.js", *script["js"]]
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    for page in ("popup/popup.html", "options/options.html"):
        html = (dest / page).read_text(encoding="utf-8")
        first = r'\1<script src="../android-lacks.js"></script>\1<script '
        html, count = re.subn(r"(\s*)<script ", first, html, count=1)
        assert count == 1, f"{page} has no <script> to put android-lacks.js before"
        (dest / page).write_text(html, encoding="utf-8")
    return dest


def horizontal_overflow(page):
    """How many CSS px the page scrolls sideways (0: none)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def open_phone(playwright, user_data_dir, service_url, extension_dir=browser.EXTENSION_DIR):
    """Chromium as a phone with the extension of ``extension_dir``, talking to the service at
    ``service_url``, with the desktop and the mobile site's fixture pages served."""
    context = browser.launch(user_data_dir, extension_dir=extension_dir, playwright=playwright, **PHONE)
    context.set_default_timeout(10_000)
    browser.set_settings(context, service_url)
    context.fixtures = browser.serve_fixtures(context, {**PAGES, **MOBILE_PAGES}, FIXTURES_DIR)
    return context


# Every control the shopper can touch in a page, with its size in CSS px. A checkbox is touched
# through its label as well (the label toggles it), so the label is its target.
TARGETS = """() => [...document.querySelectorAll('button, select, input, a')]
  .filter((el) => el.getClientRects().length)
  .map((el) => {
    const target = el.type === 'checkbox' && el.labels.length ? el.labels[0] : el;
    const { width, height } = target.getBoundingClientRect();
    return { name: el.id || el.textContent.trim(), width, height };
  })"""

# The size of every piece of text shown, in CSS px: [text, size].
TEXT_SIZES = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const sizes = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length) continue;
    sizes.push([node.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(el).fontSize)]);
  }
  return sizes;
}"""


def touch_screen(page):
    """The phone's touch screen, again, for an extension page: Chromium drops the emulated coarse
    pointer when a page of the extension loads (its web pages keep it), so CSS's (pointer: coarse)
    would not see the phone that the page is on. Call after each load of an extension page."""
    cdp = page.context.new_cdp_session(page)  # kept: closing it would end the emulation again
    cdp.send("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    assert page.evaluate("matchMedia('(pointer: coarse)').matches")
