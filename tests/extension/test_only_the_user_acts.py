"""A page script cannot act for the user. Orderwise's shadow roots are open (tests and assistive tools
read them), so a script on AliExpress's page can reach every control in them: it can call click(),
dispatch any event, change a box's value. Every control, found generically so that one added later is
covered too, is driven that way here, and nothing happens: nothing copied, stored, sent, downloaded,
opened or closed."""

import json

import pytest
from extension_helpers import DETAIL_URL, LIST_URL, open_badge, open_more, region, situation
from playwright.sync_api import expect
from test_reports import switch_reports_on

from orderwise import browser

PROCESSING = "8190000000000001"
SHIPPED = "8189977352140417"
UNKNOWN = "8187740259316625"
SENTINEL = "what the user had on the clipboard"

# Every control in every Orderwise shadow root, driven from the page's own world.
WALK = """() => {
  const CONTROLS = 'button, a[href], select, textarea, input, summary, [tabindex], [role="button"]';
  const fire = (el, event) => el.dispatchEvent(event);
  let driven = 0;
  for (const host of document.querySelectorAll('*')) {
    if (!host.localName.startsWith('orderwise-') || !host.shadowRoot) continue;
    for (const el of host.shadowRoot.querySelectorAll(CONTROLS)) {
      driven += 1;
      if (el.localName === 'select') {
        el.value = el.options[el.options.length - 1].value;
        fire(el, new Event('input', { bubbles: true, composed: true }));
        fire(el, new Event('change', { bubbles: true, composed: true }));
      }
      if (el.localName === 'textarea') {
        fire(el, new InputEvent('beforeinput', { bubbles: true, composed: true, data: 'x', inputType: 'insertText' }));
        el.value = 'Text the page wants copied';
        fire(el, new InputEvent('input', { bubbles: true, composed: true, data: 'x', inputType: 'insertText' }));
      }
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup']) {
        fire(el, new PointerEvent(type, { bubbles: true, composed: true }));
      }
      el.click();
      fire(el, new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
      for (const key of ['Enter', ' ', 'Escape']) {
        fire(el, new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
        fire(el, new KeyboardEvent('keyup', { key, bubbles: true, composed: true, cancelable: true }));
      }
    }
  }
  // A press outside an open popover, which a user's press would close it with.
  document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
  return driven;
}"""

# What the user would notice changing: which parts are open, what the panels say.
SEEN = """() => [...document.querySelectorAll('*')]
  .filter((host) => host.localName.startsWith('orderwise-') && host.shadowRoot)
  .map((host) => ({
    order: host.dataset.orderId || host.localName,
    expanded: [...host.shadowRoot.querySelectorAll('[aria-expanded]')].map((el) => el.getAttribute('aria-expanded')),
    text: host.shadowRoot.textContent,
  }))"""


def stored(context):
    return json.dumps(
        browser.service_worker(context).evaluate("async () => chrome.storage.local.get(null)"), sort_keys=True
    )


def open_everything(page, url):
    """Open, with the user's own clicks, every part a page script could then try to drive."""
    page.goto(url)
    if url == LIST_URL:
        page.locator("orderwise-guard").locator('button[data-action="guard"]').click()
        panel = open_badge(page, PROCESSING)
    else:
        order_id = url.rsplit("=", 1)[1]
        panel = region(page, order_id)
    open_more(panel)
    sources = panel.locator('button[data-action="sources"]')
    if sources.count():
        sources.click()
        expect(sources).to_have_attribute("aria-expanded", "true")
    return panel


@pytest.mark.parametrize(
    "url", [LIST_URL, DETAIL_URL.format(PROCESSING), DETAIL_URL.format(SHIPPED), DETAIL_URL.format(UNKNOWN)]
)
def test_a_page_script_driving_every_control_changes_nothing(context, service, url):
    switch_reports_on(context)
    page = context.new_page()
    downloads, popups = [], []
    page.on("download", lambda download: downloads.append(download))
    context.on("page", lambda opened: popups.append(opened))
    open_everything(page, url)
    page.evaluate("text => navigator.clipboard.writeText(text)", SENTINEL)
    before = {"seen": page.evaluate(SEEN), "stored": stored(context), "reports": len(service.report_requests())}

    driven = page.evaluate(WALK)
    assert driven >= 5, driven  # the controls were there to drive
    # Anything the script set off would have run by the end of the next frame and a round trip to the worker.
    page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))")
    stored(context)

    assert page.evaluate(SEEN) == before["seen"]
    assert stored(context) == before["stored"]
    assert len(service.report_requests()) == before["reports"]
    assert page.evaluate("navigator.clipboard.readText()") == SENTINEL
    assert downloads == [] and popups == []


def test_after_a_script_changed_the_message_box_copy_still_copies_orderwises_message(context):
    """The script set the box's text and told the panel it was typed; the user's Copy copies the message
    Orderwise composed and shows it again."""
    page = context.new_page()
    page.goto(DETAIL_URL.format(PROCESSING))
    panel = region(page, PROCESSING)
    expect(panel.get_by_role("textbox", name="Message to the seller")).to_be_visible()
    page.evaluate(WALK)
    panel.get_by_role("button", name="Copy message").click()
    expect(panel.get_by_role("status")).to_have_text("Copied")
    expected = situation("changed_mind")["messages"]["before_shipment"].format(order_id=PROCESSING)
    assert page.evaluate("navigator.clipboard.readText()") == expected
    expect(panel.get_by_role("textbox", name="Message to the seller")).to_have_value(expected)
