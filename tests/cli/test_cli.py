"""The `onestop` command line, run in-process against real SQLite files."""
from __future__ import annotations

import csv
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from openpyxl import load_workbook

from onestop import __version__
from onestop.cli import main
from tests.conftest import SQLITE_ONLY

ROOT = Path(__file__).resolve().parents[2]
HEADER = "code,name,field,level,statutory,committed,fee,supplement_rule,documents"


@pytest.fixture
def url(database_url: str) -> str:
    return database_url  # both engines: the commands are the same on a SQLite desk and a PostgreSQL site


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def pdf_text(path: Path) -> str:
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(path))
    try:
        text = doc[0].get_textpage().get_text_range()
    finally:
        doc.close()
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def test_version(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"onestop {__version__}"


def test_python_m_onestop():
    done = subprocess.run([sys.executable, "-m", "onestop", "--version"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"onestop {__version__}"


def test_demo_export_and_receipt(capsys, url, tmp_path):
    code, out, _ = run(capsys, "--database", url, "demo-data", "--dossiers", "50", "--seed", "3")
    assert code == 0
    made = int(re.search(r"Đã tạo (\d+) hồ sơ mẫu", out).group(1))
    assert made == 50  # at any hour: receipt times are drawn up to now

    csv_path = tmp_path / "ho-so.csv"
    code, out, _ = run(capsys, "--database", url, "export", "dossiers", "--format", "csv", "-o", str(csv_path))
    assert code == 0 and f"Đã xuất {made} hồ sơ" in out
    rows = read_csv(csv_path)
    assert len(rows) == made
    assert list(rows[0])[:3] == ["code", "received_at", "procedure_code"]

    # The same range through --from/--to, as XLSX.
    first = rows[0]["received_at"][:10]
    last = rows[-1]["received_at"][:10]
    xlsx_path = tmp_path / "ho-so.xlsx"
    code, out, _ = run(capsys, "--database", url, "export", "dossiers", "--format", "xlsx", "--from", first,
                       "--to", last, "-o", str(xlsx_path))
    assert code == 0 and f"Đã xuất {made} hồ sơ" in out
    sheet = load_workbook(xlsx_path, read_only=True).worksheets[0]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [r["code"] for r in rows]

    dossier_code = rows[len(rows) // 2]["code"]
    pdf = tmp_path / "out.pdf"
    code, out, err = run(capsys, "--database", url, "receipt", dossier_code, "-o", str(pdf))
    if code != 0 and "phông" in err.lower():
        pytest.skip(f"no Vietnamese serif font installed: {err}")
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF")
    assert dossier_code in pdf_text(pdf)

    missing = tmp_path / "x.pdf"
    code, out, err = run(capsys, "--database", url, "receipt", "NOPE", "-o", str(missing))
    assert code != 0
    assert err.startswith("Lỗi") and "Không tìm thấy hồ sơ" in err and "NOPE" in err
    assert not missing.exists()


def test_database_from_environment(capsys, monkeypatch, tmp_path):
    db_file = tmp_path / "env.db"
    monkeypatch.setenv("ONESTOP_DATABASE_URL", f"sqlite:///{db_file}")
    code, _, _ = run(capsys, "demo-data", "--dossiers", "5", "--seed", "1")
    assert code == 0 and db_file.exists()
    out_path = tmp_path / "env.csv"
    code, out, _ = run(capsys, "export", "dossiers", "-o", str(out_path))
    assert code == 0
    assert 1 <= len(read_csv(out_path)) <= 5


def test_catalogue_import(capsys, url, tmp_path):
    good = tmp_path / "tot.csv"
    good.write_text(
        f"{HEADER}\n"
        "DP.TEST.01,Thủ tục thử nghiệm,Hộ tịch,xã,3 ngày,2 ngày,,,\"bản chính x1: Đơn\"\n"
        "1.004873,Thủ tục cấp Giấy xác nhận tình trạng hôn nhân,Hộ tịch,commune,3d,2d,,,\"bản chính x1: Tờ khai\"\n",
        encoding="utf-8")
    code, out, err = run(capsys, "--database", url, "catalogue", "import", str(good))
    assert code == 0, err
    assert "thêm 1, cập nhật 1" in out

    bad = tmp_path / "loi.csv"
    bad.write_text(
        f"{HEADER}\n"
        "DP.TEST.02,Thủ tục thử hai,Hộ tịch,xã,3d,2d,,,bản chính x1: Đơn\n"
        "DP.TEST.03,Thủ tục thử ba,Hộ tịch,phường,3d,2d,,,bản chính x1: Đơn\n"
        "DP.TEST.04,Thủ tục thử bốn,Hộ tịch,xã,3d,5d,,,bản chính x1: Đơn\n",
        encoding="utf-8")
    code, out, err = run(capsys, "--database", url, "catalogue", "import", str(bad))
    assert code == 1
    assert "chưa thay đổi gì" in err
    assert "Dòng 3:" in err and "Dòng 4:" in err and "Dòng 2:" not in err
    assert "thời hạn cam kết dài hơn thời hạn theo quy định" in err

    # Nothing of the bad file was saved: importing the good row of it alone adds it.
    again = tmp_path / "lai.csv"
    again.write_text(f"{HEADER}\nDP.TEST.02,Thủ tục thử hai,Hộ tịch,xã,3d,2d,,,bản chính x1: Đơn\n",
                     encoding="utf-8")
    code, out, _ = run(capsys, "--database", url, "catalogue", "import", str(again))
    assert code == 0 and "thêm 1, cập nhật 0" in out

    code, _, err = run(capsys, "--database", url, "catalogue", "import", str(tmp_path / "khong-co.csv"))
    assert code == 1 and err.startswith("Lỗi") and "không tìm thấy tệp" in err

    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a workbook")
    code, _, err = run(capsys, "--database", url, "catalogue", "import", str(broken))
    assert code == 1 and "không đọc được tệp Excel" in err and "Dòng 0" not in err


@pytest.mark.parametrize("argv", [
    ["export", "dossiers", "--format", "pdf"],
    ["demo-data", "--dossiers", "0"],
    ["demo-data", "--dossiers", "-3"],
    ["export", "dossiers", "--from", "2026-13-01"],
    ["export", "dossiers", "--to", "30/11/2026"],
    ["receipt", "000.00.12.H26-261123-0001"],
    ["catalogue"],
    ["nonsense"],
], ids=lambda argv: " ".join(argv))
@SQLITE_ONLY  # refused before any database is touched
def test_bad_arguments(capsys, url, argv):
    with pytest.raises(SystemExit) as caught:
        main(["--database", url, *argv])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi")
    assert "invalid" not in err and "required" not in err  # argparse's English is said in Vietnamese
    assert not Path(url.removeprefix("sqlite:///")).exists()  # rejected before touching the database


def test_bad_export_options(capsys, url, tmp_path):
    code, _, err = run(capsys, "--database", url, "export", "dossiers", "--from", "2026-06-30", "--to",
                       "2026-03-01", "-o", str(tmp_path / "a.csv"))
    assert code == 2 and err.startswith("Lỗi") and "--from" in err
    code, _, err = run(capsys, "--database", url, "export", "dossiers", "--format", "xlsx",
                       "-o", str(tmp_path / "a.csv"))
    assert code == 2 and err.startswith("Lỗi") and ".xlsx" in err
    code, _, err = run(capsys, "--database", url, "export", "dossiers", "-o", str(tmp_path / "khong" / "a.csv"))
    assert code == 1 and err.startswith("Lỗi") and "không ghi được" in err
