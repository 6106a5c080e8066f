"""What only the tests need of the browser harness; ``orderwise.browser`` keeps what
``orderwise demo`` needs as well."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from orderwise import browser

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


def extension_id(context):
    """The id Chromium gave the unpacked extension."""
    return urlsplit(browser.service_worker(context).url).netloc


def load_scripts():
    """The content scripts the manifest injects with every order page, in order."""
    manifest = json.loads((browser.EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    ((*scripts,),) = [block["js"] for block in manifest["content_scripts"]]
    return scripts


def panel_scripts():
    """The panel's scripts, in order, as common/protocol.js lists them for the worker to inject."""
    protocol = (browser.EXTENSION_DIR / "common" / "protocol.js").read_text(encoding="utf-8")
    (listed,) = re.findall(r"PANEL_SCRIPTS: Object\.freeze\(\[(.*?)\]\)", protocol, re.S)
    return re.findall(r"'([^']+\.js)'", listed)
