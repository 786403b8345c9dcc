"""The bad-input lists of the issue-12 probe (reliability-probe.md, section 1), replayed: CLI intake
(81 cases), the other commands (71) on a SQLite desk through real subprocesses, and the services
(36 on each engine, 72). Each case is "refuse" (a Vietnamese message, exit non-zero, no traceback,
nothing saved) or "accept" (saved, normalised). The probe published its cases as prose; these
lists follow it case by case; run with -rA, the passes per test function are the probe's
"tried / correct". Before issue 12: 81/77, 71/60, 72/57 (the probe: 81/77, 71/61, 72/58)."""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from onestop.dossiers.intake import DocumentReceived, IntakeError, IntakeRequest, find_procedure, save_intake
from onestop.dossiers.lifecycle import TransitionError, TransitionRequest, apply
from onestop.people.accounts import Actor
from tests.conftest import ENGINES, MONDAY_0915

ROOT = Path(__file__).resolve().parents[2]
TZ = timezone(timedelta(hours=7))
NFD = unicodedata.normalize("NFD", "Phạm Thị Hường")


_RELATIVE = re.compile(r"\{now([+-]\d+)s\}")


def _at(delta: timedelta) -> str:
    """An instant relative to the desk's clock (future, tolerance): a mark that _run turns into
    the time of the command's own clock, read just before it runs (not when the cases were
    collected, and not this process's clock: under tools/at_clock a child's may differ)."""
    return f"{{now{int(delta.total_seconds()):+d}s}}"


def _when(arg: str, env: dict[str, str]) -> str:
    if not _RELATIVE.search(arg):
        return arg
    clock = subprocess.run([sys.executable, "-c", "import time; print(time.time())"], env=env, capture_output=True,
                           text=True, check=True, timeout=60)
    now = datetime.fromtimestamp(float(clock.stdout), TZ)
    return _RELATIVE.sub(lambda m: (now + timedelta(seconds=int(m.group(1)))).isoformat(timespec="seconds"), arg)


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str | bytes, ...]
    accept: bool = False


def _intake(**fields: str | bytes) -> tuple[str | bytes, ...]:
    values = {"procedure": "DP.LLTP.01", "name": "Nguyễn Văn An", "cccd": "001090000001", **fields}
    argv: list[str | bytes] = ["intake"]
    for key, value in values.items():
        if value is not None:
            argv += [f"--{key}", value]
    return tuple(argv)


REFUSED_INTAKE = {
    "empty name": _intake(name=""), "blank name": _intake(name="   "), "tab-only name": _intake(name="\t\t"),
    "201 characters": _intake(name="A" * 201), "10,000 characters": _intake(name="Nguyễn " * 1429),
    "BEL": _intake(name="Nguyễn\x07 An"), "ESC": _intake(name="\x1b[31mNguyễn An"),
    "RLO": _intake(name="Nguyễn \u202eAn"), "ZWSP": _intake(name="Nguyễn\u200bAn"),
    "ZWJ": _intake(name="Nguyễn\u200dAn"), "BOM": _intake(name="\ufeffNguyễn An"),
    "emoji": _intake(name="Nguyễn An 😀"), "digits": _intake(name="Nguyễn Văn 2"), "punctuation only": _intake(name=".-'"),
    "=name": _intake(name="=1+1"), "+name": _intake(name="+SUM(A1)"), "@name": _intake(name="@cmd"),
    "homoglyph name": _intake(name="Nguy\u0435n Văn An"), "stacked marks": _intake(name="A" + "\u0301" * 150),
    "CCCD 9 digits": _intake(cccd="001090000"), "CCCD 11 digits": _intake(cccd="00109000000"),
    "CCCD 13 digits": _intake(cccd="0010900000011"), "CCCD province 999": _intake(cccd="999090000001"),
    "CCCD province 003": _intake(cccd="003090000001"), "CCCD letters": _intake(cccd="00109000000A"),
    "CCCD Arabic-Indic digits": _intake(cccd="٠٠١٠٩٠٠٠٠٠٠١"), "CCCD dashes": _intake(cccd="001-090-000001"),
    "phone 9 digits": _intake(phone="091234567"), "phone 11 digits": _intake(phone="09123456789"),
    "phone +1": _intake(phone="+12025550123"), "phone letters": _intake(phone="0912abc678"),
    "phone 012x": _intake(phone="01234567890"), "phone 0000000000": _intake(phone="0000000000"),
    "phone 10,000 digits": _intake(phone="9" * 10_000),
    "e-mail no @": _intake(email="an.example.com"), "e-mail no dot": _intake(email="an@example"),
    "e-mail two @": _intake(email="an@@example.com"), "e-mail space": _intake(email="an van@example.com"),
    "e-mail no local part": _intake(email="@example.com"), "e-mail bad domain": _intake(email="an@-x.com"),
    "10k address": _intake(address="Số 1 " * 2000), "10k note": _intake(note="ghi chú " * 1250),
    "control in address": _intake(address="Số 1\x07 Liễu Giai"), "control in note": _intake(note="ghi\x1bchú"),
    "--at Feb 30": _intake(at="2026-02-30T09:00"), "--at 9999": _intake(at="9999-01-01T09:00"),
    "--at a day ahead": _intake(at=_at(timedelta(days=1))), "--at +10 min": _intake(at=_at(timedelta(minutes=10))),
    "--at offset +25:00": _intake(at="2026-11-20T09:00+25:00"), "--at dd/mm/yyyy": _intake(at="20/11/2026"),
    "--at empty": _intake(at=""), "--at 1900": _intake(at="1900-01-02T09:00"), "--at 0001": _intake(at="0001-01-01T00:00"),
    "--sets 0": _intake(sets="0"), "--sets -1": _intake(sets="-1"), "--sets 21": _intake(sets="21"),
    "--sets abc": _intake(sets="abc"), "--sets 1e3": _intake(sets="1e3"), "--sets ²": _intake(sets="²"),
    "--sets 10³⁰": _intake(sets="10" + "³⁰"), "empty procedure": _intake(procedure=""),
    "unknown procedure": _intake(procedure="KHONG.CO.01"), "unknown channel": _intake(channel="fax"),
}
ACCEPTED_INTAKE = {
    "inner newline": _intake(name="Nguyễn\nVăn An"), "NBSP": _intake(name="Nguyễn\u00a0Văn An"),
    "NFD name": _intake(name=NFD), "CCCD spaces": _intake(cccd="001 090 000001"),
    "CCCD full-width": _intake(cccd="００１０９００００００１"), "CCCD trailing space": _intake(cccd="001090000001 "),
    "phone +84": _intake(phone="+84912345678"), "phone 84": _intake(phone="84912345678"),
    "phone (+84)": _intake(phone="(+84) 912 345 678"), "phone dotted": _intake(phone="0912.345.678"),
    "phone dashes": _intake(phone="0912-345-678"), "landline 02x": _intake(phone="02438253567"),
    "--at without offset": _intake(at="2026-11-20T09:00"), "--at Z": _intake(at="2026-11-20T02:00Z"),
    "--at +14:00": _intake(at="2026-11-21T09:00+14:00"), "--at date alone": _intake(at="2026-11-20"),
    "--at Sunday 03:00": _intake(at="2026-11-22T03:00"), "--at +4 min": _intake(at=_at(timedelta(minutes=4))),
}
INTAKE_CASES = ([Case(k, v) for k, v in REFUSED_INTAKE.items()]
                + [Case(k, v, accept=True) for k, v in ACCEPTED_INTAKE.items()])


def _run(url: str, data: Path, *argv: str | bytes) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", "ONESTOP_DATA_DIR": str(data),
           "TZ": "America/New_York"}  # a time without offset is Vietnam's whatever the OS says
    args = [os.fsencode(sys.executable), b"-m", b"onestop", b"--database", url.encode()]
    args += [a if isinstance(a, bytes) else _when(a, env).encode() for a in argv]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, timeout=180, env=env)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def _judge(result: tuple[int, str, str], accept: bool) -> None:
    code, out, err = result
    assert "Traceback" not in err and "Exception ignored" not in err, err
    if accept:
        assert code == 0, err
    else:
        assert code != 0 and err.strip(), (code, out, err)  # "Lỗi: …" or an import's list of bad rows
        assert not out.strip() or not out.strip()[0].isdigit(), out  # no dossier code printed


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("probe")
    url = f"sqlite:///{folder / 'onestop.db'}"
    code, _, err = _run(url, folder / "data", "db", "upgrade")
    assert code == 0, err
    return url, folder


@pytest.mark.slow  # 81 subprocesses
@pytest.mark.parametrize("case", INTAKE_CASES, ids=lambda c: c.name)
def test_cli_intake(desk, case):
    url, folder = desk
    _judge(_run(url, folder / "data", *case.argv), case.accept)


@pytest.fixture(scope="module")
def dossiers(desk) -> dict[str, str]:
    """A dossier just received (C) and one received in January, late by now (L), plus files."""
    url, folder = desk
    made = {}
    for key, at in (("C", _at(timedelta(hours=-1))), ("L", "2026-01-05T09:00")):
        code, out, err = _run(url, folder / "data", *_intake(at=at))
        assert code == 0, err
        made[key] = out.strip()
    files = {
        "empty.csv": b"", "garbage.csv": os.urandom(2000), "nul.csv": b"code,name\x00\x00\n\x00",
        "latin1.csv": "mã,tên\nA,Nguy\xe9n\n".encode("latin-1"), "notes.txt": b"hello",
        "text.db": b"not a database", "existing.pdf": b"old", "existing.csv": b"old",
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    (folder / "a-folder").mkdir()
    foreign = sqlite3.connect(folder / "foreign.db")
    foreign.execute("CREATE TABLE t (x)")
    foreign.commit()
    foreign.close()
    corrupt = (folder / "onestop.db").read_bytes()
    (folder / "corrupt.db").write_bytes(corrupt[:4096] + b"\xff" * 8192 + corrupt[12288:])
    return made


def _other_cases() -> list:
    f = "{folder}"  # filled in per case
    c, late = "{C}", "{L}"
    period = ("--from", "2026-11-01", "--to", "2026-11-30")
    refused = {
        "unknown code": ("dossier", "000.00.12.H26-261123-9999", "finish"), "unknown action": ("dossier", c, "fly"),
        "--at before the last event": ("dossier", c, "transfer", "--to", "Phòng Tư pháp", "--at", "2026-01-01T09:00"),
        "--at in the future": ("dossier", c, "transfer", "--to", "Phòng Tư pháp", "--at", _at(timedelta(days=1))),
        "missing --to": ("dossier", c, "transfer"), "missing --missing": ("dossier", c, "request-supplement"),
        "missing --legal-basis": ("dossier", c, "refuse-after-review", "--reason", "Không đủ điều kiện"),
        "collector without CCCD": ("dossier", c, "return", "--collector-name", "Lê Văn Bình"),
        "collector with digits": ("dossier", c, "return", "--collector-name", "Lê Văn 2",
                                  "--collector-id", "001090000002"),
        "apologise before late": ("dossier", c, "apologise", "--reason", "Chậm",
                                  "--new-appointment", _at(timedelta(days=10))),
        "extend without appointment": ("dossier", c, "extend", "--reason", "Chờ xác minh"),
        "print apology not late": ("print", "apology", c, "-o", f"{f}/a.pdf"),
        "print refusal": ("print", "refusal", c, "-o", f"{f}/r.pdf"),
        "print extension": ("print", "extension", c, "-o", f"{f}/e.pdf"),
        "print stop-notice": ("print", "stop-notice", c, "-o", f"{f}/s.pdf"),
        "print unknown code": ("print", "receipt", "000.00.12.H26-261123-9999", "-o", f"{f}/u.pdf"),
        "-o missing folder": ("receipt", c, "-o", f"{f}/khong-co/x.pdf"),
        "-o a folder": ("receipt", c, "-o", f"{f}/a-folder"),
        "--paper A3": ("receipt", c, "-o", f"{f}/x.pdf", "--paper", "A3"),
        "report --from after --to": ("report", "--from", "2026-11-30", "--to", "2026-11-01"),
        "export --from after --to": ("export", "dossiers", "--from", "2026-11-30", "--to", "2026-11-01",
                                     "-o", f"{f}/x.csv"),
        "targets --from after --to": ("targets", "--from", "2026-11-30", "--to", "2026-11-01"),
        "ledger --from after --to": ("ledger", "--from", "2026-11-30", "--to", "2026-11-01", "-o", f"{f}/l.pdf"),
        "ledger wrong suffix": ("ledger", *period, "-o", f"{f}/l.txt"),
        "export wrong suffix": ("export", "dossiers", "--format", "csv", "-o", f"{f}/x.xlsx"),
        "report pdf without -o": ("report", *period, "--format", "pdf"),
        "report Feb 30": ("report", "--from", "2026-02-30", "--to", "2026-03-01"),
        "targets Feb 30": ("targets", "--from", "2026-02-30", "--to", "2026-03-01"),
        "ledger Feb 30": ("ledger", "--from", "2026-02-30", "--to", "2026-03-01", "-o", f"{f}/l.pdf"),
        "log --limit 0": ("log", "admin", "--limit", "0"), "log --limit -1": ("log", "admin", "--limit", "-1"),
        "log --limit 100001": ("log", "admin", "--limit", "100001"),
        "log --limit abc": ("log", "admin", "--limit", "abc"), "log bogus": ("log", "bogus"),
        **{f"{what} {name}": (*command, path) for what, command in (("catalogue import", ("catalogue", "import")),
                                                                    ("import dossiers", ("import", "dossiers")))
           for name, path in (("missing file", f"{f}/khong-co.csv"), ("empty file", f"{f}/empty.csv"),
                              ("garbage", f"{f}/garbage.csv"), ("NUL", f"{f}/nul.csv"),
                              ("latin-1", f"{f}/latin1.csv"), (".txt", f"{f}/notes.txt"), ("folder", f"{f}/a-folder"))},
        "audit protect on SQLite": ("audit", "protect", "--role", "onestop_desk"),
        "audit protect bad role": ("audit", "protect", "--role", "x; DROP TABLE dossier"),
        "demo-data 0": ("demo-data", "--dossiers", "0"), "demo-data -5": ("demo-data", "--dossiers", "-5"),
        "demo-data 1.5": ("demo-data", "--dossiers", "1.5"),
        "backup -o a file": ("backup", "-o", f"{f}/existing.csv"),
        "restore missing": ("restore", f"{f}/khong-co.db"), "restore text": ("restore", f"{f}/text.db"),
        "restore foreign": ("restore", f"{f}/foreign.db"), "restore corrupt": ("restore", f"{f}/corrupt.db"),
        "restore live": ("restore", f"{f}/onestop.db"), "unknown command": ("frobnicate",),
        # The probe's failures:
        "export 0001..9999": ("export", "dossiers", "--from", "0001-01-01", "--to", "9999-12-31", "-o", f"{f}/o.csv"),
        "report 0001..9999": ("report", "--from", "0001-01-01", "--to", "9999-12-31"),
        "targets 0001..9999": ("targets", "--from", "0001-01-01", "--to", "9999-12-31"),
        "ledger 0001..9999": ("ledger", "--from", "0001-01-01", "--to", "9999-12-31", "-o", f"{f}/o.pdf"),
        "transfer --to not UTF-8": ("dossier", c, "transfer", "--to", b"Ph\xffong"),
        "intake --address not UTF-8": (*_intake(), "--address", b"Ph\xffong"),
        "intake --note not UTF-8": (*_intake(), "--note", b"Ph\xffong"),
        "demo-data on real dossiers": ("demo-data", "--dossiers", "3"),
        "apologise new appointment 9999": ("dossier", late, "apologise", "--reason", "Chậm",
                                           "--new-appointment", "9999-12-31T23:59"),
    }
    return [pytest.param(Case(k, v), id=k) for k, v in refused.items()]


# Silent overwrites (probe 1b, 5d): an existing file named by -o is replaced, as the unix convention
# and scripts expect, but only once the new one is whole, and said (onestop.files.output_files).
REPLACED = {"print -o existing": ("print", "receipt", "{C}", "-o", "{folder}/existing.pdf"),
            "export -o existing": ("export", "dossiers", "-o", "{folder}/existing.csv")}


OTHER_CASES = _other_cases()


@pytest.mark.slow  # 71 subprocesses
@pytest.mark.parametrize("case", OTHER_CASES)
def test_cli_other_commands(desk, dossiers, case):
    url, folder = desk
    fill = {"{folder}": str(folder), "{C}": dossiers["C"], "{L}": dossiers["L"]}

    def filled(arg):
        if isinstance(arg, bytes):
            return arg
        for key, value in fill.items():
            arg = arg.replace(key, value)
        return arg

    argv = tuple(filled(a) for a in case.argv)
    before = {p.name: p.read_bytes() for p in folder.glob("existing.*")}
    result = _run(url, folder / "data", *argv)
    _judge(result, False)
    assert {p.name: p.read_bytes() for p in folder.glob("existing.*")} == before  # nothing overwritten


@pytest.mark.slow
@pytest.mark.parametrize("name", REPLACED)
def test_cli_output_onto_an_existing_file_replaces_it_whole_and_says_so(desk, dossiers, name):
    url, folder = desk
    argv = tuple(a.replace("{folder}", str(folder)).replace("{C}", dossiers["C"]) for a in REPLACED[name])
    target = Path(argv[-1])
    code, out, err = _run(url, folder / "data", *argv)
    assert code == 0 and "(thay tệp cũ)" in out, (out, err)
    assert target.read_bytes()[:5] == b"%PDF-" if target.suffix == ".pdf" else \
        target.read_text("utf-8-sig").startswith("code,")


# --- Services: the window's path, on both engines -------------------------------------------------

BASE = dict(procedure_code="DP.LLTP.01", name="Nguyễn Văn An", id_number="001090000001")


def _req(**kw) -> IntakeRequest:
    return IntakeRequest(**{**BASE, **kw})


def _doc(session, **kw) -> list[DocumentReceived]:
    paper = find_procedure(session, "DP.LLTP.01").documents[0]
    values = {"required_document_id": paper.id, "name": paper.name, "form": paper.form, "quantity": 1, **kw}
    return [DocumentReceived(**values)]


INTAKE_SERVICE = {
    "NUL name": lambda s: _req(name="Nguyễn\x00An"), "NUL address": lambda s: _req(address="Số 1\x00"),
    "NUL note": lambda s: _req(note="ghi\x00"), "NUL phone": lambda s: _req(phone="0912\x00345678"),
    "NUL CCCD": lambda s: _req(id_number="0010900\x0000001"), "NUL e-mail": lambda s: _req(email="a\x00@b.vn"),
    "surrogate name": lambda s: _req(name="Nguy\udcffn"), "None name": lambda s: _req(name=None),
    "sets 2.5": lambda s: _req(sets_count=2.5), "sets True": lambda s: _req(sets_count=True),
    "sets 0": lambda s: _req(sets_count=0), "sets '21'": lambda s: _req(sets_count="21"),
    "naive received_at": lambda s: _req(received_at=datetime(2026, 11, 23, 9, 0)),
    "future received_at": lambda s: _req(received_at=MONDAY_0915 + timedelta(days=1)),
    "None channel": lambda s: _req(channel=None), "unknown applicant kind": lambda s: _req(applicant_kind="robot"),
    "empty document list": lambda s: _req(documents=[]), "quantity 0": lambda s: _req(documents=_doc(s, quantity=0)),
    "quantity 100": lambda s: _req(documents=_doc(s, quantity=100)),
    "255-character e-mail": lambda s: _req(email="a" * 249 + "@b.vn"),
    # The probe's failures:
    "surrogate address": lambda s: _req(address="Ph\udcffong"),
    "NUL procedure code": lambda s: _req(procedure_code="DP.LLTP\x00.01"),
    "unknown required_document_id": lambda s: _req(documents=_doc(s, required_document_id=999_999)),
    "100k document name": lambda s: _req(documents=_doc(s, name="x" * 100_000)),
    "NUL document name": lambda s: _req(documents=_doc(s, name="Giấy\x00")),
    "bogus form": lambda s: _req(documents=_doc(s, form="bogus")),
}
TRANSITION_SERVICE = {
    "NUL department": dict(action="transfer", to="Phòng\x00"), "10k handler": dict(action="transfer", to="Phòng Tư pháp",
                                                                                   handler="Lê " * 3334),
    "NUL handler": dict(action="transfer", to="Phòng Tư pháp", handler="Lê\x00"),
    "naive at": dict(action="transfer", to="Phòng Tư pháp", at=datetime(2026, 11, 23, 9, 30)),
    "unknown action": dict(action="fly"), "unknown collector kind": dict(action="return", collector_kind="robot"),
    "NUL reason": dict(action="request_supplement", missing=("Bản sao CCCD",), reason="x\x00"),
    "collector id letters": dict(action="return", collector_kind="authorised", collector_name="Lê Văn Bình",
                                 collector_id="00109000000A"),
    # The probe's failures:
    "NUL in missing": dict(action="request_supplement", missing=("Bản sao\x00 CCCD",)),
    "1 MB missing": dict(action="request_supplement", missing=("x" * 1_000_000,)),
}


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("case", list(INTAKE_SERVICE), ids=str)
def test_service_intake(site_db, case):
    db, site = site_db
    with db.read() as s:
        req = INTAKE_SERVICE[case](s)
    with pytest.raises(IntakeError) as caught:
        save_intake(db, site, req, now=MONDAY_0915, actor=Actor.named("lan"))
    assert all(message for message in caught.value.errors.values())


@pytest.mark.parametrize("database_url", ENGINES, indirect=True)
@pytest.mark.parametrize("case", list(TRANSITION_SERVICE), ids=str)
def test_service_transition(site_db, case):
    db, site = site_db
    code = save_intake(db, site, _req(), now=MONDAY_0915, actor=Actor.named("lan")).code
    fields = TRANSITION_SERVICE[case]
    with pytest.raises(TransitionError):
        apply(db, site, code, TransitionRequest(**fields), actor=Actor.named("lan"), now=MONDAY_0915 + timedelta(hours=1))
