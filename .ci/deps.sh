# Sourced by run.sh and test.sh: installs the Debian packages Marsad builds with, if missing.
marsad_packages=(
  build-essential cmake pkg-config
  libxapian-dev libicu-dev libcli11-dev libspdlog-dev nlohmann-json3-dev libcpp-httplib-dev
  zlib1g-dev libjemalloc-dev hunspell-ar libgtest-dev python3
  xapian-tools  # xapian-tcpsrv, for the remote-shard tests
)
# For ./test.sh --fuzz only: libFuzzer comes with clang's runtime libraries.
marsad_fuzz_packages=(clang libclang-rt-14-dev)

# marsad_apt_install [PACKAGE...]: installs them with apt-get (as root), saying which; none: nothing.
marsad_apt_install() {
  [ $# -gt 0 ] || return 0
  echo "Installing: $*" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: missing packages ($*); run as root or install them with apt-get" >&2
    return 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

marsad_install_deps() {
  local missing=()
  for p in "${marsad_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  marsad_apt_install "${missing[@]}"
}

# marsad_build [DIR [CMAKE_ARGS...]]: configures and builds in DIR (default build/, Release).
marsad_build() {
  local dir="${1:-build}"
  [ $# -gt 0 ] && shift
  [ $# -gt 0 ] || set -- -DCMAKE_BUILD_TYPE=Release
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
}

# For the browser test: Debian's Chromium and Node.js, and playwright-core as tests/web/package-lock.json pins it.
marsad_install_browser_test() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v npm >/dev/null || missing+=(nodejs npm)
  marsad_apt_install "${missing[@]}"
  [ -d tests/web/node_modules/playwright-core ] || npm ci --prefix tests/web --no-audit --no-fund --loglevel=error >/dev/null
}
