"""PostgreSQL: the history's "who" is the session's login role

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-03

A BEFORE INSERT trigger on dossier_event, appointment, dossier, reception_slip, admin_log and
export_log refuses a row whose user (received_by for a dossier) is neither the username nor the
full name of the account behind `session_user`: a desk cannot write history, or a log line, under
another person's name. It acts only once the site's roles are set up (onestop/pg_roles.py
replaces onestop_role_prefix(), which returns NULL until then) and only for the sites' login roles
(`<prefix>.<username>`): the tables' owner and a superuser (imports of old ledgers, migrations)
are not checked. The function is SECURITY DEFINER with a fixed search_path, pg_temp last, so that a
desk cannot shadow the account table with a temporary one. SQLite: nothing (one person, one file).

Two guards go with it, since the desks' group may UPDATE those columns (onestop/pg_roles.py): a
dossier's code changes only from the placeholder a save writes first (onestop/intake.py, "~…"), and
a day's code counter never goes back (a rewound counter reissues codes).
"""
from typing import Sequence, Union

from alembic import op

revision: str = '0008'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CHECKED = (("dossier_event", "user"), ("appointment", "user"), ("dossier", "received_by"), ("reception_slip", "user"),
           ("admin_log", "user"), ("export_log", "user"))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.exec_driver_sql("SELECT quote_ident(current_schema())").scalar_one()
    op.execute("CREATE OR REPLACE FUNCTION onestop_role_prefix() RETURNS text LANGUAGE sql IMMUTABLE "
               "AS $$ SELECT NULL::text $$")
    op.execute(f"""CREATE FUNCTION onestop_check_who() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {schema}, pg_temp AS $fn$
DECLARE
    prefix text := onestop_role_prefix();
    who text;
    written text;
BEGIN
    IF prefix IS NULL OR left(session_user::text, length(prefix) + 1) <> prefix || '.' THEN
        RETURN NEW;
    END IF;
    who := substr(session_user::text, length(prefix) + 2);
    written := to_jsonb(NEW) ->> TG_ARGV[0];
    IF written IS DISTINCT FROM who
       AND written IS DISTINCT FROM (SELECT full_name FROM account WHERE username = who) THEN
        RAISE EXCEPTION 'onestop: % signed in as «%» cannot write «%» as the person', TG_TABLE_NAME, who, written
            USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$fn$""")
    for table, column in CHECKED:
        op.execute(f"CREATE TRIGGER {table}_who BEFORE INSERT ON {table} "
                   f"FOR EACH ROW EXECUTE FUNCTION onestop_check_who('{column}')")
    op.execute("""CREATE FUNCTION onestop_keep_codes() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_TABLE_NAME = 'dossier' THEN  -- nested: PL/pgSQL does not short-circuit AND over NEW's fields
        IF NEW.code IS DISTINCT FROM OLD.code AND left(OLD.code, 1) <> '~' THEN
            RAISE EXCEPTION 'onestop: a dossier code is never changed' USING ERRCODE = '42501';
        END IF;
    ELSIF NEW.last_number < OLD.last_number THEN
        RAISE EXCEPTION 'onestop: a code counter never goes back' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
END
$fn$""")
    for table in ("dossier", "code_counter"):
        op.execute(f"CREATE TRIGGER {table}_keep_codes BEFORE UPDATE ON {table} "
                   "FOR EACH ROW EXECUTE FUNCTION onestop_keep_codes()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, _column in CHECKED:
        op.execute(f"DROP TRIGGER {table}_who ON {table}")
    for table in ("dossier", "code_counter"):
        op.execute(f"DROP TRIGGER {table}_keep_codes ON {table}")
    op.execute("DROP FUNCTION onestop_keep_codes()")
    op.execute("DROP FUNCTION onestop_check_who()")
    op.execute("DROP FUNCTION IF EXISTS onestop_set_login(text, text, text, boolean)")
    op.execute("DROP FUNCTION onestop_role_prefix()")
