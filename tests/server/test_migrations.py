"""The reports schema under Alembic: `orderwise db upgrade`, the baseline a database made before
migrations is recognised as, SQLite upgraded at start-up, and an out-of-date PostgreSQL refused."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner

from orderwise import create_app, db, extensions, reports, serving
from orderwise.cli import main

WORD = {"text": "Temporarily on hold", "lang": "en", "host": "www.aliexpress.com", "page_kind": "detail"}


@pytest.fixture(autouse=True)
def engines(monkeypatch):
    """Every engine a test makes here is disposed of afterwards (no connection left to the garbage collector)."""
    made = []
    create_engine = sa.create_engine

    def tracked(*args, **kwargs):
        made.append(create_engine(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(sa, "create_engine", tracked)
    yield
    for engine in made:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    return request.getfixturevalue("postgresql_database")


def engine_for(url):
    return sa.create_engine(reports.database_url(url, None))


def made_by_the_old_start_up_code(url):
    """A database as the service left it before migrations: the table from metadata, two rows, no alembic_version."""
    engine = engine_for(url)
    reports.metadata.create_all(engine)
    seen = datetime(2026, 11, 1, 12, tzinfo=UTC)
    with engine.begin() as connection:
        for text, count in (("Temporarily on hold", 3), ("Awaiting review", 1)):
            connection.execute(
                reports.reports.insert().values(
                    text_key=text.lower(), lang="en", host="www.aliexpress.com", page_kind="detail",
                    text=text, count=count, first_seen=seen, last_seen=seen,
                )
            )  # fmt: skip
    return engine


def rows(engine):
    with engine.connect() as connection:
        query = sa.select(reports.reports.c.text, reports.reports.c.count).order_by(reports.reports.c.text)
        return [tuple(row) for row in connection.execute(query)]


def current_revision(engine):
    with engine.connect() as connection:
        return db.revision(connection)


def refuse_to_serve(monkeypatch):
    """Should start-up go through, the test fails instead of serving for ever."""

    def serve(*args, **kwargs):
        raise AssertionError("serve started")

    monkeypatch.setattr(serving, "serve", serve)


def upgrade(url, monkeypatch):
    monkeypatch.setenv("ORDERWISE_DATABASE_URL", url)
    return CliRunner().invoke(main, ["db", "upgrade"])


def test_db_upgrade_recognises_a_database_made_before_migrations_and_keeps_its_rows(database_url, monkeypatch):
    engine = made_by_the_old_start_up_code(database_url)
    result = upgrade(database_url, monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.output == f"upgraded the reports database from revision none to {db.head()}\n"
    assert current_revision(engine) == db.head()
    assert rows(engine) == [("Awaiting review", 1), ("Temporarily on hold", 3)]
    # The service counts on from there.
    store = reports.ReportStore(reports.database_url(database_url, None))
    assert store.add(**WORD) == 4
    store.dispose()

    again = upgrade(database_url, monkeypatch)
    assert again.exit_code == 0 and again.output == f"the reports database is up to date (revision {db.head()})\n"


def test_db_upgrade_makes_an_empty_database_whose_schema_is_what_the_code_expects(database_url, monkeypatch):
    result = upgrade(database_url, monkeypatch)
    assert result.exit_code == 0, result.output
    engine = engine_for(database_url)
    with engine.connect() as connection:
        # No difference between the migrated tables and reports.metadata: a
        # column added to the code without a migration fails here.
        assert compare_metadata(MigrationContext.configure(connection), reports.metadata) == []


def test_the_service_upgrades_its_sqlite_database_itself(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = made_by_the_old_start_up_code(url)
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    assert current_revision(engine) == db.head()
    assert extensions.reports(app).add(**WORD) == 4
    assert rows(engine) == [("Awaiting review", 1), ("Temporarily on hold", 4)]


@pytest.mark.parametrize("made_by", ["nothing", "the old start-up code"])
def test_serve_refuses_an_out_of_date_postgresql_and_names_the_command(postgresql_database, monkeypatch, made_by):
    refuse_to_serve(monkeypatch)
    if made_by != "nothing":
        made_by_the_old_start_up_code(postgresql_database)
    monkeypatch.setenv("ORDERWISE_DATABASE_URL", postgresql_database)
    for command in (["serve", "--port", "0"], ["reports"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert "out of date" in result.output and "run `orderwise db upgrade`" in result.output
    assert upgrade(postgresql_database, monkeypatch).exit_code == 0
    listed = CliRunner().invoke(main, ["reports"])
    assert listed.exit_code == 0 and ('"Temporarily on hold"' in listed.output) == (made_by != "nothing")


def test_serve_and_db_upgrade_say_so_when_postgresql_does_not_answer(postgresql_server, monkeypatch):
    refuse_to_serve(monkeypatch)
    url = postgresql_server.create_database("orderwise")
    postgresql_server.stop()
    monkeypatch.setenv("ORDERWISE_DATABASE_URL", url)
    for command, failing in ((["serve", "--port", "0"], "not starting"), (["db", "upgrade"], "not upgrading")):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert "the reports database does not answer" in result.output and failing in result.output
