"""Opening a database the way the program does at start: migrate, then seed a new one."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import DatabaseError, OperationalError

from db.migrate import upgrade
from db.models import Agency, Procedure
from db.session import Database
from onestop import catalogue
from onestop.site import AgencyInfo, Site, SiteSettings, load_site, save_site


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened; the message says why in Vietnamese and what to do."""


def explain(exc: Exception, url: str = "") -> str:
    """A Vietnamese explanation of a database failure, with what to do about it."""
    text = str(exc).lower()
    if "locked" in text:
        return ("Cơ sở dữ liệu đang bận hoặc bị khóa bởi một chương trình khác, chưa lưu được. "
                "Hãy thử lại sau giây lát; nếu vẫn lỗi, đóng chương trình đang giữ tệp.")
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return (f"Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của chương trình ({url}). "
                "Hãy khôi phục từ bản sao lưu.")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"Không mở được cơ sở dữ liệu để ghi ({url}). Hãy kiểm tra quyền ghi của thư mục."
    if "connection" in text or "could not" in text:
        return f"Không kết nối được máy chủ cơ sở dữ liệu ({url}). Hãy kiểm tra địa chỉ và mạng."
    return f"Không mở được cơ sở dữ liệu ({url}): {exc}"


def open_database(url: str | None = None, *, seed: bool = True, **engine_kwargs) -> tuple[Database, Site]:
    """Migrates the schema to the newest revision, seeds a new database, returns it with its site."""
    db = Database(url, **engine_kwargs)
    shown = db.url.render_as_string(hide_password=True)
    try:
        upgrade(db.engine)
        if seed:
            seed_if_empty(db)
        with db.read() as session:
            site = load_site(session)
    except (OperationalError, DatabaseError) as exc:
        db.dispose()
        raise DatabaseUnavailable(explain(exc, shown)) from exc
    return db, site


def seed_if_empty(db: Database) -> None:
    """A new database gets the default agency (to be edited in Settings) and the shipped catalogue."""
    with db.write() as session:
        if session.scalar(select(Agency.id).limit(1)) is None:
            save_site(session, AgencyInfo(), SiteSettings())
        if session.scalar(select(Procedure.id).limit(1)) is None:
            catalogue.import_file(session, catalogue.shipped_catalogue())
