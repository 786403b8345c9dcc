"""Dossier states (DESIGN.md's lifecycle) and how they read at the counter: the one list of them.

`Status` members are strings ("received"…), as stored in the database and typed in scripts, so
they compare and serialise as the plain names do."""
from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    label: str  # Vietnamese, as the counter and the reports say it

    def __new__(cls, value: str, label: str) -> Status:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    RECEIVED = "received", "Mới tiếp nhận"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    AWAITING_SUPPLEMENT = "awaiting_supplement", "Chờ bổ sung"
    AWAITING_PAYMENT = "awaiting_payment", "Chờ nộp phí, thuế"
    RESULT_READY = "result_ready", "Có kết quả"
    RETURNED = "returned", "Đã trả kết quả"
    REFUSED = "refused", "Từ chối"
    WITHDRAWN = "withdrawn", "Rút hồ sơ"
    # NĐ 118/2025 (dossiers received from 01/07/2025)
    REFUSED_AFTER_REVIEW = "refused_after_review", "Từ chối sau thẩm tra"  # Điều 19 k3
    STOPPED = "stopped", "Dừng giải quyết"  # Điều 21
    CLOSED = "closed", "Đóng hồ sơ (không bổ sung)"  # Điều 19 k5
    CANCELLED = "cancelled", "Hủy do tiếp nhận nhầm"  # a mistaken intake: out of every list and figure


STATUS_LABELS = {s.value: s.label for s in Status}
# The clock is stopped in these states: they are neither due soon nor overdue.
PAUSED = (Status.AWAITING_SUPPLEMENT.value, Status.AWAITING_PAYMENT.value)
# Open and with the clock running: these can be due soon or overdue.
RUNNING = (Status.RECEIVED.value, Status.IN_PROGRESS.value)
OPEN = (*RUNNING, *PAUSED)
WORKING = RUNNING  # the clock runs and the file is with us
# Ended with a result handed to the applicant as the dossier's outcome (the refusals are results too).
REFUSALS = (Status.REFUSED.value, Status.REFUSED_AFTER_REVIEW.value)
# Closed without a result handed over: shown with the instant they ended.
ENDED_WITHOUT_RESULT = (Status.REFUSED.value, Status.WITHDRAWN.value, Status.REFUSED_AFTER_REVIEW.value,
                        Status.STOPPED.value, Status.CLOSED.value, Status.CANCELLED.value)
