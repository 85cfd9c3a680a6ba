//! Fuzz target: see [`anvil_fuzz::input_patterns`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| anvil_fuzz::input_patterns::run(data));
