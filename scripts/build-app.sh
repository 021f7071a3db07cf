#!/usr/bin/env bash
# Builds the desktop app: the Svelte UI (ui/dist), then the Tauri binary with the
# UI embedded (feature tauri/custom-protocol; debug profile).
# Result: target/debug/confidant. Run scripts/setup.sh first on a fresh machine.
#
# The cargo command is the one scripts/test.sh builds with (--workspace
# --all-targets, same features): cargo unifies dependency features over the
# selected packages and, when test targets are built, their dev-dependencies,
# so a narrower `cargo build -p confidant` would rebuild part of the
# dependencies with another feature set after scripts/test.sh. This way
# `bash scripts/test.sh` then `bash scripts/run.sh` builds the app once; only
# the app crate is compiled again, because the end-to-end build in test.sh
# adds the `webdriver` feature and this build must not have it (it would let
# the window leave incognito under automation).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# The cargo feature set shared by clippy, test and build, so that tauri compiles
# once. Never confidant/webdriver here.
CARGO_FEATURES=(--features tauri/custom-protocol)

[[ -d ui/node_modules ]] || die "ui/node_modules is missing: run scripts/setup.sh first"

step "Build the UI (ui/dist)"
timed npm --prefix ui run build --silent

step "Build the app (target/debug/confidant, UI embedded)"
timed cargo build --locked --workspace --all-targets "${CARGO_FEATURES[@]}"
[[ -x "$TARGET_DIR/debug/confidant" ]] || die "cargo finished but $TARGET_DIR/debug/confidant is missing"
info "built $TARGET_DIR/debug/confidant"
