"""A desk's connection to the site's PostgreSQL server: the address from its parts, a trial
connection, and the password kept where PostgreSQL itself looks for it (the pgpass file)."""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from onestop.errors import OnestopError
from onestop.installation.bootstrap import DatabaseUnavailable, connect_database, explain

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 10  # an unreachable server is reported in seconds, not after the network's minutes
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                   r"|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$")  # a name, an IPv4 or an IPv6 address
_NAME_LIMIT = 63  # PostgreSQL's identifier length


@dataclass(frozen=True)
class ServerAddress:
    """Where a desk finds the site's database; the password is not part of it."""

    host: str
    port: int
    database: str
    user: str

    def url(self, password: str = "") -> str:
        """The SQLAlchemy URL; without a password, libpq takes it from pgpass or PGPASSWORD."""
        return URL.create(DRIVER, username=self.user, password=password or None, host=self.host, port=self.port,
                          database=self.database, query={"connect_timeout": str(CONNECT_TIMEOUT_S)},
                          ).render_as_string(hide_password=False)


class ConnectionSettingsError(OnestopError, ValueError):
    """Fields that do not make a usable address: field name → Vietnamese message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def server_address(host: str, port: str | int, database: str, user: str) -> ServerAddress:
    """Checks the fields as typed; raises ConnectionSettingsError listing every problem."""
    host, database, user = host.strip(), database.strip(), user.strip()
    port_text = str(port).strip()
    errors: dict[str, str] = {}
    if not host:
        errors["host"] = "Chưa nhập máy chủ (tên máy hoặc địa chỉ IP, ví dụ 192.168.1.10)."
    elif not _HOST.match(host):
        errors["host"] = f"Máy chủ «{host}» không hợp lệ: chỉ gồm chữ không dấu, chữ số, dấu chấm và gạch ngang."
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        errors["port"] = f"Cổng «{port_text}» không hợp lệ: cần một số từ 1 đến 65535 (thường là {DEFAULT_PORT})."
    for field, value, label in (("database", database, "cơ sở dữ liệu"), ("user", user, "người dùng")):
        if not value:
            errors[field] = f"Chưa nhập tên {label}."
        elif len(value.encode()) > _NAME_LIMIT:
            errors[field] = f"Tên {label} dài quá {_NAME_LIMIT} ký tự."
        elif any(ch.isspace() or ch in "/?#@:" for ch in value):
            errors[field] = f"Tên {label} không được có dấu cách hay các ký tự / ? # @ :."
    if errors:
        raise ConnectionSettingsError(errors)
    return ServerAddress(host, int(port_text), database, user)


def build_url(host: str, port: str | int, database: str, user: str, password: str = "") -> str:
    return server_address(host, port, database, user).url(password)


def address_of(url: str) -> ServerAddress | None:
    """The parts of a stored PostgreSQL URL (to fill the dialog again); None for anything else."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # not a URL, a port that is not a number: the dialog starts empty
        return None
    if parsed.get_backend_name() != "postgresql":
        return None
    return ServerAddress(parsed.host or "", parsed.port or DEFAULT_PORT, parsed.database or "", parsed.username or "")


def check_connection(url: str) -> str:
    """Connects once and returns the server's version, e.g. "PostgreSQL 15.20"; raises
    DatabaseUnavailable with a Vietnamese explanation otherwise."""
    db = connect_database(url)
    try:
        with db.engine.connect() as conn:
            return f"PostgreSQL {conn.scalar(text('SHOW server_version'))}"
    except DBAPIError as exc:
        raise DatabaseUnavailable(explain(exc, db.url.render_as_string(hide_password=True))) from exc
    finally:
        db.dispose()


def pgpass_path() -> Path:
    """Where libpq looks for passwords: PGPASSFILE, else ~/.pgpass (%APPDATA%\\postgresql\\pgpass.conf)."""
    if os.environ.get("PGPASSFILE"):
        return Path(os.environ["PGPASSFILE"])
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


def _pgpass_field(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def remember_password(address: ServerAddress, password: str) -> Path:
    """Keeps the password in the user's pgpass file (readable by this user only), replacing the
    line for the same server, port, database and user."""
    path = pgpass_path()
    key = ":".join(_pgpass_field(v) for v in (address.host, str(address.port), address.database, address.user))
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lines = [line for line in lines if not line.startswith(key + ":")]
    lines.append(f"{key}:{_pgpass_field(password)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created private: libpq ignores a pgpass file that others can read.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    if sys.platform != "win32":
        path.chmod(0o600)
    return path
