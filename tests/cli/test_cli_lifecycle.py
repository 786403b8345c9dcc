"""The headless twins of the counter: `onestop intake`, `onestop dossier CODE ACTION`, `onestop print`,
run in-process against a real SQLite file, with the dossier export read back."""
from __future__ import annotations

import csv
import getpass
import re
import unicodedata
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from onestop.cli import main
from onestop.db.models import Dossier, ReceptionSlip
from onestop.installation.bootstrap import open_database
from tests.conftest import SQLITE_ONLY

CODE_RE = re.compile(r"^[0-9A-Z.]+-\d{6}-\d{4}$")
OS_USER = "cb.dongbo"
APPLICANT = "Trần Thị Thu Hà"


@pytest.fixture
def url(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(getpass, "getuser", lambda: OS_USER)
    return database_url


def run(capsys, url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--database", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def ok(capsys, url: str, *argv: str) -> str:
    code, out, err = run(capsys, url, *argv)
    assert code == 0, (argv, err)
    assert err == ""
    return out


def intake(capsys, url: str, at: str, *extra: str) -> str:
    out = ok(capsys, url, "intake", "--procedure", "1.004873", "--name", APPLICANT, "--cccd", "001190012345",
             "--phone", "0912 345 678", "--at", at, *extra)
    code = out.strip()
    assert out == code + "\n" and CODE_RE.match(code), out  # only the code: scripts capture it
    return code


def export(capsys, url: str, tmp_path: Path) -> dict[str, dict[str, str]]:
    path = tmp_path / "ho-so.csv"
    ok(capsys, url, "export", "dossiers", "-o", str(path))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


@contextmanager
def reading(url: str):
    db, _site = open_database(url)
    try:
        with db.read() as session:
            yield session
    finally:
        db.dispose()


def pdf_text(path: Path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(path))
    try:
        raw = " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw))


def test_a_dossier_journey_from_the_command_line(capsys, url, tmp_path):
    # Monday 5 October 2026, 09:00 local; 1.004873 commits to one working day.
    a = intake(capsys, url, "2026-10-05T09:00")
    steps = [
        ("transfer", "--to", "Phòng Tư pháp", "--handler", "Lê Xử Lý", "--at", "2026-10-05T10:00"),
        ("request-supplement", "--missing", "Bản sao CCCD có chứng thực", "--missing", "Tờ khai có chữ ký",
         "--reason", "Bản sao mờ", "--at", "2026-10-05T11:00"),
        ("supplement-received", "--at", "2026-10-07T09:00"),  # restart: due Thursday 8/10 09:00
        ("await-payment", "--note", "Chờ nộp lệ phí", "--at", "2026-10-07T10:00"),
        ("paid", "--at", "2026-10-07T11:00+07:00"),  # resume: an hour later, due 8/10 10:00
    ]
    outs = {}
    for action, *options in steps:
        outs[action] = out = ok(capsys, url, "dossier", a, action, *options)
        assert out.startswith("Đã ghi:") and a in out
    # The appointment is said only while the clock runs: a paused dossier has none to give.
    assert "hẹn trả" not in outs["request-supplement"] and "tạm dừng" in outs["request-supplement"]
    assert outs["paid"].rstrip().endswith("hẹn trả 10:00 08/10/2026.")

    # A paper record entered out of order: earlier than the last event is refused, nothing written.
    code, out, err = run(capsys, url, "dossier", a, "finish", "--at", "2026-10-06T09:00")
    assert code == 1 and out == ""
    assert err.startswith("Lỗi:") and "không được sớm hơn sự kiện cuối cùng" in err and "11:00 07/10/2026" in err

    before = export(capsys, url, tmp_path)[a]
    assert before["status"] == "in_progress" and before["apology_due_at"] == ""
    assert before["due_at"] == "2026-10-08T10:00:00+07:00"

    ok(capsys, url, "dossier", a, "apologise", "--reason", "Chờ xác minh thông tin", "--new-appointment",
       "2026-10-09T16:00", "--at", "2026-10-08T14:00")
    after = export(capsys, url, tmp_path)[a]
    assert after["apology_due_at"] == "2026-10-09T16:00:00+07:00"
    assert (after["due_at"], after["statutory_due_at"]) == (before["due_at"], before["statutory_due_at"])

    ok(capsys, url, "dossier", a, "finish", "--at", "2026-10-09T15:00")
    returned = ok(capsys, url, "dossier", a, "return", "--collector-name", "Phạm Văn Nhận", "--collector-id",
                  "001085000111", "--at", "2026-10-12T09:00")
    assert returned.rstrip().endswith("«Đã trả kết quả».")

    with reading(url) as s:
        d = s.scalars(select(Dossier).where(Dossier.code == a)).one()
        assert d.received_by == OS_USER and {e.user for e in d.events} == {OS_USER}
        assert [e.action for e in d.events] == ["receive", "transfer", "request_supplement", "supplement_received",
                                                "await_payment", "paid", "apologise", "finish", "return"]
        assert (d.returned_to_kind, d.returned_to_name, d.returned_to_id) == (
            "authorised", "Phạm Văn Nhận", "001085000111")
        assert d.events[1].handed_to == "Phòng Tư pháp — Lê Xử Lý"

    row = export(capsys, url, tmp_path)[a]
    assert row["status"] == "returned"
    assert row["finished_at"] == "2026-10-09T15:00:00+07:00" and row["returned_at"] == "2026-10-12T09:00:00+07:00"
    assert (row["due_at"], row["apology_due_at"]) == (before["due_at"], "2026-10-09T16:00:00+07:00")

    for form in ("receipt", "apology", "control-slip", "supplement"):
        pdf = tmp_path / f"{form}.pdf"
        code, out, err = run(capsys, url, "print", form, a, "-o", str(pdf))
        if code != 0 and "phông" in err.lower():
            pytest.skip(f"no Vietnamese serif font installed: {err}")
        assert code == 0, err
        assert pdf.read_bytes().startswith(b"%PDF") and a in pdf_text(pdf)
    assert "16 giờ 00 phút, ngày 09/10/2026" in pdf_text(tmp_path / "apology.pdf")
    slip = pdf_text(tmp_path / "control-slip.pdf")
    assert "Phạm Văn Nhận (người được ủy quyền)" in slip and "Quá hạn Có kết quả" in slip

    code, out, err = run(capsys, url, "print", "refusal", a, "-o", str(tmp_path / "no.pdf"))
    assert code == 1 and err.startswith("Lỗi:") and "không bị từ chối" in err
    assert not (tmp_path / "no.pdf").exists()


def test_every_state_reaches_the_export(capsys, url, tmp_path):
    at = "2026-10-05T09:00"

    def new() -> str:
        return intake(capsys, url, at, "--channel", "online")

    received = new()
    in_progress = new()
    ok(capsys, url, "dossier", in_progress, "transfer", "--to", "Phòng Tư pháp", "--at", "2026-10-05T10:00")
    supplement = new()
    ok(capsys, url, "dossier", supplement, "request_supplement", "--missing", "Tờ khai", "--at", "2026-10-05T10:00")
    payment = new()
    ok(capsys, url, "dossier", payment, "await-payment", "--at", "2026-10-05T10:00")
    ready = new()
    ok(capsys, url, "dossier", ready, "finish", "--at", "2026-10-05T15:00")
    refused = new()
    ok(capsys, url, "dossier", refused, "refuse-after-review", "--reason", "Không thuộc thẩm quyền", "--legal-basis",
       "Điều 4 Nghị định 123/2015/NĐ-CP", "--at", "2026-10-05T10:00")
    stopped = new()
    ok(capsys, url, "dossier", stopped, "stop", "--reason", "Người nộp đề nghị dừng", "--returned",
       "Bản chính giấy khai sinh", "--at", "2026-10-05T10:00")
    closed = new()
    ok(capsys, url, "dossier", closed, "request-supplement", "--missing", "Tờ khai", "--at", "2026-10-05T10:00")
    ok(capsys, url, "dossier", closed, "close-unsupplemented", "--at", "2026-10-21T09:00")  # 15 days after the notice
    cancelled = new()
    ok(capsys, url, "dossier", cancelled, "cancel", "--reason", "Tiếp nhận nhầm thủ tục", "--at", "2026-10-05T09:30")
    returned = new()
    ok(capsys, url, "dossier", returned, "finish", "--at", "2026-10-05T15:00")
    ok(capsys, url, "dossier", returned, "return", "--at", "2026-10-06T08:30")  # the applicant in person
    # The two ends of NĐ 61/2018 only, on dossiers received before 01/07/2025 (Monday 23/06/2025).
    refused_2018 = intake(capsys, url, "2025-06-23T09:00", "--channel", "online")
    ok(capsys, url, "dossier", refused_2018, "refuse", "--reason", "Không thuộc thẩm quyền", "--legal-basis",
       "Điều 4 Nghị định 123/2015/NĐ-CP", "--at", "2025-06-23T10:00")
    withdrawn = intake(capsys, url, "2025-06-23T09:00", "--channel", "online")
    ok(capsys, url, "dossier", withdrawn, "withdraw", "--reason", "Người nộp xin rút", "--at", "2025-06-23T10:00")

    rows = export(capsys, url, tmp_path)
    assert {code: rows[code]["status"] for code in rows} == {
        received: "received", in_progress: "in_progress", supplement: "awaiting_supplement",
        payment: "awaiting_payment", ready: "result_ready", refused: "refused_after_review", stopped: "stopped",
        closed: "closed", cancelled: "cancelled", returned: "returned",
        refused_2018: "refused", withdrawn: "withdrawn",
    }
    assert all(rows[c]["channel"] == "online" and rows[c]["apology_due_at"] == "" for c in rows)
    assert {c for c in rows if rows[c]["rule_set"] == "2018"} == {refused_2018, withdrawn}

    pdf = tmp_path / "tu-choi.pdf"
    code, _, err = run(capsys, url, "print", "refusal", refused, "-o", str(pdf), "--paper", "A5")
    if code != 0 and "phông" in err.lower():
        pytest.skip(f"no Vietnamese serif font installed: {err}")
    assert code == 0 and refused in pdf_text(pdf) and "Điều 4 Nghị định 123/2015/NĐ-CP" in pdf_text(pdf)

    with reading(url) as s:
        d = s.scalars(select(Dossier).where(Dossier.code == returned)).one()
        assert (d.returned_to_kind, d.returned_to_name) == ("applicant", APPLICANT)


def test_refused_actions_and_bad_input_say_why(capsys, url, tmp_path):
    a = intake(capsys, url, "2026-10-05T09:00")
    cases = [
        (("dossier", a, "transfer", "--at", "2026-10-05T10:00"), "phòng ban xử lý"),
        (("dossier", a, "return", "--at", "2026-10-05T10:00"), "Không thể «trả kết quả»"),
        (("dossier", a, "request-supplement", "--at", "2026-10-05T10:00"), "giấy tờ cần bổ sung"),
        (("dossier", a, "apologise", "--reason", "Chậm", "--new-appointment", "2026-10-06T16:00",
          "--at", "2026-10-05T10:00"), "chưa quá hạn"),
        (("dossier", a, "finish", "--at", "2099-01-01T09:00"), "tương lai"),
        # The 2018 ends do not exist for a dossier received under NĐ 118/2025: the message names the 2025 one.
        (("dossier", a, "refuse", "--reason", "Sai", "--legal-basis", "Luật", "--at", "2026-10-05T10:00"),
         "Hãy dùng «Từ chối giải quyết sau thẩm tra»"),
        (("dossier", a, "withdraw", "--reason", "Xin rút", "--at", "2026-10-05T10:00"),
         "Hãy dùng «Dừng giải quyết theo đề nghị»"),
        (("dossier", "KHONG-CO-0001", "finish"), "Không tìm thấy hồ sơ"),
        (("print", "apology", a, "-o", str(tmp_path / "x.pdf")), "chưa có phiếu xin lỗi"),
        (("print", "receipt", "NOPE", "-o", str(tmp_path / "x.pdf")), "NOPE"),
    ]
    for argv, fragment in cases:
        code, out, err = run(capsys, url, *argv)
        assert code == 1 and out == "", argv
        assert err.startswith("Lỗi:") and fragment in err, (argv, err)
    ok(capsys, url, "dossier", a, "finish", "--at", "2026-10-05T15:00")
    code, _, err = run(capsys, url, "dossier", a, "return", "--collector-name", "Phạm Văn Nhận",
                       "--collector-id", "123", "--at", "2026-10-06T09:00")
    assert code == 1 and "ủy quyền" in err

    # A bad intake: every problem said, nothing saved, no code printed.
    code, out, err = run(capsys, url, "intake", "--procedure", "KHONG.CO", "--name", "Nguyễn Văn 2", "--cccd", "123",
                         "--phone", "0123", "--at", "2026-10-05T09:00")
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith("Lỗi: ") for line in lines)
    assert "KHONG.CO" in err and "chữ số" in err and "12 chữ số" in err and "điện thoại" in err
    with reading(url) as s:
        assert len(s.scalars(select(Dossier)).all()) == 1
        assert s.scalars(select(ReceptionSlip)).all() == []


@pytest.mark.parametrize("argv", [
    ["dossier", "X-261005-0001", "nonsense"],
    ["dossier", "X-261005-0001", "finish", "--at", "05/10/2026 09:00"],
    ["dossier", "X-261005-0001"],
    ["intake", "--procedure", "1.004873", "--name", "A"],
    ["intake", "--procedure", "1.004873", "--name", "A", "--cccd", "001190012345", "--channel", "fax"],
    ["print", "ledger", "X-261005-0001", "-o", "x.pdf"],
    ["print", "receipt", "X-261005-0001"],
], ids=lambda argv: " ".join(argv))
@SQLITE_ONLY  # refused before any database is touched
def test_bad_arguments_exit_2_in_vietnamese(capsys, url, argv):
    with pytest.raises(SystemExit) as caught:
        main(["--database", url, *argv])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi")
    assert "invalid" not in err and "required" not in err
    assert not Path(url.removeprefix("sqlite:///")).exists()  # rejected before touching the database


def test_unknown_action_lists_the_actions(capsys, url):
    with pytest.raises(SystemExit):
        main(["--database", url, "dossier", "X-261005-0001", "nonsense"])
    err = capsys.readouterr().err
    assert "nonsense" in err and "request-supplement" in err and "apologise" in err


def test_naive_times_are_local(capsys, url, tmp_path):
    a = intake(capsys, url, "2026-10-05T09:00")
    b = intake(capsys, url, "2026-10-05T02:00:00Z")  # the same instant in UTC
    rows = export(capsys, url, tmp_path)
    assert rows[a]["received_at"] == rows[b]["received_at"] == "2026-10-05T09:00:00+07:00"
    assert datetime.fromisoformat(rows[a]["due_at"]) == datetime.fromisoformat("2026-10-06T09:00:00+07:00")
