"""Dossier states (DESIGN.md's lifecycle) and how they read at the counter."""
from __future__ import annotations

STATUS_LABELS = {
    "received": "Mới tiếp nhận",
    "in_progress": "Đang xử lý",
    "awaiting_supplement": "Chờ bổ sung",
    "awaiting_payment": "Chờ nộp phí, thuế",
    "result_ready": "Có kết quả",
    "returned": "Đã trả kết quả",
    "refused": "Từ chối",
    "withdrawn": "Rút hồ sơ",
    # NĐ 118/2025 (dossiers received from 01/07/2025)
    "refused_after_review": "Từ chối sau thẩm tra",  # Điều 19 k3
    "stopped": "Dừng giải quyết",  # Điều 21
    "closed": "Đóng hồ sơ (không bổ sung)",  # Điều 19 k5
    "cancelled": "Hủy do tiếp nhận nhầm",  # a mistaken intake: out of every list and figure
}
# The clock is stopped in these states: they are neither due soon nor overdue.
PAUSED = ("awaiting_supplement", "awaiting_payment")
# Open and with the clock running: these can be due soon or overdue.
RUNNING = ("received", "in_progress")
# Ended with a result handed to the applicant as the dossier's outcome (the refusals are results too).
REFUSALS = ("refused", "refused_after_review")
