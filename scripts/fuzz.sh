#!/usr/bin/env bash
# Runs one fuzz target for a fixed time, or replays one input.
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   scripts/fuzz.sh TARGET path/to/input            # replay a saved input (e.g. a crash)
#   scripts/fuzz.sh list                            # the targets
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
# New inputs go to fuzz/corpus/TARGET (ignored by git), crashes to fuzz/artifacts/TARGET.
# The committed seeds in fuzz/seeds/TARGET (and, for model_loader, models/) are read too.
# A run that takes over TIMEOUT seconds on one input (default 10) or more than RSS_MB of
# memory (default 2048) counts as a crash. FUZZ_SANITIZER picks the sanitizer (default
# none: the code under test is safe Rust, and the machine is small; `address` works too).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"

usage() {
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
}

[[ $# -ge 1 ]] || usage
target="$1"
if [[ "$target" == list ]]; then
    cargo +nightly fuzz list
    exit 0
fi
[[ $# -ge 2 ]] || usage
budget="$2"
shift 2

sanitizer="${FUZZ_SANITIZER:-none}"
common=(-timeout="${TIMEOUT:-10}" -rss_limit_mb="${RSS_MB:-2048}")

if [[ -f "$budget" ]]; then
    exec cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "$budget" -- "${common[@]}" "$@"
fi
[[ "$budget" =~ ^[0-9]+$ ]] || usage

# Real models are tens of kilobytes; the other targets' inputs stay small.
case "$target" in
    model_loader) max_len=65536 ;;
    *) max_len=4096 ;;
esac

corpora=("corpus/$target")
mkdir -p "corpus/$target"
[[ -d "seeds/$target" ]] && corpora+=("seeds/$target")
[[ "$target" == model_loader ]] && corpora+=("$root/models")

options=("${common[@]}" -max_total_time="$budget" -max_len="$max_len" -print_final_stats=1)
[[ -f "dicts/$target.dict" ]] && options+=(-dict="dicts/$target.dict")

exec cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "${corpora[@]}" -- "${options[@]}" "$@"
