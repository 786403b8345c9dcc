"""English (and any other) translations of the Vietnamese labels kept by the Qt-free onestop/ modules.

onestop/ stays free of Qt, so its dictionaries (VIEW_LABELS, STATUS_LABELS, CHANNELS, ...) stay the
single source of the Vietnamese text; each value is repeated here inside QT_TRANSLATE_NOOP so that
pyside6-lupdate can extract it (tests/ui/test_translations.py checks the two cannot drift apart), and
the widgets show `tr_label(VIEW_LABELS[view])`. After changing any string under ui/, regenerate
resources/translations/onestop_*.ts and .qm with tools/update_translations.sh.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Labels"

LABELS = (
    # onestop.dossiers.queue.VIEW_LABELS
    QT_TRANSLATE_NOOP("Labels", "Đang giải quyết"),
    QT_TRANSLATE_NOOP("Labels", "Sắp đến hạn"),
    QT_TRANSLATE_NOOP("Labels", "Quá hạn hẹn trả"),
    QT_TRANSLATE_NOOP("Labels", "Quá thời hạn quy định"),
    QT_TRANSLATE_NOOP("Labels", "Cần xin lỗi"),
    QT_TRANSLATE_NOOP("Labels", "Có kết quả hôm nay"),
    # onestop.dossiers.statuses.STATUS_LABELS
    QT_TRANSLATE_NOOP("Labels", "Mới tiếp nhận"),
    QT_TRANSLATE_NOOP("Labels", "Đang xử lý"),
    QT_TRANSLATE_NOOP("Labels", "Chờ bổ sung"),
    QT_TRANSLATE_NOOP("Labels", "Chờ nộp phí, thuế"),
    QT_TRANSLATE_NOOP("Labels", "Có kết quả"),
    QT_TRANSLATE_NOOP("Labels", "Đã trả kết quả"),
    QT_TRANSLATE_NOOP("Labels", "Từ chối"),
    QT_TRANSLATE_NOOP("Labels", "Rút hồ sơ"),
    QT_TRANSLATE_NOOP("Labels", "Từ chối sau thẩm tra"),
    QT_TRANSLATE_NOOP("Labels", "Dừng giải quyết"),
    QT_TRANSLATE_NOOP("Labels", "Đóng hồ sơ (không bổ sung)"),
    QT_TRANSLATE_NOOP("Labels", "Hủy do tiếp nhận nhầm"),
    # onestop.dossiers.intake.CHANNELS
    QT_TRANSLATE_NOOP("Labels", "Trực tiếp"),
    QT_TRANSLATE_NOOP("Labels", "Bưu chính công ích"),
    QT_TRANSLATE_NOOP("Labels", "Trực tuyến"),
    # onestop.dossiers.intake.APPLICANT_KINDS
    QT_TRANSLATE_NOOP("Labels", "Cá nhân"),
    QT_TRANSLATE_NOOP("Labels", "Tổ chức"),
    # onestop.office.catalogue.LEVELS
    QT_TRANSLATE_NOOP("Labels", "Cấp xã"),
    QT_TRANSLATE_NOOP("Labels", "Cấp huyện"),
    QT_TRANSLATE_NOOP("Labels", "Cấp tỉnh"),
    # onestop.figures.late_review.GROUPING_LABELS (LATENESS_LABELS are the lists' names above)
    QT_TRANSLATE_NOOP("Labels", "Phòng, ban"),
    QT_TRANSLATE_NOOP("Labels", "Lĩnh vực"),
    QT_TRANSLATE_NOOP("Labels", "Thủ tục"),
    QT_TRANSLATE_NOOP("Labels", "Cán bộ xử lý"),
    # onestop.clock.periods.KIND_LABELS
    QT_TRANSLATE_NOOP("Labels", "Tháng"),
    QT_TRANSLATE_NOOP("Labels", "Quý"),
    QT_TRANSLATE_NOOP("Labels", "Sáu tháng"),
    QT_TRANSLATE_NOOP("Labels", "Năm"),
    QT_TRANSLATE_NOOP("Labels", "Tùy chọn"),
    # onestop.people.accounts.ROLES
    QT_TRANSLATE_NOOP("Labels", "Cán bộ tiếp nhận và trả kết quả"),
    QT_TRANSLATE_NOOP("Labels", "Lãnh đạo, giám sát"),
    QT_TRANSLATE_NOOP("Labels", "Quản trị hệ thống"),
    # onestop.office.catalogue.DOCUMENT_FORMS
    QT_TRANSLATE_NOOP("Labels", "bản chính"),
    QT_TRANSLATE_NOOP("Labels", "bản sao"),
    QT_TRANSLATE_NOOP("Labels", "bản sao chứng thực"),
)


# onestop.dossiers.lifecycle.EVENT_LABELS (the actions and the receipt event), in their own context: the same
# Vietnamese word can name a state and an action ("Rút hồ sơ": withdrawn / withdraw).
ACTION_CONTEXT = "Actions"

ACTION_LABELS = (
    QT_TRANSLATE_NOOP("Actions", "Tiếp nhận"),
    QT_TRANSLATE_NOOP("Actions", "Nhập từ sổ theo dõi"),
    QT_TRANSLATE_NOOP("Actions", "Chuyển xử lý"),
    QT_TRANSLATE_NOOP("Actions", "Yêu cầu bổ sung hồ sơ"),
    QT_TRANSLATE_NOOP("Actions", "Đã nhận hồ sơ bổ sung"),
    QT_TRANSLATE_NOOP("Actions", "Chờ nộp phí, thuế"),
    QT_TRANSLATE_NOOP("Actions", "Đã nộp phí, thuế"),
    QT_TRANSLATE_NOOP("Actions", "Có kết quả"),
    QT_TRANSLATE_NOOP("Actions", "Trả kết quả"),
    QT_TRANSLATE_NOOP("Actions", "Từ chối giải quyết"),
    QT_TRANSLATE_NOOP("Actions", "Rút hồ sơ"),
    QT_TRANSLATE_NOOP("Actions", "Xin lỗi, hẹn lại"),
    QT_TRANSLATE_NOOP("Actions", "Từ chối giải quyết sau thẩm tra"),
    QT_TRANSLATE_NOOP("Actions", "Dừng giải quyết theo đề nghị"),
    QT_TRANSLATE_NOOP("Actions", "Đóng hồ sơ không bổ sung"),
    QT_TRANSLATE_NOOP("Actions", "Xin lỗi, gia hạn"),
    QT_TRANSLATE_NOOP("Actions", "Hủy do tiếp nhận nhầm"),
)


def tr_action(text: str) -> str:
    """The installed translation of an action's label from onestop.dossiers.lifecycle (Vietnamese without one)."""
    return QCoreApplication.translate(ACTION_CONTEXT, text)


def tr_label(text: str) -> str:
    """The installed translation of one of the labels above (the Vietnamese text itself without one)."""
    return QCoreApplication.translate(CONTEXT, text)
