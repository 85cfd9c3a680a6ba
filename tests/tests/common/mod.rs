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

/// Generates the standalone crate of the Smithy JSON model at `model` into `out`, formatted,
/// with its runtime dependency pointing at this workspace's `runtime/` by absolute path.
/// The old `src/` is removed first, so files of an earlier run cannot linger.
pub fn write_standalone_crate(model: &Path, out: &Path) {
    write_standalone_crate_as(model, out, anvil_codegen::GenerateMode::Client);
}

/// [`write_standalone_crate`] in the given mode (types only, say).
pub fn write_standalone_crate_as(model: &Path, out: &Path, mode: anvil_codegen::GenerateMode) {
    let runtime = workspace_root().join("runtime").canonicalize().unwrap();
    let label = model.display().to_string();
    let mut files =
        anvil_codegen::generate_standalone(model, &label, &[], &runtime.to_string_lossy(), mode)
            .unwrap_or_else(|error| panic!("{label} does not generate:\n{error}"));
    anvil_codegen::emit::rustfmt_files(&mut files).unwrap();
    let _ = std::fs::remove_dir_all(out.join("src"));
    for file in files {
        let path = out.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file.contents).unwrap();
    }
}

/// Checks the error that rejected the model `path` against `<name>.expected` in `dir`: one
/// line per problem, each starting with the file's path and holding every word of its line
/// of the expected file.
pub fn assert_located_errors(dir: &Path, name: &str, path: &Path, error: &str) {
    let expected = std::fs::read_to_string(dir.join(format!("{name}.expected"))).unwrap();
    let lines: Vec<&str> = error.lines().collect();
    let wanted: Vec<&str> = expected
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    assert_eq!(lines.len(), wanted.len(), "{name}: got\n{error}");
    for (line, words) in lines.iter().zip(wanted) {
        assert!(
            line.starts_with(&path.display().to_string()),
            "{name}: no file name in {line}"
        );
        for word in words.split_whitespace() {
            assert!(line.contains(word), "{name}: `{word}` missing from {line}");
        }
    }
}

/// The `*.json` files of `dir`, sorted. A missing directory (usually `../shared`) fails the
/// test with a message that says where the files are expected.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|err| {
        panic!(
            "cannot read {} ({err}); the official models are expected in shared/models/aws \
             beside the repository",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}
