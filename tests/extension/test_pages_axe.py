"""The extension's own pages (toolbar popup, options) pass axe-core, in light and dark."""

import pytest
from harness import extension_id
from playwright.sync_api import expect


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["popup/popup.html", "options/options.html"])
def test_axe_finds_no_violation_on_the_popup_and_options_pages(shared_context, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = shared_context.new_page()
    try:
        page.emulate_media(color_scheme=scheme)
        page.goto(f"chrome-extension://{extension_id(shared_context)}/{path}")
        expect(page.locator("h1")).not_to_be_empty()
        if path.startswith("popup"):  # the service answered, or its absence is told
            expect(page.locator("#source")).not_to_have_text("Checking the service…")
        violations = Axe().run(page).response["violations"]
        found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations]
        assert not found, found
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_open_panels(shared_context, scheme):
    """The list's popover (with the confirm-receipt line opened) and the order page's card, each with
    "More" open, pass axe-core inside their shadow roots; the fixture page around them is not
    Orderwise's to judge."""
    from axe_playwright_python.sync_playwright import Axe
    from extension_helpers import DETAIL_URL, LIST_URL, open_badge, open_more, region

    ours = {"include": [["orderwise-advice"], ["orderwise-guard"]]}
    page = shared_context.new_page()
    try:
        page.emulate_media(color_scheme=scheme)
        page.goto(LIST_URL)
        page.locator("orderwise-guard").locator('button[data-action="guard"]').click()
        open_more(open_badge(page, "8190000000000001"))
        found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations(Axe(), page, ours)]
        assert not found, found

        page.goto(DETAIL_URL.format("8189977352140417"))
        open_more(region(page, "8189977352140417"))
        found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations(Axe(), page, ours)]
        assert not found, found
    finally:
        page.close()


def violations(axe, page, context):
    return axe.run(page, context=context).response["violations"]
