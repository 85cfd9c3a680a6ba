//! Fuzz target: see [`anvil_fuzz::model_loader`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| anvil_fuzz::model_loader::run(data));
