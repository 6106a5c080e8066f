"""The phone page as a shopper uses it: Chromium at 360 x 780 with touch, without the extension."""

import re

import pytest
from playwright.sync_api import expect
from web_helpers import PHONE, LiveService

from orderwise import web

ORDER = "8190000000000042"
LANGUAGES = ["en", "ru", "es", "pt", "fr"]

# Sideways scrolling, text under 16 px, and buttons, pickers, fields and
# stand-alone links under 44 x 44 CSS px, among what is shown.
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) problems.push(`page is ${root.scrollWidth}px wide`);
  for (const element of document.body.querySelectorAll('*')) {
    if (!element.getClientRects().length || element.closest('.sr-only')) continue;
    const text = [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim());
    const size = parseFloat(getComputedStyle(element).fontSize);
    const name = `${element.tagName} "${element.textContent.trim().slice(0, 30)}"`;
    if (text && size < 16) problems.push(`${name} at ${size}px`);
    if (element.matches('button, select, input:not([type=hidden]), a')) {
      const box = element.getBoundingClientRect();
      if (box.width < 44 || box.height < 44) problems.push(`${name} is ${box.width}x${box.height}`);
    }
    if (element.getBoundingClientRect().right > root.clientWidth + 0.5) problems.push(`${name} sticks out`);
  }
  return problems;
}"""


def status_picker(page):
    return page.get_by_role("combobox", name=re.compile("status", re.I))


def situation_picker(page):
    return page.get_by_role("combobox", name=re.compile("situation", re.I))


def shown_situations(page):
    """The situations whose reason or message is on screen."""
    return set(page.locator("[data-situation]:visible").evaluate_all("all => all.map((b) => b.dataset.situation)"))


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in Axe().run(page).response["violations"]]


def test_a_shopper_picks_a_status_and_situation_and_copies_the_message_with_the_order_number(phone, service):
    context = phone()
    sent = []
    context.on("request", lambda request: sent.append(f"{request.url}\n{request.headers}\n{request.post_data}"))
    page = context.new_page()
    page.goto(f"{service.url}/?lang=en")
    expect(page.get_by_role("region")).to_have_count(0)  # no answer before a question

    status_picker(page).select_option("awaiting_shipment")
    page.get_by_label("Order number").fill(ORDER)
    page.get_by_role("button", name="Show advice").tap()
    answer = page.locator("#answer")
    expect(answer).to_have_attribute("data-status", "awaiting_shipment")
    expect(answer).to_have_attribute("data-can-cancel", "request")
    expect(answer).to_be_in_viewport()
    # Kept across the form's submit, and now beside the message it fills, as is the situation.
    expect(answer.get_by_label("Order number")).to_have_value(ORDER)
    expect(situation_picker(answer)).to_be_in_viewport()

    situation_picker(answer).select_option("wrong_item")
    expect(answer.get_by_text("I ordered the wrong product(s)")).to_be_visible()
    message = page.get_by_role("textbox", name="Message to the seller")
    expect(message).to_have_value(re.compile(f"wrong variant in order {ORDER}\\b"))
    page.get_by_role("button", name=re.compile("copy", re.I)).tap()
    expect(answer.get_by_role("status")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == message.input_value() and ORDER in copied

    # The situation picker switched without a request; the address now names it.
    assert "situation=wrong_item" in page.url
    assert sent and not [request for request in sent if ORDER in request]
    assert not [request for request in service.requests if ORDER in request]


def test_a_typed_status_is_read_and_an_unreadable_one_says_so(phone, service):
    page = phone().new_page()
    page.goto(f"{service.url}/?lang=en")
    typed = page.get_by_label("or type the status as your order shows it")
    typed.fill("Awaiting delivery")
    page.get_by_role("button", name="Show advice").tap()
    expect(page.locator("#answer")).to_have_attribute("data-status", "shipped")
    expect(status_picker(page)).to_have_value("shipped")

    page.get_by_label("or type the status as your order shows it").fill("Teleported by owl")
    page.get_by_role("button", name="Show advice").tap()
    answer = page.locator("#answer")
    expect(answer).to_have_attribute("data-status", "unknown")
    expect(answer).to_have_attribute("data-can-cancel", "unknown")
    expect(answer).to_contain_text("couldn't read")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("status", ["awaiting_shipment", "shipped", "unknown"])
def test_nothing_scrolls_sideways_text_is_16_px_and_targets_44_px(phone, service, scheme, status):
    page = phone(color_scheme=scheme).new_page()
    page.goto(f"{service.url}/?lang=ru&status={status}&situation=changed_mind")
    expect(page.get_by_role("button", name=re.compile("копир", re.I))).to_have_count(0 if status == "unknown" else 1)
    assert page.evaluate(LAYOUT_PROBLEMS) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_names_every_control_and_axe_finds_nothing(phone, service, lang):
    """The browser's language chooses the page's; every control is named in it; no axe violation."""
    words = web.strings(lang)
    page = phone(locale={"pt": "pt-BR"}.get(lang, lang)).new_page()
    page.goto(service.url)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    assert axe_violations(page) == []

    page.get_by_role("combobox", name=words["status_label"]).select_option("awaiting_shipment")
    page.get_by_role("button", name=words["submit"]).tap()
    page.get_by_role("combobox", name=words["situation_label"]).select_option("seller_late")
    expect(page.get_by_role("textbox", name=words["order_label"])).to_be_editable()
    expect(page.get_by_role("textbox", name=words["status_text_label"])).to_be_editable()
    expect(page.get_by_role("button", name=words["copy_button"])).to_be_visible()
    expect(page.locator("#answer")).to_contain_text(words["fault_seller"])
    assert axe_violations(page) == []


def test_dark_theme_has_no_axe_violation(phone, service):
    page = phone(color_scheme="dark").new_page()
    page.goto(f"{service.url}/?lang=en&status=awaiting_shipment&situation=seller_late")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    assert axe_violations(page) == []


def test_offline_after_one_visit_any_status_of_that_language_opens(chromium, reports_database):
    service = LiveService(reports_database)  # its own, so that it can be stopped
    context = chromium.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(f"{service.url}/?lang=fr")
        expect(page.get_by_text(web.strings("fr")["offline_ready"])).to_be_visible()
        context.set_offline(True)
        service.stop()

        page.goto(f"{service.url}/?lang=fr&status=shipped&situation=wrong_item")  # never visited
        answer = page.locator("#answer")
        expect(answer).to_have_attribute("data-status", "shipped")
        expect(situation_picker(page)).to_have_value("wrong_item")
        assert shown_situations(page) == {"wrong_item"}
        situation_picker(page).select_option("changed_mind")
        assert shown_situations(page) == {"changed_mind"}

        page.get_by_label(web.strings("fr")["status_label"]).select_option("unpaid")
        page.get_by_role("button", name=web.strings("fr")["submit"]).tap()
        expect(answer).to_have_attribute("data-status", "unpaid")
        expect(answer).to_have_attribute("data-can-cancel", "yes")
    finally:
        context.close()
        service.stop()


def test_without_javascript_the_form_still_answers_with_a_placeholder_for_the_order_number(phone, service):
    page = phone(java_script_enabled=False).new_page()
    page.goto(f"{service.url}/?lang=es")
    page.get_by_label("Estado del pedido").select_option("awaiting_shipment")
    page.get_by_label("Número de pedido").fill(ORDER)
    page.get_by_role("button", name="Ver consejo").tap()
    answer = page.locator("#answer")
    expect(answer).to_have_attribute("data-status", "awaiting_shipment")
    page.get_by_label("Tu situación").select_option("duplicate_order")
    page.get_by_role("button", name="Ver esta situación").tap()  # beside the picker, in the answer
    expect(page).to_have_url(re.compile("situation=duplicate_order"))
    assert shown_situations(page) == {"duplicate_order"}
    expect(page.get_by_role("textbox", name="Mensaje para el vendedor")).to_have_value(re.compile(r"\[order number\]"))
    expect(page.locator('[data-situation="duplicate_order"]').get_by_text("[número de pedido]")).to_be_visible()
    assert ORDER not in page.url
    assert not [request for request in service.requests if ORDER in request]
