"""The `onestop` command: without a sub-command it opens the window; the rest runs headless.

One module per group of commands — counter (intake, dossier, receipt, print), figures (report,
targets, ledger, export), data (demo-data, import, catalogue, backup, restore, db), administration
(account, log, site, audit) — each handler taking the parsed arguments and a Context (database,
site, actor, clock). `main` below is the one place where a failure becomes its message and exit
status. `onestop receipt CODE -o F` is kept as the short form of `onestop print receipt CODE -o F`.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence

from onestop import __version__
from onestop.cli import administration, counter, data, figures
from onestop.cli.arguments import undecodable
from onestop.cli.context import Context, fail
from onestop.cli.parser import DOSSIER_ACTIONS, PRINT_FORMS, build_parser

__all__ = ["DOSSIER_ACTIONS", "PRINT_FORMS", "build_parser", "main"]

COMMANDS = {
    "intake": counter.intake, "dossier": counter.dossier, "receipt": counter.receipt, "print": counter.print_form,
    "report": figures.report, "targets": figures.targets, "ledger": figures.ledger, "export": figures.export,
    "demo-data": data.demo, "import": data.import_dossiers_file, "catalogue": data.catalogue,
    "account": administration.account, "log": administration.show_log, "site": administration.site_roles,
    "audit": administration.audit,
}


def no_desktop(env: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str | None:
    """On Linux the window needs a desktop session (X11 or Wayland); without one Qt aborts saying
    "libxcb-cursor0 is needed", which sends an administrator after the wrong package."""
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") \
            or env.get("WAYLAND_DISPLAY"):
        return None
    return ("Không có màn hình: cửa sổ chương trình cần một phiên làm việc đồ họa (đăng nhập vào màn hình "
            "của máy, không qua SSH). Các lệnh như «onestop intake», «onestop report» vẫn chạy ở đây.")


def main(argv: Sequence[str] | None = None) -> int:
    if (problem := undecodable(sys.argv[1:] if argv is None else argv)) is not None:
        return fail(problem, 2)
    args = build_parser().parse_args(argv)
    from onestop.installation import diagnostics

    log_file = diagnostics.configure(args.log_level)
    if argv is None:  # a process of its own (not a test calling main): its last resort for errors
        diagnostics.install_excepthook(
            log_file, lambda path: print(f"Lỗi: {diagnostics.unexpected_message(path)}", file=sys.stderr))
    diagnostics.log.info("onestop %s: %s", __version__, args.command or "window")
    if args.command is None:
        if (problem := no_desktop()) is not None:  # before Qt, whose own words name a missing library
            return fail(problem)
        from onestop.ui.app import run

        return run(args.database, log_file)
    if args.command == "db":  # opens its databases itself: the source of a copy is only read
        return data.database(args)
    if args.command in ("backup", "restore"):  # a damaged database must not stop its restore
        return data.backup_or_restore(args)
    from sqlalchemy.exc import SQLAlchemyError

    from onestop.db.failures import Failure, classify, detail
    from onestop.errors import FieldErrors, OnestopError, RowErrors
    from onestop.installation.bootstrap import explain, open_database
    from onestop.people.accounts import AccountError

    try:
        db, site = open_database(args.database)
    except OnestopError as exc:  # DatabaseUnavailable: said, with what to do
        return fail(str(exc))
    for warning in site.warnings:
        print(f"Cảnh báo: {warning}", file=sys.stderr)
    # The one place where a command's failure becomes its message and its exit status.
    try:
        return COMMANDS[args.command](args, Context(db, site))
    except AccountError as exc:  # e.g. a desk's own login asking for an administrator's command
        return fail(f"{exc} Chưa lưu gì.")
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
        return fail(str(exc))
    except SQLAlchemyError as exc:  # disk full, locked, server gone, refused: said, never a traceback
        diagnostics.log.warning("database error in %s", args.command, exc_info=True)
        if classify(exc) is Failure.NOT_PERMITTED:  # a desk's login on a site with roles
            return fail("cơ sở dữ liệu từ chối: người dùng đăng nhập không có quyền làm việc này "
                         f"({detail(exc)}); chưa lưu gì. Hãy dùng tài khoản có quyền.")
        return fail(explain(exc, db.shown_url))
    finally:
        db.dispose()
