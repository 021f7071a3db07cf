#!/usr/bin/env bash
# Whole-app benchmark: Confidant against a minimal Tauri window built from the
# same tauri version, in the same run, release builds, under Xvfb.
#
#   bash bench/app.sh            # BENCH_RUNS=5 starts of each, BENCH_ENTRIES=1000
#
# Not part of scripts/test.sh (it is a measurement, not a check). Prints:
#   (a) cold start to the first interactive screen (a new process each time,
#       the page cache warm; median of BENCH_RUNS, the two apps alternating),
#       with where Confidant's time goes (process start, Rust setup until the
#       page starts loading, the page's own script, the first commands);
#   (b) idle memory: PSS summed over the app and its WebKit processes
#       (/proc/<pid>/smaps_rollup over the process tree), BENCH_IDLE_S seconds
#       after the first screen; Confidant unlocked with BENCH_ENTRIES journal
#       entries, the minimal window just idling;
#   (c) installer size (.deb) of both;
# and the ratios against the targets: start <= 1.2x, idle memory <= 1.1x,
# installer <= 10 MB. Results in docs/BENCHMARKS.md.
#
# How:
#   1. scripts/package.sh: the release build and Confidant's .deb (checked);
#   2. the minimal window (bench/minimal, its own workspace and Cargo.lock,
#      tauri pinned to the app's version) built and packed by the same Tauri
#      CLI;
#   3. a bench-only release flavour of Confidant with the `webdriver` feature
#      (WebKitGTK automates only a non-incognito webview; the feature lets the
#      window leave incognito under tauri-driver, nothing else), copied to
#      target/bench/bin; then target/release/confidant is rebuilt without it.
#      Never ship it: the installer is built in step 1 without the feature.
#      The minimal window needs no such flavour (it is not incognito);
#   4. a scratch world (HOME, XDG folders, TMPDIR) with a private D-Bus session,
#      an unlocked gnome-keyring and Xvfb: a release build ignores
#      CONFIDANT_DATA_DIR and files its key under the real keychain service,
#      so it is given a throwaway home instead. tauri-driver drives both apps
#      (bench/app-bench.mjs, plain WebDriver over HTTP); Confidant's vault is
#      created and the entries written through the app's own commands in a
#      first, unmeasured session.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# Ports of their own, so the benchmark can run beside the end-to-end tests.
DRIVER_PORT="${BENCH_DRIVER_PORT:-4454}"
NATIVE_PORT=$((DRIVER_PORT + 1))
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- Inside dbus-run-session and xvfb-run -------------------------------------
if [[ "${1:-}" == "--inside" ]]; then
  printf 'confidant-bench' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  setsid "$TAURI_DRIVER" --port "$DRIVER_PORT" --native-port "$NATIVE_PORT" \
    --native-driver "$(command -v WebKitWebDriver)" >"$BENCH_OUT/tauri-driver.log" 2>&1 &
  driver_pid=$!
  # shellcheck disable=SC2064 # expand driver_pid now
  trap "kill -TERM -- -$driver_pid 2>/dev/null || true; wait $driver_pid 2>/dev/null || true" EXIT
  deadline=$((SECONDS + 30))
  until port_busy "$DRIVER_PORT"; do
    kill -0 "$driver_pid" 2>/dev/null || die "tauri-driver exited at start; see $BENCH_OUT/tauri-driver.log"
    ((SECONDS < deadline)) || die "tauri-driver did not listen on port $DRIVER_PORT within 30 s"
    sleep 0.2
  done
  BENCH_DRIVER_URL="http://127.0.0.1:$DRIVER_PORT" node "$BENCH_DIR/app-bench.mjs"
  exit
fi

# --- Outside: build, then the scratch world -------------------------------------
export BENCH_OUT="$TARGET_DIR/bench"
TAURI_DRIVER="${TAURI_DRIVER:-$TARGET_DIR/tools/bin/tauri-driver}"
[[ -x "$TAURI_DRIVER" ]] || die "$TAURI_DRIVER not found: run scripts/setup.sh"
for tool in WebKitWebDriver xvfb-run dbus-run-session gnome-keyring-daemon secret-tool node setsid; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found: run scripts/setup.sh"
done
for port in "$DRIVER_PORT" "$NATIVE_PORT"; do
  port_busy "$port" && die "port $port is in use; set BENCH_DRIVER_PORT to another"
done
mkdir -p "$BENCH_OUT"
exec 9>"$BENCH_OUT/run.lock"
flock -n 9 || die "another bench/app.sh is running on $BENCH_OUT"

VERSION="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$ROOT/src-tauri/tauri.conf.json" | head -n 1)"
CONFIDANT_DEB="$TARGET_DIR/release/bundle/deb/Confidant_${VERSION}_amd64.deb"
# BENCH_REUSE_DEB=1 keeps a .deb scripts/package.sh has just built from this
# tree (package.sh rebuilds the UI, and so recompiles the app crate).
MINIMAL_DEB="$TARGET_DIR/release/bundle/deb/minimal-window_0.1.0_amd64.deb"
# BENCH_REUSE_BINS=1 measures the binaries and packages of the last run again
# (target/bench/bin and the two .deb files), building nothing: for measuring
# the same build twice.
REUSE_BINS=0
if [[ "${BENCH_REUSE_BINS:-0}" == 1 ]]; then
  for f in "$BENCH_OUT/bin/confidant" "$BENCH_OUT/bin/minimal-window" "$CONFIDANT_DEB" "$MINIMAL_DEB"; do
    [[ -f "$f" ]] || die "BENCH_REUSE_BINS=1 but $f is missing: run once without it"
  done
  REUSE_BINS=1
  step "1-3. Reusing the last run's binaries and packages (BENCH_REUSE_BINS=1)"
elif [[ "${BENCH_REUSE_DEB:-0}" == 1 && -f "$CONFIDANT_DEB" ]]; then
  step "1. Confidant: reusing $CONFIDANT_DEB (BENCH_REUSE_DEB=1)"
else
  step "1. Confidant: release build and .deb (scripts/package.sh)"
  timed bash "$ROOT/scripts/package.sh"
fi

if ((REUSE_BINS == 0)); then
  step "2. The minimal Tauri window (bench/minimal): release build and .deb"
  # Into the app's target directory: the dependencies both build alike are
  # compiled once, and its binary and .deb land beside Confidant's.
  export CARGO_TARGET_DIR="$TARGET_DIR"
  (cd "$BENCH_DIR/minimal" && timed npm --prefix "$ROOT/ui" exec --no -- tauri build --ci --bundles deb)
  # Packed like Confidant's (scripts/package.sh): files compressed with xz.
  repack_deb_xz "$TARGET_DIR/release/bundle/deb/minimal-window_0.1.0_amd64.deb"

  step "3. Bench-only flavour of Confidant (release + webdriver feature; never shipped)"
  rm -rf "$BENCH_OUT/bin"
  mkdir -p "$BENCH_OUT/bin"
  # The feature set tauri build uses (`cargo build --bins --release` in
  # src-tauri, tauri/custom-protocol), plus confidant/webdriver: only the app
  # crate compiles again.
  (cd "$ROOT/src-tauri" && timed cargo build --locked --release --bins --features tauri/custom-protocol,confidant/webdriver)
  cp "$TARGET_DIR/release/confidant" "$BENCH_OUT/bin/confidant"
  # Put the shipping flavour back in target/release (already built: cargo only
  # copies it back).
  (cd "$ROOT/src-tauri" && cargo build --locked --release --bins --features tauri/custom-protocol --quiet)
  cp "$TARGET_DIR/release/minimal-window" "$BENCH_OUT/bin/minimal-window"
fi

export BENCH_CONFIDANT_BIN="$BENCH_OUT/bin/confidant" \
  BENCH_MINIMAL_BIN="$BENCH_OUT/bin/minimal-window" \
  BENCH_CONFIDANT_DEB="$CONFIDANT_DEB" \
  BENCH_MINIMAL_DEB="$MINIMAL_DEB" \
  BENCH_UI_DIST="$ROOT/ui/dist" \
  BENCH_RUNS="${BENCH_RUNS:-5}" \
  BENCH_ENTRIES="${BENCH_ENTRIES:-1000}" \
  BENCH_IDLE_S="${BENCH_IDLE_S:-10}"
for f in "$BENCH_CONFIDANT_DEB" "$BENCH_MINIMAL_DEB"; do
  [[ -f "$f" ]] || die "$f is missing"
done

step "4. Measure (Xvfb, private D-Bus session and keyring, scratch home)"
SCRATCH="$BENCH_OUT/scratch"
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"/home/{.local/share,.config,.cache} "$SCRATCH"/{run,tmp}
chmod 700 "$SCRATCH/run"
export TAURI_DRIVER BENCH_SCRATCH="$SCRATCH"
export HOME="$SCRATCH/home" \
  XDG_DATA_HOME="$SCRATCH/home/.local/share" \
  XDG_CONFIG_HOME="$SCRATCH/home/.config" \
  XDG_CACHE_HOME="$SCRATCH/home/.cache" \
  XDG_RUNTIME_DIR="$SCRATCH/run" \
  TMPDIR="$SCRATCH/tmp" \
  NO_AT_BRIDGE=1
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS CONFIDANT_DATA_DIR
# The session's own chatter (dbus-daemon, portals, the apps' stderr) goes to
# session.log; the figures go to the terminal.
if ! timed dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  bash "$BENCH_DIR/app.sh" --inside 2>"$BENCH_OUT/session.log"; then
  tail -n 40 "$BENCH_OUT/session.log" >&2
  die "the measurement failed (logs: $BENCH_OUT/session.log, $BENCH_OUT/tauri-driver.log)"
fi
