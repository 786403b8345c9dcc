"""What every headless command works with — the database, its site, who acts, the clock — and the
few ways a command says how it ended."""
from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not loaded to parse a command line: --help and a mistyped option answer at once
    from onestop.db.session import Database
    from onestop.office.site import Site
    from onestop.people.accounts import Actor


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Context:
    db: Database
    site: Site
    clock: Callable[[], datetime] = field(default=utc_now)

    def now(self) -> datetime:
        return self.clock()

    def local_now(self) -> datetime:
        return self.site.calendar.to_local(self.clock())

    @cached_property
    def actor(self) -> Actor:
        """Who this command acts as. On a PostgreSQL site whose roles are set up, the database login
        decides (its account, its role): $LOGNAME is whatever the shell says. Otherwise, as before, an
        administrator named after the operating-system user (whoever reaches the database owns it)."""
        from sqlalchemy import select

        from onestop.db.models import Account
        from onestop.people.accounts import Actor, system_actor
        from onestop.people.pg_roles import session_username

        with self.db.read() as session:
            username = session_username(session)
            account = None if username is None else session.scalars(
                select(Account).where(Account.username == username)).one_or_none()
        if account is None:
            return system_actor(getpass.getuser())
        return Actor(account.username, account.full_name, account.role)


def fail(message: str, code: int = 1) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return code


def cannot_write(path: Path, exc: OSError | None = None) -> int:
    if exc is not None:  # disk full, the database as -o, …: onestop.files.output_files says which
        from onestop.files.output_files import write_problem

        return fail(write_problem(path, exc))
    return fail(f"không ghi được tệp {path} (thư mục không tồn tại hoặc không có quyền ghi)")


def into(path: Path, replaced: bool) -> str:
    """Where an output went. An existing file is replaced, as the unix convention and scripts
    expect, but said, and only once the new one is whole (onestop.files.output_files)."""
    return f"{path} (thay tệp cũ)" if replaced else str(path)


def local(site: Site, value: datetime | None) -> datetime | None:
    return None if value is None else site.calendar.to_local(value)
