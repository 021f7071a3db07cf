#!/usr/bin/env bash
# Everything CI checks, in order, failing fast: formatting, lints, Rust tests
# (all workspace members, the bindings drift test, the OS keychain test against a
# real Secret Service), the reliability suite with its figures, a bounded
# fuzzing run (fuzz/run.sh), the Windows check (scripts/windows.sh: the
# workspace checked for Windows, the core's tests under Wine), the UI's type
# check and unit tests, the end-to-end journeys that drive the real app, and
# the Linux installer (scripts/package.sh: a release build packed as a .deb
# and checked; built beside the journeys, at the lowest priority). Runs
# scripts/setup.sh first. Each step prints its wall time and the cores it
# kept busy on average.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# One cargo feature set for clippy, test and build, so tauri compiles once.
# Every cargo step below also selects the whole workspace (--workspace), and the
# app build adds --all-targets: cargo unifies dependency features over the
# selected packages, and over dev-dependencies when test targets are built, so a
# narrower selection (-p confidant-core, or a plain `cargo build -p confidant`)
# would rebuild hundreds of dependencies with a different feature set.
# The set includes `confidant/ts` (the TypeScript bindings and command
# wrappers), so the bindings and command-list drift tests run in the workspace
# step with the rest, on the same build (a separate step with the feature
# compiled the core and the app crate a second time).
CARGO_FEATURES=(--features tauri/custom-protocol,confidant/ts)
STARTED=$SECONDS

bash "$ROOT/scripts/setup.sh"
# The .ics round-trip test parses exports with Python's icalendar (setup.sh's venv).
export CONFIDANT_PYTHON="$TARGET_DIR/tools/py/bin/python"

# custom-protocol embeds ui/dist at compile time, so the UI is built before any
# cargo step that compiles the app crate.
step "Build the UI (ui/dist)"
timed npm --prefix ui run build --silent

step "cargo fmt --check"
timed cargo fmt --all --check

step "cargo clippy (-D warnings)"
timed cargo clippy --locked --workspace --all-targets "${CARGO_FEATURES[@]}" -- -D warnings

step "cargo test (workspace; with the TypeScript bindings and command wrappers drift tests)"
timed cargo test --locked --workspace "${CARGO_FEATURES[@]}"

step "Reliability suite: crash (SIGKILL), disk full and I/O errors, tamper"
# The suite's tests are marked #[ignore = "reliability suite: …"], so the
# workspace step above lists them as ignored without running them, and they
# run once, here, with their output shown (--nocapture): each prints its
# figures on a line starting "RELIABILITY", gathered again at the end of the
# step. (#[ignore] rather than a `--skip` pattern in the step above: it is
# declared beside each test, says why, and needs no list kept in step with
# the test names. The crash tests' child processes are plain tests that do
# nothing unless the parent started them.) scripts/windows.sh runs the core's
# tests with --include-ignored, so the suite runs under Wine too; the
# disk-full tests skip themselves there (they need Linux's prlimit and mount).
RELIABILITY_LOG="$TARGET_DIR/reliability.log"
timed cargo test --locked --workspace "${CARGO_FEATURES[@]}" \
  --test crash --test records_crash --test audit_crash --test crash_paths --test crash_keys \
  --test io_faults --test tamper_pages \
  -- --ignored --nocapture 2>&1 | tee "$RELIABILITY_LOG"
info "Reliability figures (full output: $RELIABILITY_LOG):"
grep -o 'RELIABILITY .*' "$RELIABILITY_LOG" | sed 's/^/    /'
kills="$(grep -o 'RELIABILITY crash\[[^]]*\]: [0-9]* kills' "$RELIABILITY_LOG" | awk '{ n += $(NF - 1); p++ } END { print n + 0, p + 0 }')"
info "crash: ${kills% *} kills across ${kills#* } write paths"

step "cargo test: OS keychain against a real Secret Service (gnome-keyring)"
# A throwaway home and a private D-Bus session with an unlocked keyring, so the
# test never touches a developer's real keychain. Cargo and rustup keep theirs.
KEYCHAIN_SCRATCH="$TARGET_DIR/keychain-test"
rm -rf "$KEYCHAIN_SCRATCH"
mkdir -p "$KEYCHAIN_SCRATCH"/home/{.local/share,.config,.cache} "$KEYCHAIN_SCRATCH/run"
chmod 700 "$KEYCHAIN_SCRATCH/run"
# Build outside the private session so a build failure reads plainly.
cargo test --locked --workspace "${CARGO_FEATURES[@]}" --test keychain_os --no-run --quiet
# shellcheck disable=SC2016 # expanded by the inner shell
timed env \
  CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" \
  RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
  HOME="$KEYCHAIN_SCRATCH/home" \
  XDG_DATA_HOME="$KEYCHAIN_SCRATCH/home/.local/share" \
  XDG_CONFIG_HOME="$KEYCHAIN_SCRATCH/home/.config" \
  XDG_CACHE_HOME="$KEYCHAIN_SCRATCH/home/.cache" \
  XDG_RUNTIME_DIR="$KEYCHAIN_SCRATCH/run" \
  dbus-run-session -- sh -c '
    printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec cargo test --locked --workspace "$@" --test keychain_os -- --include-ignored
  ' keychain-test "${CARGO_FEATURES[@]}"

step "Fuzzing: each target ${FUZZ_SECONDS:-20} s from its committed corpus, fixed seed (fuzz/run.sh)"
# cargo fuzz on the stable toolchain, no sanitizer (docs/FUZZING.md); fails
# on any crash. The committed inputs also run in `cargo test` above
# (crates/core/tests/fuzz_regressions.rs).
timed bash "$ROOT/fuzz/run.sh"

step "Windows: cargo check + core tests under Wine"
# clippy of the whole workspace for x86_64-pc-windows-gnu, then the core's
# tests under Wine in a scratch prefix (docs/WINDOWS.md).
timed bash "$ROOT/scripts/windows.sh"

step "UI: svelte-check"
timed npm --prefix ui run check --silent

step "UI: unit tests"
# CI=true keeps vitest from entering watch mode when run from a terminal.
timed env CI=true npm --prefix ui test --silent

step "Build the app for the end-to-end tests (target/debug/confidant, webdriver)"
# --workspace --all-targets: the feature set `cargo test` just built, so only
# the app crate compiles again, for its `webdriver` feature (the main window
# may leave incognito under WebDriver automation, which WebKitGTK requires).
# Only this build has it; scripts/build-app.sh (run.sh) builds without it.
timed cargo build --locked --workspace --all-targets "${CARGO_FEATURES[@]}" --features confidant/webdriver

# The Linux installer builds while the journeys run. The journeys mostly wait
# on the app (0.3 of a core on average here), and the release build is the
# longest step, so side by side they save most of the journeys' time. The
# build runs at the lowest priority (nice 19), so the app under test gets the
# CPU whenever it wants it and the journeys run as they would alone; its own
# process group, so that a failing journey stops it too; its output is
# printed once the journeys are done. (package.sh starts its own X server from
# display :150 up, apart from the journeys' :99 and up.)
step "Package: the Linux installer (.deb) from a release build: started in the background"
# A release build of its own (target/release; the steps above build debug), so
# this is the slowest step on a cold cache; package.sh prints its parts. It
# also unpacks the .deb and starts it, and parses .github/workflows/release.yml.
PACKAGE_LOG="$TARGET_DIR/package.log"
package_started=$SECONDS
setsid nice -n 19 bash "$ROOT/scripts/package.sh" >"$PACKAGE_LOG" 2>&1 &
package_pid=$!
# shellcheck disable=SC2064 # expand package_pid now
trap "kill -TERM -- -$package_pid 2>/dev/null || true" EXIT
info "output: $PACKAGE_LOG"

step "End-to-end journeys (real app, tauri-driver, Xvfb)"
timed bash "$ROOT/tests/e2e/run.sh"

step "Package: the Linux installer (.deb), built in the background"
package_status=0
wait "$package_pid" || package_status=$?
trap - EXIT
cat "$PACKAGE_LOG"
info "(the package step took $((SECONDS - package_started)) s, beside the journeys)"
((package_status == 0)) || die "scripts/package.sh failed (exit $package_status); its output is above and in $PACKAGE_LOG"

step "All checks passed in $((SECONDS - STARTED)) s"
