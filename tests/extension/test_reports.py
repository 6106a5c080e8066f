"""Reporting a status word Orderwise does not know: opt-in, shown before it is sent, stored as sent, counted."""

import json

import pytest
import sqlalchemy as sa
from extension_helpers import DETAIL_URL, LIST_URL, badge_text, region
from harness import FIXTURES_DIR, extension_id
from playwright.sync_api import expect

from orderwise import browser, reports

UNKNOWN = "8187740259316625"  # detail-unknown.html: "On hold", on Shop1102390571 Store's order
STORE_NAME = "Shop1102390571 Store"
ALLOWED_COLUMNS = {"text", "lang", "host", "page_kind", "text_key", "count", "first_seen", "last_seen"}


def stored_rows(service, text):
    with service.app.extensions["orderwise_reports"].engine.connect() as connection:
        query = sa.select(reports.reports).where(reports.reports.c.text == text)
        return [dict(row) for row in connection.execute(query).mappings()]


def switch_reports_on(context):
    options = context.new_page()
    options.goto(f"chrome-extension://{extension_id(context)}/options/options.html")
    offer = options.get_by_label("Offer to report words Orderwise doesn't know")
    expect(offer).not_to_be_checked()  # off until the user switches it on
    offer.check()
    options.get_by_role("button", name="Save").click()
    expect(options.get_by_role("status")).to_have_text("Saved")
    options.close()


def sent_fields(section):
    """The fields the panel says it will send, as {field: value}."""
    fields = section.locator("dd[data-field]")
    expect(fields).to_have_count(4)
    return {dd.get_attribute("data-field"): dd.text_content() for dd in fields.all()}


def test_without_the_option_an_unknown_word_is_not_offered_for_reporting(context, service):
    page = context.new_page()
    page.goto(DETAIL_URL.format(UNKNOWN))
    panel = region(page, UNKNOWN)
    expect(panel).to_contain_text("couldn't read this status")
    expect(panel.get_by_role("heading", name="Report this word")).to_have_count(0)
    expect(panel.get_by_role("button", name="Send")).to_have_count(0)


def test_a_report_shows_what_it_sends_sends_only_on_click_and_is_counted(context, service):
    switch_reports_on(context)
    before = len(service.report_requests())
    page = context.new_page()
    page.goto(DETAIL_URL.format(UNKNOWN))
    panel = region(page, UNKNOWN)
    section = panel.get_by_role("region", name="Report this word")
    expected = {"text": "On hold", "lang": "en", "host": "www.aliexpress.com", "page_kind": "detail"}
    assert sent_fields(section) == expected
    expect(section).to_contain_text("No order number, name or address is sent.")
    assert len(service.report_requests()) == before  # shown, not sent

    section.get_by_role("button", name="Send").click()
    expect(section.get_by_role("status")).to_have_text("Sent. Thank you!")
    expect(section.get_by_role("button", name="Send")).to_have_count(0)  # one report per panel
    [row] = stored_rows(service, "On hold")
    assert set(row) == ALLOWED_COLUMNS
    assert {key: row[key] for key in expected} == expected
    assert (row["text_key"], row["count"]) == ("on hold", 1)

    page.reload()
    region(page, UNKNOWN).get_by_role("region", name="Report this word").get_by_role("button", name="Send").click()
    expect(region(page, UNKNOWN).get_by_role("status")).to_have_text("Sent. Thank you!")
    [row] = stored_rows(service, "On hold")
    assert row["count"] == 2

    requests = service.report_requests()[before:]
    assert len(requests) == 2
    for request in requests:
        assert (request["method"], request["status"]) == ("POST", 201 if request is requests[0] else 200)
        assert json.loads(request["body"]) == expected
        assert UNKNOWN not in request["sent"] and STORE_NAME not in request["sent"]


def test_a_list_card_reports_its_word_with_page_kind_list(context, service, tmp_path):
    page_html = (FIXTURES_DIR / "list.html").read_text(encoding="utf-8")
    unknown_list = tmp_path / "list-unknown.html"
    unknown_list.write_text(page_html.replace(">Closed</span>", ">Awaiting review by the platform</span>", 1))
    context.fixtures.mapping["/p/order/index.html"] = str(unknown_list)
    switch_reports_on(context)
    page = context.new_page()
    page.goto(LIST_URL)
    card = page.locator('orderwise-advice[data-status="unknown"]')
    expect(card).to_have_count(1)
    card.get_by_role("button", name=f"Orderwise: {badge_text('unknown')}").click()
    section = card.get_by_role("region", name="Report this word")
    expected = {
        "text": "Awaiting review by the platform",
        "lang": "en",
        "host": "www.aliexpress.com",
        "page_kind": "list",
    }
    assert sent_fields(section) == expected
    section.get_by_role("button", name="Send").click()
    expect(section.get_by_role("status")).to_have_text("Sent. Thank you!")
    [row] = stored_rows(service, expected["text"])
    assert {key: row[key] for key in expected} == expected and row["count"] == 1


def test_invisible_and_control_characters_in_the_status_leave_the_report(context, service, tmp_path):
    """What the service refuses (422) leaves the text the panel shows and sends, which reads as the
    page shows it: bidi marks, isolates and soft hyphens are dropped (a word split by a soft hyphen
    stays one word), each run of spaces and line breaks is one space, none at either end."""
    page_html = (FIXTURES_DIR / "list.html").read_text(encoding="utf-8")
    unknown_list = tmp_path / "list-invisible.html"
    hostile = "\u200fAwait\u00ading\u00ad review\n by the \u2066platform\u2069\u202e"
    unknown_list.write_text(page_html.replace(">Closed</span>", f">{hostile}</span>", 1), encoding="utf-8")
    context.fixtures.mapping["/p/order/index.html"] = str(unknown_list)
    switch_reports_on(context)
    page = context.new_page()
    page.goto(LIST_URL)
    card = page.locator('orderwise-advice[data-status="unknown"]')
    expect(card).to_have_count(1)
    card.get_by_role("button", name=f"Orderwise: {badge_text('unknown')}").click()
    section = card.get_by_role("region", name="Report this word")
    assert sent_fields(section)["text"] == "Awaiting review by the platform"
    section.get_by_role("button", name="Send").click()
    expect(section.get_by_role("status")).to_have_text("Sent. Thank you!")
    assert stored_rows(service, "Awaiting review by the platform")[0]["count"] >= 1


def test_when_the_service_is_down_the_panel_says_it_could_not_send(context, closed_port_url):
    switch_reports_on(context)
    browser.service_worker(context).evaluate(
        "async url => { const {settings} = await chrome.storage.local.get('settings');"
        " await chrome.storage.local.set({settings: {...settings, serviceUrl: url}}); }",
        closed_port_url,
    )
    page = context.new_page()
    page.goto(DETAIL_URL.format(UNKNOWN))
    section = region(page, UNKNOWN).get_by_role("region", name="Report this word")
    section.get_by_role("button", name="Send").click()
    expect(section.get_by_role("status")).to_contain_text("Couldn't send")
    expect(section.get_by_role("button", name="Send")).to_be_enabled()  # it can be tried again


def test_when_the_service_cannot_store_the_report_the_panel_says_it_was_not_sent(context, service, monkeypatch):
    def database_down(**fields):
        raise sa.exc.OperationalError("INSERT INTO unknown_word_reports", {}, ConnectionError("connection refused"))

    monkeypatch.setattr(service.app.extensions["orderwise_reports"], "add", database_down)
    switch_reports_on(context)
    before = len(service.report_requests())
    page = context.new_page()
    page.goto(DETAIL_URL.format(UNKNOWN))
    section = region(page, UNKNOWN).get_by_role("region", name="Report this word")
    section.get_by_role("button", name="Send").click()
    expect(section.get_by_role("status")).to_contain_text("Couldn't send")
    expect(section.get_by_role("status")).to_contain_text("it was not counted")
    expect(section.get_by_role("button", name="Send")).to_be_enabled()
    [sent] = service.report_requests()[before:]
    assert sent["status"] == 503


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("en", "en"), ("pt_BR", "pt-BR"), ("zh-Hans-CN", "zh-Hans"), ("EN-us", "en-us"), ("", "und"), ("x!", "und")],
)
def test_the_reported_language_is_always_a_tag_the_service_takes(page, client, raw, expected):
    """pageLang() from content/report.js, loaded into a page's main world (the content script's world is not
    reachable from a test) with the protocol and element helper it reads and a stand-in for the strings it
    does not use here; the service then takes a report in that language."""
    page.goto(DETAIL_URL.format(UNKNOWN))
    page.add_script_tag(path=str(browser.EXTENSION_DIR / "common" / "protocol.js"))
    page.add_script_tag(path=str(browser.EXTENSION_DIR / "common" / "dom.js"))
    page.evaluate("() => { globalThis.orderwise.i18n = { t: (key) => key }; }")
    page.add_script_tag(path=str(browser.EXTENSION_DIR / "content" / "report.js"))
    assert page.evaluate("raw => orderwise.report.pageLang(raw)", raw) == expected
    report = {"text": "Frozen", "lang": expected, "host": "www.aliexpress.com", "page_kind": "detail"}
    assert client.post("/api/v1/reports", json=report).status_code == 201
