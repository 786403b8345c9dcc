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
}
# The clock is stopped in these states: they are neither due soon nor overdue.
PAUSED = ("awaiting_supplement", "awaiting_payment")
# Open and with the clock running: these can be due soon or overdue.
RUNNING = ("received", "in_progress")
