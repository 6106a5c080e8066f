"""The report store, the same tests on SQLite and on a real PostgreSQL server."""

import threading
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from orderwise import db, reports
from orderwise.reports import ReportStore

ALLOWED_COLUMNS = {"text", "lang", "host", "page_kind", "text_key", "count", "first_seen", "last_seen"}
WORD = {"text": "Temporarily on hold", "lang": "en", "host": "www.aliexpress.com", "page_kind": "detail"}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    else:
        url = request.getfixturevalue("postgresql_url")
    store = ReportStore(reports.database_url(url, None))
    db.upgrade(store.engine)
    yield store
    reports.metadata.drop_all(store.engine)
    with store.engine.begin() as connection:
        connection.execute(sa.text("DROP TABLE alembic_version"))
    store.dispose()


def rows(store):
    with store.engine.connect() as connection:
        return [dict(row) for row in connection.execute(sa.select(reports.reports)).mappings()]


def test_postgresql_urls_go_through_psycopg_3(postgresql_url):
    store = ReportStore(reports.database_url(postgresql_url, None))
    try:
        assert store.engine.dialect.name == "postgresql" and store.engine.dialect.driver == "psycopg"
    finally:
        store.dispose()


def test_the_table_holds_only_the_four_fields_the_key_the_count_and_the_dates(store):
    columns = {column["name"] for column in sa.inspect(store.engine).get_columns("unknown_word_reports")}
    assert columns == ALLOWED_COLUMNS


def test_a_first_report_is_stored_as_sent_with_count_1(store):
    assert store.add(**WORD) == 1
    [row] = rows(store)
    assert {key: row[key] for key in WORD} == WORD
    assert row["text_key"] == "temporarily on hold" and row["count"] == 1


def test_the_same_word_again_is_counted_not_stored_again(store):
    first = datetime(2026, 11, 1, 12, tzinfo=UTC)
    store.add(**WORD, now=first)
    # Case and punctuation do not make another word; the text first sent stays.
    assert store.add(**{**WORD, "text": "TEMPORARILY ON HOLD."}, now=first + timedelta(days=2)) == 2
    [row] = rows(store)
    assert row["count"] == 2 and row["text"] == "Temporarily on hold"
    [report] = store.top()
    assert report.first_seen == first and report.last_seen == first + timedelta(days=2)


@pytest.mark.parametrize("change", [{"lang": "es"}, {"host": "aliexpress.ru"}, {"page_kind": "list"}])
def test_another_language_storefront_or_page_kind_is_another_row(store, change):
    store.add(**WORD)
    assert store.add(**{**WORD, **change}) == 1
    assert len(rows(store)) == 2


def test_concurrent_reports_of_one_word_are_all_counted(store):
    threads = [threading.Thread(target=lambda: [store.add(**WORD) for _ in range(5)]) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    [row] = rows(store)
    assert row["count"] == 20


def test_top_lists_the_most_reported_words_first(store):
    for text, times in [("On hold", 1), ("Frozen", 3), ("Awaiting review", 2)]:
        for _ in range(times):
            store.add(**{**WORD, "text": text})
    assert [(r.text, r.count) for r in store.top()] == [("Frozen", 3), ("Awaiting review", 2), ("On hold", 1)]
    assert [r.text for r in store.top(limit=1)] == ["Frozen"]


def test_an_error_from_the_database_does_not_carry_what_was_sent(store):
    """The engine hides parameters: a refused write's error (which the service logs) holds no report text."""
    marker = "Zqx7 private status"
    refused = {"postgresql": {"text": f"{marker}\x00"}, "sqlite": {"text": marker, "lang": ["en"]}}
    with pytest.raises(sa.exc.StatementError) as raised:
        store.add(**{**WORD, **refused[store.engine.dialect.name]})
    assert marker not in str(raised.value)
