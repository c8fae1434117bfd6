"""Alembic environment: migrations always run on a connection handed over by reports.database.

That connection is already inside the write transaction that holds the migration lock, so
two workers or nodes starting together never migrate twice.
"""

from alembic import context

from reports.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
