//! Helpers shared by the workspace tests.

#![allow(dead_code)] // Each test binary uses a different subset.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}

/// `../shared` beside the workspace; panics with a clear message when it is missing.
pub fn shared_dir() -> PathBuf {
    let shared = workspace_root().join("../shared");
    assert!(
        shared.join("models/aws").is_dir(),
        "../shared is missing: expected the official models at {}; clone the project beside it",
        shared.join("models/aws").display()
    );
    shared
}

/// Joins generated files into one text, each behind a `// ==== path ====` line.
pub fn concatenate<'a>(
    files: impl IntoIterator<Item = &'a anvil_codegen::emit::GeneratedFile>,
) -> String {
    let mut text = String::new();
    for file in files {
        text.push_str(&format!("// ==== {} ====\n{}\n", file.path, file.contents));
    }
    text
}
