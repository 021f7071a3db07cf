# Shared helpers for Confidant's scripts. Source it; do not run it.
# shellcheck shell=bash

# Where cargo puts its output (honours CARGO_TARGET_DIR like cargo does).
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
export TARGET_DIR

# rustup installs into ~/.cargo/bin; a non-login shell (CI) may not have it on PATH.
if ! command -v cargo >/dev/null 2>&1 && [[ -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo" ]]; then
  PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
  export PATH
fi

# Colour only on a terminal.
if [[ -t 1 ]]; then
  _bold=$'\033[1m' _dim=$'\033[2m' _red=$'\033[31m' _yellow=$'\033[33m' _reset=$'\033[0m'
else
  _bold='' _dim='' _red='' _yellow='' _reset=''
fi

# A header for each step.
step() { printf '\n%s==> %s%s\n' "$_bold" "$*" "$_reset"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '%s    warning: %s%s\n' "$_yellow" "$*" "$_reset" >&2; }
die() {
  printf '%serror: %s%s\n' "$_red" "$*" "$_reset" >&2
  exit 1
}

# CPU time (user + system, in clock ticks) of the processes this shell has
# started and waited for, from /proc (no subshell: a subshell counts only its
# own children).
_CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
_children_ticks() {
  local -a st
  read -r -a st <"/proc/$BASHPID/stat"
  # Fields 16 and 17 (cutime, cstime); the command name (field 2) is "bash".
  _ticks=$((st[15] + st[16]))
}

# Runs a command and prints how long it took and how many of the machine's
# cores it kept busy on average (its processes' CPU time over the wall time).
timed() {
  local started=$SECONDS _ticks before wall
  _children_ticks
  before=$_ticks
  "$@"
  _children_ticks
  wall=$((SECONDS - started))
  printf '%s    (%s s, CPU %s cores)%s\n' "$_dim" "$wall" \
    "$(awk -v t="$((_ticks - before))" -v hz="$_CLK_TCK" -v w="$wall" 'BEGIN { printf "%.1f", (w > 0 ? t / hz / w : 0) }')" "$_reset"
}

# Recompresses a .deb's files (and control data) with xz in place, as
# Debian's own packages are: Tauri's bundler writes gzip. Same files, same
# control data, owner and group root. Needs dpkg-deb and ar.
repack_deb_xz() {
  local deb="$1" tree
  tree="$(mktemp -d)"
  dpkg-deb --raw-extract "$deb" "$tree/root"
  dpkg-deb --root-owner-group -Zxz -z9 --build "$tree/root" "$deb.xz" >/dev/null
  mv "$deb.xz" "$deb"
  rm -rf "$tree"
  ar t "$deb" | grep -qx 'data.tar.xz' || die "the repacked $deb has no data.tar.xz"
}
