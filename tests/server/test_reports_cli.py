"""``orderwise reports``: the most reported unknown words, for the maintainers."""

import json

from click.testing import CliRunner

from orderwise import create_app, extensions
from orderwise.cli import main

WORD = {"lang": "en", "host": "www.aliexpress.com", "page_kind": "detail"}


def report(store, text, times):
    for _ in range(times):
        store.add(text=text, **WORD)


def test_it_lists_the_most_reported_words_first():
    store = extensions.reports(create_app({"TESTING": True}))
    report(store, "On hold", 1)
    report(store, "Awaiting review", 3)
    result = CliRunner().invoke(main, ["reports"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split()[0] == "3" and '"Awaiting review"' in lines[1]
    assert lines[2].split()[0] == "1" and '"On hold"' in lines[2]


def test_json_gives_every_stored_field_and_limit_cuts_the_list():
    store = extensions.reports(create_app({"TESTING": True}))
    report(store, "On hold", 2)
    report(store, "Frozen", 1)
    result = CliRunner().invoke(main, ["reports", "--json", "--limit", "1"])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert set(row) == {"text", "lang", "host", "page_kind", "count", "first_seen", "last_seen"}
    assert (row["text"], row["count"]) == ("On hold", 2)


def test_it_says_so_when_nothing_was_reported():
    result = CliRunner().invoke(main, ["reports"])
    assert result.exit_code == 0 and result.output == "No unknown words reported yet.\n"


def test_what_a_report_holds_cannot_drive_the_maintainers_terminal():
    """Rows written before the service refused such text (or by hand) are shown escaped."""
    store = extensions.reports(create_app({"TESTING": True}))
    hostile = "\x1b]0;pwned\x07On \u202edloh\x9b2J\u2066\x00"
    store.add(text=hostile, lang="en", host="www.aliexpress.com\u202e", page_kind="detail")
    for arguments in (["reports"], ["reports", "--json"]):
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 0, result.output
        assert all(char.isprintable() or char == "\n" for char in result.output), ascii(result.output)
    table = CliRunner().invoke(main, ["reports"]).output
    assert '"\\x1b]0;pwned\\x07On \\u202edloh\\x9b2J\\u2066\\x00"' in table
    assert "www.aliexpress.com\\u202e" in table
    [row] = json.loads(CliRunner().invoke(main, ["reports", "--json"]).output)
    assert row["text"] == hostile and row["host"] == "www.aliexpress.com\u202e"  # the escapes are JSON's own
