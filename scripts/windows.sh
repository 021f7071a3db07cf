#!/usr/bin/env bash
# The Windows check, run on Linux (docs/WINDOWS.md):
#   1. cargo clippy -D warnings (a full type check plus lints) of the whole
#      workspace, the app crate included, for x86_64-pc-windows-gnu;
#   2. the core's tests built for Windows and run under Wine in a scratch
#      prefix (target/windows/prefix, made fresh each run), with
#      --include-ignored: the OS keychain tests then run against Wine's
#      Credential Manager. Tests that need a Linux-only tool skip themselves
#      with a printed reason; the summary lists them.
# Needs what scripts/setup.sh installs (mingw-w64, Wine, the rustup target).
# scripts/test.sh runs it; it also runs on its own.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

WIN_TARGET=x86_64-pc-windows-gnu
# The feature set scripts/test.sh uses (the app embeds ui/dist).
CARGO_FEATURES=(--features tauri/custom-protocol)
SCRATCH="$TARGET_DIR/windows"
STARTED=$SECONDS

for tool in x86_64-w64-mingw32-gcc wine wineboot wineserver; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found: run scripts/setup.sh (mingw-w64 and Wine)"
done
rustup target list --installed | grep -qx "$WIN_TARGET" ||
  die "the Rust target $WIN_TARGET is missing: run scripts/setup.sh (rustup target add $WIN_TARGET)"

step "Windows: cargo clippy of the whole workspace ($WIN_TARGET, -D warnings)"
if [[ ! -f ui/dist/index.html ]]; then
  info "ui/dist is missing (the app crate embeds it): building the UI"
  npm --prefix ui run build --silent
fi
timed cargo clippy --locked --target "$WIN_TARGET" --workspace --all-targets "${CARGO_FEATURES[@]}" -- -D warnings

step "Windows: build the core's tests"
timed cargo test --locked --target "$WIN_TARGET" -p confidant-core --no-run

step "Windows: a scratch Wine prefix"
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"/home/{.local/share,.config,.cache}
# A private prefix and HOME, so nothing touches a developer's own Wine setup.
# No Mono/Gecko installers, no menu entries, no debug chatter.
export WINEPREFIX="$SCRATCH/prefix" WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export HOME="$SCRATCH/home" XDG_DATA_HOME="$SCRATCH/home/.local/share"
export XDG_CONFIG_HOME="$SCRATCH/home/.config" XDG_CACHE_HOME="$SCRATCH/home/.cache"
# However we exit: stop the test run if it is still going, then this
# prefix's wineserver and everything left in it.
cargo_pid=""
cleanup() {
  if [[ -n "$cargo_pid" ]]; then kill "$cargo_pid" 2>/dev/null || true; fi
  wineserver -k >/dev/null 2>&1 || true
}
trap cleanup EXIT
boot_started=$SECONDS
if ! wineboot --init >"$SCRATCH/wineboot.log" 2>&1; then
  cat "$SCRATCH/wineboot.log" >&2
  die "wineboot failed (log above)"
fi
wineserver -w
info "prefix made in $((SECONDS - boot_started)) s: $WINEPREFIX"
# One wineserver for the whole run: by default it exits a few seconds after
# its last process, and a test binary starting in that moment dies with
# "wine client error: recvmsg: Connection reset by peer".
wineserver -p
SYSTEM32="$WINEPREFIX/drive_c/windows/system32"
[[ -d "$SYSTEM32" ]] || die "wineboot made no $SYSTEM32 (see $SCRATCH/wineboot.log)"

# Rust's std gets random bytes from ProcessPrng in bcryptprimitives.dll
# (Windows 10+). Wine 8 has no such DLL, so every test binary would fail to
# start. This shim exports ProcessPrng on top of RtlGenRandom
# (SystemFunction036 in advapi32), which Wine implements. A Wine that ships
# the DLL keeps its own.
if [[ -e "$SYSTEM32/bcryptprimitives.dll" ]]; then
  info "this Wine ships bcryptprimitives.dll: no shim"
else
  cat >"$SCRATCH/bcryptprimitives.c" <<'EOF'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
EOF
  x86_64-w64-mingw32-gcc -shared -O2 -o "$SCRATCH/bcryptprimitives.dll" "$SCRATCH/bcryptprimitives.c" -ladvapi32
  cp "$SCRATCH/bcryptprimitives.dll" "$SYSTEM32/"
  info "ProcessPrng shim built with mingw-w64 and placed in system32"
fi

step "Windows: the core's tests under Wine (--include-ignored)"
LOG="$SCRATCH/tests.log"
# To a file, followed with tail: Wine's background services (started by
# the first test binary, alive until the prefix's wineserver stops) inherit
# the output, so a pipe to tee would never see its end.
tests_started=$SECONDS
: >"$LOG"
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine \
  cargo test --locked --target "$WIN_TARGET" -p confidant-core --no-fail-fast \
  -- --include-ignored --show-output >>"$LOG" 2>&1 &
cargo_pid=$!
tail -n +1 -f --pid="$cargo_pid" "$LOG" || true
status=0
wait "$cargo_pid" || status=$?
cargo_pid=""
info "($((SECONDS - tests_started)) s)"

step "Windows: summary"
# Skip reasons, each under its test's captured-output header.
skips="$(awk '/^---- .* stdout ----$/ { name = $2 } /^skipped/ { print "      " name ": " $0 }' "$LOG")"
read -r passed failed ignored < <(awk '/^test result:/ {
    for (i = 1; i <= NF; i++) {
      if ($(i + 1) ~ /^passed/) p += $i
      if ($(i + 1) ~ /^failed/) f += $i
      if ($(i + 1) ~ /^ignored/) g += $i
    }
  } END { print p + 0, f + 0, g + 0 }' "$LOG")
binaries="$(grep -c '^test result:' "$LOG" || true)"
skipped="$(grep -c '^skipped' "$LOG" || true)"
info "$binaries test binaries: $passed passed (of which $skipped skipped themselves), $failed failed, $ignored ignored"
if [[ -n "$skips" ]]; then
  info "skipped on Windows, with the reasons they printed:"
  printf '%s\n' "$skips"
fi

# The point of this step: the keychain and crash tests must have run here.
for must in \
  'keychain::windows_credential::tests::the_device_key_stays_on_this_computer' \
  'set_get_delete_round_trip' \
  'vault_journey_with_the_os_keychain_lost_and_recovered' \
  'a_malformed_entry_reads_as_malformed_and_the_vault_asks_for_recovery'; do
  grep -q "^test $must \.\.\. ok$" "$LOG" || die "the Windows keychain test $must did not run and pass (see $LOG)"
done
grep -q '^     Running tests/crash.rs' "$LOG" || die "the crash loop (tests/crash.rs) did not run (see $LOG)"

((status == 0 && failed == 0)) || die "Windows tests failed under Wine: $failed failed (full log: $LOG)"
((ignored == 0)) || die "$ignored test(s) were ignored under Wine: --include-ignored should run them all"
# The prefix is ~700 MB (Wine 8 copies its DLLs in); keep it only on failure.
wineserver -k >/dev/null 2>&1 || true
rm -rf "$WINEPREFIX"
step "Windows: all checks passed in $((SECONDS - STARTED)) s"
