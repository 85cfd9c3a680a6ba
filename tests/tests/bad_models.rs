//! Invalid models fail with one line per problem, each naming the file and the place.
//! `tests/fixtures/bad/<name>.expected` lists, per expected line, words that line holds.

mod common;

use anvil_codegen::model::load_file;
use common::{assert_located_errors, workspace_root};

fn check(name: &str) {
    let dir = workspace_root().join("tests/fixtures/bad");
    let path = dir.join(format!("{name}.json"));
    let error = load_file(&path)
        .expect_err("the model must be rejected")
        .to_string();
    assert_located_errors(&dir, name, &path, &error);
}

#[test]
fn not_json() {
    check("not_json");
}

#[test]
fn unknown_type() {
    check("unknown_type");
}

#[test]
fn dangling_target() {
    check("dangling_target");
}

#[test]
fn wrong_trait_type() {
    check("wrong_trait_type");
}

#[test]
fn many_problems() {
    check("many_problems");
}

#[test]
fn missing_file() {
    let path = workspace_root().join("tests/fixtures/bad/does_not_exist.json");
    let error = load_file(&path).expect_err("missing file").to_string();
    assert!(error.starts_with(&path.display().to_string()), "{error}");
    assert!(error.contains("cannot read"), "{error}");
}
