"""The phone page: ``GET /`` gives the advice without the extension, in HTML.

Server-rendered over the same engine as the API. It works without JavaScript
(a GET form); its script only switches situations, fills the order number into
the message (the number is never submitted) and copies it. A service worker
keeps every status's page in the visitor's language for offline use.
"""

import hashlib
import json
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import yaml
from flask import Blueprint, Response, abort, render_template, request, url_for

from .. import extensions
from ..engine import MAX_TEXT

HERE = Path(__file__).parent
LANGUAGES = ("en", "ru", "es", "pt", "fr")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "es": "Español", "pt": "Português", "fr": "Français"}
# Which status word to show for a status: the best-evidenced one of the language.
EVIDENCE_RANK = {"seen": 0, "reported": 1, "assumed": 2}
THEME_COLOUR = "#b8450a"  # the icon's orange, darkened so white text on it passes contrast

# Unlike the API's (nothing may load), the page loads its own style, script,
# icons, manifest and worker, and nothing from anywhere else; no inline script.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; manifest-src 'self'; "
    "connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

blp = Blueprint("web", __name__, template_folder="templates", static_folder="static", static_url_path="/assets")


@lru_cache(maxsize=len(LANGUAGES))
def strings(lang):
    """The page's own words in ``lang`` (one of LANGUAGES)."""
    with open(HERE / "strings" / f"{lang}.yaml", encoding="utf-8") as file:
        return yaml.safe_load(file)


def language():
    """``?lang=`` when it is one of ours, else the browser's Accept-Language, else English."""
    asked = request.args.get("lang", "").split("-")[0].lower()
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES) or "en"


def package_version():
    """The installed package's version, shown on the page beside the knowledge's."""
    try:
        return metadata.version("orderwise")
    except metadata.PackageNotFoundError:
        return "dev"


def shown_word(status, lang):
    """The status as AliExpress shows it in ``lang``: its best-evidenced word there (the first of equals), or None."""
    words = [word for word in status["words"] if word["lang"] == lang]
    if not words:
        return None
    return min(words, key=lambda word: EVIDENCE_RANK.get(word["evidence"], len(EVIDENCE_RANK)))["text"]


def status_options(engine, lang):
    """(key, text) for every status of the knowledge but ``unknown``, in the knowledge's order."""
    options = []
    for status in engine.knowledge.data["statuses"]:
        if status["key"] == "unknown":
            continue
        text = shown_word(status, lang) or engine.advise(status=status["key"], lang=lang)["label"]
        options.append((status["key"], text))
    return options


def window_text(window, words):
    """A timeline's span in words ("48–72 hours"), whichever unit the knowledge gives it in."""
    for unit in ("hours", "days", "business_days"):
        low, high = window.get(f"min_{unit}"), window.get(f"max_{unit}")
        if isinstance(low, int) and isinstance(high, int):
            if low == high:
                return words[f"exact_{unit}"].format(n=low)
            if low == 0:
                return words[f"up_to_{unit}"].format(max=high)
            return words[f"range_{unit}"].format(min=low, max=high)
    return ""


@lru_cache(maxsize=8)
def build_id(knowledge_version):
    """Changes with the knowledge, the package, or any file of the page: names the offline cache."""
    digest = hashlib.sha256(f"{knowledge_version} {package_version()}".encode())
    for folder in ("static", "templates", "strings"):
        for path in sorted((HERE / folder).iterdir()):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _engine():
    return extensions.engine()


def _html(body, status=200):
    response = Response(body, status, mimetype="text/html")
    response.vary.add("Accept-Language")
    return response


@blp.after_request
def page_headers(response):
    response.headers["Content-Security-Policy"] = CSP
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


def _answer(engine, lang):
    """The advice the address asks for (a typed status first, then a picked one), or None; and the typed text."""
    typed = request.args.get("status_text", "").strip()[:MAX_TEXT]
    if typed:
        return engine.advise(status_text=typed, lang=lang), typed
    status = request.args.get("status")
    if not status:
        return None, ""
    if status not in engine.knowledge.statuses:
        abort(404)
    return engine.advise(status=status, lang=lang), ""


@blp.get("/")
def page():
    """The form, and the advice once a status was picked or typed."""
    engine = _engine()
    lang = language()
    words = strings(lang)
    advice, typed = _answer(engine, lang)
    known = advice is not None and advice["status"] != "unknown"
    # An unread status has no verdict, so no situation either.
    situations = advice["situations"] if known else []
    keys = [situation["key"] for situation in situations]
    asked = request.args.get("situation")
    return _html(
        render_template(
            "page.html",
            lang=lang,
            s=words,
            placeholder=strings("en")["placeholder"],  # in the message, which is in English
            options=status_options(engine, lang),
            selected=advice["status"] if known else None,
            typed=typed if advice is not None and not known else "",  # kept, to be corrected
            read_text=typed,
            advice=advice,
            situations=situations,
            # The order number's field goes beside the messages, where it fills them in.
            has_message=any(situation["template"] for situation in situations),
            chosen=asked if asked in keys else (keys or [None])[0],
            windows=[(window, window_text(window, words)) for window in (advice or {}).get("windows", {}).values()],
            **_common(lang, words),
        )
    )


def _common(lang, words):
    engine = _engine()
    return {
        "languages": LANGUAGE_NAMES,
        "theme_colour": THEME_COLOUR,
        "version": words["version"].format(knowledge=engine.version[:12], package=package_version()),
    }


@blp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest, in the page's language: what installing the page as an app needs."""
    lang = language()
    words = strings(lang)
    body = {
        "name": f"{words['name']}: {words['heading']}",
        "short_name": words["name"],
        "description": words["description"],
        "lang": lang,
        "start_url": url_for("web.page", lang=lang),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": url_for("web.static", filename=f"icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
            for size in (192, 512)
        ],
    }
    response = Response(json.dumps(body, ensure_ascii=False), mimetype="application/manifest+json")
    response.vary.add("Accept-Language")
    return response


@blp.get("/sw.js")
def service_worker():
    """The service worker, at the root so that it may answer for the whole page."""
    body = render_template(
        "sw.js",
        cache=f"orderwise-{build_id(_engine().version)}",
        assets=[url_for("web.static", filename=name) for name in ("page.css", "page.js", "icon-192.png")],
    )
    return Response(body, mimetype="text/javascript")


def error_page(error):
    """An HTTP error outside the API, as a page in the visitor's language."""
    lang = language()
    words = strings(lang)
    message = words.get(f"error_{error.code}", words["error_other"])
    # A refused request says why, in English as the service gave it: for a maintainer
    # (a Host the service does not answer to names the setting that lets it).
    detail = error.description if error.code == 400 else None
    response = _html(
        render_template(
            "error.html", lang=lang, s=words, code=error.code, message=message, detail=detail, **_common(lang, words)
        ),
        error.code,
    )
    for name, value in error.get_headers():
        if name in ("Allow", "Retry-After"):
            response.headers[name] = value
    response.headers["Content-Security-Policy"] = CSP
    return response
