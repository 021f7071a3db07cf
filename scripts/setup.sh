#!/usr/bin/env bash
# Installs everything Confidant needs to build, run and test on Debian/Ubuntu:
#   - system packages (WebKitGTK build set + the headless test set),
#   - the UI's and the end-to-end harness's npm packages (`npm ci`),
#   - tauri-driver 2.1.0 under target/tools (the WebDriver bridge for e2e tests),
#   - cargo-fuzz 0.13.2 under target/tools (the fuzzing step, docs/FUZZING.md),
#   - the Rust target x86_64-pc-windows-gnu (scripts/windows.sh).
# The Rust toolchain (rustup: cargo, rustfmt, clippy) and Node.js >= 20 with npm
# are expected to be present already.
#
# Idempotent and quick when nothing is missing: packages are checked with dpkg,
# npm installs are skipped while node_modules matches package-lock.json, and
# tauri-driver is skipped when the pinned version is already installed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

TAURI_DRIVER_VERSION="2.1.0"
CARGO_FUZZ_VERSION="0.13.2"

# Build set (Tauri v2 on Linux) and test set (virtual display, D-Bus session,
# WebKit WebDriver, a real Secret Service), plus tools the tests use, plus the
# Windows check (scripts/windows.sh): the mingw-w64 linker and Wine, with its
# preloader (it reserves the address ranges Windows programs need before Linux
# libraries can land there; without it a process start fails now and then).
APT_PACKAGES=(
  build-essential pkg-config file curl ca-certificates
  libssl-dev libxdo-dev libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  xvfb xauth dbus dbus-x11 webkit2gtk-driver gnome-keyring libsecret-tools
  imagemagick poppler-utils python3-pip python3-venv xdotool age sqlite3
  fonts-noto-cjk
  gcc-mingw-w64-x86-64 wine wine64 wine64-preloader
)

install_apt_packages() {
  step "System packages"
  if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    die "this script supports Debian/Ubuntu (apt); install the equivalents of: ${APT_PACKAGES[*]}"
  fi
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != "install ok installed" ]]; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    info "all ${#APT_PACKAGES[@]} apt packages already installed"
    return
  fi
  info "installing ${#missing[@]} apt package(s): ${missing[*]}"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "not root and sudo is missing: install as root: apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  info "apt packages installed"
}

check_toolchains() {
  step "Toolchains"
  command -v cargo >/dev/null 2>&1 || die "cargo not found. Install the Rust toolchain with rustup (https://rustup.rs), open a new shell (or 'source ~/.cargo/env') and re-run."
  cargo fmt --version >/dev/null 2>&1 || die "rustfmt is missing: rustup component add rustfmt"
  cargo clippy --version >/dev/null 2>&1 || die "clippy is missing: rustup component add clippy"
  command -v node >/dev/null 2>&1 || die "node not found. Install Node.js 20 or newer (with npm) and re-run."
  command -v npm >/dev/null 2>&1 || die "npm not found. Install npm (it ships with Node.js) and re-run."
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  ((node_major >= 20)) || die "Node.js $(node --version) is too old: the UI toolchain (Vite 8) needs Node.js 20.19 or newer."
  info "$(cargo --version | cut -d' ' -f1-2), rustc $(rustc --version | cut -d' ' -f2), node $(node --version), npm $(npm --version)"
}

# npm ci, skipped while node_modules was installed from the very same lock file.
npm_ci() {
  local dir="$1"
  if [[ ! -f "$dir/package.json" ]]; then
    warn "$dir/package.json not found: skipping its npm install"
    return
  fi
  [[ -f "$dir/package-lock.json" ]] || die "$dir/package-lock.json is missing: run 'npm install' in $dir and commit the lock file"
  local stamp="$dir/node_modules/.confidant-lock.sha256" want
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    info "$dir: node_modules is up to date"
    return
  fi
  info "$dir: npm ci"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  printf '%s\n' "$want" >"$stamp"
}

install_npm_packages() {
  step "npm packages"
  npm_ci ui
  npm_ci tests/e2e
}

install_tauri_driver() {
  step "tauri-driver $TAURI_DRIVER_VERSION"
  local tools="$TARGET_DIR/tools"
  if [[ -x "$tools/bin/tauri-driver" ]] && grep -q "tauri-driver $TAURI_DRIVER_VERSION " "$tools/.crates.toml" 2>/dev/null; then
    info "already installed at $tools/bin/tauri-driver"
    return
  fi
  info "cargo install tauri-driver (about a minute)"
  cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION" --root "$tools" --quiet
  info "installed at $tools/bin/tauri-driver"
}

# cargo-fuzz builds the fuzz targets (fuzz/) with libFuzzer's coverage
# instrumentation; fuzz/run.sh runs them. It works on the stable toolchain
# because fuzz/run.sh builds without a sanitizer (docs/FUZZING.md).
install_cargo_fuzz() {
  step "cargo-fuzz $CARGO_FUZZ_VERSION"
  local tools="$TARGET_DIR/tools"
  if [[ -x "$tools/bin/cargo-fuzz" ]] && grep -q "cargo-fuzz $CARGO_FUZZ_VERSION " "$tools/.crates.toml" 2>/dev/null; then
    info "already installed at $tools/bin/cargo-fuzz"
    return
  fi
  info "cargo install cargo-fuzz (about a minute)"
  cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" --root "$tools" --quiet
  info "installed at $tools/bin/cargo-fuzz"
}

# The real iCalendar parser the .ics round-trip test checks exports with
# (crates/core/tests/ics_roundtrip.py) and the JSON Schema validator the
# subject-access test checks exports with, and the YAML parser scripts/package.sh
# checks the release workflow with, in a venv so the system Python is left
# alone. scripts/test.sh points CONFIDANT_PYTHON at it.
PY_PACKAGES=(icalendar==7.3.2 recurring-ical-events==3.8.2 jsonschema==4.26.0 PyYAML==6.0.3)

install_python_packages() {
  step "Python packages (${PY_PACKAGES[*]})"
  local venv="$TARGET_DIR/tools/py"
  local stamp="$venv/.confidant-packages"
  if [[ -x "$venv/bin/python" && "$(cat "$stamp" 2>/dev/null)" == "${PY_PACKAGES[*]}" ]]; then
    info "already installed in $venv"
    return
  fi
  rm -rf "$venv"
  python3 -m venv "$venv" || die "could not create a Python venv: install python3-venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${PY_PACKAGES[@]}"
  echo "${PY_PACKAGES[*]}" > "$stamp"
  info "installed in $venv"
}

# The Windows check builds for this target (scripts/windows.sh).
WINDOWS_TARGET=x86_64-pc-windows-gnu

install_windows_target() {
  step "Rust target $WINDOWS_TARGET"
  command -v rustup >/dev/null 2>&1 || die "rustup not found: the Windows check needs the Rust target $WINDOWS_TARGET; install Rust with rustup (https://rustup.rs)"
  if rustup target list --installed | grep -qx "$WINDOWS_TARGET"; then
    info "already installed"
    return
  fi
  rustup target add "$WINDOWS_TARGET"
  info "installed"
}

main() {
  local started=$SECONDS
  check_toolchains
  install_apt_packages
  install_windows_target
  install_npm_packages
  install_tauri_driver
  install_cargo_fuzz
  install_python_packages
  info "setup done in $((SECONDS - started)) s"
}

main "$@"
