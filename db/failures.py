"""What went wrong with the database, from the engines' own codes, never from their words.

SQLite names its result codes (sqlite3's `sqlite_errorname`, Python 3.11+: SQLITE_FULL,
SQLITE_BUSY, SQLITE_CORRUPT…; https://sqlite.org/rescode.html) and PostgreSQL gives every error an
SQLSTATE (psycopg's `sqlstate`; https://www.postgresql.org/docs/current/errcodes-appendix.html).
A driver's message changes with its version and its language; these codes do not.
onestop.installation.bootstrap.explain turns a Failure into the Vietnamese message.

One gap: libpq reports a failure *to connect* without an SQLSTATE, even when the server sent one
(a wrong password, a missing role or database; https://github.com/psycopg/psycopg/issues/1188).
Its text is then all there is, so only for those failures, and only for the server's and libpq's
standard English phrases, `_connect_failure` reads words; anything else is UNREACHABLE, shown with
the driver's own line.
"""
from __future__ import annotations

import enum
import errno


class Failure(enum.Enum):
    DISK_FULL = "disk_full"
    BUSY = "busy"  # locked by another desk or program, or the server has no connection left
    CONFLICT = "conflict"  # a serialisation failure or a deadlock: the same action may be retried
    CORRUPT = "corrupt"
    READ_ONLY = "read_only"
    CANNOT_OPEN = "cannot_open"  # SQLite: the file or its folder cannot be opened or made
    BAD_PASSWORD = "bad_password"
    LOGIN_REFUSED = "login_refused"  # no such role, or pg_hba.conf does not let it in from here
    NO_DATABASE = "no_database"
    NOT_PERMITTED = "not_permitted"
    UNREACHABLE = "unreachable"  # no server answered: host unknown, connection refused, timed out
    OTHER = "other"


# Primary result codes; an extended one (SQLITE_READONLY_DBMOVED, SQLITE_BUSY_SNAPSHOT…) by its first two words.
_SQLITE = {
    "SQLITE_FULL": Failure.DISK_FULL,
    "SQLITE_BUSY": Failure.BUSY,
    "SQLITE_LOCKED": Failure.BUSY,
    "SQLITE_CORRUPT": Failure.CORRUPT,
    "SQLITE_NOTADB": Failure.CORRUPT,
    "SQLITE_READONLY": Failure.READ_ONLY,
    "SQLITE_CANTOPEN": Failure.CANNOT_OPEN,
    "SQLITE_PERM": Failure.NOT_PERMITTED,
    "SQLITE_AUTH": Failure.NOT_PERMITTED,
}
_SQLSTATE = {
    "53100": Failure.DISK_FULL,  # disk_full
    "53300": Failure.BUSY,  # too_many_connections
    "55P03": Failure.BUSY,  # lock_not_available
    "40001": Failure.CONFLICT,  # serialization_failure
    "40P01": Failure.CONFLICT,  # deadlock_detected
    "XX001": Failure.CORRUPT,  # data_corrupted
    "XX002": Failure.CORRUPT,  # index_corrupted
    "25006": Failure.READ_ONLY,  # read_only_sql_transaction (a standby)
    "28P01": Failure.BAD_PASSWORD,  # invalid_password
    "28000": Failure.LOGIN_REFUSED,  # invalid_authorization_specification
    "3D000": Failure.NO_DATABASE,  # invalid_catalog_name
    "42501": Failure.NOT_PERMITTED,  # insufficient_privilege
}
_SQLSTATE_CLASSES = {"08": Failure.UNREACHABLE, "57": Failure.UNREACHABLE}  # connection exception, operator intervention


_CONNECT_PHRASES = (
    ("password authentication failed", Failure.BAD_PASSWORD),  # 28P01
    ("no password supplied", Failure.BAD_PASSWORD),  # libpq's own, never translated (PQnoPasswordSupplied)
    ("no pg_hba.conf entry", Failure.LOGIN_REFUSED),  # 28000
    ("role \"", Failure.LOGIN_REFUSED),  # 28000: role "…" does not exist
    ("database \"", Failure.NO_DATABASE),  # 3D000: database "…" does not exist
    ("permission denied for database", Failure.NOT_PERMITTED),  # 42501
)


def _connect_failure(message: str) -> Failure:
    server = message.partition("FATAL:")[2].lower() or message.lower()
    return next((kind for phrase, kind in _CONNECT_PHRASES if phrase in server), Failure.UNREACHABLE)


def driver_error(exc: BaseException) -> BaseException:
    """The DBAPI's own exception under SQLAlchemy's wrapper (whose text adds the statement and
    its parameters: CCCD, phones)."""
    return getattr(exc, "orig", None) or exc


def classify(exc: BaseException) -> Failure:
    orig = driver_error(exc)
    name = getattr(orig, "sqlite_errorname", None)
    if name:
        return _SQLITE.get("_".join(name.split("_")[:2]), Failure.OTHER)
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate:
        return _SQLSTATE.get(sqlstate) or _SQLSTATE_CLASSES.get(sqlstate[:2], Failure.OTHER)
    if type(orig).__module__.startswith("psycopg") and type(orig).__name__ == "OperationalError":
        return _connect_failure(str(orig))
    if isinstance(orig, OSError) and orig.errno == errno.ENOSPC:
        return Failure.DISK_FULL
    return Failure.OTHER


def detail(exc: BaseException) -> str:
    """The first line of the driver's message, for the person who will fix it (no statement, no values)."""
    lines = str(driver_error(exc)).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
