//! Fuzz target: see [`anvil_fuzz::parse_response`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| anvil_fuzz::parse_response::run(data));
