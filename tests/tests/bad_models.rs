//! Invalid models fail with one line per problem, each naming the file and the place.
//! `tests/fixtures/bad/<name>.expected` lists, per expected line, words that line holds.

mod common;

use anvil_codegen::model::load_file;
use common::workspace_root;

fn check(name: &str) {
    let dir = workspace_root().join("tests/fixtures/bad");
    let path = dir.join(format!("{name}.json"));
    let expected = std::fs::read_to_string(dir.join(format!("{name}.expected"))).unwrap();
    let error = load_file(&path)
        .expect_err("the model must be rejected")
        .to_string();
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
