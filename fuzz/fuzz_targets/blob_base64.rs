//! Fuzz target: see [`anvil_fuzz::blob_base64`].
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| anvil_fuzz::blob_base64::run(data));
