"""The two legal frames a dossier can be handled under, chosen by the instant of its receipt.

- "2018": Nghị định 61/2018/NĐ-CP and Thông tư 01/2018/TT-VPCP, for dossiers received before
  01/07/2025 00:00 Hà Nội time;
- "2025": Nghị định 118/2025/NĐ-CP (in force 01/07/2025; Điều 40 k1 repealed NĐ 61/2018 and
  NĐ 107/2021) and Thông tư 03/2025/TT-VPCP as amended by Thông tư 04/2025/TT-VPCP.

NĐ 118 has no transitional article, so a dossier keeps the frame it was received under. This is
the one module that compares a date with 01/07/2025: everything else asks `for_received`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from onestop.clock.calendar import TZ

EFFECTIVE_2025 = datetime(2025, 7, 1, tzinfo=TZ)


@dataclass(frozen=True)
class FormTitle:
    number: str  # "01" … "07", as the circular numbers it
    title: str  # as printed, upper case

    @property
    def label(self) -> str:
        return f"Mẫu số {self.number}"


@dataclass(frozen=True)
class RuleSet:
    key: str  # stored in dossier.rule_set
    name: str  # "NĐ 118/2025 – TT 03/2025"
    circular: str  # the circular whose appendix holds the forms
    forms: dict[str, FormTitle]  # by the `onestop print` name of the form
    # Điều 19 k5 (2025): a supplement asked after review only within a window after receipt; the
    # time restarts from zero; a dossier whose papers never come is closed.
    supplement_window: bool
    # Điều 19 k6 (2025): one extension, asked by the day before the appointment's day.
    extension: bool
    # Điều 21 and TT 03 Điều 7 (2025): the applicant asks to stop, Mẫu 05 answers; 2018: withdrawal.
    stop_on_request: bool

    @property
    def refuse_action(self) -> str:
        """The lifecycle action that refuses a dossier in processing (Điều 19 k3 in 2025)."""
        return "refuse_after_review" if self.key == "2025" else "refuse"

    @property
    def end_on_request_action(self) -> str:
        """The lifecycle action that ends a dossier at the applicant's request."""
        return "stop" if self.stop_on_request else "withdraw"

    def form(self, name: str) -> FormTitle:
        try:
            return self.forms[name]
        except KeyError:
            raise LookupError(f"Theo {self.name} không có mẫu «{name}».") from None


RULES_2018 = RuleSet(
    key="2018", name="NĐ 61/2018 – TT 01/2018", circular="Thông tư số 01/2018/TT-VPCP",
    forms={
        "receipt": FormTitle("01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
        "supplement": FormTitle("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        "refusal": FormTitle("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
        "apology": FormTitle("04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"),
        "control-slip": FormTitle("05", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
        "ledger": FormTitle("06", "SỔ THEO DÕI HỒ SƠ"),
    },
    supplement_window=False, extension=False, stop_on_request=False,
)

# TT 03/2025 Phụ lục I. "refusal" is the form of Điều 17 k1c (at reception) and, titled as
# Điều 19 k3 names it, of a refusal after review; "extension" is Mẫu 04 (Điều 19 k6), "apology"
# the same form when the apology comes after the appointment (marked late).
RULES_2025 = RuleSet(
    key="2025", name="NĐ 118/2025 – TT 03/2025", circular="Thông tư số 03/2025/TT-VPCP",
    forms={
        "receipt": FormTitle("01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"),
        "supplement": FormTitle("02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"),
        "refusal": FormTitle("03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"),
        "refusal-after-review": FormTitle("03", "PHIẾU TỪ CHỐI GIẢI QUYẾT HỒ SƠ"),
        "extension": FormTitle("04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"),
        "apology": FormTitle("04", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"),
        "stop-notice": FormTitle("05", "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"),
        "control-slip": FormTitle("06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"),
        "ledger": FormTitle("07", "SỔ THEO DÕI HỒ SƠ"),
    },
    supplement_window=True, extension=True, stop_on_request=True,
)

RULE_SETS = {r.key: r for r in (RULES_2018, RULES_2025)}


def for_received(received_at: datetime) -> RuleSet:
    """The rule set in force at the instant of receipt (aware)."""
    if received_at.tzinfo is None:
        raise ValueError("received_at must be aware")
    return RULES_2025 if received_at >= EFFECTIVE_2025 else RULES_2018


def of(key: str) -> RuleSet:
    return RULE_SETS[key]
