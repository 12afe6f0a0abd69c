# shellcheck shell=bash
# Finds the JDK and Maven that numgrad builds and runs with. Sourced (not run) by ./numgrad,
# ./test and .ci/run so that the search lives in one place.
#
#   numgrad_find_jdk     prints the home of a JDK 25 or newer; else explains on stderr, returns 1
#   numgrad_find_maven   prints the path of an `mvn` (3.8+); else explains on stderr, returns 1
#   numgrad_project_version ROOT   prints the version in ROOT/pom.xml (numgrad-parent's own)
#
# Both print only the answer on stdout, so callers use them as `home=$(numgrad_find_jdk)`.

NUMGRAD_MIN_JAVA=25

# The feature release of the JDK at $1 ("25" for 25.0.3, "8" for 1.8.0_402), or nothing.
# Reads the `release` file every JDK ships, which avoids starting a JVM; falls back to
# `java -version` for layouts without one.
numgrad_java_major() {
  local home=$1 version=""
  [[ -x "$home/bin/java" ]] || return 1
  if [[ -r "$home/release" ]]; then
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$home/release")
  fi
  if [[ -z "$version" ]]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  [[ -n "$version" ]] || return 1
  version=${version#1.} # 1.8.0 -> 8.0
  echo "${version%%[.+-]*}"
}

# Candidate JDK homes, most specific first: JAVA_HOME, the `java` on PATH, then the usual
# install locations on Linux and macOS. Duplicates are harmless.
numgrad_jdk_candidates() {
  [[ -n "${JAVA_HOME:-}" ]] && echo "$JAVA_HOME"
  local java_on_path
  if java_on_path=$(command -v java 2>/dev/null); then
    java_on_path=$(readlink -f "$java_on_path" 2>/dev/null || echo "$java_on_path")
    echo "${java_on_path%/bin/java}"
  fi
  local dir
  for dir in /usr/lib/jvm/*temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/* \
             /opt/java/* /opt/*jdk* /usr/local/*jdk* /usr/local/lib/jvm/* /usr/java/* \
             "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$dir" ]] && echo "$dir"
  done
  return 0
}

numgrad_find_jdk() {
  local home major rejected="" seen=" "
  while IFS= read -r home; do
    # /usr/lib/jvm holds aliases (java-17-openjdk-amd64 -> java-1.17.0-openjdk-amd64).
    home=$(readlink -f "$home" 2>/dev/null || echo "$home")
    [[ "$seen" == *" $home "* ]] && continue
    seen+="$home "
    if major=$(numgrad_java_major "$home"); then
      if (( major >= NUMGRAD_MIN_JAVA )); then
        echo "$home"
        return 0
      fi
      rejected+="    $home (Java $major)"$'\n'
    fi
  done < <(numgrad_jdk_candidates)
  {
    echo "numgrad: needs a JDK $NUMGRAD_MIN_JAVA or newer, and none was found."
    if [[ -n "$rejected" ]]; then
      echo "  found only older JDKs:"
      printf '%s' "$rejected"
    fi
    echo "  looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /opt, /usr/local, ~/.sdkman, ~/.jdks."
    echo "  install one (e.g. Eclipse Temurin 25: package temurin-25-jdk from the Adoptium apt"
    echo "  repository, or an archive from adoptium.net), then set JAVA_HOME to it."
  } >&2
  return 1
}

numgrad_find_maven() {
  local mvn=""
  if [[ -n "${MAVEN_HOME:-}" && -x "$MAVEN_HOME/bin/mvn" ]]; then
    mvn="$MAVEN_HOME/bin/mvn"
  elif [[ -n "${M2_HOME:-}" && -x "$M2_HOME/bin/mvn" ]]; then
    mvn="$M2_HOME/bin/mvn"
  elif command -v mvn >/dev/null 2>&1; then
    mvn=$(command -v mvn)
  fi
  if [[ -z "$mvn" ]]; then
    {
      echo "numgrad: needs Maven 3.8 or newer to build, and none was found (mvn on PATH, MAVEN_HOME)."
      echo "  install it: apt-get install maven (Debian/Ubuntu), brew install maven (macOS),"
      echo "  or unpack maven.apache.org's archive and put its bin/ on PATH."
    } >&2
    return 1
  fi
  echo "$mvn"
}

# The project's version: the first <version> after numgrad-parent's <artifactId> in the root pom.
# Read with sed, not `mvn help:evaluate`, which is slow and may need the network.
numgrad_project_version() {
  sed -n '/<artifactId>numgrad-parent<\/artifactId>/,/<version>/s|.*<version>\(.*\)</version>.*|\1|p' \
    "$1/pom.xml" | head -n 1
}
