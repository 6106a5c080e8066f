"""Alembic's environment: the connection comes from orderwise.db, never from an alembic.ini."""

from alembic import context

from orderwise import reports

context.configure(connection=context.config.attributes["connection"], target_metadata=reports.metadata)
with context.begin_transaction():
    context.run_migrations()
