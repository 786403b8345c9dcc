"""PostgreSQL id sequences after rows were written with explicit ids (bulk loads, site copies)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Integer, Table, func, select, text


def advance_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """Moves each table's id sequence past its largest id, so that the next insert gets a new one.

    Nothing to do on SQLite, which takes max(id) + 1 by itself.
    """
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer):
            continue  # e.g. setting, keyed by name: no sequence
        column = key[0]
        sequence = connection.scalar(text("SELECT pg_get_serial_sequence(:table, :column)"),
                                     {"table": table.name, "column": column.name})
        if sequence is None:
            continue
        highest = connection.scalar(select(func.max(column)))
        # is_called=false: the next nextval() returns exactly this value.
        connection.execute(text("SELECT setval(:sequence, :next, false)"),
                           {"sequence": sequence, "next": (highest or 0) + 1})
