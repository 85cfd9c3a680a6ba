//! Snapshots of the emitted code: one per fixture model in `tests/fixtures/models/`. The
//! crate generated from `models/` is checked in as `generated/`, and
//! `cargo xtask codegen --check` (and `generated_current.rs`) guards it byte for byte, so it
//! has no snapshots of its own.
//!
//! Review changes with `cargo insta review`; never accept them unread.

mod common;

use anvil_codegen::emit::rustfmt_files;
use anvil_codegen::{GenerateMode, generate_standalone};
use common::{concatenate, workspace_root};

fn fixture_snapshot(name: &str) {
    let root = workspace_root();
    let path = root.join(format!("tests/fixtures/models/{name}.json"));
    let label = format!("tests/fixtures/models/{name}.json");
    let mut files = generate_standalone(&path, &label, &[], "../../runtime", GenerateMode::Client)
        .unwrap_or_else(|error| panic!("{name} does not generate:\n{error}"));
    rustfmt_files(&mut files).expect("rustfmt runs");
    insta::assert_snapshot!(format!("fixture__{name}"), concatenate(&files));
}

#[test]
fn fixture_recursive() {
    fixture_snapshot("recursive");
}

#[test]
fn fixture_reserved_names() {
    fixture_snapshot("reserved_names");
}

#[test]
fn fixture_enum_values() {
    fixture_snapshot("enum_values");
}

#[test]
fn fixture_collisions() {
    fixture_snapshot("collisions");
}

#[test]
fn fixture_empty() {
    fixture_snapshot("empty");
}

#[test]
fn fixture_sparse() {
    fixture_snapshot("sparse");
}

#[test]
fn fixture_kinds() {
    fixture_snapshot("kinds");
}

#[test]
fn fixture_constraints() {
    fixture_snapshot("constraints");
}

#[test]
fn fixture_endpoint_bindings() {
    fixture_snapshot("endpoint_bindings");
}

#[test]
fn fixture_backtracking() {
    fixture_snapshot("backtracking");
}

#[test]
fn fixtures_are_all_covered() {
    let dir = workspace_root().join("tests/fixtures/models");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "json")
        })
        .map(|path| path.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "backtracking",
            "collisions",
            "constraints",
            "empty",
            "endpoint_bindings",
            "enum_values",
            "kinds",
            "recursive",
            "reserved_names",
            "sparse"
        ],
        "a new fixture needs a snapshot test above"
    );
}
