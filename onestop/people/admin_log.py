"""Who changed accounts, the catalogue or the settings, and when (table admin_log, append-only).

Written in the same transaction as the change itself, by the services, whichever window or
command asked for it; read with the export log by `onestop log` and the «Nhật ký» window.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.db.models import AdminLog
from onestop.db.session import Database

if TYPE_CHECKING:
    from onestop.people.accounts import Actor

ACTION_LABELS = {
    "account.create": "Tạo tài khoản",
    "account.password": "Đặt mật khẩu",
    "account.close": "Khóa tài khoản",
    "account.reopen": "Mở lại tài khoản",
    "account.lock": "Tạm khóa do sai mật khẩu",
    "catalogue.import": "Nhập danh mục thủ tục",
    "settings.save": "Lưu cài đặt",
}


def log_admin(session: Session, actor: Actor, action: str, detail: str, now: datetime) -> None:
    assert action in ACTION_LABELS, action
    session.add(AdminLog(at=now, user=actor.full_name, action=action, detail=detail[:2000]))


def admin_log(session: Session, limit: int = 500) -> list[AdminLog]:
    return list(session.scalars(select(AdminLog).order_by(AdminLog.at.desc(), AdminLog.id.desc()).limit(limit)))


def log_entries(db: Database, actor: Actor, which: str, limit: int = 500) -> list[tuple[datetime, str, str, str]]:
    """(when, who, what, detail) of the newest entries of the admin log ("admin") or of the log of
    exports and prints of personal data ("exports"); for supervisors and administrators."""
    # Imported here: accounts (and privacy, through it) write to this module's log.
    from onestop.people.accounts import require
    from onestop.people.privacy import export_log

    require(actor, "view_logs")
    with db.read() as session:
        if which == "admin":
            return [(e.at, e.user, ACTION_LABELS.get(e.action, e.action), e.detail) for e in admin_log(session, limit)]
        return [(e.at, e.user, e.what, e.detail) for e in export_log(session, limit)]
