#!/usr/bin/env bash
# Installs what is missing, builds Confidant and starts it.
#
# On a desktop (DISPLAY or WAYLAND_DISPLAY set) the app opens in a window and uses
# your session's keychain. On a machine without a display (a server, a container,
# CI) it runs headless: inside a virtual X server (Xvfb), with a private D-Bus
# session and an unlocked gnome-keyring, and with its own home under
# target/headless-home (override with CONFIDANT_HEADLESS_HOME) so that your real
# home and keyrings are left alone. Nothing appears on screen then; stop it with Ctrl+C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

bash "$ROOT/scripts/setup.sh"
bash "$ROOT/scripts/build-app.sh"

BIN="$TARGET_DIR/debug/confidant"

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" ]]; then
  step "Starting Confidant"
  exec "$BIN" "$@"
fi

HEADLESS_HOME="${CONFIDANT_HEADLESS_HOME:-$TARGET_DIR/headless-home}"
mkdir -p "$HEADLESS_HOME"/{.local/share,.config,.cache} "$HEADLESS_HOME/run"
chmod 700 "$HEADLESS_HOME/run"

step "Starting Confidant headless"
info "No display was found (DISPLAY and WAYLAND_DISPLAY are empty), so the app runs"
info "headless: in a virtual X server (xvfb-run), with a private D-Bus session"
info "(dbus-run-session) and a gnome-keyring unlocked with a test password, which"
info "holds the device key. Nothing will appear on screen."
info "Home, data and keyring: $HEADLESS_HOME (kept between runs)."
info "Press Ctrl+C to stop."

# CARGO_HOME/RUSTUP_HOME are not needed by the app; keep them out of the scratch home.
export HOME="$HEADLESS_HOME" \
  XDG_DATA_HOME="$HEADLESS_HOME/.local/share" \
  XDG_CONFIG_HOME="$HEADLESS_HOME/.config" \
  XDG_CACHE_HOME="$HEADLESS_HOME/.cache" \
  XDG_RUNTIME_DIR="$HEADLESS_HOME/run"

# shellcheck disable=SC2016 # expanded by the inner shell
exec dbus-run-session -- sh -c '
  printf headless | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$@"
' confidant-headless "$BIN" "$@"
