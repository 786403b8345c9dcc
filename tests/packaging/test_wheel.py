"""The built wheel works outside the source tree: resources found, a receipt printed."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_outside_source_tree_prints_a_receipt(tmp_path: Path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("onestop-*.whl")
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "ONESTOP_DATA_DIR": str(work / "data")}
    env.pop("ONESTOP_DATABASE_URL", None)

    def onestop(*args: str) -> str:
        # -P: the working folder is not put on the path, so only the installed copy can be imported.
        done = subprocess.run([sys.executable, "-P", "-m", "onestop", *args], cwd=work, env=env,
                              capture_output=True, text=True, check=True)
        return done.stdout

    where = subprocess.run([sys.executable, "-P", "-c", "import onestop, onestop.resources; print(onestop.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(target)
    # Only the distribution's own name at the top of site-packages: nothing called db, ui or resources.
    importable = {p.name for p in target.iterdir() if p.name != "bin" and not p.name.endswith(".dist-info")}
    assert importable == {"onestop"}
    # Every source package is listed in pyproject.toml's packages (a new folder forgotten there would be
    # missing from the wheel while the editable install still finds it).
    for top, installed in (("onestop", "onestop"), ("db", "onestop/db"), ("ui", "onestop/ui"),
                           ("resources", "onestop/resources")):
        for init in (ROOT / top).rglob("__init__.py"):
            assert (target / installed / init.relative_to(ROOT / top)).is_file(), init
    # The list of common passwords refused for new accounts ships in the wheel (resources/*.txt).
    common = subprocess.run([sys.executable, "-P", "-c", "from onestop.people.accounts import _common_passwords; "
                             "print('matkhau123' in _common_passwords())"],
                            cwd=work, env=env, capture_output=True, text=True, check=True).stdout
    assert common.strip() == "True"
    # The layer contracts (pyproject.toml [tool.importlinter]) on the installed tree, where db/ and ui/
    # are onestop.db and onestop.ui; import-linter lists every broken import.
    contracts = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), str(ROOT / "pyproject.toml")],
                               cwd=work, env=env, capture_output=True, text=True)
    assert contracts.returncode == 0, contracts.stdout + contracts.stderr
    assert "onestop" in onestop("--version")
    onestop("demo-data", "--dossiers", "10", "--seed", "2")
    onestop("export", "dossiers", "--format", "csv", "-o", "d.csv")
    with (work / "d.csv").open(encoding="utf-8-sig") as fh:
        code = next(csv.DictReader(fh))["code"]
    onestop("receipt", code, "-o", "r.pdf")
    assert (work / "r.pdf").read_bytes().startswith(b"%PDF-")
