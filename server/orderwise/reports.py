"""Reports of status words the knowledge does not know yet, and where they are kept.

A report is four fields and nothing else: the status text (at most 64
characters), the page's language, the storefront host and the page kind. The
same word reported again is counted, not stored again: one row per normalised
text, language, host and page kind, with a count and when it was first and last
seen. No address, user agent or order number is ever stored.

SQLAlchemy Core, so the same code runs on SQLite (the default, a file in the
app's instance folder) and on PostgreSQL (through psycopg 3). The table is
made and changed by the migrations in ``migrations/`` (see db.py), never here:
``metadata`` below is the schema they lead to, and a test holds the two to each
other.
"""

import os
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from . import kb

MAX_TEXT = 64
CONNECT_TIMEOUT = 5  # seconds
PAGE_KINDS = ("list", "detail")

metadata = sa.MetaData()

reports = sa.Table(
    "unknown_word_reports",
    metadata,
    # The uniqueness key: the text folded as the classifier folds it, so
    # "On hold" and "ON HOLD." are one word.
    sa.Column("text_key", sa.Text, primary_key=True),
    sa.Column("lang", sa.String(35), primary_key=True),
    sa.Column("host", sa.String(253), primary_key=True),
    sa.Column("page_kind", sa.String(6), primary_key=True),
    # The text as first sent, for the maintainers to read.
    sa.Column("text", sa.String(MAX_TEXT), nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
)

_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


@dataclass(frozen=True)
class Report:
    text: str
    lang: str
    host: str
    page_kind: str
    count: int
    first_seen: datetime
    last_seen: datetime


def database_url(url, instance_path):
    """The SQLAlchemy URL to use: ``url`` if given, else SQLite in the instance folder.

    ``postgresql://`` and ``postgres://`` URLs go through psycopg 3, the driver
    this package installs, rather than SQLAlchemy's default psycopg2.
    """
    if not url:
        os.makedirs(instance_path, exist_ok=True)
        return sa.URL.create("sqlite", database=os.path.join(instance_path, "reports.sqlite3"))
    parsed = sa.make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


class ReportStore:
    def __init__(self, url):
        url = sa.make_url(url)
        # A failing statement's error (and so the log) never carries what was sent.
        options = {"hide_parameters": True}
        if url.get_backend_name() == "postgresql":
            # A database that went away and came back: a pooled connection is
            # tried before use, so the first request after it is not an error.
            # A server that does not answer at all fails a connection in
            # seconds, not after the operating system's minutes.
            options |= {"pool_pre_ping": True, "connect_args": {"connect_timeout": CONNECT_TIMEOUT}}
        self.engine = sa.create_engine(url, **options)
        if self.engine.dialect.name not in _INSERTS:
            raise ValueError(f"reports need SQLite or PostgreSQL, not {self.engine.dialect.name}")

    def ping(self):
        """Whether the database answers a query now."""
        try:
            with self.engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
        except sa.exc.SQLAlchemyError:
            return False
        return True

    def add(self, text, lang, host, page_kind, now=None):
        """Count one report atomically (one INSERT … ON CONFLICT DO UPDATE); return the new count."""
        now = now or datetime.now(UTC)
        insert = _INSERTS[self.engine.dialect.name](reports).values(
            text_key=kb.normalize(text),
            lang=lang,
            host=host,
            page_kind=page_kind,
            text=text,
            count=1,
            first_seen=now,
            last_seen=now,
        )
        statement = insert.on_conflict_do_update(
            index_elements=[reports.c.text_key, reports.c.lang, reports.c.host, reports.c.page_kind],
            set_={"count": reports.c.count + 1, "last_seen": insert.excluded.last_seen},
        ).returning(reports.c.count)
        with self.engine.begin() as connection:
            return connection.execute(statement).scalar_one()

    def top(self, limit=20):
        """The most reported words first; ties by the latest report."""
        query = (
            sa.select(reports)
            .order_by(reports.c.count.desc(), reports.c.last_seen.desc(), reports.c.text_key)
            .limit(limit)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [
            Report(
                text=row["text"],
                lang=row["lang"],
                host=row["host"],
                page_kind=row["page_kind"],
                count=row["count"],
                first_seen=_utc(row["first_seen"]),
                last_seen=_utc(row["last_seen"]),
            )
            for row in rows
        ]

    def dispose(self):
        self.engine.dispose()


def _utc(value):
    # SQLite keeps no offset: what it returns was written in UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
