"""The `onestop` command: without a sub-command it opens the window; the rest runs headless."""
from __future__ import annotations

import argparse
import getpass
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime, timezone
from pathlib import Path

from onestop import __version__


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


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» không hợp lệ, cần dạng YYYY-MM-DD") from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"«{text}» phải là số nguyên dương")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="onestop", description="Bộ phận tiếp nhận và trả kết quả (một cửa).")
    parser.add_argument("--version", action="version", version=f"onestop {__version__}")
    parser.add_argument("--database", metavar="URL",
                        help="cơ sở dữ liệu (mặc định: SQLite trong thư mục dữ liệu, hoặc ONESTOP_DATABASE_URL)")
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

    cat = sub.add_parser("catalogue", help="danh mục thủ tục hành chính")
    cat_sub = cat.add_subparsers(dest="action", metavar="{import}", required=True, parser_class=_Parser)
    imp = cat_sub.add_parser("import", help="thêm và cập nhật thủ tục từ tệp CSV hoặc XLSX")
    imp.add_argument("file", type=Path)
    return parser


def _fail(message: str, code: int = 1) -> int:
    print(f"Lỗi: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from ui.app import run

        return run(args.database)
    from onestop.bootstrap import DatabaseUnavailable, open_database

    try:
        db, site = open_database(args.database)
    except DatabaseUnavailable as exc:
        return _fail(str(exc))
    try:
        return COMMANDS[args.command](args, db, site)
    finally:
        db.dispose()


def _demo(args, db, site) -> int:
    from onestop.demo import generate

    result = generate(db, site, dossiers=args.dossiers, seed=args.seed, now=datetime.now(timezone.utc),
                      user=getpass.getuser())
    print(f"Đã tạo {result.dossiers} hồ sơ mẫu, tiếp nhận từ {result.first_received:%d/%m/%Y} "
          f"đến {result.last_received:%d/%m/%Y}.")
    return 0


def _export(args, db, site) -> int:
    from onestop.export import dossier_rows, write_csv, write_xlsx

    if args.start and args.end and args.start > args.end:
        return _fail("--from phải trước hoặc bằng --to", 2)
    output = args.output or Path(f"dossiers.{args.format}")
    if output.suffix.lower() != f".{args.format}":
        return _fail(f"tệp kết quả phải có đuôi .{args.format}", 2)
    writer = write_xlsx if args.format == "xlsx" else write_csv
    try:
        with db.read() as session:
            count = writer(dossier_rows(session, site.calendar, args.start, args.end), output)
    except OSError:
        return _fail(f"không ghi được tệp {output} (thư mục không tồn tại hoặc không có quyền ghi)")
    print(f"Đã xuất {count} hồ sơ vào {output}.")
    return 0


def _receipt(args, db, site) -> int:
    from onestop.documents.fonts import FontError
    from onestop.receipts import DossierNotFound, receipt_pdf

    try:
        with db.read() as session:
            pdf = receipt_pdf(session, site, args.code, args.paper)
    except (DossierNotFound, FontError) as exc:
        return _fail(str(exc))
    try:
        args.output.write_bytes(pdf)
    except OSError:
        return _fail(f"không ghi được tệp {args.output} (thư mục không tồn tại hoặc không có quyền ghi)")
    print(f"Đã lưu giấy tiếp nhận vào {args.output}.")
    return 0


def _catalogue(args, db, site) -> int:
    from onestop.catalogue import CatalogueError, import_file

    if not args.file.is_file():
        return _fail(f"không tìm thấy tệp {args.file}")
    try:
        with db.write() as session:
            result = import_file(session, args.file)
    except CatalogueError as exc:
        print("Không nhập được danh mục; chưa thay đổi gì. Các dòng lỗi:", file=sys.stderr)
        for row, message in exc.problems:
            print(f"  Dòng {row}: {message}" if row else f"  {message}", file=sys.stderr)
        return 1
    print(f"Đã nhập danh mục: thêm {result.added}, cập nhật {result.updated} thủ tục.")
    return 0


COMMANDS = {"demo-data": _demo, "export": _export, "receipt": _receipt, "catalogue": _catalogue}
