#!/usr/bin/env bash
# Builds Confidant's Linux installer (.deb) with the UI's own Tauri CLI
# (@tauri-apps/cli from ui/package.json, no cargo-installed CLI) and checks it:
#
#   bash scripts/package.sh
#
#   1. the UI (ui/dist), then `tauri build --bundles deb`: a release build of
#      the app (profile.release in Cargo.toml) packed into
#      target/release/bundle/deb/Confidant_<version>_amd64.deb, whose files
#      are then recompressed with xz (Tauri writes gzip);
#   2. the package itself (dpkg-deb --info/--contents): name, version,
#      architecture, Depends on the WebKitGTK 4.1 and GTK 3 runtimes and the
#      CJK font the reports use on Linux (fonts-noto-cjk), the
#      binary, the .desktop entry and the icons; its size, against the 10 MB
#      target (printed, not enforced: see docs/BENCHMARKS.md);
#   3. the package unpacked into a scratch root: every shared library the
#      binary needs resolves (ldd), and the binary starts under Xvfb in a
#      throwaway home with a private D-Bus session and gnome-keyring until its
#      window "Confidant" is mapped; it is given CONFIDANT_DATA_DIR and must
#      ignore it (a release build keeps its vault in the per-user app-data
#      folder);
#   4. the release workflow (.github/workflows/release.yml) parses as YAML
#      (PyYAML in setup.sh's venv) and names the jobs and bundles it should.
#
# Prints how long each part took. AppImage is not built: Tauri's AppImage
# bundler downloads linuxdeploy and its plugins at build time (docs/PACKAGING.md).
# Run scripts/setup.sh first on a fresh machine (scripts/test.sh does).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

STARTED=$SECONDS
TARGET_MB=10
VERSION="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' src-tauri/tauri.conf.json | head -n 1)"
[[ -n "$VERSION" ]] || die "no version in src-tauri/tauri.conf.json"
DEB="$TARGET_DIR/release/bundle/deb/Confidant_${VERSION}_amd64.deb"
SCRATCH="$TARGET_DIR/package-check"
PYTHON="${CONFIDANT_PYTHON:-$TARGET_DIR/tools/py/bin/python}"

[[ -x ui/node_modules/.bin/tauri ]] || die "ui/node_modules/.bin/tauri is missing: run scripts/setup.sh (npm ci in ui/)"
for tool in dpkg-deb ldd xvfb-run dbus-run-session gnome-keyring-daemon xdotool; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found: run scripts/setup.sh"
done

# --- 1. Build ------------------------------------------------------------------
step "Build the UI (ui/dist)"
timed npm --prefix ui run build --silent

step "tauri build --bundles deb (release build of the app, then the package)"
# The UI is built above. The configured beforeBuildCommand is left out: the CLI
# runs it from the folder it takes for the frontend (the first package.json it
# finds under the repository), not from the repository root.
rm -f "$DEB"
build_started=$SECONDS
timed npm --prefix ui exec --no -- tauri build --ci --bundles deb \
  --config '{"build":{"beforeBuildCommand":""}}'
BUILD_S=$((SECONDS - build_started))
[[ -f "$DEB" ]] || die "tauri build finished but $DEB is missing"

step "Recompress the package's files with xz (dpkg-deb)"
# Tauri's bundler writes the files as data.tar.gz; Debian's own packages use
# xz, which packs this binary about a third smaller. Same files, same control
# data; owner and group root, as the bundler writes them.
GZ_BYTES="$(stat -c %s "$DEB")"
repack_deb_xz "$DEB"
info "gzip $GZ_BYTES bytes -> xz $(stat -c %s "$DEB") bytes"

# --- 2. The package ------------------------------------------------------------
step "Check the package (dpkg-deb)"
check_started=$SECONDS
field() { dpkg-deb --field "$DEB" "$1"; }
[[ "$(field Package)" == "confidant" ]] || die "package name is '$(field Package)', not confidant"
[[ "$(field Version)" == "$VERSION" ]] || die "package version is '$(field Version)', not $VERSION"
[[ "$(field Architecture)" == "amd64" ]] || die "architecture is '$(field Architecture)', not amd64"
DEPENDS="$(field Depends)"
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 fonts-noto-cjk; do
  grep -Eq "(^|, *)$dep( |,|$)" <<<"$DEPENDS" || die "Depends lacks $dep: $DEPENDS"
done
info "confidant $VERSION amd64; Depends: $DEPENDS"

# Paths as /usr/..., whether the archive stores them as ./usr/... or usr/...
CONTENTS="$(dpkg-deb --contents "$DEB" | awk '{print $NF}' | sed -e 's|^\./|/|' -e 's|^\([^/]\)|/\1|')"
has() { grep -qx "$1" <<<"$CONTENTS" || die "the package lacks $1"; }
has /usr/bin/confidant
has /usr/share/applications/Confidant.desktop
for size in 32x32 128x128 256x256@2; do
  has "/usr/share/icons/hicolor/$size/apps/confidant.png"
done
info "$(grep -c -v '/$' <<<"$CONTENTS") files: /usr/bin/confidant, Confidant.desktop, icons 32x32, 128x128, 256x256@2"

DEB_BYTES="$(stat -c %s "$DEB")"
INSTALLED_KB="$(field Installed-Size)"
DEB_MB="$(awk -v b="$DEB_BYTES" 'BEGIN { printf "%.2f", b / 1048576 }')"
if awk -v b="$DEB_BYTES" -v t="$TARGET_MB" 'BEGIN { exit !(b <= t * 1048576) }'; then
  verdict=PASS
else
  verdict=MISS
fi
info "size: $DEB_MB MB ($DEB_BYTES bytes; $INSTALLED_KB KB installed); target <= $TARGET_MB MB: $verdict"

# --- 3. Unpacked: libraries resolve, the window opens ---------------------------
step "Unpack into a scratch root; ldd; start it under Xvfb"
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"/root "$SCRATCH"/home/{.local/share,.config,.cache} "$SCRATCH"/{run,tmp,ignored-data-dir}
chmod 700 "$SCRATCH/run"
dpkg-deb -x "$DEB" "$SCRATCH/root"
BIN="$SCRATCH/root/usr/bin/confidant"
[[ -x "$BIN" ]] || die "$BIN is not executable"
file -b "$BIN" | grep -q 'ELF 64-bit LSB pie executable, x86-64' || die "not an x86-64 executable: $(file -b "$BIN")"
missing="$(ldd "$BIN" | grep 'not found' || true)"
[[ -z "$missing" ]] || die "shared libraries not found:
$missing"
info "ldd: all $(ldd "$BIN" | grep -c '=>') shared libraries resolve"
grep -qx 'Exec=confidant' "$SCRATCH/root/usr/share/applications/Confidant.desktop" \
  || die "Confidant.desktop does not start 'confidant'"

# Inside a private D-Bus session and X server: starts the unpacked binary,
# waits until its window is mapped and its data folder made, checks it is
# still running, stops it.
# The session's own chatter (dbus-daemon, portals) goes to session.log.
# shellcheck disable=SC2016 # expanded by the inner shell
if ! env -i PATH="$PATH" LANG=C.UTF-8 NO_AT_BRIDGE=1 \
  HOME="$SCRATCH/home" \
  XDG_DATA_HOME="$SCRATCH/home/.local/share" \
  XDG_CONFIG_HOME="$SCRATCH/home/.config" \
  XDG_CACHE_HOME="$SCRATCH/home/.cache" \
  XDG_RUNTIME_DIR="$SCRATCH/run" \
  TMPDIR="$SCRATCH/tmp" \
  CONFIDANT_DATA_DIR="$SCRATCH/ignored-data-dir" \
  dbus-run-session -- xvfb-run -a -n 150 -s "-screen 0 1280x800x24" sh -c '
    printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    "$1" >"$2/app.log" 2>&1 &
    app=$!
    # Waits for the window itself (an event, not a time); the timeout only
    # turns a hang into a failure.
    if ! window="$(timeout 120 xdotool search --sync --onlyvisible --name "^Confidant\$" | head -n 1)"; then
      kill "$app" 2>/dev/null; echo "no Confidant window appeared; app log:" >&2; cat "$2/app.log" >&2; exit 1
    fi
    # The window opens before the vault (so WebKit starts meanwhile): wait
    # until the app has made its data folder too, or has exited; the
    # deadline only turns a hang into a failure.
    vault="$2/home/.local/share/app.confidant.desktop/vault"
    deadline=$(($(date +%s) + 120))
    while [ ! -d "$vault" ] && kill -0 "$app" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do
      sleep 0.1
    done
    kill -0 "$app" 2>/dev/null || { echo "the app exited after its window appeared" >&2; cat "$2/app.log" >&2; exit 1; }
    echo "    window $window \"$(xdotool getwindowname "$window")\" mapped; app pid $app running"
    kill -TERM "$app"
    wait "$app" 2>/dev/null || true
  ' check "$BIN" "$SCRATCH" 2>"$SCRATCH/session.log"; then
  tail -n 30 "$SCRATCH/session.log" >&2
  die "the unpacked app did not open its window (logs: $SCRATCH/app.log, $SCRATCH/session.log)"
fi
[[ -d "$SCRATCH/home/.local/share/app.confidant.desktop/vault" ]] \
  || die "the release build did not use its own data folder (~/.local/share/app.confidant.desktop/vault)"
[[ -z "$(ls -A "$SCRATCH/ignored-data-dir")" ]] \
  || die "the release build wrote into CONFIDANT_DATA_DIR; it must ignore it"
info "data folder: ~/.local/share/app.confidant.desktop/vault (CONFIDANT_DATA_DIR ignored)"

# --- 4. The release workflow parses ---------------------------------------------
step "Check .github/workflows/release.yml (YAML, jobs, bundles)"
[[ -x "$PYTHON" ]] || die "$PYTHON not found: run scripts/setup.sh"
"$PYTHON" - .github/workflows/release.yml <<'PY'
import sys
import yaml

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    workflow = yaml.safe_load(f)
# PyYAML reads the key `on` as True (YAML 1.1).
triggers = workflow.get("on", workflow.get(True))
assert triggers, f"{path}: no triggers"
jobs = workflow["jobs"]
matrix = jobs["build"]["strategy"]["matrix"]["include"]
bundles = {entry["os"]: entry["bundles"] for entry in matrix}
expected = {"windows-latest": "msi,nsis", "macos-latest": "dmg", "ubuntu-22.04": "deb"}
assert bundles == expected, f"{path}: bundles per runner are {bundles}, expected {expected}"
for name, job in jobs.items():
    assert job.get("steps"), f"{path}: job {name} has no steps"
text = open(path, encoding="utf-8").read()
for secret in ("APPLE_CERTIFICATE", "APPLE_CERTIFICATE_PASSWORD", "APPLE_SIGNING_IDENTITY",
               "APPLE_ID", "APPLE_PASSWORD", "APPLE_TEAM_ID"):
    assert f"secrets.{secret}" in text, f"{path}: {secret} is not passed to the build"
print(f"    {path}: parses; jobs {', '.join(jobs)}; "
      + "; ".join(f"{os}: {b}" for os, b in bundles.items()))
PY
CHECK_S=$((SECONDS - check_started))

step "Package built and checked in $((SECONDS - STARTED)) s (release build and bundling $BUILD_S s, checks $CHECK_S s)"
info "$DEB"
info "$DEB_MB MB (target <= $TARGET_MB MB: $verdict)"
