#!/usr/bin/env bash
# Builds the fuzz targets (cargo fuzz, stable toolchain, no sanitizer) and
# runs each for a bounded time from its committed corpus (fuzz/corpus/<t>/)
# and its regression inputs (fuzz/regressions/<t>/), with a fixed seed.
# Fails when any target crashes (a panic, a failed invariant, a timeout or
# running out of memory), after running them all; the input that crashed
# is kept under $TARGET_DIR/fuzz/artifacts/<t>/. Prints, per target, the
# runs, executions per second and corpus size. See docs/FUZZING.md.
#
#   bash fuzz/run.sh                # every target, FUZZ_SECONDS (20) each
#   FUZZ_SECONDS=300 bash fuzz/run.sh ics packets
#
# Needs cargo-fuzz under $TARGET_DIR/tools (scripts/setup.sh installs it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

ALL_TARGETS=(sealed packets ics backup profiles)
if (($# > 0)); then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi
SECONDS_PER_TARGET="${FUZZ_SECONDS:-20}"
SEED="${FUZZ_SEED:-1}"
# Largest input tried. The backup target reaches deep into a real backup
# through patches, so no input needs to be large.
MAX_LEN=16384
# One input taking this long is a hang, not a slow machine (inputs here
# take milliseconds); libFuzzer reports it as a crash.
TIMEOUT_S=60

FUZZ_OUT="$TARGET_DIR/fuzz"
PATH="$TARGET_DIR/tools/bin:$PATH"
command -v cargo-fuzz >/dev/null 2>&1 || die "cargo-fuzz is not installed under $TARGET_DIR/tools: run scripts/setup.sh"

for t in "${TARGETS[@]}"; do
  [[ " ${ALL_TARGETS[*]} " == *" $t "* ]] || die "no fuzz target '$t' (targets: ${ALL_TARGETS[*]})"
done

# The lock file is used as committed (cargo fuzz has no --locked).
cargo fetch --locked --manifest-path fuzz/Cargo.toml --quiet

# All targets in one build (they share everything but their main).
info "building the fuzz targets (release, debug assertions and overflow checks on, no sanitizer)"
build_started=$SECONDS
(cd fuzz && cargo fuzz build --sanitizer none --target-dir "$FUZZ_OUT")
host="$(rustc -vV | sed -n 's/^host: //p')"
info "built in $((SECONDS - build_started)) s"

# The targets run side by side, as many at a time as the machine has cores
# (FUZZ_JOBS): each is one single-threaded process, bounded by its time, so
# on 2 cores the five take three rounds of FUZZ_SECONDS instead of five.
JOBS="${FUZZ_JOBS:-$(nproc)}"
run_target() {
  local t="$1" work="$FUZZ_OUT/corpus-run/$1" artifacts="$FUZZ_OUT/artifacts/$1"
  local log="$FUZZ_OUT/logs/$1.log" status=0
  local -a dict=() inputs=("fuzz/corpus/$1")
  [[ -f "fuzz/dict/$t.dict" ]] && dict=(-dict="fuzz/dict/$t.dict")
  [[ -d "fuzz/regressions/$t" ]] && inputs+=("fuzz/regressions/$t")
  "$FUZZ_OUT/$host/release/$t" "$work" "${inputs[@]}" \
    -seed="$SEED" -max_total_time="$SECONDS_PER_TARGET" -max_len="$MAX_LEN" \
    -timeout="$TIMEOUT_S" -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "${dict[@]}" >"$log" 2>&1 || status=$?
  echo "$status" >"$FUZZ_OUT/logs/$t.status"
}
info "running ${#TARGETS[@]} targets, $JOBS at a time, ${SECONDS_PER_TARGET} s each"
runs_started=$SECONDS
running=0
for t in "${TARGETS[@]}"; do
  rm -rf "$FUZZ_OUT/corpus-run/$t" "$FUZZ_OUT/artifacts/$t" "$FUZZ_OUT/logs/$t.status"
  mkdir -p "$FUZZ_OUT/corpus-run/$t" "$FUZZ_OUT/artifacts/$t" "$FUZZ_OUT/logs"
  if ((running >= JOBS)); then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait
info "ran in $((SECONDS - runs_started)) s"

failed=()
printf '    %-9s %12s %9s %14s %s\n' target runs exec/s corpus "new inputs"
for t in "${TARGETS[@]}"; do
  work="$FUZZ_OUT/corpus-run/$t"
  artifacts="$FUZZ_OUT/artifacts/$t"
  log="$FUZZ_OUT/logs/$t.log"
  status="$(cat "$FUZZ_OUT/logs/$t.status" 2>/dev/null || echo '?')"
  # (A target that crashed at once prints no figures: shown as "?".)
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  corpus="$(grep -ao 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2 || true)"
  added="$(find "$work" -type f | wc -l)"
  printf '    %-9s %12s %9s %14s %s\n' "$t" "${runs:-?}" "${rate:-?}" "${corpus:-?}" "$added"
  if [[ "$status" != 0 ]]; then
    failed+=("$t")
    warn "fuzz target $t failed (exit $status); the end of its log ($log):"
    grep -av '^ *at \|^ *[0-9]*: ' "$log" | tail -n 25 >&2
    for a in "$artifacts"/*; do
      [[ -e "$a" ]] || continue
      warn "crashing input: $a"
      warn "  reproduce: $FUZZ_OUT/$host/release/$t $a"
      warn "  keep it: cp $a fuzz/regressions/$t/ (then cargo test --test fuzz_regressions fails until fixed)"
    done
  fi
done

((${#failed[@]} == 0)) || die "fuzzing found a crash in: ${failed[*]}"
