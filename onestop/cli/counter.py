"""The counter's commands: a dossier received, moved along its life, its papers saved."""
from __future__ import annotations

from onestop.cli.context import cannot_write, into, local


def intake(args, ctx) -> int:
    from onestop.dossiers.intake import IntakeRequest, save_intake

    db, site = ctx.db, ctx.site
    req = IntakeRequest(procedure_code=args.procedure, name=args.name, id_number=args.cccd, phone=args.phone,
                        email=args.email, address=args.address, channel=args.channel, sets_count=args.sets,
                        note=args.note, received_at=local(site, args.at))
    saved = save_intake(db, site, req, actor=ctx.actor, now=ctx.now())
    print(saved.code)  # alone on stdout: scripts capture it
    return 0


def dossier(args, ctx) -> int:
    from onestop.dossiers.lifecycle import ACTIONS, TransitionRequest, apply
    from onestop.dossiers.statuses import PAUSED, RUNNING, STATUS_LABELS

    db, site = ctx.db, ctx.site
    authorised = bool(args.collector_name.strip() or args.collector_id.strip())
    req = TransitionRequest(
        action=args.action, at=local(site, args.at), note=args.note, to=args.to,
        handler=args.handler, missing=tuple(args.missing), reason=args.reason, legal_basis=args.legal_basis,
        collector_kind="authorised" if authorised else "applicant", collector_name=args.collector_name,
        collector_id=args.collector_id, new_due_at=local(site, args.new_appointment),
        notified_by=args.notified_by, returned=args.returned,
    )
    result = apply(db, site, args.code, req, actor=ctx.actor, now=ctx.now())
    done = f"Đã ghi: {ACTIONS[args.action].label} — hồ sơ {result.code}, trạng thái «{STATUS_LABELS[result.status]}»"
    if result.status in RUNNING or result.status == "result_ready":
        done += f", hẹn trả {site.calendar.to_local(result.appointment):%H:%M %d/%m/%Y}"
    elif result.status in PAUSED:
        done += ", thời hạn tạm dừng đến khi người nộp bổ sung hoặc nộp phí"
    print(done + ".")
    return 0


def receipt(args, ctx) -> int:
    """The short form of `onestop print receipt`, kept from the first release."""
    args.form = "receipt"
    return _save_paper(args, ctx, "giấy tiếp nhận")


def print_form(args, ctx) -> int:
    return _save_paper(args, ctx, "giấy tiếp nhận" if args.form == "receipt" else "phiếu")


def _save_paper(args, ctx, what: str) -> int:
    from onestop.paperwork.issue import save_paper

    db, site = ctx.db, ctx.site
    replaced = args.output.is_file()
    try:
        save_paper(db, site, args.form, args.code, args.output, actor=ctx.actor, now=ctx.now(),
                   paper=args.paper)
    except OSError as exc:  # never over the database; an old file kept if it fails
        return cannot_write(args.output, exc)
    print(f"Đã lưu {what} vào {into(args.output, replaced)}.")
    return 0
