//! Fuzz target: see [`anvil_fuzz::input_from_json`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| anvil_fuzz::input_from_json::run(data));
