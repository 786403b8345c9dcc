"""A database as the previous release left it (revision 0005), filled with dossiers of every state
from 2024 to 2026, and the check that migration 0006 keeps every row and value and derives the
rule set and the first-late instants (issue 11). Used by tests/db/test_migration_0006.py and, at
100,000 dossiers, by benchmarks/bench_migration_0006.py."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, MetaData, func, insert, select

from onestop.db.migrate import upgrade

START = datetime(2024, 1, 2, 1, 0, tzinfo=timezone.utc)
SWITCH = datetime(2025, 6, 30, 17, 0, tzinfo=timezone.utc)  # 01/07/2025 00:00 in Hà Nội
STATUSES = ("received", "in_progress", "awaiting_supplement", "result_ready", "returned", "refused",
            "withdrawn", "awaiting_payment", "returned", "result_ready")
H = timedelta(hours=1)
BATCH = 5000


def _tables(engine: Engine) -> MetaData:
    meta = MetaData()
    meta.reflect(engine)
    return meta


def build_0005(engine: Engine, dossiers: int) -> None:
    """Schema at 0005 and `dossiers` dossiers spread evenly over 2024-01-02 … 2026-11-30."""
    upgrade(engine, "0005")
    t = _tables(engine).tables
    span = (datetime(2026, 11, 30, tzinfo=timezone.utc) - START) / max(dossiers, 1)
    with engine.begin() as conn:
        conn.execute(insert(t["agency"]), [{"id": 1, "code": "000.00.12.H26", "name": "UBND phường Ba Đình",
                                            "parent_name": "", "place_name": "", "address": "", "result_place": "",
                                            "lookup_url_template": ""}])
        conn.execute(insert(t["field"]), [{"id": 1, "name": "Hộ tịch"}])
        conn.execute(insert(t["procedure"]), [{"id": 1, "code": "1.001193", "name": "Đăng ký khai sinh",
                                               "name_folded": "dang ky khai sinh", "field_id": 1, "level": "commune",
                                               "statutory": "3d", "committed": "2d", "fee": "",
                                               "supplement_rule": "restart", "active": True}])
        rows: dict[str, list[dict]] = {name: [] for name in ("applicant", "dossier", "dossier_event",
                                                             "dossier_pause", "appointment")}
        for i in range(1, dossiers + 1):
            received = START + span * (i - 1)
            _dossier_rows(rows, i, received)
            if len(rows["dossier"]) >= BATCH:
                _flush(conn, t, rows)
        _flush(conn, t, rows)


def _dossier_rows(rows: dict[str, list[dict]], i: int, received: datetime) -> None:
    status = STATUSES[i % len(STATUSES)]
    due, statutory = received + 48 * H, received + 72 * H
    late = i % 3 == 0  # a third of the results come after the appointment, some after the statute too
    finished = (received + (80 * H if i % 9 == 0 else 50 * H if late else 24 * H)
                if status in ("result_ready", "returned", "refused") else None)
    closed = finished if finished is not None else (received + 5 * H if status == "withdrawn" else None)
    rows["applicant"].append({"id": i, "kind": "person", "name": f"Nguyễn Văn {i}", "name_folded": f"nguyen van {i}",
                              "id_number": f"001090{i:06d}", "phone": "0912345678", "email": "", "address": ""})
    rows["dossier"].append({
        "id": i, "code": f"000.00.12.H26-{received:%y%m%d}-{i:06d}", "agency_id": 1, "procedure_id": 1,
        "applicant_id": i, "department_id": None, "channel": "direct", "sets_count": 1, "note": "",
        "status": status, "received_at": received, "received_by": "cb", "due_at": due,
        "statutory_due_at": statutory, "finished_at": finished,
        "returned_at": finished + H if status == "returned" else None, "closed_at": closed,
        "apology_due_at": None, "handler": "", "returned_to_kind": "", "returned_to_name": "",
        "returned_to_id": "", "version": 1, "last_event_hash": ""})
    rows["dossier_event"].append({"id": i, "dossier_id": i, "at": received, "user": "cb", "action": "receive",
                                  "from_status": None, "to_status": "received", "note": "", "handed_to": "",
                                  "hash": ""})
    rows["appointment"].append({"id": i, "dossier_id": i, "given_at": received, "kind": "receipt", "due_at": due,
                                "statutory_due_at": statutory, "reason": "", "user": "cb"})
    if status in ("awaiting_supplement", "awaiting_payment"):
        # Every other pause came after the appointment (time left negative): late when the clock stopped.
        left = -3600 if i % 2 else 3600
        rows["dossier_pause"].append({"id": i, "dossier_id": i, "kind": "supplement", "ended_at": None,
                                      "started_at": due - timedelta(seconds=left), "committed_left_s": left,
                                      "statutory_left_s": left + 24 * 3600, "note": ""})


def _flush(conn, t, rows: dict[str, list[dict]]) -> None:
    for name in ("applicant", "dossier", "dossier_event", "appointment", "dossier_pause"):
        if rows[name]:
            conn.execute(insert(t[name]), rows[name])
            rows[name].clear()


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by its key (the columns of the table as it is now)."""
    out = {}
    with engine.connect() as conn:
        for table in _tables(engine).sorted_tables:
            if table.name == "alembic_version":
                continue
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]
    return out


def check_0006(engine: Engine, before: dict[str, list[tuple]]) -> dict[str, int]:
    """Upgrades to 0006 and checks: no row lost or changed, rule sets by receipt, first-late
    instants as the history says, statuses untouched. Returns counts for a report."""
    old_columns = {name: [c.name for c in table.columns] for name, table in _tables(engine).tables.items()}
    upgrade(engine, "0006")
    t = _tables(engine).tables
    with engine.connect() as conn:
        for name, rows in before.items():
            cols = [t[name].c[c] for c in old_columns[name]]
            after = [tuple(r) for r in conn.execute(select(*cols).order_by(*t[name].primary_key.columns))]
            assert after == rows, f"{name}: rows changed by the migration"
        d, p = t["dossier"], t["dossier_pause"]
        rows = conn.execute(select(d.c.id, d.c.status, d.c.received_at, d.c.due_at, d.c.statutory_due_at,
                                   d.c.finished_at, d.c.rule_set, d.c.first_late_at, d.c.first_statutory_late_at,
                                   p.c.committed_left_s, p.c.statutory_left_s)
                            .outerjoin(p, p.c.dossier_id == d.c.id)).all()
        counts = {"dossiers": len(rows), "rule_set_2025": 0, "late": 0, "late_statutory": 0, "withdrawn": 0}
        for r in rows:
            received = _aware(r.received_at)
            assert r.rule_set == ("2025" if received >= SWITCH else "2018"), r
            late = ((r.finished_at is not None and _aware(r.finished_at) > _aware(r.due_at))
                    or (r.committed_left_s is not None and r.committed_left_s < 0))
            late_statutory = ((r.finished_at is not None and _aware(r.finished_at) > _aware(r.statutory_due_at))
                              or (r.statutory_left_s is not None and r.statutory_left_s < 0))
            assert (_aware(r.first_late_at) if r.first_late_at else None) == (_aware(r.due_at) if late else None), r
            assert ((_aware(r.first_statutory_late_at) if r.first_statutory_late_at else None)
                    == (_aware(r.statutory_due_at) if late_statutory else None)), r
            counts["rule_set_2025"] += r.rule_set == "2025"
            counts["late"] += late
            counts["late_statutory"] += late_statutory
            counts["withdrawn"] += r.status == "withdrawn"
        assert conn.scalar(select(func.count()).select_from(d).where(d.c.status == "withdrawn")) == \
            sum(1 for row in before["dossier"] if "withdrawn" in row)
    return counts


def _aware(value: datetime | str) -> datetime:
    """Reflected SQLite columns come back naive (UTC, as stored); PostgreSQL's are aware."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
