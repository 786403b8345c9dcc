"""Opening a database the way the program does at start: migrate, then seed a new one."""
from __future__ import annotations

from alembic.util import CommandError
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from db.migrate import upgrade
from db.models import Agency, Procedure
from db.session import Database, resolve_url, sqlite_path
from onestop import catalogue
from onestop.accounts import system_actor
from onestop.backup import default_folder
from onestop.network_drive import network_location
from onestop.site import AgencyInfo, Site, SiteSettings, load_site, save_site


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened; the message says why in Vietnamese and what to do."""


def explain(exc: Exception, url: str = "") -> str:
    """A Vietnamese explanation of a database failure, with what to do about it."""
    text = str(exc).lower()
    if "locked" in text:
        return ("Cơ sở dữ liệu đang bận hoặc bị khóa bởi một chương trình khác (cửa sổ hay lệnh onestop khác, "
                "phần mềm sao chép tệp…), chưa ghi được. "
                "Hãy thử lại sau giây lát; nếu vẫn lỗi, đóng chương trình đang giữ tệp.")
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return (f"Tệp cơ sở dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của chương trình ({url}). "
                f"Hãy khôi phục bản sao lưu gần nhất bằng lệnh: onestop restore TỆP_SAO_LƯU{_backups_hint()}; "
                "hoặc chọn cơ sở dữ liệu khác: onestop --database sqlite:///đường/dẫn/tệp.db")
    if "readonly" in text or "read-only" in text:
        return (f"Cơ sở dữ liệu chỉ cho phép đọc, không ghi được ({url}). Hãy cho phép ghi tệp và thư mục chứa nó, "
                "hoặc chép tệp sang thư mục ghi được rồi mở bằng: onestop --database sqlite:///đường/dẫn/tệp.db")
    if "unable to open" in text:
        return _unreachable_file(url)
    if "password authentication failed" in text or "no password supplied" in text:
        return (f"Sai người dùng hoặc mật khẩu của cơ sở dữ liệu ({url}). "
                "Hãy kiểm tra lại, hoặc tệp pgpass / biến môi trường PGPASSWORD.")
    if "role" in text and "does not exist" in text:
        return f"Máy chủ không có người dùng này ({url}). Hãy kiểm tra tên người dùng hoặc tạo người dùng (CREATE ROLE)."
    if "database" in text and "does not exist" in text:
        return f"Máy chủ chưa có cơ sở dữ liệu này ({url}). Hãy kiểm tra tên hoặc tạo cơ sở dữ liệu (createdb)."
    if "permission denied" in text:
        return (f"Người dùng không có quyền trên cơ sở dữ liệu ({url}). Trên máy chủ đã lập vai trò (onestop site "
                "roles), chỉ quản trị máy chủ nâng cấp được: onestop db upgrade rồi onestop site roles, chạy bằng "
                "người dùng postgres; nếu không, hãy cho người dùng làm chủ cơ sở dữ liệu "
                "(ALTER DATABASE … OWNER TO …).")
    if "resolve host" in text or "translate host name" in text:
        return f"Không tìm thấy máy chủ cơ sở dữ liệu ({url}). Hãy kiểm tra tên hoặc địa chỉ IP của máy chủ."
    if "connection" in text or "could not" in text:
        return f"Không kết nối được máy chủ cơ sở dữ liệu ({url}). Hãy kiểm tra địa chỉ và mạng."
    return f"Không mở được cơ sở dữ liệu ({url}): {exc}"


def _unreachable_file(url: str) -> str:
    return (f"Không mở được tệp cơ sở dữ liệu ({url}): thư mục không tồn tại, không vào được hoặc không có quyền "
            "ghi. Hãy kiểm tra đường dẫn (ổ USB, ổ đĩa ngoài đã cắm chưa) và quyền của thư mục, "
            "hoặc chọn cơ sở dữ liệu khác: onestop --database sqlite:///đường/dẫn/tệp.db")


def _backups_hint() -> str:
    try:
        return f" (các bản sao lưu tự động nằm trong thư mục {default_folder()})"
    except OSError:
        return ""


def check_sqlite_location(url: str | None) -> None:
    """Refuses a SQLite file on a network share, and one whose folder cannot be reached or made."""
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
        path.parent.mkdir(parents=True, exist_ok=True)
    except ArgumentError:
        return  # said by connect_database
    except OSError as exc:
        raise DatabaseUnavailable(_unreachable_file(str(path or exc.filename or url))) from exc


def _check_writable(db: Database) -> None:
    """SQLite opens a read-only file without a word and fails at the first save: try a write now
    (the file's user_version written back unchanged, then rolled back)."""
    with db.engine.connect() as conn, conn.begin() as tx:
        version = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        conn.exec_driver_sql(f"PRAGMA user_version = {version}")
        tx.rollback()


def connect_database(url: str | None = None, **engine_kwargs) -> Database:
    """The Database for a URL (not yet connected); a URL that cannot be used raises DatabaseUnavailable."""
    try:
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


def open_database(url: str | None = None, *, seed: bool = True, **engine_kwargs) -> tuple[Database, Site]:
    """Migrates the schema to the newest revision, seeds a new database, returns it with its site."""
    check_sqlite_location(url)
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
