//! Each generated operation's `Input::from_json` on fuzzed JSON text, and, for input it
//! accepts, the rest of the way to a request (`validate`, `prepare`, `build_request`).
//!
//! Two properties are checked on accepted input: an outcome of `from_json` without
//! violations means `validate()` finds none either, and the input written back as JSON
//! with member names (`write_json` in [`JsonStyle::Display`]) reads back equal.
//!
//! Input layout: one byte picking the operation (see [`crate::operations::select`]), then
//! the JSON text.

use anvil_runtime::Operation;
use anvil_runtime::operation::JsonInput;
use anvil_runtime::wire::{JsonStyle, JsonWriter};

use super::operations::select;

/// Where fuzzed requests are pointed; nothing is sent.
const ENDPOINT_URL: &str = "https://fuzz.example.com";

/// Reads the JSON with the operation the first byte picks.
pub fn run(data: &[u8]) {
    let Some((index, json)) = select(data) else {
        return;
    };
    let Ok(value) = anvil_runtime::json::parse_bytes(json) else {
        return;
    };
    crate::with_operation!(index, |Op| exercise::<Op>(&value, |input, out| input
        .write_json(out)));
}

/// Reads `value` as operation `O`'s input and takes what it accepts to a request;
/// `write_json` is the input's own JSON writer.
fn exercise<O>(value: &anvil_runtime::json::Value, write_json: impl Fn(&O::Input, &mut JsonWriter))
where
    O: Operation,
    O::Input: JsonInput + PartialEq + std::fmt::Debug,
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
    let validated = O::validate(&input);
    if let Err(violations) = &validated {
        let _ = violations.to_string();
        assert!(
            outcome.is_err(),
            "from_json found no violations, validate() found: {violations}"
        );
    }
    let mut out = JsonWriter::new(JsonStyle::Display);
    write_json(&input, &mut out);
    let written = out.finish();
    let reread = anvil_runtime::json::parse(&written)
        .map_err(|error| error.to_string())
        .and_then(|value| O::Input::from_json(&value).map_err(|error| error.to_string()));
    match reread {
        Ok((again, _)) => assert_eq!(again, input, "written back as {written}"),
        Err(error) => panic!("written back as {written}, which does not read: {error}"),
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
