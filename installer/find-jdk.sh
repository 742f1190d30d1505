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

# The options ./lakelens starts the app with, into LAKELENS_FLAGS: the heap first, then the JVM
# flags Spark needs on this JDK. The heap rule is stated once, in io.lakelens.cli.LaunchFlags
# (lakelens.cmd and the installed app use it too): LAKELENS_HEAP if set ("4g", "4096m" or a full
# "-Xmx4g"), else the heap saved in the window's Preferences, else half the machine's memory
# between 1 and 8 GiB.
lakelens_launch_flags() {
  local jar="$1" line
  line="$("$JAVA" -cp "$jar" io.lakelens.cli.LaunchFlags)" || {
    echo "LakeLens could not read its JVM options from $jar; rebuild it (mvn -DskipTests package)." >&2
    return 1
  }
  read -r -a LAKELENS_FLAGS <<< "$line"
}
