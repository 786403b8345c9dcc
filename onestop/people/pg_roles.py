"""PostgreSQL sites: the database is the authority on who may do what.

`setup_roles` (run once by the server's administrator, and again after each upgrade) makes
  - an owner role, NOLOGIN, that owns the schema, tables, sequences and functions: no desk uses it,
    so no desk can switch a trigger off or drop a constraint;
  - a group role per onestop role (officer, supervisor, admin) with the privileges its work needs
    and no more (column-level GRANTs, row security on account: see _grants), and masked views of
    CCCD and phone for the groups that may not read them (see PERSONAL);
  - a LOGIN role with a SCRAM password per account (`<prefix>.<username>`), member of its group;
    accounts.py keeps it in step (created, password, closed) through a SECURITY DEFINER function.
Role names are cluster-wide, so every name carries the site's prefix (default onestop_<database>).

Every event's "who" is checked against `session_user` by a trigger (migration 0008): a desk
cannot write history under another person's name. SQLite desks keep the one-person-one-file model:
there the sign-in in the window is a convention, the file's permissions are the protection.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from psycopg import sql
from sqlalchemy import text
from sqlalchemy.orm import Session

from onestop.db.session import Database
from onestop.errors import OnestopError

GROUPS = ("officer", "supervisor", "admin")  # onestop.people.accounts.ROLES
_PREFIX = re.compile(r"^[a-z_][a-z0-9_]{0,39}$")
NAME_LIMIT = 63  # PostgreSQL's identifier length (NAMEDATALEN - 1): longer names are cut, not refused

# Columns that hold CCCD numbers and phone numbers (Nghị định 13/2023/NĐ-CP: personal data seen
# only by whom the work needs): as onestop.people.privacy.SEES_PERSONAL_DATA, only the officers who serve
# the applicant read them; the others' window shows them masked. On the server the others are
# refused the columns and read, in their place, views of the same name in the schema MASKED that
# give them masked (001•••••••45) as onestop.people.privacy.mask_id_number does: the program's queries,
# ORM included, run unchanged for every role, and a session that goes round the view (another
# search_path) is refused by the column privileges.
PERSONAL = {
    "applicant": ("id_number", "phone"),
    "reception_slip": ("applicant_id_number", "applicant_phone"),
    "dossier": ("returned_to_id",),  # whoever collected the result: the applicant or an authorised person
}
# Tables those groups also change through their view (a dossier's steps): see update_through().
UPDATED_THROUGH_VIEW = ("dossier",)
SEES_PERSONAL = ("officer",)
_MASK = ("CASE WHEN length({c}) <= 5 THEN repeat('•', length({c})) "
         "ELSE left({c}, 3) || repeat('•', length({c}) - 5) || right({c}, 2) END")

# What a dossier's life never changes once received: its agency, procedure, applicant, channel,
# sets, receipt instant, receiving officer and rule set. Every other column its life may change
# (onestop/lifecycle.py; a column added later too). The code is set once, over the save's
# placeholder (onestop/intake.py); a trigger refuses any other change of it (migration 0008).
DOSSIER_FIXED = ("id", "agency_id", "procedure_id", "applicant_id", "channel", "sets_count", "received_at",
                 "received_by", "rule_set")
# A sign-in counts failures and rehashes; only an administrator changes names, roles and closes accounts.
ACCOUNT_SIGN_IN = ("failed_logins", "locked_until", "password_hash")
CATALOGUE = ("agency", "setting", "field", "procedure", "required_document", "department")
# What every desk adds (a transfer may name a new department).
DESK_INSERTS = ("department", "applicant", "dossier", "submitted_document", "dossier_event", "dossier_pause",
                "appointment", "reception_slip", "code_counter", "export_log", "admin_log")


class RolesError(OnestopError, ValueError):
    """A Vietnamese message; nothing was changed."""


@dataclass(frozen=True)
class Names:
    prefix: str

    @property
    def owner(self) -> str:
        return f"{self.prefix}_owner"

    @property
    def masked(self) -> str:
        """The schema of the masked views (schemas are per database; the prefix keeps sites apart)."""
        return f"{self.prefix}_masked"

    def group(self, role: str) -> str:
        return f"{self.prefix}_{role}"

    def login(self, username: str) -> str:
        # The dot cannot occur in the prefix: a login never collides with the owner or a group.
        name = f"{self.prefix}.{username}"
        if len(name.encode()) > NAME_LIMIT:
            raise RolesError(f"Tên đăng nhập «{username}» quá dài cho PostgreSQL: «{name}» vượt {NAME_LIMIT} byte. "
                             "Hãy chọn tên ngắn hơn; chưa tạo tài khoản nào.")
        return name


def default_prefix(database: str) -> str:
    return "onestop_" + re.sub(r"[^a-z0-9_]", "_", database.lower())[:30]


def site_prefix(session: Session) -> str | None:
    """The prefix of a site whose roles were set up; None on SQLite or before `setup_roles`."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    if session.execute(text("SELECT to_regprocedure('onestop_role_prefix()')")).scalar() is None:
        return None
    return session.execute(text("SELECT onestop_role_prefix()")).scalar()


def session_username(session: Session) -> str | None:
    """The account this database session signed in as (its login role without the prefix), or None
    (SQLite, roles not set up, or a role that is not an account's: the owner, a superuser)."""
    prefix = site_prefix(session)
    if prefix is None:
        return None
    who = session.execute(text("SELECT session_user")).scalar_one()
    return who[len(prefix) + 1:] if who.startswith(prefix + ".") else None


def _run(session: Session, statement: sql.Composable) -> None:
    raw = session.connection().connection.dbapi_connection
    session.execute(text(statement.as_string(raw).replace(":", r"\:")))


def _role_exists(session: Session, name: str) -> bool:
    return session.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first() is not None


def _create_group(session: Session, name: str) -> None:
    if not _role_exists(session, name):
        _run(session, sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(name)))


def _verifier(session: Session, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier computed by libpq on this machine: the password itself never
    travels to the server nor lands in its statement log."""
    raw = session.connection().connection.dbapi_connection
    return raw.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()


def setup_roles(db: Database, prefix: str) -> list[str]:
    """Creates or brings up to date the owner, the groups, the grants and a login per account.
    Returns the usernames whose login role has no password yet (accounts made before: their
    argon2 hash cannot become a SCRAM one; an administrator sets a new password)."""
    with db.write() as session:
        if session.get_bind().dialect.name != "postgresql":
            raise RolesError("Phân quyền theo vai trò cơ sở dữ liệu chỉ có trên PostgreSQL. Bàn dùng SQLite giữ mô hình "
                             "một người một tệp: bảo vệ tệp bằng quyền của người dùng hệ điều hành.")
        if not _PREFIX.match(prefix):
            raise RolesError(f"Tiền tố vai trò «{prefix}» không hợp lệ (chữ thường không dấu, số, gạch dưới; tối đa 40).")
        names = Names(prefix)
        schema = session.execute(text("SELECT current_schema()")).scalar_one()
        s = sql.Identifier(schema)
        session.execute(text("SET LOCAL password_encryption = 'scram-sha-256'"))
        _create_group(session, names.owner)
        for role in GROUPS:
            _create_group(session, names.group(role))
        owner = sql.Identifier(names.owner)
        _run(session, sql.SQL("ALTER ROLE {} CREATEROLE").format(owner))  # for the SECURITY DEFINER login functions
        _run(session, sql.SQL("ALTER SCHEMA {} OWNER TO {}").format(s, owner))
        objects = session.execute(text(
            "SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = :s AND c.relkind IN ('r', 'S', 'v', 'p')"), {"s": schema}).all()
        kinds = {"r": "TABLE", "p": "TABLE", "S": "SEQUENCE", "v": "VIEW"}
        for name, kind in objects:
            if kind == "S" and session.execute(text(  # a serial's sequence follows its table
                    "SELECT 1 FROM pg_depend d JOIN pg_class c ON c.oid = d.objid WHERE c.relname = :n "
                    "AND c.relnamespace = :s ::regnamespace AND d.deptype IN ('a', 'i')"),
                    {"n": name, "s": schema}).first():
                continue
            _run(session, sql.SQL("ALTER {} {}.{} OWNER TO {}").format(sql.SQL(kinds[kind]), s, sql.Identifier(name),
                                                                       owner))
        for (signature,) in session.execute(text(
                "SELECT p.oid::regprocedure::text FROM pg_proc p WHERE p.pronamespace = :s ::regnamespace"), {"s": schema}):
            _run(session, sql.SQL("ALTER FUNCTION {} OWNER TO {}").format(sql.SQL(signature), owner))
        _functions(session, names, schema)
        _grants(session, names, s, {name for name, kind in objects if kind in "rp"})
        _masked_views(session, names, schema)
        return _logins(session, names, schema)


def _functions(session: Session, names: Names, schema: str) -> None:
    """The prefix the who-trigger reads, and the SECURITY DEFINER functions through which an
    administrator makes logins and anyone changes their own password (CREATE ROLE needs
    CREATEROLE, which only the owner has)."""
    path = sql.SQL("pg_catalog, {}, pg_temp").format(sql.Identifier(schema))  # pg_temp last: no shadowing
    owner = sql.Identifier(names.owner)
    admin = sql.Literal(names.group("admin"))
    prefix = sql.Literal(names.prefix)
    _run(session, sql.SQL("CREATE OR REPLACE FUNCTION onestop_role_prefix() RETURNS text LANGUAGE sql IMMUTABLE "
                          "AS $$ SELECT {} ::text $$").format(prefix))
    _run(session, sql.SQL("""
CREATE OR REPLACE FUNCTION onestop_set_login(username text, verifier text, grp text, active boolean)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = {path} AS $fn$
DECLARE
    login text := {prefix} || '.' || username;
    g text;
BEGIN
    IF NOT pg_has_role(session_user, {admin}, 'member') THEN
        IF session_user::text <> login OR grp IS NOT NULL OR active IS NOT NULL THEN
            RAISE EXCEPTION 'onestop: only an administrator manages other logins' USING ERRCODE = '42501';
        END IF;
    END IF;
    IF verifier IS NOT NULL AND verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
        RAISE EXCEPTION 'onestop: a SCRAM verifier is expected, never a clear password' USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', login);
    END IF;
    IF verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
    END IF;
    IF active IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN active THEN 'LOGIN' ELSE 'NOLOGIN' END);
    END IF;
    IF grp IS NOT NULL THEN
        FOREACH g IN ARRAY ARRAY{groups} LOOP
            IF g = {prefix} || '_' || grp THEN
                EXECUTE format('GRANT %I TO %I', g, login);
            ELSIF pg_has_role(login, g, 'member') THEN
                EXECUTE format('REVOKE %I FROM %I', g, login);
            END IF;
        END LOOP;
        EXECUTE format('ALTER ROLE %I SET search_path = %s', login,
                       CASE WHEN grp = ANY (ARRAY{sees}) THEN quote_ident({schema})
                            ELSE quote_ident({masked}) || ', ' || quote_ident({schema}) END);
    END IF;
END
$fn$""").format(path=path, prefix=prefix, admin=admin, schema=sql.Literal(schema), masked=sql.Literal(names.masked),
                 sees=sql.SQL("[{}]").format(sql.SQL(", ").join(sql.Literal(r) for r in SEES_PERSONAL)),
                 groups=sql.SQL("[{}]").format(sql.SQL(", ").join(sql.Literal(names.group(r)) for r in GROUPS))))
    _run(session, sql.SQL("ALTER FUNCTION onestop_role_prefix() OWNER TO {}").format(owner))
    _run(session, sql.SQL("ALTER FUNCTION onestop_set_login(text, text, text, boolean) OWNER TO {}").format(owner))
    _run(session, sql.SQL("REVOKE ALL ON FUNCTION onestop_set_login(text, text, text, boolean) FROM PUBLIC"))
    for role in GROUPS:
        _run(session, sql.SQL("GRANT EXECUTE ON FUNCTION onestop_set_login(text, text, text, boolean) TO {}")
             .format(sql.Identifier(names.group(role))))


def _columns(session: Session, table: str) -> list[str]:
    return list(session.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = :t ORDER BY ordinal_position"), {"t": table}).scalars())


def _grants(session: Session, names: Names, schema: sql.Identifier, tables: set[str]) -> None:
    groups = [sql.Identifier(names.group(r)) for r in GROUPS]
    everyone = sql.SQL(", ").join(groups)

    def ident(*cols: str) -> sql.Composable:
        return sql.SQL(", ").join(sql.Identifier(c) for c in cols)

    def grant(privilege: str, table: str, grantees: sql.Composable, cols: tuple[str, ...] | list[str] = ()) -> None:
        if table not in tables:
            return
        what = sql.SQL("{} ({})").format(sql.SQL(privilege), ident(*cols)) if cols else sql.SQL(privilege)
        _run(session, sql.SQL("GRANT {} ON {} TO {}").format(what, sql.Identifier(table), grantees))

    # Start from nothing, so that running the set-up again removes what an older one gave.
    _run(session, sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(schema))
    for table in sorted(tables):
        t = sql.Identifier(table)
        _run(session, sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(t, everyone))
        cols = _columns(session, table)
        _run(session, sql.SQL("REVOKE ALL ({}) ON {} FROM PUBLIC, {}").format(ident(*cols), t, everyone))
    _run(session, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, everyone))
    _run(session, sql.SQL("GRANT USAGE ON ALL SEQUENCES IN SCHEMA {} TO {}").format(schema, everyone))
    seeing = sql.SQL(", ").join(sql.Identifier(names.group(r)) for r in SEES_PERSONAL)
    others = sql.SQL(", ").join(sql.Identifier(names.group(r)) for r in GROUPS if r not in SEES_PERSONAL)
    for table in sorted(tables):
        hidden = PERSONAL.get(table, ())
        if not hidden:
            grant("SELECT", table, everyone)
            continue
        grant("SELECT", table, seeing)
        grant("SELECT", table, others, [c for c in _columns(session, table) if c not in hidden])
    for table in DESK_INSERTS:
        grant("INSERT", table, everyone)
    grant("UPDATE", "dossier", everyone, [c for c in _columns(session, "dossier") if c not in DOSSIER_FIXED])
    grant("UPDATE", "dossier_pause", everyone, ("ended_at",))
    grant("UPDATE", "code_counter", everyone, ("last_number",))
    grant("UPDATE", "account", everyone, ACCOUNT_SIGN_IN)
    managers = sql.SQL(", ").join(sql.Identifier(names.group(r)) for r in ("supervisor", "admin"))
    for table in CATALOGUE:
        grant("INSERT, UPDATE, DELETE", table, managers)
    admin = sql.Identifier(names.group("admin"))
    grant("INSERT, UPDATE", "account", admin)
    # The site key's public half and the signed daily heads (onestop/audit_heads.py): an
    # administrator's `audit sign`, with the private key from outside the desks; append-only (0007).
    grant("INSERT", "audit_key", admin)
    grant("INSERT", "audit_head", admin)
    # Row security: a desk is signed in to the database as one person, and sees and updates (the
    # sign-in's counters, the rehash) only that person's account row: nobody but an administrator
    # reads the others' argon2 hashes, which hide the same passwords as their logins' SCRAM ones.
    own = sql.SQL("session_user::text = {} || username").format(sql.Literal(names.prefix + "."))
    _run(session, sql.SQL("ALTER TABLE account ENABLE ROW LEVEL SECURITY"))
    for policy, statement in (
        ("onestop_read", sql.SQL("FOR SELECT TO {} USING ({})").format(everyone, own)),
        ("onestop_own", sql.SQL("FOR UPDATE TO {} USING ({})").format(everyone, own)),
        ("onestop_manage", sql.SQL("FOR ALL TO {} USING (true) WITH CHECK (true)").format(admin)),
    ):
        _run(session, sql.SQL("DROP POLICY IF EXISTS {} ON account").format(sql.Identifier(policy)))
        _run(session, sql.SQL("CREATE POLICY {} ON account {}").format(sql.Identifier(policy), statement))
    # Nobody but the owner updates or deletes an event, a log entry, a dossier or an applicant.


def _masked_views(session: Session, names: Names, schema: str) -> None:
    """For the groups that may not read CCCD and phones: views over the tables with those columns
    masked. A view runs with its owner's rights, so it reads what its readers may not; an INSTEAD
    OF trigger passes an insert (a supervisor may receive a dossier too) on to the table."""
    masked, owner, real = sql.Identifier(names.masked), sql.Identifier(names.owner), sql.Identifier(schema)
    readers = sql.SQL(", ").join(sql.Identifier(names.group(r)) for r in GROUPS if r not in SEES_PERSONAL)
    _run(session, sql.SQL("CREATE SCHEMA IF NOT EXISTS {} AUTHORIZATION {}").format(masked, owner))
    _run(session, sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(masked))
    _run(session, sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(masked, readers))
    _run(session, sql.SQL("""
CREATE OR REPLACE FUNCTION {masked}.insert_through() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    -- NEW.id comes from the view's default (the table's sequence); no RETURNING: it would need SELECT
    EXECUTE format('INSERT INTO %I.%I SELECT ($1).*', {real}, TG_TABLE_NAME) USING NEW;
    RETURN NEW;
END
$fn$""").format(masked=masked, real=sql.Literal(schema)))
    _run(session, sql.SQL("ALTER FUNCTION {}.insert_through() OWNER TO {}").format(masked, owner))
    _run(session, sql.SQL("""
CREATE OR REPLACE FUNCTION {masked}.update_through() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    changed text;
BEGIN
    -- Only the columns the statement changed: a masked number read and left as it was stays whole in
    -- the table, and the caller's column privileges on the table still apply (the invoker's rights).
    SELECT string_agg(format('%I = ($1).%I', n.key, n.key), ', ') INTO changed
      FROM jsonb_each(to_jsonb(NEW)) n WHERE n.value IS DISTINCT FROM to_jsonb(OLD) -> n.key;
    IF changed IS NOT NULL THEN
        EXECUTE format('UPDATE %I.%I SET %s WHERE id = ($2).id', {real}, TG_TABLE_NAME, changed) USING NEW, OLD;
    END IF;
    RETURN NEW;
END
$fn$""").format(masked=masked, real=sql.Literal(schema)))
    _run(session, sql.SQL("ALTER FUNCTION {}.update_through() OWNER TO {}").format(masked, owner))
    for table, hidden in PERSONAL.items():
        columns = session.execute(text(
            "SELECT column_name, column_default FROM information_schema.columns WHERE table_schema = :s "
            "AND table_name = :t ORDER BY ordinal_position"), {"s": schema, "t": table}).all()
        select_list = sql.SQL(", ").join(
            sql.SQL(_MASK.format(c="{c}") + " AS {c}").format(c=sql.Identifier(c)) if c in hidden
            else sql.Identifier(c) for c, _ in columns)
        view = sql.SQL("{}.{}").format(masked, sql.Identifier(table))
        _run(session, sql.SQL("CREATE OR REPLACE VIEW {} AS SELECT {} FROM {}.{}").format(
            view, select_list, real, sql.Identifier(table)))
        _run(session, sql.SQL("ALTER VIEW {} OWNER TO {}").format(view, owner))
        for column, default in columns:  # an insert through the view gets the table's defaults (its id)
            if default is not None:
                _run(session, sql.SQL("ALTER VIEW {} ALTER COLUMN {} SET DEFAULT {}").format(
                    view, sql.Identifier(column), sql.SQL(default)))
        _run(session, sql.SQL("DROP TRIGGER IF EXISTS insert_through ON {}").format(view))
        _run(session, sql.SQL("CREATE TRIGGER insert_through INSTEAD OF INSERT ON {} FOR EACH ROW "
                              "EXECUTE FUNCTION {}.insert_through()").format(view, masked))
        _run(session, sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(view, readers))
        if table in UPDATED_THROUGH_VIEW:
            _run(session, sql.SQL("DROP TRIGGER IF EXISTS update_through ON {}").format(view))
            _run(session, sql.SQL("CREATE TRIGGER update_through INSTEAD OF UPDATE ON {} FOR EACH ROW "
                                  "EXECUTE FUNCTION {}.update_through()").format(view, masked))
            _run(session, sql.SQL("GRANT UPDATE ON {} TO {}").format(view, readers))
    # A result handed back to the applicant copies their CCCD onto the dossier (onestop/lifecycle.py),
    # which such a login read masked: the whole number is taken from the table instead.
    _run(session, sql.SQL("""
CREATE OR REPLACE FUNCTION onestop_unmask_collector() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, {real}, pg_temp AS $fn$
BEGIN
    IF NEW.returned_to_kind = 'applicant' AND strpos(NEW.returned_to_id, '•') > 0 THEN
        NEW.returned_to_id := (SELECT id_number FROM applicant WHERE id = NEW.applicant_id);
    END IF;
    RETURN NEW;
END
$fn$""").format(real=real))
    _run(session, sql.SQL("ALTER FUNCTION onestop_unmask_collector() OWNER TO {}").format(owner))
    _run(session, sql.SQL("DROP TRIGGER IF EXISTS dossier_unmask_collector ON dossier"))
    _run(session, sql.SQL("CREATE TRIGGER dossier_unmask_collector BEFORE UPDATE OF returned_to_id ON dossier "
                          "FOR EACH ROW EXECUTE FUNCTION onestop_unmask_collector()"))


def _search_path(session: Session, names: Names, schema: str, login: str, role: str) -> None:
    """Where a login finds the tables: the masked views first for those who may not see CCCD."""
    path = [names.masked, schema] if role not in SEES_PERSONAL else [schema]
    _run(session, sql.SQL("ALTER ROLE {} SET search_path = {}").format(
        sql.Identifier(login), sql.SQL(", ").join(sql.Identifier(p) for p in path)))


def _logins(session: Session, names: Names, schema: str) -> list[str]:
    """A login role per account, in its group; returns those still without a password."""
    without: list[str] = []
    for username, role, active in session.execute(text("SELECT username, role, active FROM account ORDER BY username")):
        login = names.login(username)
        ident = sql.Identifier(login)
        if not _role_exists(session, login):
            _run(session, sql.SQL("CREATE ROLE {} LOGIN").format(ident))
        _run(session, sql.SQL("ALTER ROLE {} {}").format(ident, sql.SQL("LOGIN" if active else "NOLOGIN")))
        for group in GROUPS:
            g = sql.Identifier(names.group(group))
            if group == role:
                _run(session, sql.SQL("GRANT {} TO {}").format(g, ident))
            else:
                _run(session, sql.SQL("REVOKE {} FROM {}").format(g, ident))
        _search_path(session, names, schema, login, role)
        if session.execute(text("SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = :n"), {"n": login}).scalar():
            without.append(username)
    return without


def sync_login(session: Session, username: str, *, password: str | None = None, role: str | None = None,
               active: bool | None = None) -> None:
    """On a site whose roles are set up: the account's login role follows the account (created,
    its password, its group, open or closed), in the same transaction. Elsewhere: nothing."""
    prefix = site_prefix(session)
    if prefix is None:
        return
    login = Names(prefix).login(username)
    verifier = None if password is None else _verifier(session, login, password)
    session.execute(text("SELECT onestop_set_login(:u, :v, :g, :a)"),
                    {"u": username, "v": verifier, "g": role, "a": active})


def drop_roles(session: Session, prefix: str) -> None:
    """Removes the site's roles (tests, and a site taken down): their objects go to the caller."""
    names = Names(prefix)
    logins = session.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                             {"p": prefix.replace("_", r"\_") + "%"}).scalars().all()
    me = sql.Identifier(session.execute(text("SELECT current_user")).scalar_one())
    _run(session, sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(names.masked)))
    for name in sorted(logins, key=lambda n: n == names.owner):
        _run(session, sql.SQL("REASSIGN OWNED BY {} TO {}").format(sql.Identifier(name), me))
        _run(session, sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
        _run(session, sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))
