"""The supervisor's commands: the report, the cut-time targets, the ledger, the dossiers exported."""
from __future__ import annotations

import sys
from pathlib import Path

from onestop.cli.context import cannot_write, fail, into


def export(args, ctx) -> int:
    from onestop.dossiers.export import export_dossiers

    db, site = ctx.db, ctx.site
    if args.start and args.end and args.start > args.end:
        return fail("--from phải trước hoặc bằng --to", 2)
    output = args.output or Path(f"dossiers.{args.format}")
    if output.suffix.lower() != f".{args.format}":
        return fail(f"tệp kết quả phải có đuôi .{args.format}", 2)
    replaced = output.is_file()
    try:
        count = export_dossiers(db, site, args.format, output, start=args.start, end=args.end, actor=ctx.actor,
                                now=ctx.now())
    except OSError as exc:
        return cannot_write(output, exc)
    print(f"Đã xuất {count} hồ sơ vào {into(output, replaced)}.")
    return 0


def _period_problem(args) -> int | None:
    """The exit code when --from, --to, --format and -o do not go together (said on stderr)."""
    if args.start > args.end:
        return fail("--from phải trước hoặc bằng --to", 2)
    if args.format in ("pdf", "xlsx") and args.output is None:
        return fail(f"định dạng {args.format} cần tệp kết quả: thêm -o TỆP.{args.format}", 2)
    return None


def _write_figures(args, ctx, figures, what: str) -> int:
    """Writes a period's figures (a Report or Targets) as --format says: JSON or CSV on screen
    without -o, else to the file -o (onestop.figures.figure_files, as the window saves them)."""
    from onestop.figures.figure_files import figures_text, save_figures

    if args.output is None:  # only JSON and CSV get here (_period_problem)
        sys.stdout.write(figures_text(figures, args.format))
        return 0
    replaced = args.output.is_file()
    try:
        save_figures(figures, args.format, args.output, ctx.site, ctx.local_now())
    except OSError as exc:
        return cannot_write(args.output, exc)
    print(f"Đã lưu {what} vào {into(args.output, replaced)}.")
    return 0


def report(args, ctx) -> int:
    from onestop.figures.report import periodic_report

    db, site = ctx.db, ctx.site
    if (problem := _period_problem(args)) is not None:
        return problem
    with db.read() as session:
        report = periodic_report(session, site, args.start, args.end, args.by, now=ctx.now())
    return _write_figures(args, ctx, report, "báo cáo")


def targets(args, ctx) -> int:
    from onestop.figures.targets import cut_time_targets

    db, site = ctx.db, ctx.site
    if (problem := _period_problem(args)) is not None:
        return problem
    with db.read() as session:
        targets = cut_time_targets(session, site, args.start, args.end)
    return _write_figures(args, ctx, targets, "kết quả cắt giảm thời gian")


def ledger(args, ctx) -> int:
    db, site = ctx.db, ctx.site
    if args.start > args.end:
        return fail("--from phải trước hoặc bằng --to", 2)
    fmt = args.format or args.output.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "xlsx"):
        return fail("không rõ định dạng: thêm --format pdf hoặc --format xlsx, hoặc dùng tệp .pdf, .xlsx", 2)
    if not args.output.parent.is_dir():  # said before a month of dossiers is read and set
        return cannot_write(args.output)
    from onestop.figures.figure_files import save_ledger

    replaced = args.output.is_file()
    try:
        count = save_ledger(db, site, args.start, args.end, fmt, args.output, ctx.local_now(),
                            ctx.actor)
    except OSError as exc:
        return cannot_write(args.output, exc)
    print(f"Đã lưu sổ theo dõi hồ sơ ({count} hồ sơ) vào {into(args.output, replaced)}.")
    return 0
