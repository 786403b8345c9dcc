"""The installation's agency and settings, shared by every desk through the database."""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from onestop.clock.calendar import WorkCalendar
from onestop.db.models import AdminLog, Agency, Setting
from onestop.db.session import Database
from onestop.office.codes import identifier_problem
from onestop.people.accounts import Actor, require
from onestop.people.admin_log import log_admin
from onestop.validation import ValidationError, clean_text

PAPER_SIZES = ("A4", "A5")


@dataclass(frozen=True)
class AgencyInfo:
    code: str = "000.00.12.H26"
    name: str = "Trung tâm Phục vụ hành chính công phường Ba Đình"
    parent_name: str = "UBND Thành phố Hà Nội"
    place_name: str = "Hà Nội"
    address: str = "Số 25 phố Liễu Giai, phường Ba Đình, Hà Nội"
    result_place: str = "Bộ phận Tiếp nhận và Trả kết quả, Trung tâm Phục vụ hành chính công phường Ba Đình"
    lookup_url_template: str = ""

    def qr_payload(self, code: str) -> str:
        """What the receipt's QR carries: the code, or the look-up address with the code in it."""
        template = self.lookup_url_template.strip()
        return template.replace("{code}", code) if "{code}" in template else code


MAX_LOCK_MINUTES = 240
MAX_BACKUP_DAYS = 3650


@dataclass(frozen=True)
class SiteSettings:
    office_hours: tuple[tuple[time, time], ...] = ((time(8), time(12)), (time(13), time(17)))
    saturday_morning: bool = False
    same_day_cutoff: time = time(15)
    extra_days_off: frozenset[date] = field(default_factory=frozenset)
    extra_working_days: frozenset[date] = field(default_factory=frozenset)
    due_soon_hours: float = 8.0  # one working day of office time
    paper_size: str = "A4"
    font_path: str = ""
    backup_keep_days: int = 30  # SQLite: how long the daily backups are kept
    lock_after_minutes: int = 15  # the desk locks after this many idle minutes; 0: never
    # TT 03/2025 Điều 13 k3 (added by TT 04/2025 Điều 23 k2), for a nationally centralised system:
    # codes ‹identifier›-YYMMDD-AAXXXX, AA the two digits of the system's owner; "": the usual form.
    centralised_code_digits: str = ""

    def calendar(self) -> WorkCalendar:
        return WorkCalendar(
            office_hours=self.office_hours,
            saturday_morning=self.saturday_morning,
            same_day_cutoff=self.same_day_cutoff,
            extra_days_off=self.extra_days_off,
            extra_working_days=self.extra_working_days,
        )

    @property
    def due_soon(self) -> timedelta:
        return timedelta(hours=self.due_soon_hours)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["office_hours"] = [[a.strftime("%H:%M"), b.strftime("%H:%M")] for a, b in self.office_hours]
        data["same_day_cutoff"] = self.same_day_cutoff.strftime("%H:%M")
        data["extra_days_off"] = sorted(d.isoformat() for d in self.extra_days_off)
        data["extra_working_days"] = sorted(d.isoformat() for d in self.extra_working_days)
        return data

    @classmethod
    def from_json(cls, data: dict[str, object]) -> SiteSettings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "office_hours" in values:
            values["office_hours"] = tuple(
                (time.fromisoformat(a), time.fromisoformat(b)) for a, b in values["office_hours"]  # type: ignore[union-attr]
            )
        if "same_day_cutoff" in values:
            values["same_day_cutoff"] = time.fromisoformat(values["same_day_cutoff"])  # type: ignore[arg-type]
        for key in ("extra_days_off", "extra_working_days"):
            if key in values:
                values[key] = frozenset(date.fromisoformat(d) for d in values[key])  # type: ignore[union-attr]
        return cls(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Site:
    agency_id: int
    agency: AgencyInfo
    settings: SiteSettings
    calendar: WorkCalendar
    warnings: tuple[str, ...] = ()  # stored settings that could not be used (their defaults stand in)
    configured: bool = True  # someone has saved «Cài đặt»: the agency is theirs, not the first start's demo

    def with_settings(self, settings: SiteSettings) -> Site:
        return replace(self, settings=settings, calendar=settings.calendar(), warnings=())

    @property
    def paper_agency(self) -> AgencyInfo:
        """The agency as papers handed to applicants name it: until «Cài đặt» is saved, «CHƯA CẤU HÌNH
        CƠ QUAN» rather than the demo agency a first start fills in (its identifier stays: codes use it)."""
        if self.configured:
            return self.agency
        return replace(self.agency, name=UNCONFIGURED, parent_name=UNCONFIGURED, address=UNCONFIGURED,
                       result_place=UNCONFIGURED)


UNCONFIGURED = "CHƯA CẤU HÌNH CƠ QUAN"


SETTINGS_KEY = "site"


def load_site(session: Session) -> Site:
    """The site as stored; a stored setting that cannot be used (a damaged or hand-edited row: any
    desk's role may write it on PostgreSQL) falls back to its default, said in `warnings`, so that
    one bad value never stops every desk's start."""
    agency = session.scalars(select(Agency).order_by(Agency.id).limit(1)).one()
    raw = session.get(Setting, SETTINGS_KEY)
    settings, warnings = stored_settings(raw.value if raw else None)
    info = AgencyInfo(**{f.name: getattr(agency, f.name) for f in fields(AgencyInfo)})
    configured = session.scalar(select(AdminLog.id).where(AdminLog.action == "settings.save").limit(1)) is not None
    return Site(agency.id, info, settings, settings.calendar(), warnings, configured)


# validate_site's error keys → the settings they are about
_ERROR_FIELDS = {"extra_days": ("extra_days_off", "extra_working_days")}


def stored_settings(text: str | None) -> tuple[SiteSettings, tuple[str, ...]]:
    """The settings of the stored JSON, each unusable value replaced by its default, and what was
    replaced (Vietnamese, for the status bar or stderr)."""
    default = SiteSettings()
    if text is None:
        return default, ()
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
    except ValueError:
        return default, (f"Cài đặt chung lưu trong cơ sở dữ liệu bị hỏng ({text[:40]!r}); tạm dùng toàn bộ cài "
                         "đặt mặc định. Người quản trị hãy mở Cài đặt, kiểm tra và lưu lại.",)
    settings, bad = default, []
    for f in fields(SiteSettings):
        if f.name not in data:
            continue
        try:
            value = getattr(SiteSettings.from_json({f.name: data[f.name]}), f.name)
            candidate = replace(settings, **{f.name: value})
            if not _same_kind(value, getattr(default, f.name)) or _problems(candidate, f.name):
                raise ValueError(f.name)
        except (ValueError, TypeError, AttributeError):
            bad.append(f.name)
            continue
        settings = candidate
    for key in _problems(settings):  # values sound alone, not together (a day both off and worked)
        for name in _ERROR_FIELDS.get(key, (key,)):
            settings = replace(settings, **{name: getattr(default, name)})
            bad.append(name)
    if not bad:
        return settings, ()
    return settings, (f"Cài đặt lưu trong cơ sở dữ liệu không hợp lệ: {', '.join(bad)}; tạm dùng giá trị mặc định "
                      "cho các mục này. Người quản trị hãy mở Cài đặt, sửa và lưu lại.",)


def _same_kind(value: object, default: object) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default)) and not (isinstance(default, int) and isinstance(value, bool))


def _problems(settings: SiteSettings, name: str | None = None) -> list[str]:
    """validate_site's complaints about the settings (about one field when named), and a
    calendar that cannot be built."""
    found = [key for key in validate_site(AgencyInfo(), settings)
             if name is None or name in _ERROR_FIELDS.get(key, (key,))]
    try:
        settings.calendar()
    except (ValueError, TypeError):
        found.append(name or "office_hours")
    return found


def save_site(session: Session, agency: AgencyInfo, settings: SiteSettings, actor: Actor,
              now: datetime | None = None) -> None:
    """Saves the agency and the settings; with `now`, the change goes to the admin log (None: the
    first start's defaults, which nobody chose)."""
    require(actor, "change_settings")
    before = _stored_settings(session)
    row = session.scalars(select(Agency).order_by(Agency.id).limit(1)).one_or_none()
    if row is None:
        row = Agency()
        session.add(row)
    before.update(_agency_values(row))
    for f in fields(AgencyInfo):
        setattr(row, f.name, getattr(agency, f.name))
    stored = settings.to_json()
    session.merge(Setting(key=SETTINGS_KEY, value=json.dumps(stored, ensure_ascii=False)))
    if now is not None:
        after = {**_agency_values(row), **stored}
        changed = [key for key in after if before.get(key) != after[key]]
        log_admin(session, actor, "settings.save", "đổi: " + (", ".join(changed) or "không có gì"), now)


def change_settings(db: Database, agency: AgencyInfo, settings: SiteSettings, actor: Actor, now: datetime) -> None:
    """The «Cài đặt» use case: one transaction for the agency, the settings and their admin-log row."""
    with db.write() as session:
        save_site(session, agency, settings, actor, now)


def _agency_values(row: Agency) -> dict[str, object]:
    return {f.name: getattr(row, f.name) for f in fields(AgencyInfo)}


def _stored_settings(session: Session) -> dict[str, object]:
    raw = session.get(Setting, SETTINGS_KEY)
    try:
        stored = json.loads(raw.value) if raw else {}
    except ValueError:  # a damaged row: saving the settings again repairs it
        return {}
    return stored if isinstance(stored, dict) else {}


def validate_site(agency: AgencyInfo, settings: SiteSettings) -> dict[str, str]:
    """Problems with the settings an administrator typed, keyed by field; empty when all is well."""
    errors: dict[str, str] = {}
    # NĐ 118/2025 Điều 28 k2a: the identifier starts every dossier code; either style of QĐ 20/2020.
    if problem := identifier_problem(agency.code):
        errors["code"] = problem
    if not agency.name.strip():
        errors["name"] = "Vui lòng nhập tên cơ quan, đơn vị."
    for key, limit in (("name", 300), ("parent_name", 300), ("place_name", 100), ("address", 500),
                       ("result_place", 500), ("lookup_url_template", 500)):
        if len(getattr(agency, key)) > limit and key not in errors:
            errors[key] = f"Nội dung dài quá {limit} ký tự."
        elif key not in errors:
            try:  # printed on every receipt: no direction overrides, undecodable bytes or control characters
                clean_text(getattr(agency, key), key, limit)
            except ValidationError as exc:
                errors[key] = exc.message
    template = agency.lookup_url_template.strip()
    if template and "{code}" not in template:
        errors["lookup_url_template"] = "Địa chỉ tra cứu phải chứa {code} để điền mã hồ sơ."
    elif "{" in template.replace("{code}", ""):
        errors["lookup_url_template"] = "Địa chỉ tra cứu chỉ được chứa {code}, không chứa dữ liệu cá nhân."
    hours = settings.office_hours
    if not hours or any(a >= b for a, b in hours) or any(hours[i][1] > hours[i + 1][0]
                                                         for i in range(len(hours) - 1)):
        errors["office_hours"] = "Giờ làm việc không hợp lệ: mỗi buổi phải bắt đầu trước khi kết thúc, theo thứ tự."
    if settings.extra_days_off & settings.extra_working_days:
        errors["extra_days"] = "Một ngày không thể vừa là ngày nghỉ vừa là ngày làm bù."
    if not 0 < settings.due_soon_hours <= 80:
        errors["due_soon_hours"] = "Ngưỡng sắp đến hạn phải từ trên 0 đến 80 giờ làm việc."
    if settings.paper_size not in PAPER_SIZES:
        errors["paper_size"] = "Khổ giấy phải là A4 hoặc A5."
    if not 1 <= settings.backup_keep_days <= MAX_BACKUP_DAYS:
        errors["backup_keep_days"] = f"Số ngày giữ bản sao lưu phải từ 1 đến {MAX_BACKUP_DAYS}."
    if settings.centralised_code_digits and not re.fullmatch(r"\d\d", settings.centralised_code_digits):
        errors["centralised_code_digits"] = ("Mã hệ thống tập trung (AA, Thông tư 04/2025/TT-VPCP) gồm đúng 2 chữ số, "
                                             "hoặc để trống.")
    if not 0 <= settings.lock_after_minutes <= MAX_LOCK_MINUTES:
        errors["lock_after_minutes"] = f"Thời gian tự khóa phải từ 0 (không khóa) đến {MAX_LOCK_MINUTES} phút."
    return errors


def parse_office_hours(text: str) -> tuple[tuple[time, time], ...]:
    """'08:00-12:00, 13:00-17:00' as typed in Settings."""
    periods = []
    for part in re.split(r"[,;\n]", text):
        if not part.strip():
            continue
        m = re.fullmatch(r"\s*(\d{1,2})[:h](\d{2})\s*-\s*(\d{1,2})[:h](\d{2})\s*", part)
        try:
            if not m:
                raise ValueError
            a, b = time(int(m[1]), int(m[2])), time(int(m[3]), int(m[4]))
        except ValueError:
            raise ValueError(f"Buổi làm việc «{part.strip()}» không đúng dạng 08:00-12:00.") from None
        periods.append((a, b))
    return tuple(periods)


def format_office_hours(hours: tuple[tuple[time, time], ...]) -> str:
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in hours)


def parse_dates(text: str) -> frozenset[date]:
    """Dates typed as dd/mm/yyyy (or ISO), separated by commas, semicolons or new lines."""
    days = set()
    for part in re.split(r"[,;\n]", text):
        part = part.strip()
        if not part:
            continue
        try:
            if "/" in part:
                d, m, y = (int(x) for x in part.split("/"))
                days.add(date(y, m, d))
            else:
                days.add(date.fromisoformat(part))
        except ValueError:
            raise ValueError(f"Ngày «{part}» không hợp lệ, cần dạng ngày/tháng/năm (27/11/2026).") from None
    return frozenset(days)


def format_dates(days: frozenset[date]) -> str:
    return ", ".join(f"{d:%d/%m/%Y}" for d in sorted(days))
