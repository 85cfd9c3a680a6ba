//! The model loader on fuzzed JSON text and, for models it accepts, the rest of the
//! pipeline: lowering to the IR and emitting the formatted Rust files.

use std::path::Path;

use anvil_codegen::emit;
use anvil_codegen::ir::{LowerOptions, lower_service};
use anvil_codegen::model::load_str;

/// The file name the loader puts in its messages.
const SOURCE: &str = "fuzz.json";

/// Loads the text as a Smithy JSON AST model and generates a standalone crate's files.
pub fn run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let model = match load_str(text, Path::new(SOURCE)) {
        Ok(model) => model,
        Err(error) => return drop(error.to_string()),
    };
    let options = LowerOptions {
        service: None,
        operations: Vec::new(),
        root: vec!["crate".to_string()],
        source: SOURCE.to_string(),
    };
    let service = match lower_service(&model, &options) {
        Ok(service) => service,
        Err(error) => return drop(error.to_string()),
    };
    if let Err(error) = emit::service(&service, "src", true) {
        drop(error.to_string());
    }
}
