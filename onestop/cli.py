"""The `onestop` command: without a sub-command it opens the window; the rest runs headless."""
from __future__ import annotations

import argparse
import getpass
import re
import sys
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from onestop import __version__
from onestop.cli_args import date_arg as _date
from onestop.cli_args import instant_arg as _instant
from onestop.cli_args import positive_arg as _positive
from onestop.cli_args import undecodable
from onestop.dossiers.actions import COMMANDS as ACTION_COMMANDS

# argparse's own messages are English; the common ones are said again in Vietnamese.
_ARGPARSE_MESSAGES = (
    (re.compile(r"^argument (?P<arg>[^:]+): (?P<rest>.*)$", re.S), "tham số {arg}: {rest}"),
    (re.compile(r"^invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)$", re.S),
     "giá trị {value} không hợp lệ, chọn một trong: {choices}"),
    (re.compile(r"^invalid (?P<type>\w+) value: (?P<value>.*)$", re.S), "giá trị {value} không hợp lệ"),
    (re.compile(r"^expected one argument$"), "cần một giá trị"),
    (re.compile(r"^the following arguments are required: (?P<args>.*)$", re.S), "thiếu tham số bắt buộc: {args}"),
    (re.compile(r"^unrecognized arguments: (?P<args>.*)$", re.S), "tham số không hợp lệ: {args}"),
)


def _vietnamese(message: str) -> str:
    for pattern, template in _ARGPARSE_MESSAGES:
        m = pattern.match(message)
        if m:
            groups = {k: _vietnamese(v) if k == "rest" else v for k, v in m.groupdict().items()}
            return template.format(**groups)
    return message


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"Lỗi tham số: {_vietnamese(message)}\nXem hướng dẫn: {self.prog} --help\n")


# The lifecycle's actions as typed on the command line (onestop.dossiers.actions: dashes for underscores).
DOSSIER_ACTIONS = tuple(ACTION_COMMANDS)


# onestop.paperwork.papers.FORMS, named here so that parsing the command line does not load ReportLab.
PRINT_FORMS = ("receipt", "apology", "control-slip", "supplement", "refusal", "extension", "stop-notice")


def _action(text: str) -> str:
    command = text.strip().lower().replace("_", "-")
    if command == "apologize":
        command = "apologise"
    if command not in ACTION_COMMANDS:
        raise argparse.ArgumentTypeError(
            f"thao tác «{text}» không tồn tại, chọn một trong: {', '.join(DOSSIER_ACTIONS)}")
    return ACTION_COMMANDS[command]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="onestop", description="Bộ phận tiếp nhận và trả kết quả (một cửa).")
    parser.add_argument("--version", action="version", version=f"onestop {__version__}")
    parser.add_argument("--database", metavar="URL",
                        help="cơ sở dữ liệu (mặc định: ONESTOP_DATABASE_URL, nếu không thì kết nối đã lưu cho bàn "
                             "này trong database_url.txt, nếu không thì SQLite trong thư mục dữ liệu)")
    parser.add_argument("--log-level", choices=("DEBUG", "INFO", "WARNING", "ERROR"), default="INFO",
                        help="mức ghi nhật ký vào logs/onestop.log trong thư mục dữ liệu (mặc định INFO)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    demo = sub.add_parser("demo-data", help="tạo dữ liệu mẫu của một năm")
    demo.add_argument("--dossiers", type=_positive, default=2000, help="số hồ sơ (mặc định 2000)")
    demo.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên")

    export = sub.add_parser("export", help="xuất dữ liệu")
    export_sub = export.add_subparsers(dest="what", metavar="{dossiers}", required=True, parser_class=_Parser)
    dossiers = export_sub.add_parser("dossiers", help="xuất danh sách hồ sơ")
    dossiers.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    dossiers.add_argument("--from", dest="start", type=_date, help="từ ngày tiếp nhận (YYYY-MM-DD)")
    dossiers.add_argument("--to", dest="end", type=_date, help="đến ngày tiếp nhận (YYYY-MM-DD)")
    dossiers.add_argument("-o", "--output", type=Path, help="tệp kết quả (mặc định: dossiers.csv|xlsx)")

    receipt = sub.add_parser("receipt", help="in giấy tiếp nhận và hẹn trả kết quả (Mẫu 01) ra PDF")
    receipt.add_argument("code", help="mã hồ sơ")
    receipt.add_argument("-o", "--output", type=Path, required=True, help="tệp PDF")
    receipt.add_argument("--paper", choices=("A4", "A5"), help="khổ giấy (mặc định theo cài đặt)")

    intake = sub.add_parser("intake", help="tiếp nhận một hồ sơ (in mã hồ sơ mới ra màn hình)")
    intake.add_argument("--procedure", required=True, metavar="CODE", help="mã thủ tục")
    intake.add_argument("--name", required=True, help="họ và tên người nộp")
    intake.add_argument("--cccd", required=True, help="số CCCD (12 chữ số)")
    intake.add_argument("--phone", default="", help="số điện thoại")
    intake.add_argument("--email", default="", help="thư điện tử")
    intake.add_argument("--address", default="", help="địa chỉ")
    intake.add_argument("--channel", choices=("direct", "post", "online"), default="direct",
                        help="hình thức nộp (mặc định: direct)")
    intake.add_argument("--sets", type=_positive, default=1, help="số bộ hồ sơ (mặc định 1)")
    intake.add_argument("--note", default="", help="ghi chú")
    intake.add_argument("--at", type=_instant, metavar="ISO",
                        help="thời điểm tiếp nhận (ISO 8601; không có múi giờ: giờ Việt Nam; mặc định: bây giờ)")

    dossier = sub.add_parser("dossier", help="ghi một thao tác trên hồ sơ (chuyển, bổ sung, trả kết quả…)")
    dossier.add_argument("code", metavar="CODE", help="mã hồ sơ")
    dossier.add_argument("action", metavar="ACTION", type=_action, help=", ".join(DOSSIER_ACTIONS))
    dossier.add_argument("--to", default="", metavar="DEPT", help="transfer: phòng ban xử lý")
    dossier.add_argument("--handler", default="", help="transfer: cán bộ xử lý")
    dossier.add_argument("--note", default="", help="ghi chú")
    dossier.add_argument("--at", type=_instant, metavar="ISO",
                         help="thời điểm thao tác (ISO 8601; không có múi giờ: giờ Việt Nam; mặc định: bây giờ)")
    dossier.add_argument("--missing", action="append", default=[], metavar="TEXT",
                         help="request-supplement: giấy tờ cần bổ sung (lặp lại cho từng giấy tờ)")
    dossier.add_argument("--reason", default="", help="lý do (bổ sung, từ chối, rút, dừng, hủy, xin lỗi, gia hạn)")
    dossier.add_argument("--legal-basis", default="", help="refuse, refuse-after-review: căn cứ pháp lý")
    dossier.add_argument("--collector-name", default="",
                         help="return: họ tên người được ủy quyền nhận kết quả (mặc định: người nộp)")
    dossier.add_argument("--collector-id", default="", help="return: số CCCD người được ủy quyền")
    dossier.add_argument("--new-appointment", type=_instant, metavar="ISO",
                         help="apologise, extend: ngày giờ hẹn trả kết quả mới")
    dossier.add_argument("--notified-by", choices=("email", "sms", "phone", "in-person"), default="",
                         help="extend: đã báo người nộp qua thư điện tử, tin nhắn, điện thoại hay trực tiếp")
    dossier.add_argument("--returned", default="", metavar="TEXT", help="stop: giấy tờ, phí đã trả lại người nộp")

    printing = sub.add_parser("print", help="in một phiếu của hồ sơ ra PDF")
    printing.add_argument("form", choices=PRINT_FORMS, metavar="FORM", help=", ".join(PRINT_FORMS))
    printing.add_argument("code", metavar="CODE", help="mã hồ sơ")
    printing.add_argument("-o", "--output", type=Path, required=True, help="tệp PDF")
    printing.add_argument("--paper", choices=("A4", "A5"), help="khổ giấy (mặc định theo cài đặt)")

    report = sub.add_parser("report", help="báo cáo tình hình giải quyết hồ sơ trong một kỳ")
    report.add_argument("--from", dest="start", type=_date, required=True, help="từ ngày (YYYY-MM-DD)")
    report.add_argument("--to", dest="end", type=_date, required=True, help="đến ngày (YYYY-MM-DD)")
    report.add_argument("--by", choices=("field", "procedure"), default="field",
                        help="tổng hợp theo lĩnh vực hoặc thủ tục")
    report.add_argument("--format", choices=("json", "csv", "pdf", "xlsx"), default="json",
                        help="json, csv, pdf (bản in) hoặc xlsx (bảng tính); pdf và xlsx cần -o")
    report.add_argument("-o", "--output", type=Path,
                        help="tệp kết quả (mặc định: in ra màn hình; bắt buộc với pdf, xlsx)")

    ledger = sub.add_parser("ledger", help="sổ theo dõi hồ sơ (Mẫu 07 theo TT 03/2025, Mẫu 06 theo TT 01/2018) của các hồ sơ tiếp nhận trong một kỳ")
    ledger.add_argument("--from", dest="start", type=_date, required=True, help="từ ngày tiếp nhận (YYYY-MM-DD)")
    ledger.add_argument("--to", dest="end", type=_date, required=True, help="đến ngày tiếp nhận (YYYY-MM-DD)")
    ledger.add_argument("--format", choices=("pdf", "xlsx"),
                        help="pdf (bản in) hoặc xlsx (bảng tính); mặc định theo đuôi tệp kết quả")
    ledger.add_argument("-o", "--output", type=Path, required=True, help="tệp kết quả (.pdf hoặc .xlsx)")

    targets = sub.add_parser("targets", help="kết quả cắt giảm thời gian giải quyết thủ tục trong một kỳ")
    targets.add_argument("--from", dest="start", type=_date, required=True, help="từ ngày (YYYY-MM-DD)")
    targets.add_argument("--to", dest="end", type=_date, required=True, help="đến ngày (YYYY-MM-DD)")
    targets.add_argument("--format", choices=("json", "csv", "pdf", "xlsx"), default="json",
                         help="json, csv, pdf (bản in) hoặc xlsx (bảng tính); pdf và xlsx cần -o")
    targets.add_argument("-o", "--output", type=Path,
                         help="tệp kết quả (mặc định: in ra màn hình; bắt buộc với pdf, xlsx)")

    cat = sub.add_parser("catalogue", help="danh mục thủ tục hành chính")
    cat_sub = cat.add_subparsers(dest="action", metavar="{import}", required=True, parser_class=_Parser)
    imp = cat_sub.add_parser("import", help="thêm và cập nhật thủ tục từ tệp CSV hoặc XLSX")
    imp.add_argument("file", type=Path)

    import_ = sub.add_parser("import", help="nhập dữ liệu từ tệp")
    import_sub = import_.add_subparsers(dest="what", metavar="{dossiers}", required=True, parser_class=_Parser)
    ledger_import = import_sub.add_parser(
        "dossiers", help="nhập sổ theo dõi hồ sơ (XLSX hoặc CSV với các cột như khi xuất, tiêu đề tiếng Việt "
                         "cũng được); có dòng lỗi thì không nhập gì")
    ledger_import.add_argument("file", type=Path, help="tệp .xlsx hoặc .csv")

    database = sub.add_parser("db", help="cơ sở dữ liệu: nâng cấp, chuyển từ SQLite sang PostgreSQL")
    database_sub = database.add_subparsers(dest="action", metavar="{upgrade,migrate-to}", required=True,
                                           parser_class=_Parser)
    db_upgrade = database_sub.add_parser(
        "upgrade", help="tạo hoặc nâng cấp cấu trúc cơ sở dữ liệu (như khi khởi động lần đầu), in phiên bản")
    migrate_to = database_sub.add_parser(
        "migrate-to", help="chép toàn bộ dữ liệu SQLite của bàn này sang một cơ sở dữ liệu PostgreSQL mới; "
                           "không ghi gì vào SQLite")
    migrate_to.add_argument("url", metavar="URL", help="đích: postgresql+psycopg://người_dùng@máy_chủ:5432/tên")
    for command in (db_upgrade, migrate_to):  # also accepted after the sub-command
        command.add_argument("--database", metavar="URL", default=argparse.SUPPRESS,
                             help="cơ sở dữ liệu (nguồn với migrate-to; mặc định như --database của onestop)")
    audit = sub.add_parser("audit", help="kiểm chứng lịch sử hồ sơ")
    audit_sub = audit.add_subparsers(dest="action", metavar="{verify,protect,keygen,sign}", required=True,
                                     parser_class=_Parser)
    verify = audit_sub.add_parser("verify", help="kiểm tra lịch sử mọi hồ sơ: chuỗi băm, trạng thái, thời gian, "
                                                 "người thực hiện, mã liên tục, chữ ký từng ngày")
    verify.add_argument("--key", type=Path, metavar="FILE",
                        help="tệp khóa ký của đơn vị: kiểm tra thêm khóa công khai trong cơ sở dữ liệu là của nó")
    keygen = audit_sub.add_parser("keygen", help="tạo khóa ký của đơn vị (Ed25519): tệp khóa bí mật cất ngoài "
                                                 "máy bàn làm việc, khóa công khai lưu vào cơ sở dữ liệu")
    keygen.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help="tệp khóa bí mật (PEM)")
    sign = audit_sub.add_parser("sign", help="ký chốt từng ngày đã qua chưa ký bằng khóa của đơn vị")
    sign.add_argument("--key", type=Path, required=True, metavar="FILE", help="tệp khóa bí mật (PEM)")
    sign.add_argument("--through", type=_date, metavar="DATE", help="ký đến hết ngày này (mặc định: hôm qua)")
    protect = audit_sub.add_parser("protect", help="PostgreSQL: vai trò của chương trình chỉ được thêm, "
                                                   "không được sửa, xóa sự kiện hay xóa hồ sơ")
    protect.add_argument("--role", required=True, help="vai trò PostgreSQL mà các bàn làm việc dùng để kết nối")
    site = sub.add_parser("site", help="PostgreSQL: vai trò cơ sở dữ liệu cho nhiều bàn (chạy bằng người dùng quản trị "
                                       "máy chủ, ví dụ postgres)")
    site_sub = site.add_subparsers(dest="action", metavar="{roles}", required=True, parser_class=_Parser)
    roles = site_sub.add_parser(
        "roles", help="lập hoặc cập nhật: vai trò chủ bảng không đăng nhập, một nhóm cho mỗi vai trò, một người "
                      "dùng đăng nhập (SCRAM) cho mỗi tài khoản; chạy lại sau mỗi lần nâng cấp")
    roles.add_argument("--prefix", help="tiền tố tên vai trò (mặc định: onestop_<tên cơ sở dữ liệu>)")
    account = sub.add_parser("account", help="tài khoản: thêm, đặt mật khẩu (mật khẩu đọc từ bàn phím hoặc stdin)")
    account_sub = account.add_subparsers(dest="action", metavar="{add,password}", required=True, parser_class=_Parser)
    account_add = account_sub.add_parser("add", help="thêm tài khoản (trên PostgreSQL: cả người dùng đăng nhập)")
    account_add.add_argument("username", help="tên đăng nhập")
    account_add.add_argument("--name", required=True, help="họ và tên")
    account_add.add_argument("--role", required=True, choices=("officer", "supervisor", "admin"),
                             help="officer: cán bộ tiếp nhận; supervisor: lãnh đạo; admin: quản trị")
    account_password = account_sub.add_parser("password", help="đặt mật khẩu mới (và mở khóa) cho một tài khoản")
    account_password.add_argument("username", help="tên đăng nhập")
    log = sub.add_parser("log", help="xem nhật ký: quản trị (tài khoản, danh mục, cài đặt) hoặc xuất dữ liệu cá nhân")
    log.add_argument("which", choices=["admin", "exports"], help="admin: nhật ký quản trị; exports: nhật ký xuất, in")
    log.add_argument("--limit", type=int, default=50, help="số dòng mới nhất (mặc định 50)")
    backup = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu SQLite (có kiểm tra toàn vẹn)")
    backup.add_argument("-o", "--output", type=Path, metavar="FOLDER",
                        help="thư mục chứa bản sao lưu (mặc định: backups trong thư mục dữ liệu)")
    restore = sub.add_parser("restore", help="khôi phục cơ sở dữ liệu SQLite từ một bản sao lưu "
                                             "(cơ sở dữ liệu hiện tại được giữ lại bên cạnh)")
    restore.add_argument("file", type=Path, metavar="FILE", help="tệp sao lưu (.db)")
    restore.add_argument("--database", metavar="URL", default=argparse.SUPPRESS,  # as the start's messages write it
                         help="cơ sở dữ liệu được khôi phục (mặc định như --database của onestop)")
    return parser


def _fail(message: str, code: int = 1) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return code


def _cannot_write(path: Path, exc: OSError | None = None) -> int:
    if exc is not None:  # disk full, the database as -o, …: onestop.files.output_files says which
        from onestop.files.output_files import write_problem

        return _fail(write_problem(path, exc))
    return _fail(f"không ghi được tệp {path} (thư mục không tồn tại hoặc không có quyền ghi)")


def main(argv: Sequence[str] | None = None) -> int:
    if (problem := undecodable(sys.argv[1:] if argv is None else argv)) is not None:
        return _fail(problem, 2)
    args = build_parser().parse_args(argv)
    from onestop.installation import diagnostics

    log_file = diagnostics.configure(args.log_level)
    if argv is None:  # a process of its own (not a test calling main): its last resort for errors
        diagnostics.install_excepthook(
            log_file, lambda path: print(f"Lỗi: {diagnostics.unexpected_message(path)}", file=sys.stderr))
    diagnostics.log.info("onestop %s: %s", __version__, args.command or "window")
    if args.command is None:
        from onestop.ui.app import run

        return run(args.database, log_file)
    if args.command == "db":  # opens its databases itself: the source of a copy is only read
        return _db(args)
    if args.command in ("backup", "restore"):  # a damaged database must not stop its restore
        return _backup_or_restore(args)
    from sqlalchemy.exc import SQLAlchemyError

    from onestop.db.failures import Failure, classify, detail
    from onestop.errors import FieldErrors, OnestopError, RowErrors
    from onestop.installation.bootstrap import explain, open_database
    from onestop.people.accounts import AccountError

    try:
        db, site = open_database(args.database)
    except OnestopError as exc:  # DatabaseUnavailable: said, with what to do
        return _fail(str(exc))
    for warning in site.warnings:
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    # The one place where a command's failure becomes its message and its exit status.
    try:
        return COMMANDS[args.command](args, db, site)
    except AccountError as exc:  # e.g. a desk's own login asking for an administrator's command
        return _fail(f"{exc} Chưa lưu gì.")
    except FieldErrors as exc:  # an intake: one line per field, as the window marks each input
        for message in exc.errors.values():
            print(f"Lỗi: {message}", file=sys.stderr)
        return 1
    except RowErrors as exc:  # an all-or-nothing import refused: every bad row by its number
        print(f"{exc.HEADLINE.format(file=getattr(args, 'file', ''))} Các dòng lỗi:", file=sys.stderr)
        for row, message in exc.problems:
            print(f"  Dòng {row}: {message}" if row else f"  {message}", file=sys.stderr)
        return 1
    except OnestopError as exc:
        return _fail(str(exc))
    except SQLAlchemyError as exc:  # disk full, locked, server gone, refused: said, never a traceback
        diagnostics.log.warning("database error in %s", args.command, exc_info=True)
        if classify(exc) is Failure.NOT_PERMITTED:  # a desk's login on a site with roles
            return _fail("cơ sở dữ liệu từ chối: người dùng đăng nhập không có quyền làm việc này "
                         f"({detail(exc)}); chưa lưu gì. Hãy dùng tài khoản có quyền.")
        return _fail(explain(exc, db.shown_url))
    finally:
        db.dispose()


def _actor(db):
    """Who this command acts as. On a PostgreSQL site whose roles are set up, the database login
    decides (its account, its role): $LOGNAME is whatever the shell says. Otherwise, as before, an
    administrator named after the operating-system user (whoever reaches the database owns it)."""
    from sqlalchemy import select

    from onestop.db.models import Account
    from onestop.people.accounts import Actor, system_actor
    from onestop.people.pg_roles import session_username

    with db.read() as session:
        username = session_username(session)
        account = None if username is None else session.scalars(
            select(Account).where(Account.username == username)).one_or_none()
    if account is None:
        return system_actor(getpass.getuser())
    return Actor(account.username, account.full_name, account.role)


def _into(path: Path, replaced: bool) -> str:
    """Where an output went. An existing file is replaced, as the unix convention and scripts
    expect, but said, and only once the new one is whole (onestop.files.output_files)."""
    return f"{path} (thay tệp cũ)" if replaced else str(path)


def _demo(args, db, site) -> int:
    from onestop.installation.demo import MAX_COMMAND_DOSSIERS, generate

    if args.dossiers > MAX_COMMAND_DOSSIERS:
        return _fail(f"--dossiers tối đa {MAX_COMMAND_DOSSIERS}; chưa tạo gì.", 2)
    result = generate(db, site, dossiers=args.dossiers, seed=args.seed, now=datetime.now(timezone.utc),
                      actor=_actor(db))
    print(f"Đã tạo {result.dossiers} hồ sơ mẫu, tiếp nhận từ {result.first_received:%d/%m/%Y} "
          f"đến {result.last_received:%d/%m/%Y}.")
    return 0


def _export(args, db, site) -> int:
    from onestop.dossiers.export import export_dossiers

    if args.start and args.end and args.start > args.end:
        return _fail("--from phải trước hoặc bằng --to", 2)
    output = args.output or Path(f"dossiers.{args.format}")
    if output.suffix.lower() != f".{args.format}":
        return _fail(f"tệp kết quả phải có đuôi .{args.format}", 2)
    replaced = output.is_file()
    try:
        count = export_dossiers(db, site, args.format, output, start=args.start, end=args.end, actor=_actor(db),
                                now=datetime.now(timezone.utc))
    except OSError as exc:
        return _cannot_write(output, exc)
    print(f"Đã xuất {count} hồ sơ vào {_into(output, replaced)}.")
    return 0


def _period_problem(args) -> int | None:
    """The exit code when --from, --to, --format and -o do not go together (said on stderr)."""
    if args.start > args.end:
        return _fail("--from phải trước hoặc bằng --to", 2)
    if args.format in ("pdf", "xlsx") and args.output is None:
        return _fail(f"định dạng {args.format} cần tệp kết quả: thêm -o TỆP.{args.format}", 2)
    return None


def _write_figures(args, site, figures, what: str) -> int:
    """Writes a period's figures (a Report or Targets) as --format says: JSON or CSV on screen
    without -o, else to the file -o (onestop.figures.figure_files, as the window saves them)."""
    from onestop.figures.figure_files import figures_text, save_figures

    if args.output is None:  # only JSON and CSV get here (_period_problem)
        sys.stdout.write(figures_text(figures, args.format))
        return 0
    replaced = args.output.is_file()
    try:
        save_figures(figures, args.format, args.output, site, datetime.now(site.calendar.tz))
    except OSError as exc:
        return _cannot_write(args.output, exc)
    print(f"Đã lưu {what} vào {_into(args.output, replaced)}.")
    return 0


def _report(args, db, site) -> int:
    from onestop.figures.report import periodic_report

    if (problem := _period_problem(args)) is not None:
        return problem
    with db.read() as session:
        report = periodic_report(session, site, args.start, args.end, args.by, now=datetime.now(timezone.utc))
    return _write_figures(args, site, report, "báo cáo")


def _targets(args, db, site) -> int:
    from onestop.figures.targets import cut_time_targets

    if (problem := _period_problem(args)) is not None:
        return problem
    with db.read() as session:
        targets = cut_time_targets(session, site, args.start, args.end)
    return _write_figures(args, site, targets, "kết quả cắt giảm thời gian")


def _ledger(args, db, site) -> int:
    if args.start > args.end:
        return _fail("--from phải trước hoặc bằng --to", 2)
    fmt = args.format or args.output.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "xlsx"):
        return _fail("không rõ định dạng: thêm --format pdf hoặc --format xlsx, hoặc dùng tệp .pdf, .xlsx", 2)
    if not args.output.parent.is_dir():  # said before a month of dossiers is read and set
        return _cannot_write(args.output)
    from onestop.figures.figure_files import save_ledger

    replaced = args.output.is_file()
    try:
        count = save_ledger(db, site, args.start, args.end, fmt, args.output, datetime.now(site.calendar.tz),
                            _actor(db))
    except OSError as exc:
        return _cannot_write(args.output, exc)
    print(f"Đã lưu sổ theo dõi hồ sơ ({count} hồ sơ) vào {_into(args.output, replaced)}.")
    return 0


def _receipt(args, db, site) -> int:
    args.form = "receipt"
    return _save_paper(args, db, site, "giấy tiếp nhận")


def _catalogue(args, db, site) -> int:
    from onestop.office.catalogue import import_catalogue

    if not args.file.is_file():
        return _fail(f"không tìm thấy tệp {args.file}")
    result = import_catalogue(db, args.file, _actor(db), datetime.now(timezone.utc))
    print(f"Đã nhập danh mục: thêm {result.added}, cập nhật {result.updated} thủ tục.")
    return 0


def _import(args, db, site) -> int:
    from onestop.installation.dossier_import import import_dossiers

    if not args.file.is_file():
        return _fail(f"không tìm thấy tệp {args.file}")
    result = import_dossiers(db, site, args.file, actor=_actor(db), now=datetime.now(timezone.utc))
    print(f"Đã nhập {result.dossiers} hồ sơ từ {args.file}.")
    return 0


def _audit(args, db, site) -> int:
    from onestop.dossiers.audit import protect_for_role

    if args.action == "protect":
        from sqlalchemy.exc import DBAPIError

        from onestop.db.failures import detail
        from onestop.people.pg_roles import RolesError

        try:
            protect_for_role(db, args.role)
        except RolesError as exc:
            return _fail(str(exc), 2)
        except DBAPIError as exc:  # e.g. no such role: the server's words say which
            return _fail(f"máy chủ từ chối ({detail(exc)}); chưa thay đổi gì. Hãy tạo vai trò "
                         f"{args.role} trước (CREATE ROLE) và chạy lệnh bằng chủ các bảng.")
        print(f"Vai trò {args.role} chỉ còn được đọc và thêm sự kiện; không sửa, xóa được lịch sử hồ sơ.")
        return 0
    from sqlalchemy.exc import SQLAlchemyError

    from onestop.db.failures import detail
    from onestop.errors import OnestopError

    try:
        return {"verify": _audit_verify, "keygen": _audit_keygen, "sign": _audit_sign}[args.action](args, db, site)
    except OnestopError:
        raise  # a key refused, a day not signable: said by the dispatcher
    except SQLAlchemyError as exc:  # e.g. a damaged page: the audit must answer, never end in a traceback
        return _fail(f"không đọc được cơ sở dữ liệu để kiểm tra lịch sử ({detail(exc)}). Tệp có thể đã hỏng: hãy giữ "
                     "nguyên tệp này, khôi phục bản sao lưu gần nhất sang một tệp khác rồi kiểm tra lại, và báo "
                     "quản trị viên. Không có gì được ghi.")
    except Exception as exc:  # noqa: BLE001 — idem: whatever the data holds, a message and exit 1
        return _fail(f"không kiểm tra được lịch sử ({type(exc).__name__}: {exc}). Dữ liệu kiểm chứng có thể đã "
                     "bị sửa: hãy báo quản trị viên. Không có gì được ghi.")


def _audit_keygen(args, db, site) -> int:
    from onestop.people.accounts import system_actor
    from onestop.people.audit_heads import generate_key

    fingerprint = generate_key(db, args.output, actor=system_actor(getpass.getuser()), now=datetime.now(site.calendar.tz))
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


def _audit_sign(args, db, site) -> int:
    from datetime import timedelta

    from onestop.people.accounts import system_actor
    from onestop.people.audit_heads import FINGERPRINT_HEX, local_day, read_private_key, sign_days

    now = datetime.now(site.calendar.tz)
    through = args.through or local_day(now) - timedelta(days=1)
    signed = sign_days(db, read_private_key(args.key), through=through, actor=system_actor(getpass.getuser()), now=now)
    for h in signed:
        print(f"Đã ký ngày {h.day:%d/%m/%Y}: {h.events} sự kiện, dấu {h.head[:FINGERPRINT_HEX]}.")
    if not signed:
        print(f"Không còn ngày nào chưa ký đến hết {through:%d/%m/%Y}.")
    return 0


def _audit_verify(args, db, site) -> int:
    from onestop.dossiers.audit import verify_chain
    from onestop.people.audit_heads import key_fingerprint, read_private_key

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
        return _fail(f"{problems} chỗ không khớp trong lịch sử của {result.dossiers} hồ sơ.")
    print(f"Lịch sử toàn vẹn: {result.events} sự kiện của {result.dossiers} hồ sơ khớp chuỗi kiểm chứng, "
          "trạng thái, thời gian và mã hồ sơ.")
    return 0


def _site(args, db, site) -> int:
    from sqlalchemy.exc import DBAPIError

    from onestop.people.pg_roles import Names, RolesError, default_prefix, setup_roles

    prefix = args.prefix or default_prefix(db.url.database or "")
    try:
        without = setup_roles(db, prefix)
    except RolesError as exc:
        return _fail(str(exc), 2)
    except DBAPIError as exc:  # not a superuser: the server's words say what it refused
        from onestop.db.failures import detail

        return _fail(f"máy chủ từ chối lập vai trò ({detail(exc)}); chưa thay đổi gì. Hãy chạy lệnh bằng người dùng "
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


def _account(args, db, site) -> int:
    from onestop.people.accounts import create_account, set_password

    now = datetime.now(timezone.utc)
    actor = _actor(db)
    password = _read_password()
    if args.action == "add":
        create_account(db, actor, args.username, args.name, args.role, password, now)
        print(f"Đã thêm tài khoản {args.username.strip().lower()}.")
    else:
        set_password(db, actor, args.username, password, now)
        print(f"Đã đặt mật khẩu mới cho {args.username.strip().lower()}.")
    return 0


def _log(args, db, site) -> int:
    from onestop.people.admin_log import log_entries

    if not 1 <= args.limit <= 100_000:
        return _fail("--limit phải từ 1 đến 100000", 2)
    for at, user, what, detail in log_entries(db, _actor(db), args.which, args.limit):
        print(f"{site.calendar.to_local(at):%d/%m/%Y %H:%M}\t{user}\t{what}\t{detail}")  # newest first
    return 0


def _db(args) -> int:
    from onestop.installation.bootstrap import DatabaseUnavailable, connect_database, open_database

    if args.action == "upgrade":
        from onestop.db.migrate import current_revision

        try:
            db, _site = open_database(args.database)
        except DatabaseUnavailable as exc:
            return _fail(str(exc))
        try:
            print(f"Cơ sở dữ liệu {db.url.render_as_string(hide_password=True)} đã sẵn sàng, "
                  f"phiên bản {current_revision(db.engine)}.")
        finally:
            db.dispose()
        return 0
    from onestop.db.session import resolve_url, sqlite_path
    from onestop.installation.site_migration import SiteMigrationError, migrate_site

    source_url = resolve_url(args.database)
    try:
        source = connect_database(source_url, read_only=True)
        target = connect_database(args.url)
    except DatabaseUnavailable as exc:
        return _fail(str(exc))
    path = sqlite_path(source_url)
    if path is not None and not path.is_file():
        return _fail(f"không có tệp cơ sở dữ liệu nguồn {path}")
    started = time.perf_counter()
    try:
        counts = migrate_site(source, target,
                              progress=lambda table, n: print(f"Đã chép bảng {table}: {n} dòng", file=sys.stderr))
    except SiteMigrationError as exc:
        _print_counts(exc.counts, sys.stderr)
        return _fail(str(exc))
    finally:
        source.dispose()
        target.dispose()
    seconds = time.perf_counter() - started
    _print_counts(counts, sys.stdout)
    total = sum(c.target for c in counts)
    print(f"Đã chép {total} dòng sang {target.url.render_as_string(hide_password=True)} trong {seconds:.1f} giây; "
          "số dòng từng bảng ở nguồn và đích khớp nhau.")
    return 0


def _print_counts(counts, stream) -> None:
    if counts:
        print(f"{'bảng':<20} {'nguồn':>10} {'đích':>10}", file=stream)
        for c in counts:
            print(f"{c.table:<20} {c.source:>10} {c.target:>10}{'' if c.source == c.target else '  ≠'}", file=stream)


def _local(site, value: datetime | None) -> datetime | None:
    return None if value is None else site.calendar.to_local(value)


def _intake(args, db, site) -> int:
    from onestop.dossiers.intake import IntakeRequest, save_intake

    req = IntakeRequest(procedure_code=args.procedure, name=args.name, id_number=args.cccd, phone=args.phone,
                        email=args.email, address=args.address, channel=args.channel, sets_count=args.sets,
                        note=args.note, received_at=_local(site, args.at))
    saved = save_intake(db, site, req, actor=_actor(db), now=datetime.now(timezone.utc))
    print(saved.code)  # alone on stdout: scripts capture it
    return 0


def _dossier(args, db, site) -> int:
    from onestop.dossiers.lifecycle import ACTIONS, TransitionRequest, apply
    from onestop.dossiers.statuses import PAUSED, RUNNING, STATUS_LABELS

    authorised = bool(args.collector_name.strip() or args.collector_id.strip())
    req = TransitionRequest(
        action=args.action, at=_local(site, args.at), note=args.note, to=args.to,
        handler=args.handler, missing=tuple(args.missing), reason=args.reason, legal_basis=args.legal_basis,
        collector_kind="authorised" if authorised else "applicant", collector_name=args.collector_name,
        collector_id=args.collector_id, new_due_at=_local(site, args.new_appointment),
        notified_by=args.notified_by, returned=args.returned,
    )
    result = apply(db, site, args.code, req, actor=_actor(db), now=datetime.now(timezone.utc))
    done = f"Đã ghi: {ACTIONS[args.action].label} — hồ sơ {result.code}, trạng thái «{STATUS_LABELS[result.status]}»"
    if result.status in RUNNING or result.status == "result_ready":
        done += f", hẹn trả {site.calendar.to_local(result.appointment):%H:%M %d/%m/%Y}"
    elif result.status in PAUSED:
        done += ", thời hạn tạm dừng đến khi người nộp bổ sung hoặc nộp phí"
    print(done + ".")
    return 0


def _print(args, db, site) -> int:
    return _save_paper(args, db, site, "phiếu")


def _save_paper(args, db, site, what: str) -> int:
    from onestop.paperwork.issue import save_paper

    replaced = args.output.is_file()
    try:
        save_paper(db, site, args.form, args.code, args.output, actor=_actor(db), now=datetime.now(timezone.utc),
                   paper=args.paper)
    except OSError as exc:  # never over the database; an old file kept if it fails
        return _cannot_write(args.output, exc)
    print(f"Đã lưu {what} vào {_into(args.output, replaced)}.")
    return 0


def _backup_or_restore(args) -> int:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from onestop.db.session import resolve_url, sqlite_path
    from onestop.installation.backup import POSTGRESQL_MESSAGE, BackupError, default_folder, make_backup, restore

    try:
        url = resolve_url(args.database)
        path, in_memory = sqlite_path(url), make_url(url).get_backend_name() == "sqlite"
    except ArgumentError:
        return _fail(f"địa chỉ cơ sở dữ liệu «{args.database}» không hợp lệ", 2)
    if path is None and in_memory:
        from onestop.installation.bootstrap import in_memory_message

        return _fail(in_memory_message(url), 2)
    if path is None:
        return _fail(POSTGRESQL_MESSAGE, 2)
    now = datetime.now(timezone.utc)
    try:
        if args.command == "backup":
            made = make_backup(path, args.output or default_folder(), now)
            print(f"Đã sao lưu vào {made}")
            return 0
        aside = restore(args.file, path, now)
    except BackupError as exc:
        return _fail(str(exc))
    print(f"Đã khôi phục {path} từ {args.file}.")
    if aside is not None:
        print(f"Cơ sở dữ liệu trước khi khôi phục được giữ lại ở {aside}")
    return 0


COMMANDS = {"demo-data": _demo, "export": _export, "receipt": _receipt, "catalogue": _catalogue,
            "intake": _intake, "dossier": _dossier, "print": _print, "report": _report, "import": _import,
            "audit": _audit, "log": _log, "targets": _targets, "ledger": _ledger, "site": _site,
            "account": _account}
