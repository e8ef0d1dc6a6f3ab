# Debian packages the build, the tests and the benchmarks need. Sourced by scripts/test and
# scripts/demo. Add a package here, with a word on why, when a module starts to need it.
FICHIER_PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libabsl-dev            # Status, StatusOr, strings, time, synchronization
  libsimdjson-dev        # JSON answers of the API
  libcurl4-openssl-dev   # HTTP client of the fichier backend
  libcpp-httplib-dev     # the emulator's HTTP server
  libssl-dev openssl     # emulator TLS; MD5/SHA-1/SHA-256 sums; openssl is also a Whirlpool reference
  zlib1g-dev             # crc32 sums (hash/multi_hasher)
  libcli11-dev           # host CLI flags
  libre2-dev             # the filters' regexps (Go's regexp syntax is RE2's)
  libsodium-dev          # crypt backend: secretbox and scrypt, byte-compatible with rclone's crypt
  libgtest-dev libgmock-dev libbenchmark-dev
  librhash-dev rhash     # independent Whirlpool oracle and benchmark reference
  clang libclang-rt-14-dev  # libFuzzer targets
  curl                   # reference transfers in benchmarks, HTTP-level tests
  rclone                 # reference: obscure/encoding, filters, --max-depth, crypt (tests fail without it)
)

# ensure_packages: installs whatever is missing; quiet and fast when all is there.
ensure_packages() {
  local missing=()
  local pkg
  for pkg in "${FICHIER_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# configure_and_build BUILD_DIR [cmake args...]: configures once, builds with every core.
configure_and_build() {
  local dir="$1"; shift
  cmake -S "$FICHIER_ROOT" -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" --parallel "$(nproc)"
}
