"""Opening a database the way the program does at start: migrate, then seed a new one."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from alembic.util import CommandError
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from onestop.clock.calendar import TZ
from onestop.db.failures import Failure, classify, detail
from onestop.db.migrate import upgrade
from onestop.db.models import Agency, Procedure
from onestop.db.private_files import create_private, private_file
from onestop.db.session import Database, backups_dir, resolve_url, sqlite_path
from onestop.errors import OnestopError
from onestop.installation import file_check
from onestop.installation.data_history import is_blank, lost_database_message, record_database
from onestop.installation.network_drive import network_location
from onestop.office import catalogue
from onestop.office.site import AgencyInfo, Site, SiteSettings, load_site, save_site
from onestop.people.accounts import system_actor


class DatabaseUnavailable(OnestopError, RuntimeError):
    """The database cannot be opened; the message says why in Vietnamese and what to do."""


def explain(exc: BaseException, url: str = "") -> str:
    """A Vietnamese explanation of a database failure, with what to do about it (by the engine's
    own code: onestop.db.failures)."""
    where = _where(url)
    kind = classify(exc)
    if kind is Failure.DISK_FULL:
        return (f"Đĩa đầy: không còn chỗ trống để ghi cơ sở dữ liệu{where}, không có gì được lưu. "
                "Hãy giải phóng chỗ trống trên ổ đĩa (xóa tệp không cần, chuyển bản sao lưu cũ sang ổ khác; "
                "trên máy chủ PostgreSQL: ổ chứa dữ liệu của máy chủ) rồi thử lại.")
    if kind in (Failure.BUSY, Failure.CONFLICT):
        return ("Cơ sở dữ liệu đang bận hoặc bị khóa bởi một chương trình khác (cửa sổ hay lệnh onestop khác, "
                "phần mềm sao chép tệp…), chưa ghi được. "
                "Hãy thử lại sau giây lát; nếu vẫn lỗi, đóng chương trình đang giữ tệp.")
    if kind is Failure.CORRUPT:
        return (f"Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của chương trình{where}. "
                f"Hãy khôi phục bản sao lưu gần nhất bằng lệnh: onestop restore TỆP_SAO_LƯU{_backups_hint()}; "
                "hoặc chọn cơ sở dữ liệu khác: onestop --database sqlite:///đường/dẫn/tệp.db")
    if kind is Failure.READ_ONLY:
        return (f"Cơ sở dữ liệu chỉ cho phép đọc, không ghi được{where}. "
                "Hãy cho phép ghi tệp và thư mục chứa nó, "
                "hoặc chép tệp sang thư mục ghi được rồi mở bằng: onestop --database sqlite:///đường/dẫn/tệp.db")
    if kind is Failure.CANNOT_OPEN:
        return _unreachable_file(url)
    if kind is Failure.BAD_PASSWORD:
        return (f"Sai người dùng hoặc mật khẩu của cơ sở dữ liệu{where}. "
                "Hãy kiểm tra lại, hoặc tệp pgpass / biến môi trường PGPASSWORD.")
    if kind is Failure.LOGIN_REFUSED:
        return (f"Máy chủ không có người dùng này hoặc không cho người dùng này đăng nhập từ máy này{where}. "
                "Hãy kiểm tra tên người dùng, tạo người dùng (CREATE ROLE) hoặc cho phép máy này (pg_hba.conf).")
    if kind is Failure.NO_DATABASE:
        return f"Máy chủ chưa có cơ sở dữ liệu này{where}. Hãy kiểm tra tên hoặc tạo cơ sở dữ liệu (createdb)."
    if kind is Failure.NOT_PERMITTED:
        return (f"Người dùng không có quyền trên cơ sở dữ liệu{where}. Trên máy chủ đã lập vai trò (onestop site "
                "roles), chỉ quản trị máy chủ nâng cấp được: onestop db upgrade rồi onestop site roles, chạy bằng "
                "người dùng postgres; nếu không, hãy cho người dùng làm chủ cơ sở dữ liệu "
                "(ALTER DATABASE … OWNER TO …).")
    if kind is Failure.UNREACHABLE:
        return (f"Không kết nối được máy chủ cơ sở dữ liệu{where}: {detail(exc)}. Hãy kiểm tra tên hoặc địa chỉ IP "
                "của máy chủ, cổng và mạng.")
    return f"Không mở được cơ sở dữ liệu{where}: {detail(exc)}"


def _where(url: str) -> str:
    return f" ({url})" if url else ""


def _unreachable_file(url: str) -> str:
    return (f"Không mở được tệp cơ sở dữ liệu{_where(url)}: thư mục không tồn tại, không vào được hoặc không có quyền "
            "ghi. Hãy kiểm tra đường dẫn (ổ USB, ổ đĩa ngoài đã cắm chưa) và quyền của thư mục, "
            "hoặc chọn cơ sở dữ liệu khác: onestop --database sqlite:///đường/dẫn/tệp.db")


def _backups_hint() -> str:
    try:
        return f" (các bản sao lưu tự động nằm trong thư mục {backups_dir()})"
    except OSError:
        return ""


def check_sqlite_location(url: str | None) -> None:
    """Refuses a SQLite file on a network share, a lost one (missing or emptied, see
    onestop/data_history.py), and one whose folder cannot be reached or made."""
    path = None
    try:
        path = sqlite_path(resolve_url(url))  # the default URL makes the data folder: may fail too
        if path is None:
            return
        if share := network_location(path):
            raise DatabaseUnavailable(
                f"Tệp cơ sở dữ liệu {path} nằm trên ổ mạng ({share}). SQLite không an toàn trên ổ mạng: khóa tệp "
                "không tin cậy được, nhiều máy cùng ghi sẽ làm hỏng dữ liệu. Hãy để tệp trên ổ đĩa của máy này, "
                "hoặc dùng PostgreSQL cho các bàn dùng chung: "
                "onestop --database postgresql+psycopg://người_dùng@máy_chủ:5432/tên_cơ_sở_dữ_liệu")
        if lost := lost_database_message(path):  # before making its folder: a USB drive not plugged in
            raise DatabaseUnavailable(lost)
        path.parent.mkdir(parents=True, exist_ok=True)
    except ArgumentError:
        return  # said by connect_database
    except OSError as exc:
        raise DatabaseUnavailable(_unreachable_file(str(path or exc.filename or url))) from exc


def _check_writable(db: Database) -> None:
    """SQLite opens a read-only file without a word and fails at the first save: try a write now
    (the file's user_version written back unchanged, then rolled back). BEGIN IMMEDIATE: a read
    then a write in a deferred transaction gets SQLITE_BUSY at once, without the busy timeout, when
    another desk commits in between (https://sqlite.org/lang_transaction.html); this one waits."""
    with db.engine.execution_options(write=True).connect() as conn, conn.begin() as tx:
        version = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        conn.exec_driver_sql(f"PRAGMA user_version = {version}")
        tx.rollback()


def in_memory_message(url: str) -> str:
    return (f"«{url}» là cơ sở dữ liệu SQLite trong bộ nhớ: mọi hồ sơ ghi vào đó mất ngay khi chương trình "
            "đóng, nên chương trình không dùng nó; chưa có gì được ghi. Hãy chỉ một tệp: "
            "onestop --database sqlite:///đường/dẫn/tệp.db")


def connect_database(url: str | None = None, **engine_kwargs) -> Database:
    """The Database for a URL (not yet connected); a URL that cannot be used raises DatabaseUnavailable."""
    try:
        resolved = resolve_url(url)
        if make_url(resolved).get_backend_name() == "sqlite" and sqlite_path(resolved) is None:
            raise DatabaseUnavailable(in_memory_message(resolved))
        return Database(url, **engine_kwargs)
    except ArgumentError as exc:
        raise DatabaseUnavailable(
            f"Địa chỉ cơ sở dữ liệu «{_without_password(url)}» không hợp lệ. Dạng đúng: "
            "postgresql+psycopg://người_dùng@máy_chủ:5432/tên_cơ_sở_dữ_liệu hoặc sqlite:///đường/dẫn/tệp.db") from exc
    except ImportError as exc:  # a driver the program does not ship, e.g. postgresql+psycopg2://
        driver = make_url(url).drivername if url else ""
        raise DatabaseUnavailable(
            f"Chương trình không có trình điều khiển «{driver}». "
            "Hãy dùng postgresql+psycopg://… cho PostgreSQL hoặc sqlite:///… cho SQLite.") from exc


def _without_password(url: str | None) -> str | None:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:  # not even parsed: shown as typed
        return url


def _sqlite_file(url: str | None) -> Path | None:
    try:
        return sqlite_path(resolve_url(url))
    except ArgumentError:
        return None  # said by connect_database


def _check_sqlite_file(path: Path, now: datetime, read_only: bool) -> None:
    """Refuses a damaged database before anything writes to it; makes a new one private."""
    if is_blank(path):  # a first start
        if read_only:
            return
        try:
            create_private(path)
        except OSError:
            pass  # exists (0 bytes), or cannot be made: SQLite's own open says why
        return
    today = now.astimezone(TZ).date()
    if file_check.check_due(path, today):
        if found := file_check.problems(path):
            raise DatabaseUnavailable(file_check.damaged_message(path, found))
        file_check.record_clean(path, today)


def open_database(url: str | None = None, *, seed: bool = True, now: datetime | None = None,
                  **engine_kwargs) -> tuple[Database, Site]:
    """Migrates the schema to the newest revision, seeds a new database, returns it with its site.
    `now` (the start's time, for the once-a-day check of a large SQLite file): the clock by default."""
    check_sqlite_location(url)
    path = _sqlite_file(url)
    if path is not None:
        _check_sqlite_file(path, now or datetime.now(timezone.utc), bool(engine_kwargs.get("read_only")))
    db = connect_database(url, **engine_kwargs)
    shown = db.url.render_as_string(hide_password=True)
    try:
        upgrade(db.engine)
        if seed:
            seed_if_empty(db)
        if db.dialect == "sqlite" and not engine_kwargs.get("read_only"):
            _check_writable(db)
        with db.read() as session:
            site = load_site(session)
        if path is not None:
            record_database(path)
            private_file(path)  # every applicant's CCCD and phone: 0600, with its -wal and -shm
    except (OperationalError, DatabaseError) as exc:
        db.dispose()
        raise DatabaseUnavailable(explain(exc, shown)) from exc
    except CommandError as exc:  # a revision this program does not ship
        db.dispose()
        raise DatabaseUnavailable(
            f"Cơ sở dữ liệu ({shown}) có cấu trúc mà phiên bản onestop này không biết ({exc}), có thể do một phiên "
            "bản mới hơn tạo ra. Hãy cài phiên bản onestop mới nhất, hoặc khôi phục một bản sao lưu của phiên bản "
            "này: onestop restore TỆP_SAO_LƯU") from exc
    return db, site


INSTALLER = system_actor("onestop")  # the first start's own defaults


def seed_if_empty(db: Database) -> None:
    """A new database gets the default agency (to be edited in Settings) and the shipped catalogue."""
    with db.write() as session:
        if session.scalar(select(Agency.id).limit(1)) is None:
            save_site(session, AgencyInfo(), SiteSettings(), INSTALLER)
        if session.scalar(select(Procedure.id).limit(1)) is None:
            catalogue.import_file(session, catalogue.shipped_catalogue(), INSTALLER)
