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
# One input that runs longer than TIMEOUT seconds or uses more than RSS_MB of memory
# counts as a crash. TIMEOUT defaults to 10, and to 30 for model_loader: a valid model is
# generated in full, which takes time in proportion to its shapes. RSS_MB defaults to 2048.
# FUZZ_SANITIZER picks the sanitizer (default none: the code under test is safe Rust and
# the machine small; `address` works too).
set -euo pipefail

script="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"
root="$(dirname "$(dirname "$script")")"

usage() {
    sed -n '2,15p' "$script" | sed 's/^# \{0,1\}//'
    exit 2
}

[[ $# -ge 1 ]] || usage
target="$1"
if [[ "$target" == list ]]; then
    cd "$root/fuzz"
    exec cargo +nightly fuzz list
fi
[[ $# -ge 2 ]] || usage
budget="$2"
shift 2
# A replayed input is named relative to where the script was started.
[[ -f "$budget" ]] && budget="$(cd "$(dirname "$budget")" && pwd)/$(basename "$budget")"
cd "$root/fuzz"

sanitizer="${FUZZ_SANITIZER:-none}"
default_timeout=10
[[ "$target" == model_loader ]] && default_timeout=30
common=(-timeout="${TIMEOUT:-$default_timeout}" -rss_limit_mb="${RSS_MB:-2048}")

if [[ -f "$budget" ]]; then
    exec cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "$budget" -- "${common[@]}" "$@"
fi
[[ "$budget" =~ ^[0-9]+$ ]] || usage

# Real models are tens of kilobytes; the other targets' inputs stay small.
max_len=4096
[[ "$target" == model_loader ]] && max_len=65536

corpora=("corpus/$target")
mkdir -p "corpus/$target"
[[ -d "seeds/$target" ]] && corpora+=("seeds/$target")
[[ "$target" == model_loader ]] && corpora+=("$root/models")

options=("${common[@]}" -max_total_time="$budget" -max_len="$max_len" -print_final_stats=1)
[[ -f "dicts/$target.dict" ]] && options+=(-dict="dicts/$target.dict")

exec cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "${corpora[@]}" -- "${options[@]}" "$@"
