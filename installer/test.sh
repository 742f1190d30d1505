#!/usr/bin/env bash
# Smoke test of the packaged app: builds the app image (installer/build.sh with no native
# installer), then runs the packaged binary headless — `health`, then `screenshots` on a tiny
# dataset — and checks the PNGs are there. Not part of `mvn -B verify`: building the image
# takes minutes. Usage: installer/test.sh [--skip-build]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ "${1:-}" != "--skip-build" ]]; then
  LAKELENS_INSTALLER_TYPES=" " installer/build.sh
fi

case "$(uname -s)" in
  Darwin) BIN="$ROOT/target/installer/LakeLens.app/Contents/MacOS/LakeLens" ;;
  MINGW*|MSYS*|CYGWIN*) BIN="$ROOT/target/installer/LakeLens/LakeLens.exe" ;;
  *) BIN="$ROOT/target/installer/LakeLens/bin/LakeLens" ;;
esac

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK/home"   # a first-run user: no settings, no lake
mkdir -p "$HOME"

echo "==> $BIN health"
"$BIN" health --lake "$WORK/lake" --no-redis

echo "==> $BIN screenshots --dataset tiny"
start=$(date +%s)
"$BIN" screenshots --out "$WORK/shots" --dataset tiny
echo "    took $(( $(date +%s) - start )) s"
count=$(find "$WORK/shots" -name '*.png' | wc -l)
echo "    $count PNG files"
(( count >= 10 )) || { echo "expected at least 10 screenshots, found $count" >&2; exit 1; }
echo "==> packaged app OK"
