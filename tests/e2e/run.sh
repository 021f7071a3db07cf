#!/usr/bin/env bash
# Runs the end-to-end journeys against the real Confidant binary.
#
#   bash tests/e2e/run.sh [spec.test.mjs ...]   # default: every tests/e2e/*.test.mjs,
#                                                # each in a fresh scratch world
#
# The app under test is $CONFIDANT_BIN (default target/debug/confidant).
#
# Each journey (spec file) gets a fresh scratch directory, target/e2e/scratch/, holding the app's
# whole world: HOME (with XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME inside),
# CONFIDANT_DATA_DIR=scratch/data, TMPDIR and XDG_RUNTIME_DIR. Everything runs in a
# private D-Bus session (dbus-run-session) with a gnome-keyring unlocked by a test
# password, so the real Secret Service holds the device key, and under a virtual X
# server (xvfb-run). tauri-driver runs inside that session too (otherwise GTK
# autolaunches a bus whose death kills WebKitWebDriver).
#
# Output: target/e2e/screenshots/*.png (CI artifacts) and
# target/e2e/logs/tauri-driver-<journey>.log (the driver's and the app's stdout/stderr) and
# target/e2e/logs/axe.log (the accessibility audit of each screenshot point).
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E_DIR/../.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# Ports of tauri-driver and of WebKitWebDriver behind it; other values let two
# checkouts run their journeys at the same time.
DRIVER_PORT="${E2E_DRIVER_PORT:-4444}"
NATIVE_PORT="${E2E_NATIVE_PORT:-4445}"
export E2E_DRIVER_PORT="$DRIVER_PORT"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- Inside dbus-run-session and xvfb-run -------------------------------------
inside() {
  printf 'confidant-e2e' | gnome-keyring-daemon --unlock --components=secrets >/dev/null

  # Own session and process group, so that stopping it also stops
  # WebKitWebDriver and any app instance a failed test left behind.
  setsid "$TAURI_DRIVER" --port "$DRIVER_PORT" --native-port "$NATIVE_PORT" \
    --native-driver "$(command -v WebKitWebDriver)" >"$E2E_DRIVER_LOG" 2>&1 &
  local driver_pid=$!
  # shellcheck disable=SC2064 # expand driver_pid now
  trap "kill -TERM -- -$driver_pid 2>/dev/null || true; wait $driver_pid 2>/dev/null || true" EXIT

  local deadline=$((SECONDS + 30))
  until port_busy "$DRIVER_PORT"; do
    kill -0 "$driver_pid" 2>/dev/null || die "tauri-driver exited at start; see $E2E_DRIVER_LOG"
    ((SECONDS < deadline)) || die "tauri-driver did not listen on port $DRIVER_PORT within 30 s; see $E2E_DRIVER_LOG"
    sleep 0.2
  done
  info "tauri-driver is listening on 127.0.0.1:$DRIVER_PORT (display $DISPLAY)"

  local specs=("$@")
  ((${#specs[@]} > 0)) || specs=("$E2E_DIR"/*.test.mjs)
  local status=0
  # One app at a time: the journeys share one tauri-driver and one scratch world.
  node --test --test-concurrency=1 "${specs[@]}" || status=$?
  if ((status != 0)); then
    warn "end-to-end tests failed; last lines of $E2E_DRIVER_LOG:"
    tail -n 40 "$E2E_DRIVER_LOG" >&2 || true
  fi
  return "$status"
}

if [[ "${1:-}" == "--inside" ]]; then
  shift
  inside "$@"
  exit
fi

# --- Outside: checks and the scratch world -------------------------------------
BIN="${CONFIDANT_BIN:-$TARGET_DIR/debug/confidant}"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
TAURI_DRIVER="$TARGET_DIR/tools/bin/tauri-driver"

[[ -x "$BIN" ]] || die "app binary $BIN not found: run scripts/build-app.sh (or set CONFIDANT_BIN)"
[[ -x "$TAURI_DRIVER" ]] || die "$TAURI_DRIVER not found: run scripts/setup.sh"
for pkg in webdriverio axe-core; do
  [[ -d "$E2E_DIR/node_modules/$pkg" ]] || die "tests/e2e/node_modules/$pkg is missing: run scripts/setup.sh"
done
for tool in WebKitWebDriver xvfb-run dbus-run-session gnome-keyring-daemon node setsid; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found: run scripts/setup.sh"
done

E2E_OUT="$TARGET_DIR/e2e"
SCRATCH="$E2E_OUT/scratch"
# One run at a time per target directory (worktrees may share one): the lock is
# held on fd 9 until the run ends, and the binary under test is copied first, so
# a build finishing meanwhile cannot swap the app out from under the journeys.
mkdir -p "$E2E_OUT"
exec 9>"$E2E_OUT/run.lock"
flock 9
for port in "$DRIVER_PORT" "$NATIVE_PORT"; do
  if port_busy "$port"; then
    die "port $port is already in use (another tauri-driver or WebDriver?); stop it and re-run"
  fi
done
rm -rf "$SCRATCH" "$E2E_OUT/screenshots" "$E2E_OUT/logs" "$E2E_OUT/bin"
mkdir -p "$E2E_OUT/screenshots" "$E2E_OUT/logs" "$E2E_OUT/bin"
cp "$BIN" "$E2E_OUT/bin/confidant"
BIN="$E2E_OUT/bin/confidant"

# Values the inner shell and the tests read.
export TAURI_DRIVER CONFIDANT_BIN="$BIN"
export E2E_SCRATCH="$SCRATCH" \
  E2E_SCREENSHOTS="$E2E_OUT/screenshots" \
  E2E_AXE_LOG="$E2E_OUT/logs/axe.log"
# The app's world (inherited by tauri-driver -> WebKitWebDriver -> app).
export HOME="$SCRATCH/home" \
  XDG_DATA_HOME="$SCRATCH/home/.local/share" \
  XDG_CONFIG_HOME="$SCRATCH/home/.config" \
  XDG_CACHE_HOME="$SCRATCH/home/.cache" \
  XDG_RUNTIME_DIR="$SCRATCH/run" \
  TMPDIR="$SCRATCH/tmp" \
  CONFIDANT_DATA_DIR="$SCRATCH/data" \
  NO_AT_BRIDGE=1
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

info "app: $BIN"
info "scratch: $SCRATCH"
# Spec files given as arguments run instead of all tests/e2e/*.test.mjs.
specs=()
for spec in "$@"; do specs+=("$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"); done
((${#specs[@]} > 0)) || specs=("$E2E_DIR"/*.test.mjs)

# Each journey gets a world of its own (a fresh scratch folder, D-Bus session,
# keyring and X server), so journeys never see each other's people or vault
# and each disk scan covers only what its own journey wrote.
status=0
for spec in "${specs[@]}"; do
  name="$(basename "$spec" .test.mjs)"
  rm -rf "$SCRATCH"
  mkdir -p "$SCRATCH"/home/{.local/share,.config,.cache} "$SCRATCH"/{data,tmp,run}
  chmod 700 "$SCRATCH/run"
  info "journey: $name (fresh scratch world)"
  if ! E2E_DRIVER_LOG="$E2E_OUT/logs/tauri-driver-$name.log" \
    dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" bash "$E2E_DIR/run.sh" --inside "$spec"; then
    warn "journey $name failed"
    status=1
  fi
done
exit "$status"
