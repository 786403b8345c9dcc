#!/usr/bin/env bash
# Builds the frozen program (packaging/onestop.spec) from a wheel and runs it as a new counter PC
# would: a database created on first use, a receipt printed to PDF and read back, the window
# started headless. Prints the folder's size and the start time. Used by .ci/run:
#   bash packaging/smoke_frozen.sh dist/onestop-*.whl
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
wheel=$(realpath "${1:?usage: smoke_frozen.sh WHEEL}")
work=$(mktemp -d /tmp/frozen.XXXX)
# On failure the frozen program's log says why (its traceback, never personal data).
trap 'rc=$?; [ $rc = 0 ] || tail -n 40 "$work/data/logs/onestop.log" 2>/dev/null; rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "$wheel" "pyinstaller>=6.5"
(cd "$work" && "$work/venv/bin/pyinstaller" --noconfirm --log-level ERROR --distpath "$work/dist" \
   --workpath "$work/build" "$here/onestop.spec")
app="$work/dist/onestop"
env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$work" ONESTOP_DATA_DIR="$work/data" QT_QPA_PLATFORM=offscreen bash -c '
  set -euo pipefail
  app=$1; cd "$2"
  start=$(date +%s.%N)
  "$app/onestop-cli" --version
  echo "frozen start (--version): $(echo "$(date +%s.%N) - $start" | bc) s"
  "$app/onestop-cli" demo-data --dossiers 30 --seed 1 | grep -q "Đã tạo 30 hồ sơ mẫu"
  "$app/onestop-cli" export dossiers --format csv -o dossiers.csv
  code=$(sed -n 2p dossiers.csv | cut -d, -f1)
  "$app/onestop-cli" receipt "$code" -o receipt.pdf
  echo "$code" > code.txt
  # The window: it must get as far as the first start and wait there (killed by timeout: 124).
  start=$(date +%s.%N)
  set +e; timeout 10 "$app/onestop" > window.txt 2>&1 & pid=$!
  until grep -q "window: first start" data/logs/onestop.log 2>/dev/null || ! kill -0 $pid 2>/dev/null; do sleep 0.05; done
  echo "frozen start (window to the first-start dialog): $(echo "$(date +%s.%N) - $start" | bc) s"
  wait $pid; rc=$?; set -e
  [ "$rc" = 124 ] || { echo "the frozen window ended with $rc:"; cat window.txt; exit 1; }
' _ "$app" "$work"
python - "$work/receipt.pdf" "$(cat "$work/code.txt")" <<'PY'
import sys, unicodedata, pypdfium2
text = unicodedata.normalize("NFC", pypdfium2.PdfDocument(sys.argv[1])[0].get_textpage().get_text_range())
assert sys.argv[2] in text and "GIẤY TIẾP NHẬN HỒ SƠ" in text, text[:300]
PY
echo "frozen OK: $(du -sh "$app" | cut -f1) in dist/onestop, receipt $(cat "$work/code.txt") printed"
