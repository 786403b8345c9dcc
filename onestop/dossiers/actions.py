"""The actions on a dossier, in one registry: what each is called at the counter, the Alt+ key of
its button, the paper handed to the applicant after it, its name on the command line, and the
states it starts from and leads to. The dossier window, the return desk and `onestop dossier`
all read it (tests/ui/test_actions.py fails when they drift); onestop.dossiers.lifecycle performs them.

No database imports here: the command line's parser reads this module before anything is opened.
"""
from __future__ import annotations

from dataclasses import dataclass

from onestop.dossiers.statuses import OPEN, WORKING, Status

BOTH = ("2018", "2025")


@dataclass(frozen=True)
class Action:
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change (an apology, an extension)
    mnemonic: str  # Alt+letter of its button: unique among the actions of one rule set
    form: str | None = None  # onestop.paperwork.papers.FORMS: printed for the applicant once it is done
    rule_sets: tuple[str, ...] = BOTH  # onestop.clock.rule_sets keys under which the action exists
    command: str = ""  # `onestop dossier CODE ‹command›`; set from the name below


_ACTIONS = {
    "transfer": Action("Chuyển xử lý", WORKING, Status.IN_PROGRESS, "C"),
    "request_supplement": Action("Yêu cầu bổ sung hồ sơ", WORKING, Status.AWAITING_SUPPLEMENT, "B", "supplement"),
    "supplement_received": Action("Đã nhận hồ sơ bổ sung", (Status.AWAITING_SUPPLEMENT,), Status.IN_PROGRESS, "N"),
    "await_payment": Action("Chờ nộp phí, thuế", WORKING, Status.AWAITING_PAYMENT, "P"),
    "paid": Action("Đã nộp phí, thuế", (Status.AWAITING_PAYMENT,), Status.IN_PROGRESS, "H"),
    "finish": Action("Có kết quả", WORKING, Status.RESULT_READY, "K"),
    "return": Action("Trả kết quả", (Status.RESULT_READY,), Status.RETURNED, "T"),
    "refuse": Action("Từ chối giải quyết", (*WORKING, Status.AWAITING_SUPPLEMENT), Status.REFUSED, "G", "refusal",
                     ("2018",)),
    # NĐ 118/2025 Điều 19 k3: refused after review, within the processing time, on the
    # Phiếu từ chối giải quyết hồ sơ sent through the counter.
    "refuse_after_review": Action("Từ chối giải quyết sau thẩm tra", (*WORKING, Status.AWAITING_SUPPLEMENT),
                                  Status.REFUSED_AFTER_REVIEW, "G", "refusal", ("2025",)),
    "withdraw": Action("Rút hồ sơ", (*OPEN, Status.RESULT_READY), Status.WITHDRAWN, "R", rule_sets=("2018",)),
    # NĐ 118/2025 Điều 21, TT 03/2025 Điều 7: the applicant asks to stop before a result exists.
    "stop": Action("Dừng giải quyết theo đề nghị", OPEN, Status.STOPPED, "R", "stop-notice", ("2025",)),
    # NĐ 118/2025 Điều 19 k5: the papers asked for never came.
    "close_unsupplemented": Action("Đóng hồ sơ không bổ sung", (Status.AWAITING_SUPPLEMENT,), Status.CLOSED, "D",
                                   rule_sets=("2025",)),
    # NĐ 118/2025 Điều 19 k6: apology and one extension, asked by the day before the appointment.
    "extend": Action("Xin lỗi, gia hạn", OPEN, None, "X", "extension", ("2025",)),
    # 2018: apology and new appointment for a late file; 2025: the apology owed once the
    # appointment has passed (late, and the file stays late). Offered at other times than «extend».
    "apologise": Action("Xin lỗi, hẹn lại", OPEN, None, "X", "apology"),
    "cancel": Action("Hủy do tiếp nhận nhầm", OPEN, Status.CANCELLED, "U"),
}
ACTIONS: dict[str, Action] = {name: Action(**{**a.__dict__, "command": name.replace("_", "-")})
                              for name, a in _ACTIONS.items()}
COMMANDS = {a.command: name for name, a in ACTIONS.items()}  # command-line name → action
