#!/usr/bin/env bash
# Runs every test, on a fresh machine too: it first installs what the tests need
# (PostgreSQL server binaries, a C toolchain for the Native AOT package, the npm test tools), then builds and runs all test projects.
# Tests start their own PostgreSQL server; nothing needs to be running beforehand.
set -euo pipefail
cd "$(dirname "$0")"

have_postgres() {
  [ -n "${HEALTHDW_PG_BIN:-}" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1
}
if ! have_postgres; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing PostgreSQL server binaries (apt-get install postgresql)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "test.sh: PostgreSQL server binaries (initdb, pg_ctl) are needed: install them, or set HEALTHDW_PG_BIN" >&2
    exit 2
  fi
fi
if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test.sh: installing a C toolchain to link the Native AOT Lambda package (apt-get install clang zlib1g-dev)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null
  else
    echo "test.sh: the Native AOT Lambda package links with clang or gcc: install one" >&2
    exit 2
  fi
fi
if [ "$(id -u)" = 0 ] && ! id -u postgres >/dev/null 2>&1; then
  useradd --system --no-create-home postgres   # initdb refuses root; the test server runs as this user
fi

(cd tests && npm ci --no-audit --no-fund --loglevel=error)

dotnet build HealthDwServerless.sln --nologo -v quiet -clp:ErrorsOnly
./build-lambda.sh   # the published bootstrap package that the end-to-end Lambda tests drive
log=$(mktemp)
status=0
dotnet test HealthDwServerless.sln --no-build --nologo 2>&1 | tee "$log" || status=$?
# One closing line for every runner that reads it: "N passed, N failed".
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
