//! What each fuzz target does with its bytes. The files in `fuzz_targets/` only hand the
//! bytes to `run` here, so the harness code is ordinary, documented Rust.
//!
//! Every target holds Anvil to the same promise: bad input ends in an error value, never a
//! panic, a hang or unbounded memory (the last two are caught by libFuzzer's `-timeout` and
//! `-rss_limit_mb`, which `scripts/fuzz.sh` sets). Some targets also check a round trip
//! (what a reader accepts, its writer writes back the same), which turns silent
//! corruption into a crash the fuzzer reports.

pub mod blob_base64;
pub mod date_time;
pub mod input_from_json;
pub mod input_patterns;
pub mod model_loader;
pub mod operations;
pub mod parse_response;
