"""What only the tests need of the browser harness; ``orderwise.browser`` keeps what
``orderwise demo`` and ``bench/extension`` need as well."""

from pathlib import Path
from urllib.parse import urlsplit

from orderwise import browser

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


def extension_id(context):
    """The id Chromium gave the unpacked extension."""
    return urlsplit(browser.service_worker(context).url).netloc
