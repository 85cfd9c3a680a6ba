//! Each generated operation's `Input::from_json` on fuzzed JSON text, and, for input it
//! accepts, the rest of the way to a request (`validate`, `prepare`, `build_request`).
//!
//! Input layout: one byte picking the operation (see [`crate::operations::select`]), then
//! the JSON text.

use anvil_runtime::Operation;
use anvil_runtime::operation::JsonInput;

use crate::operations::select;

/// Where fuzzed requests are pointed; nothing is sent.
const ENDPOINT_URL: &str = "https://fuzz.example.com";

/// Reads the JSON with the operation the first byte picks.
pub fn run(data: &[u8]) {
    let Some((index, json)) = select(data) else {
        return;
    };
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(json) else {
        return;
    };
    crate::with_operation!(index, |Op| exercise::<Op>(&value));
}

fn exercise<O>(value: &serde_json::Value)
where
    O: Operation,
    O::Input: JsonInput + std::fmt::Debug,
{
    let (mut input, outcome) = match O::Input::from_json(value) {
        Ok(read) => read,
        Err(error) => {
            let _ = error.to_string();
            return;
        }
    };
    if let Err(violations) = &outcome {
        let _ = violations.to_string();
    }
    if let Err(violations) = O::validate(&input) {
        let _ = violations.to_string();
    }
    let _ = format!("{input:?}");
    O::prepare(&mut input);
    match O::host_prefix(&input) {
        Ok(prefix) => drop(prefix),
        Err(error) => drop(error.to_string()),
    }
    match O::build_request(&input, ENDPOINT_URL) {
        Ok(request) => drop(request),
        Err(error) => drop(error.to_string()),
    }
}
