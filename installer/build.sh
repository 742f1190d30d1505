#!/usr/bin/env bash
# Builds the LakeLens app image and native installers for this OS with jpackage:
#   Linux: app image, .deb (and .rpm where rpmbuild exists)
#   macOS: app image and .dmg        (run this script on a Mac)
#   Windows: app image and .msi      (run it in Git Bash with the WiX Toolset on PATH)
# Output: target/installer/. One configuration; the per-OS details are in the case below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source installer/find-jdk.sh
lakelens_find_java || exit 1
JDK="$(cd "$(dirname "$JAVA")/.." && pwd)"
export JAVA_HOME="$JDK"
for tool in jlink jpackage; do
  [[ -x "$JDK/bin/$tool" ]] || { echo "$JDK has no $tool; install a full JDK 21+." >&2; exit 1; }
done

VERSION="$(sed -n 's:.*<version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)"
OUT="$ROOT/target/installer"
TYPES="${LAKELENS_INSTALLER_TYPES:-}"

echo "==> Building LakeLens $VERSION with $JDK"
mvn -q -B -Dstyle.color=never -DskipTests package

rm -rf "$OUT"
mkdir -p "$OUT/input"
cp target/lakelens.jar "$OUT/input/"
cp target/lib/*.jar "$OUT/input/"

echo "==> Linking a trimmed runtime (jlink/modules.txt)"
MODULES="$(grep -v '^\s*#' jlink/modules.txt | awk 'NF {print $1}' | paste -sd, -)"
"$JDK/bin/jlink" --add-modules "$MODULES" --output "$OUT/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6

# The same JVM flags as ./lakelens, from the one list in pom.xml.
lakelens_jvm_flags target/lakelens.jar
# The heap rule (io.lakelens.cli.LaunchFlags) for the installed app: its automatic part as JVM
# flags evaluated on the user's machine (half its memory, at most 8 GiB); when LAKELENS_HEAP or the
# heap saved in Preferences asks for another, the app starts its JVM again with that heap.
JAVA_OPTS=(--java-options "-XX:MaxRAMPercentage=50" --java-options "-XX:ErgoHeapSizeLimit=8g"
  --java-options "-Dlakelens.installed=true")
for f in "${LAKELENS_FLAGS[@]}"; do JAVA_OPTS+=(--java-options "$f"); done

COMMON=(--name LakeLens --app-version "$VERSION" --vendor "LakeLens"
  --description "Desktop analyst workbench over a local Delta Lake with a Redis cache"
  --copyright "LakeLens" --input "$OUT/input" --main-jar lakelens.jar --main-class io.lakelens.cli.Main
  --runtime-image "$OUT/runtime" "${JAVA_OPTS[@]}" --dest "$OUT")

case "$(uname -s)" in
  Linux)
    ICON=assets/icons/lakelens.png
    NATIVE=(--linux-package-name lakelens --linux-shortcut --linux-menu-group "Office;Finance;Development"
      --linux-app-category misc --resource-dir installer/linux --install-dir /opt
      --linux-package-deps "libgtk-3-0 | libgtk-3-0t64")
    TYPES="${TYPES:-deb$(command -v rpmbuild >/dev/null && echo ' rpm' || true)}"
    ;;
  Darwin)
    ICON=assets/icons/lakelens.icns
    NATIVE=(--mac-package-name LakeLens)
    TYPES="${TYPES:-dmg}"
    ;;
  MINGW*|MSYS*|CYGWIN*)
    ICON=assets/icons/lakelens.ico
    NATIVE=(--win-menu --win-shortcut --win-dir-chooser --win-console)
    TYPES="${TYPES:-msi}"
    ;;
  *) echo "Unsupported OS $(uname -s)" >&2; exit 1 ;;
esac

echo "==> App image"
"$JDK/bin/jpackage" --type app-image "${COMMON[@]}" --icon "$ICON"
for t in $TYPES; do
  echo "==> $t installer"
  "$JDK/bin/jpackage" --type "$t" "${COMMON[@]}" --icon "$ICON" "${NATIVE[@]}"
done

echo "==> Done"
du -sh "$OUT/LakeLens"* "$OUT"/*.deb "$OUT"/*.rpm "$OUT"/*.dmg "$OUT"/*.msi 2>/dev/null || true
