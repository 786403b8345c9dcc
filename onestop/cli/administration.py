"""The administrator's commands: accounts, the logs, PostgreSQL roles, the audit chain and its signed days."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

from onestop.cli.context import fail


def audit(args, ctx) -> int:
    from sqlalchemy.exc import DBAPIError

    from onestop.db.failures import detail
    from onestop.dossiers.audit import protect_for_role

    db = ctx.db
    if args.action == "protect":
        from onestop.people.pg_roles import RolesError

        try:
            protect_for_role(db, args.role)
        except RolesError as exc:
            return fail(str(exc), 2)
        except DBAPIError as exc:  # e.g. no such role: the server's words say which
            return fail(f"máy chủ từ chối ({detail(exc)}); chưa thay đổi gì. Hãy tạo vai trò "
                         f"{args.role} trước (CREATE ROLE) và chạy lệnh bằng chủ các bảng.")
        print(f"Vai trò {args.role} chỉ còn được đọc và thêm sự kiện; không sửa, xóa được lịch sử hồ sơ.")
        return 0
    from onestop.errors import OnestopError

    try:
        return {"verify": _audit_verify, "keygen": _audit_keygen, "sign": _audit_sign}[args.action](args, ctx)
    except OnestopError:
        raise  # a key refused, a day not signable: said by the dispatcher
    except DBAPIError as exc:  # e.g. a damaged page: the audit must answer, never end in a traceback
        return fail(f"không đọc được cơ sở dữ liệu để kiểm tra lịch sử ({detail(exc)}). Tệp có thể đã hỏng: hãy giữ "
                     "nguyên tệp này, khôi phục bản sao lưu gần nhất sang một tệp khác rồi kiểm tra lại, và báo "
                     "quản trị viên. Không có gì được ghi.")
    except (ValueError, TypeError, KeyError) as exc:  # a stored value the driver cannot read back (a date
        # overwritten with text), a hash or a key that is not hex: the history was altered outside onestop
        return fail(f"không kiểm tra được lịch sử ({type(exc).__name__}: {exc}). Dữ liệu kiểm chứng có thể đã "
                     "bị sửa: hãy báo quản trị viên. Không có gì được ghi.")


def _audit_keygen(args, ctx) -> int:
    from onestop.people.accounts import system_actor
    from onestop.people.audit_heads import generate_key

    db = ctx.db
    fingerprint = generate_key(db, args.output, actor=system_actor(getpass.getuser()), now=ctx.local_now())
    print(f"Đã tạo khóa ký của đơn vị (dấu vân tay {fingerprint}) vào {args.output}.\n"
          "Hãy cất tệp này ngoài các máy bàn làm việc (USB của lãnh đạo, máy quản trị); "
          "ai có tệp này ký được lịch sử.")
    if _near_the_data(args.output, db):
        print(f"Cảnh báo: tệp khóa {args.output} đang nằm cạnh cơ sở dữ liệu, trong tầm tay của máy bàn làm việc: "
              "hãy chuyển nó sang USB hoặc máy quản trị rồi xóa bản ở đây.", file=sys.stderr)
    return 0


def _near_the_data(path: Path, db) -> bool:
    """The key beside the SQLite file or in the data folder: whoever holds the file holds the key."""
    from onestop.db.session import data_dir

    folder = path.resolve().parent
    places = {data_dir().resolve()}
    if db.url.get_backend_name() == "sqlite" and db.url.database:
        places.add(Path(db.url.database).resolve().parent)
    return any(folder == place or place in folder.parents for place in places)


def _audit_sign(args, ctx) -> int:
    from datetime import timedelta

    from onestop.people.accounts import system_actor
    from onestop.people.audit_heads import FINGERPRINT_HEX, local_day, read_private_key, sign_days

    db = ctx.db
    now = ctx.local_now()
    through = args.through or local_day(now) - timedelta(days=1)
    signed = sign_days(db, read_private_key(args.key), through=through, actor=system_actor(getpass.getuser()), now=now)
    for h in signed:
        print(f"Đã ký ngày {h.day:%d/%m/%Y}: {h.events} sự kiện, dấu {h.head[:FINGERPRINT_HEX]}.")
    if not signed:
        print(f"Không còn ngày nào chưa ký đến hết {through:%d/%m/%Y}.")
    return 0


def _audit_verify(args, ctx) -> int:
    from onestop.dossiers.audit import verify_chain
    from onestop.people.audit_heads import key_fingerprint, read_private_key

    db, site = ctx.db, ctx.site
    expected_key = key_fingerprint(read_private_key(args.key).public_key()) if args.key else None
    with db.read() as session:
        result = verify_chain(session, site.settings.centralised_code_digits)
    for breach in result.breaches:
        print(f"{breach.code}: {breach.message}", file=sys.stderr)
    problems = len(result.breaches)
    if expected_key is not None and expected_key not in result.key_fingerprints:
        print("Khóa công khai trong cơ sở dữ liệu không phải của tệp khóa đã cho: các chữ ký có thể đã bị làm lại "
              "bằng khóa khác.", file=sys.stderr)
        problems += 1
    if result.key_fingerprints:
        print(f"Khóa ký của đơn vị: {', '.join(result.key_fingerprints)}. Đã ký {result.signed_days} ngày.")
    else:
        print("Chưa có khóa ký của đơn vị: lịch sử chưa được neo (onestop audit keygen, rồi onestop audit sign).")
    if result.unsigned_days:
        days = result.unsigned_days
        span = f"{days[0]:%d/%m/%Y}" + (f" … {days[-1]:%d/%m/%Y}" if len(days) > 1 else "")
        print(f"{len(days)} ngày có sự kiện chưa được ký ({span}).")
    if not result.accounts_checked:
        print("Chưa có tài khoản nào: chưa đối chiếu được người thực hiện với danh sách tài khoản.")
    if result.identities_unchecked:
        print("Tài khoản này chỉ đọc được CCCD và số điện thoại đã che: thông tin người nộp chưa được đối "
              "chiếu (hãy kiểm tra bằng tài khoản cán bộ tiếp nhận hoặc người quản trị máy chủ).")
    if result.unattributed:
        names = ", ".join(f"«{name}» ({count})" for name, count in sorted(result.unattributed.items()))
        print(f"Sự kiện ghi tên không phải tài khoản nào: {names}. Trên SQLite ai giữ tệp cũng ghi được "
              "mọi tên, và lệnh dòng lệnh ghi tên người dùng hệ điều hành; chỉ các ngày đã ký bảo đảm lịch sử.")
    if problems:
        return fail(f"{problems} chỗ không khớp trong lịch sử của {result.dossiers} hồ sơ.")
    print(f"Lịch sử toàn vẹn: {result.events} sự kiện của {result.dossiers} hồ sơ khớp chuỗi kiểm chứng, "
          "trạng thái, thời gian và mã hồ sơ.")
    return 0


def site_roles(args, ctx) -> int:
    from sqlalchemy.exc import DBAPIError

    from onestop.people.pg_roles import Names, RolesError, default_prefix, setup_roles

    db = ctx.db
    prefix = args.prefix or default_prefix(db.url.database or "")
    try:
        without = setup_roles(db, prefix)
    except RolesError as exc:
        return fail(str(exc), 2)
    except DBAPIError as exc:  # not a superuser: the server's words say what it refused
        from onestop.db.failures import detail

        return fail(f"máy chủ từ chối lập vai trò ({detail(exc)}); chưa thay đổi gì. Hãy chạy lệnh bằng người dùng "
                     "quản trị máy chủ, ví dụ: --database postgresql+psycopg://postgres@máy_chủ/tên_cơ_sở_dữ_liệu")
    names = Names(prefix)
    print(f"Đã lập vai trò: chủ các bảng {names.owner} (không đăng nhập được), nhóm "
          + ", ".join(names.group(r) for r in ("officer", "supervisor", "admin"))
          + f"; mỗi tài khoản đăng nhập cơ sở dữ liệu bằng tên {names.prefix}.<tên đăng nhập>.")
    for username in without:
        print(f"Tài khoản {username} chưa có mật khẩu cơ sở dữ liệu: onestop account password {username}",
              file=sys.stderr)
    return 0


def _read_password() -> str:
    """Typed twice at a terminal (not shown), else the first line of stdin (scripts)."""
    from onestop.people.accounts import AccountError

    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        raise AccountError("Hai lần nhập mật khẩu không khớp.")
    return first


def account(args, ctx) -> int:
    from onestop.people.accounts import create_account, set_password

    db = ctx.db
    now = ctx.now()
    actor = ctx.actor
    password = _read_password()
    if args.action == "add":
        create_account(db, actor, args.username, args.name, args.role, password, now)
        print(f"Đã thêm tài khoản {args.username.strip().lower()}.")
    else:
        set_password(db, actor, args.username, password, now)
        print(f"Đã đặt mật khẩu mới cho {args.username.strip().lower()}.")
    return 0


def show_log(args, ctx) -> int:
    from onestop.people.admin_log import log_entries

    db, site = ctx.db, ctx.site
    if not 1 <= args.limit <= 100_000:
        return fail("--limit phải từ 1 đến 100000", 2)
    for at, user, what, detail in log_entries(db, ctx.actor, args.which, args.limit):
        print(f"{site.calendar.to_local(at):%d/%m/%Y %H:%M}\t{user}\t{what}\t{detail}")  # newest first
    return 0
