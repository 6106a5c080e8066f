"""``orderwise demo`` before any browser starts: the pages it shows ship with it, and
without an extension to load it says what to give it."""

from click.testing import CliRunner

from orderwise import browser, demo
from orderwise.cli import main


def test_every_page_the_demo_serves_ships_with_the_package():
    for name in demo.PAGES.values():
        page = demo.PAGES_DIR / name
        assert page.is_file() and "<!DOCTYPE html>" in page.read_text(encoding="utf-8"), name


def test_a_folder_without_a_manifest_is_refused_naming_it(tmp_path):
    done = CliRunner().invoke(main, ["demo", "--extension", str(tmp_path), "--out", str(tmp_path / "shots")])
    assert done.exit_code == 1
    assert f"{tmp_path} holds no manifest.json" in done.output and "--extension" in done.output
    assert not (tmp_path / "shots").exists()


def test_outside_a_checkout_it_asks_for_the_extension(tmp_path, monkeypatch):
    monkeypatch.setattr(browser, "EXTENSION_DIR", tmp_path / "extension")
    done = CliRunner().invoke(main, ["demo", "--out", str(tmp_path / "shots")])
    assert done.exit_code == 1 and "Pass --extension PATH" in done.output
    assert not (tmp_path / "shots").exists()


def test_the_checkout_s_extension_is_found_and_a_given_one_preferred(tmp_path):
    assert demo.find_extension() == browser.EXTENSION_DIR
    (tmp_path / "manifest.json").write_text("{}")
    assert demo.find_extension(tmp_path) == tmp_path.resolve()
