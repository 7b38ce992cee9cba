# Sourced by the start-up benchmarks: sets `rounds` from $1 (default $default_rounds) and `jdks`
# to the JAVA_HOMEs after it, or to the java on PATH and, when installed, Temurin 25.
rounds="${1:-$default_rounds}"
shift || true
jdks=("$@")
if [ ${#jdks[@]} -eq 0 ]; then
  jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && jdks+=(/usr/lib/jvm/temurin-25-jdk-amd64)
fi
