"""The phone page over HTTP (the app's test client): languages, errors, headers, weight, manifest."""

import re
import struct
from html.parser import HTMLParser

import pytest
import yaml
from flask import abort
from markupsafe import escape

from orderwise import create_app, extensions, web

LANGUAGES = ["en", "ru", "es", "pt", "fr"]
API_CSP = "default-src 'none'; frame-ancestors 'none'"


class Elements(HTMLParser):
    """Every start tag of a page as (tag, attributes), and the page's text."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.text = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def by_id(self, id_):
        return next(attrs for tag, attrs in self.tags if attrs.get("id") == id_)

    def all(self, tag):
        return [attrs for name, attrs in self.tags if name == tag]


def fetched(client, path):
    """A response read whole and closed (a static file is streamed from an open file)."""
    response = client.get(path)
    response.get_data()
    response.close()
    return response


def status_keys(app):
    return [status["key"] for status in extensions.engine(app).knowledge.data["statuses"]]


def options_of(html, select_id):
    block = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', block)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_speaks_each_language_and_lists_every_status_as_the_site_shows_it(client, app, lang):
    response = client.get(f"/?lang={lang}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert f'<html lang="{lang}">' in html
    words = web.strings(lang)
    for key in ("heading", "status_label", "status_text_label", "order_label", "submit"):
        assert words[key].replace("'", "&#39;") in html
    options = options_of(html, "status")
    assert [key for key, _ in options] == [key for key in status_keys(app) if key != "unknown"]
    statuses = extensions.engine(app).knowledge.statuses
    for key, text in options:  # a word of the site in this language, when the knowledge has one
        in_lang = [word["text"] for word in statuses[key]["words"] if word["lang"] == lang]
        assert text.replace("&#39;", "'") in in_lang or not in_lang


def test_the_english_options_are_the_words_most_seen_on_the_site(client):
    options = dict(options_of(client.get("/?lang=en").get_data(as_text=True), "status"))
    assert options["unpaid"] == "To pay"
    assert options["awaiting_shipment"] == "Processing"


@pytest.mark.parametrize(
    ("query", "accept", "lang"),
    [("", "pt-BR,pt;q=0.9,en;q=0.5", "pt"), ("", "de-DE,ru;q=0.8", "ru"), ("", "de", "en"), ("?lang=fr", "ru", "fr")],
)
def test_the_language_is_the_query_s_else_the_browser_s(client, query, accept, lang):
    html = client.get(f"/{query}", headers={"Accept-Language": accept}).get_data(as_text=True)
    assert f'<html lang="{lang}">' in html


def test_every_language_file_has_the_same_words():
    english = set(web.strings("en"))
    for lang in LANGUAGES:
        assert set(web.strings(lang)) == english, lang
        with open(web.HERE / "strings" / f"{lang}.yaml", encoding="utf-8") as file:
            assert all(isinstance(value, str) and value for value in yaml.safe_load(file).values())


def test_a_status_gives_the_answer_with_every_situation_and_the_chosen_one_shown(client):
    html = client.get("/?lang=en&status=awaiting_shipment&situation=seller_late").get_data(as_text=True)
    page = Elements(html)
    answer = page.by_id("answer")
    assert answer["data-status"] == "awaiting_shipment" and answer["data-can-cancel"] == "request"
    blocks = [attrs for attrs in page.all("div") if "data-situation" in attrs]
    keys = [key for key, _ in options_of(html, "situation")]
    assert {block["data-situation"] for block in blocks} == set(keys) and len(keys) > 1
    assert {block["data-situation"] for block in blocks if "hidden" not in block} == {"seller_late"}
    assert "Counts against the seller:" in html
    # The situation picker sits in the answer, and still goes with the form.
    assert page.by_id("situation")["form"] == "ask"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_pill_answers_the_question_in_the_shoppers_language(client, app, lang):
    """The badge of the knowledge, not "Ask seller": a cancelled order's tells the refund timing."""
    engine = extensions.engine(app)
    for status in ("awaiting_shipment", "cancelled", "shipped"):
        html = client.get(f"/?lang={lang}&status={status}").get_data(as_text=True)
        pill = re.search(r'<p class="pill">([^<]*)</p>', html).group(1)
        assert pill == escape(engine.advise(status=status, lang=lang)["badge"]["text"])
        if status == "cancelled":
            assert "3–20" in pill
    unread = client.get(f"/?lang={lang}&status=unpaid&status_text=Teleported+by+owl").get_data(as_text=True)
    assert f'<p class="pill">{escape(engine.advise(status="unknown", lang=lang)["badge"]["text"])}</p>' in unread


def test_a_shipped_order_gets_no_cancellation_reason_to_pick(client):
    """As in the extension: once it cannot be cancelled, no reason and no reason's note."""
    html = client.get("/?lang=en&status=shipped&situation=changed_mind").get_data(as_text=True)
    assert 'id="situation"' in html and "Hello, about order" in html
    assert "Reason to pick" not in html and "Any wording that puts the decision on you" not in html


@pytest.mark.parametrize(
    ("status", "lang", "marked"),
    [
        ("shipped", "en", "Follow the parcel with Track order."),
        ("delivered", "en", "Write to the seller once, with photos."),
        ("delivered", "ru", "Напишите продавцу один раз"),
        ("awaiting_shipment", "en", None),
    ],
)
def test_the_answer_marks_the_step_a_shipped_or_delivered_order_is_at(client, status, lang, marked):
    """As in the extension, in the one list of steps: "you are here" beside the step the order is at,
    and aria-current for screen readers; an order not shipped yet has no such step."""
    html = client.get(f"/?lang={lang}&status={status}").get_data(as_text=True)
    current = re.findall(r'<li class="current" aria-current="step">(.*?)</li>', html, re.S)
    if marked is None:
        assert current == [] and web.strings(lang)["you_are_here"] not in html
    else:
        [item] = current
        assert str(escape(marked)) in item and web.strings(lang)["you_are_here"] in item


def test_a_typed_status_goes_through_the_classifier(client):
    page = Elements(client.get("/?lang=en&status=unpaid&status_text=Awaiting+shipment").get_data(as_text=True))
    assert page.by_id("answer")["data-status"] == "awaiting_shipment"
    unread = client.get("/?lang=en&status=unpaid&status_text=Teleported+by+owl").get_data(as_text=True)
    page = Elements(unread)
    assert page.by_id("answer")["data-status"] == "unknown"
    assert page.by_id("answer")["data-can-cancel"] == "unknown"
    assert "couldn" in unread and 'id="situation"' not in unread
    assert page.by_id("status-text")["value"] == "Teleported by owl"  # kept, to be corrected


def test_the_order_number_field_is_never_submitted_and_the_message_shows_a_placeholder(client):
    html = client.get("/?lang=ru&status=awaiting_shipment").get_data(as_text=True)
    page = Elements(html)
    form = page.by_id("ask")
    assert form["method"] == "get"
    assert "name" not in page.by_id("order")
    assert "[order number]" in html and "[номер заказа]" in html and "{order_id}" not in html


def test_errors_outside_the_api_are_pages_and_inside_it_json(client):
    for response, code in [
        (client.get("/nowhere"), 404),
        (client.get("/?status=teleported"), 404),
        (client.post("/", data="status=unpaid", content_type="application/x-www-form-urlencoded"), 405),
    ]:
        assert response.status_code == code and response.mimetype == "text/html"
        assert "<!doctype html>" in response.get_data(as_text=True)
        assert response.headers["Content-Security-Policy"] == web.CSP
    assert "GET" in client.post("/").headers["Allow"]
    russian = client.get("/nowhere", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert web.strings("ru")["error_404"] in russian
    for response in (client.get("/api/v1/nowhere"), client.post("/api/v1/health", json={})):
        assert response.mimetype == "application/json" and response.json["code"] in (404, 405)


def test_a_refused_request_says_why_on_its_page():
    """A request the service refuses (for example a Host it does not answer to) says why."""
    app = create_app({"TESTING": True})
    app.before_request(lambda: abort(400, "This service does not answer to that Host."))
    response = app.test_client().get("/?lang=fr")
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert web.strings("fr")["error_400"].replace("'", "&#39;") in text
    assert '<p class="muted" lang="en">This service does not answer to that Host.</p>' in text


def test_a_crash_on_the_page_is_an_html_500_without_a_stack_trace(monkeypatch):
    app = create_app({"TESTING": True, "PROPAGATE_EXCEPTIONS": False})

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(extensions.engine(app), "advise", explode)
    response = app.test_client().get("/?status=unpaid")
    text = response.get_data(as_text=True)
    assert response.status_code == 500 and response.mimetype == "text/html"
    assert "secret internals" not in text and "Traceback" not in text


def test_the_page_has_its_own_policy_and_the_api_keeps_its_strict_one(client):
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "http" not in policy
    for path in ("/sw.js", "/assets/page.js", "/manifest.webmanifest"):
        assert fetched(client, path).headers["Content-Security-Policy"] == policy
    assert client.get("/api/v1/health").headers["Content-Security-Policy"] == API_CSP
    html = client.get("/?status=unpaid").get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)  # every script is a file of the page's own
    assert not re.search(r"\s(style|on[a-z]+)=", html)
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from anywhere else


def test_each_advice_page_weighs_under_50_kb_with_its_style_and_script(client, app):
    style = len(fetched(client, "/assets/page.css").data)
    script = len(fetched(client, "/assets/page.js").data)
    for lang in LANGUAGES:
        for key in status_keys(app):
            html = client.get(f"/?lang={lang}&status={key}").data
            assert len(html) + style + script < 50 * 1024, (lang, key)


def _png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_manifest_makes_it_installable(client, lang):
    response = client.get(f"/manifest.webmanifest?lang={lang}")
    assert response.mimetype == "application/manifest+json"
    manifest = response.json
    assert manifest["display"] == "standalone" and manifest["start_url"] == f"/?lang={lang}"
    assert manifest["name"] and manifest["short_name"] and manifest["theme_color"].startswith("#")
    sizes = set()
    for icon in manifest["icons"]:
        width, height = _png_size(fetched(client, icon["src"]).data)
        assert icon["sizes"] == f"{width}x{height}" and icon["type"] == "image/png"
        sizes.add(width)
    assert {192, 512} <= sizes
    assert f'href="/manifest.webmanifest?lang={lang}"' in client.get(f"/?lang={lang}").get_data(as_text=True)


def test_the_service_worker_is_served_from_the_root_with_assets_that_exist(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assets = re.search(r"const ASSETS = (\[.*?\]);", response.get_data(as_text=True)).group(1)
    for path in re.findall(r'"([^"]+)"', assets):
        assert fetched(client, path).status_code == 200, path


def test_the_page_shows_the_knowledge_version(client, app):
    assert extensions.engine(app).version[:12] in client.get("/").get_data(as_text=True)


def test_too_many_requests_for_the_page_is_a_page_with_retry_after():
    client = create_app({"TESTING": True, "RATE_LIMIT": "2/minute"}).test_client()
    for _ in range(2):
        assert client.get("/?lang=en").status_code == 200
    response = client.get("/?lang=en")
    assert response.status_code == 429 and response.mimetype == "text/html"
    assert int(response.headers["Retry-After"]) > 0
    assert web.strings("en")["error_429"] in response.get_data(as_text=True)
