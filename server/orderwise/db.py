"""The reports database's schema, kept by Alembic migrations that ship with the package.

``orderwise db upgrade`` brings a database to the schema this version uses. A
database made before there were migrations (the start-up code created the table
itself) holds the table but no ``alembic_version``: it is recognised as the
baseline revision and stamped, so its rows stay. The app upgrades SQLite itself
(a file only this machine uses); any other database must already be current, or
the app refuses to start: several instances must not race to change a shared
schema, and a deployment upgrades it once, on purpose.
"""

import functools
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from . import reports

MIGRATIONS = Path(__file__).with_name("migrations")
BASELINE = "0001"
# Held while a PostgreSQL database is upgraded, so that two `orderwise db upgrade`
# runs at once take turns instead of both creating the table.
_UPGRADE_LOCK = 0x6F77_6462


class SchemaError(Exception):
    """The database's schema is not the one this version of Orderwise uses."""


@functools.cache
def _scripts():
    return ScriptDirectory(str(MIGRATIONS))


def head():
    return _scripts().get_current_head()


def revision(connection):
    """The database's schema revision; None for a database without ``alembic_version``."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine):
    """Bring the database to the current schema; return its revision before and after."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.select(sa.func.pg_advisory_xact_lock(_UPGRADE_LOCK)))
        before = revision(connection)
        if before == head():
            return before, before
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        if before is None and sa.inspect(connection).has_table(reports.reports.name):
            command.stamp(config, BASELINE)
        command.upgrade(config, "head")
        return before, revision(connection)


def require_current(engine):
    """Raise SchemaError, naming the command that fixes it, unless the schema is current."""
    with engine.connect() as connection:
        current = revision(connection)
    if current == head():
        return
    if current is not None and current not in {script.revision for script in _scripts().walk_revisions()}:
        raise SchemaError(
            f"the reports database is at schema revision {current}, which this version of Orderwise "
            f"does not know (it uses {head()}): it was upgraded by a newer version"
        )
    raise SchemaError(
        f"the reports database's schema is out of date (revision {current or 'none'}, this version uses "
        f"{head()}): run `orderwise db upgrade` with the same ORDERWISE_DATABASE_URL, then start again"
    )
