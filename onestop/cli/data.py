"""The data's commands: demo dossiers, imports of a catalogue or of a ledger, backups and restores,
the schema and a site's move to PostgreSQL."""
from __future__ import annotations

import sys
import time
from datetime import datetime, timezone

from onestop.cli.context import fail


def demo(args, ctx) -> int:
    from onestop.installation.demo import MAX_COMMAND_DOSSIERS, generate

    db, site = ctx.db, ctx.site
    if args.dossiers > MAX_COMMAND_DOSSIERS:
        return fail(f"--dossiers tối đa {MAX_COMMAND_DOSSIERS}; chưa tạo gì.", 2)
    result = generate(db, site, dossiers=args.dossiers, seed=args.seed, now=ctx.now(),
                      actor=ctx.actor)
    print(f"Đã tạo {result.dossiers} hồ sơ mẫu, tiếp nhận từ {result.first_received:%d/%m/%Y} "
          f"đến {result.last_received:%d/%m/%Y}.")
    return 0


def catalogue(args, ctx) -> int:
    from onestop.office.catalogue import import_catalogue

    db = ctx.db
    if not args.file.is_file():
        return fail(f"không tìm thấy tệp {args.file}")
    result = import_catalogue(db, args.file, ctx.actor, ctx.now())
    print(f"Đã nhập danh mục: thêm {result.added}, cập nhật {result.updated} thủ tục.")
    return 0


def import_dossiers_file(args, ctx) -> int:
    from onestop.installation.dossier_import import import_dossiers

    db, site = ctx.db, ctx.site
    if not args.file.is_file():
        return fail(f"không tìm thấy tệp {args.file}")
    result = import_dossiers(db, site, args.file, actor=ctx.actor, now=ctx.now())
    print(f"Đã nhập {result.dossiers} hồ sơ từ {args.file}.")
    return 0


def database(args) -> int:
    from onestop.installation.bootstrap import DatabaseUnavailable, connect_database, open_database

    if args.action == "upgrade":
        from onestop.db.migrate import current_revision

        try:
            db, _site = open_database(args.database)
        except DatabaseUnavailable as exc:
            return fail(str(exc))
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
        return fail(str(exc))
    path = sqlite_path(source_url)
    if path is not None and not path.is_file():
        return fail(f"không có tệp cơ sở dữ liệu nguồn {path}")
    started = time.perf_counter()
    try:
        counts = migrate_site(source, target,
                              progress=lambda table, n: print(f"Đã chép bảng {table}: {n} dòng", file=sys.stderr))
    except SiteMigrationError as exc:
        _print_counts(exc.counts, sys.stderr)
        return fail(str(exc))
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


def backup_or_restore(args) -> int:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from onestop.db.session import backups_dir, resolve_url, sqlite_path
    from onestop.installation.backup import POSTGRESQL_MESSAGE, BackupError, make_backup, restore

    try:
        url = resolve_url(args.database)
        path, in_memory = sqlite_path(url), make_url(url).get_backend_name() == "sqlite"
    except ArgumentError:
        return fail(f"địa chỉ cơ sở dữ liệu «{args.database}» không hợp lệ", 2)
    if path is None and in_memory:
        from onestop.installation.bootstrap import in_memory_message

        return fail(in_memory_message(url), 2)
    if path is None:
        return fail(POSTGRESQL_MESSAGE, 2)
    now = datetime.now(timezone.utc)
    try:
        if args.command == "backup":
            made = make_backup(path, args.output or backups_dir(), now)
            print(f"Đã sao lưu vào {made}")
            return 0
        aside = restore(args.file, path, now)
    except BackupError as exc:
        return fail(str(exc))
    print(f"Đã khôi phục {path} từ {args.file}.")
    if aside is not None:
        print(f"Cơ sở dữ liệu trước khi khôi phục được giữ lại ở {aside}")
    return 0
