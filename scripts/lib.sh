# Shared by scripts/run and scripts/test: install what is missing, build.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
APT_PACKAGES=(build-essential cmake ninja-build pkg-config git ca-certificates
  libpoco-dev libsoci-dev libboost-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev
  libsodium-dev libicu-dev libxlsxwriter-dev libsqlite3-dev libpq-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql postgresql-client chromium fonts-liberation2 wrk curl
  libreoffice-writer-nogui poppler-utils clang libxml2-utils)

log() { printf '\n==> %s\n' "$*" >&2; }

install_deps() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  command -v node >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    local SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# build_cpp DIR [cmake args...]
build_cpp() {
  local dir=$1; shift
  log "building C++ in $dir"
  local launcher=()
  # ccache, when this machine has it, lets several work trees share compiled objects (optional).
  if command -v ccache >/dev/null; then
    export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$ROOT" -B "$ROOT/$dir" -G Ninja "${launcher[@]}" "$@" >/dev/null
  cmake --build "$ROOT/$dir" -j "$(nproc)"
}

build_web() {
  log "building the web UI"
  (cd "$ROOT/web" && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build)
}
