//! Fuzz target: see [`anvil_fuzz::date_time`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| anvil_fuzz::date_time::run(data));
