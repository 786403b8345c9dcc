"""The command line's grammar: every command, its options and their Vietnamese help.

It loads no database module, so that `onestop --help` and a mistyped option answer at once."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

from onestop import __version__
from onestop.cli.arguments import date_arg as _date
from onestop.cli.arguments import instant_arg as _instant
from onestop.cli.arguments import positive_arg as _positive
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

    receipt = sub.add_parser("receipt", help="in giấy tiếp nhận và hẹn trả kết quả (Mẫu 01) ra PDF "
                                              "(cách viết ngắn của: onestop print receipt)")
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
