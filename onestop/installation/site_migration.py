"""Moving a counter from its embedded SQLite to PostgreSQL when it grows to several desks.

Every table is copied with its primary keys, in foreign-key order, in batches, in one transaction
on the target: either the whole site arrives, or nothing does. The source is only read (the
caller opens it read-only), inside one read transaction, so the copy is a consistent snapshot
even while the counter keeps working on it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, func, insert, select
from sqlalchemy.exc import DBAPIError

from onestop.db.migrate import current_revision, head_revision, upgrade
from onestop.db.models import Base
from onestop.db.sequences import advance_sequences
from onestop.db.session import Database
from onestop.errors import OnestopError
from onestop.installation.bootstrap import explain

BATCH = 5000
# What a first start writes (onestop.installation.bootstrap.seed_if_empty): the default agency and settings and
# the shipped catalogue. A target holding only these was set up with `onestop db upgrade`; they are
# replaced by the source's. Rows in any other table mean the target is in use: the copy refuses.
SETUP_TABLES = frozenset({"agency", "setting", "field", "procedure", "required_document"})


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


class SiteMigrationError(OnestopError, RuntimeError):
    """The copy did not happen (the target is as it was); the message says why, in Vietnamese."""

    def __init__(self, message: str, counts: list[TableCount] | None = None) -> None:
        super().__init__(message)
        self.counts = counts or []


def migrate_site(source: Database, target: Database, *, batch_size: int = BATCH,
                 progress: Callable[[str, int], None] | None = None) -> list[TableCount]:
    """Copies the SQLite site `source` into the empty PostgreSQL database `target` (upgraded to the
    newest schema first); returns the rows per table, counted on both sides after the copy."""
    if source.dialect != "sqlite":
        raise SiteMigrationError("Nguồn phải là cơ sở dữ liệu SQLite của một bàn tiếp nhận.")
    if target.dialect != "postgresql":
        raise SiteMigrationError("Đích phải là cơ sở dữ liệu PostgreSQL (postgresql+psycopg://…).")
    tables = Base.metadata.sorted_tables  # parents before children
    try:
        _check_source_revision(source)
        upgrade(target.engine)
        with source.engine.connect() as src, target.engine.begin() as dst:
            # Nobody writes to the target while it is checked and filled (plain reads go on).
            dst.exec_driver_sql(f"LOCK TABLE {', '.join(t.name for t in tables)} IN EXCLUSIVE MODE")
            _check_target_unused(dst, tables)
            for table in reversed(tables):
                if table.name in SETUP_TABLES:
                    dst.execute(table.delete())
            for table in tables:
                copied = _copy_table(src, dst, table, batch_size)
                if progress is not None:
                    progress(table.name, copied)
            advance_sequences(dst, tables)
            counts = [TableCount(t.name, _count(src, t), _count(dst, t)) for t in tables]
            different = [c.table for c in counts if c.source != c.target]
            if different:  # raised inside the transaction: rolled back
                raise SiteMigrationError(
                    f"Số dòng sau khi chép không khớp ở bảng {', '.join(different)}; đã hủy, chưa thay đổi gì.",
                    counts)
    except DBAPIError as exc:
        shown = target.url.render_as_string(hide_password=True)
        raise SiteMigrationError(f"{explain(exc, shown)} Chưa chép gì.") from exc
    return counts


def _check_source_revision(source: Database) -> None:
    try:
        revision, head = current_revision(source.engine), head_revision()
    except DBAPIError as exc:
        raise SiteMigrationError(explain(exc, source.url.render_as_string(hide_password=True))) from exc
    if revision is None:
        raise SiteMigrationError("Nguồn không phải cơ sở dữ liệu của chương trình (chưa có bảng nào).")
    if revision != head:
        raise SiteMigrationError(
            f"Cơ sở dữ liệu nguồn đang ở phiên bản {revision}, chương trình cần {head}: hãy chạy "
            "«onestop db upgrade» (hoặc mở chương trình) trên máy có dữ liệu này trước, rồi chép lại.")


def _check_target_unused(dst: Connection, tables: list[Table]) -> None:
    used = [(t.name, n) for t in tables if t.name not in SETUP_TABLES and (n := _count(dst, t))]
    if used:
        rows = ", ".join(f"{name}: {n}" for name, n in used)
        dossiers = dict(used).get("dossier", 0)
        held = f"đã có {dossiers} hồ sơ" if dossiers else "đã có dữ liệu"
        raise SiteMigrationError(
            f"Cơ sở dữ liệu đích {held} (số dòng — {rows}). Chỉ chép được vào một cơ sở dữ liệu mới, "
            "chưa dùng; chưa thay đổi gì.")


def _copy_table(src: Connection, dst: Connection, table: Table, batch_size: int) -> int:
    # Read through the models' column types: instants come back as aware UTC and go in as such.
    rows = src.execution_options(yield_per=batch_size).execute(
        select(table).order_by(*table.primary_key.columns))
    statement = insert(table)
    copied = 0
    try:
        for batch in rows.partitions():
            dst.execute(statement, [row._asdict() for row in batch])  # executemany
            copied += len(batch)
    except DBAPIError as exc:
        raise SiteMigrationError(
            f"Không chép được bảng {table.name} (sau {copied} dòng): {exc.orig}. Đã hủy, chưa thay đổi gì.") from exc
    return copied


def _count(connection: Connection, table: Table) -> int:
    return connection.scalar(select(func.count()).select_from(table))
