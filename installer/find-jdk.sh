# Sourced by ./lakelens and installer/build.sh: finds a JDK 21+ and sets JAVA and JAVA_MAJOR.
# Order: JAVA_HOME, java on PATH, then the usual JDK folders on Linux, macOS and SDKMAN.

lakelens_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

lakelens_find_java() {
  local candidates=() newest=0 c v
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [[ -x "$d/bin/java" ]] && candidates+=("$d/bin/java")
  done
  for c in "${candidates[@]}"; do
    v="$(lakelens_java_major "$c" 2>/dev/null || echo 0)"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if (( v >= 21 )); then
      JAVA="$(readlink -f "$c")"
      JAVA_MAJOR="$v"
      return 0
    fi
    (( v > newest )) && newest="$v"
  done
  echo "LakeLens needs a JDK 21 or newer; the newest Java found is ${newest}. Install one (e.g. Temurin 21) or set JAVA_HOME." >&2
  return 1
}

# The JVM flags Spark needs on this JDK, into LAKELENS_FLAGS. The list and what changes on newer
# JDKs live in io/lakelens/jvm.options; io.lakelens.lake.JvmFlags in the built jar reads it.
lakelens_jvm_flags() {
  local jar="$1" line
  line="$("$JAVA" -cp "$jar" io.lakelens.lake.JvmFlags)" || {
    echo "LakeLens could not read its JVM flags from $jar; rebuild it (mvn -DskipTests package)." >&2
    return 1
  }
  read -r -a LAKELENS_FLAGS <<< "$line"
}

# The heap rule, stated once for the shell scripts: LAKELENS_HEAP if set ("4g", "4096m" or a full
# "-Xmx4g"), else the heap saved in the window's Preferences, else half the machine's memory between 1 and 8 GiB. Sets LAKELENS_XMX to the flag.
# (lakelens.cmd states the same rule for Windows; the installers pass it to the JVM as
# -XX:MaxRAMPercentage=50 -XX:ErgoHeapSizeLimit=8g, see build.sh.)
lakelens_heap() {
  local mib=0 saved=""
  # The heap saved in the window's Preferences (jvm.heap in ~/.lakelens/workbench.properties).
  if [[ -z "${LAKELENS_HEAP:-}" && -r "${HOME:-}/.lakelens/workbench.properties" ]]; then
    saved="$(sed -n 's/^jvm\.heap=\([0-9]\{1,6\}[mMgG]\)[[:space:]]*$/\1/p' "$HOME/.lakelens/workbench.properties" | tail -n 1)"
    [[ -n "$saved" ]] && LAKELENS_HEAP="$saved"
  fi
  if [[ -n "${LAKELENS_HEAP:-}" ]]; then
    if [[ "$LAKELENS_HEAP" == -* ]]; then LAKELENS_XMX="$LAKELENS_HEAP"; else LAKELENS_XMX="-Xmx$LAKELENS_HEAP"; fi
    return 0
  fi
  if [[ -r /proc/meminfo ]]; then
    mib=$(( $(awk '/^MemTotal:/ {print $2; exit}' /proc/meminfo) / 1024 ))
  elif command -v sysctl >/dev/null 2>&1; then
    mib=$(( $(sysctl -n hw.memsize 2>/dev/null || echo 0) / 1048576 ))
  fi
  mib=$(( mib / 2 ))
  (( mib < 1024 )) && mib=1024
  (( mib > 8192 )) && mib=8192
  LAKELENS_XMX="-Xmx${mib}m"
}
