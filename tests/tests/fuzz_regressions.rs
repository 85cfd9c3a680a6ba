//! The fuzz targets' inputs, replayed on stable so CI keeps them: every committed seed
//! (`fuzz/seeds/<target>/`) and every input a fuzzer once broke Anvil with
//! (`fuzz/regressions/<target>/`) goes through the same harness code the fuzzers run
//! (`fuzz/src/`), with its round-trip and consistency checks. A panic fails the test and
//! names the file.
//!
//! To keep a new crash: copy it from `fuzz/artifacts/<target>/` to
//! `fuzz/regressions/<target>/` under a name that says what it broke.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/lib.rs"]
mod harness;

mod common;

/// The files in `fuzz/seeds/<target>` and `fuzz/regressions/<target>`, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = common::workspace_root().join("fuzz");
    let mut files: Vec<PathBuf> = ["seeds", "regressions"]
        .iter()
        .map(|kind| fuzz.join(kind).join(target))
        .filter(|dir| dir.is_dir())
        .flat_map(|dir| fs::read_dir(dir).expect("the directory lists"))
        .map(|entry| entry.expect("the entry reads").path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `run` on every input of `target`; fails naming each file that panicked.
fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no inputs for {target}");
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let data = fs::read(path).expect("the input reads");
            panic::catch_unwind(AssertUnwindSafe(|| run(&data))).is_err()
        })
        .map(|path| display(path))
        .collect();
    assert!(failed.is_empty(), "{target} panicked on: {failed:?}");
}

fn display(path: &Path) -> String {
    path.strip_prefix(common::workspace_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn model_loader_inputs() {
    replay("model_loader", harness::model_loader::run);
}

#[test]
fn parse_response_inputs() {
    replay("parse_response", harness::parse_response::run);
}

#[test]
fn input_from_json_inputs() {
    replay("input_from_json", harness::input_from_json::run);
}

#[test]
fn input_patterns_inputs() {
    replay("input_patterns", harness::input_patterns::run);
}

#[test]
fn date_time_inputs() {
    replay("date_time", harness::date_time::run);
}

#[test]
fn blob_base64_inputs() {
    replay("blob_base64", harness::blob_base64::run);
}

/// Found by a model_loader probe: intEnum values past `i32` were accepted and generated as
/// `0` (the documentation still showed the model's value). They are a located load error.
#[test]
fn int_enum_values_past_i32_are_refused() {
    let path = common::workspace_root()
        .join("fuzz/regressions/model_loader/int_enum_value_out_of_i32.json");
    let text = fs::read_to_string(&path).expect("the regression input reads");
    let error = anvil_codegen::model::load_str(&text, &path)
        .expect_err("values past i32 must not load")
        .to_string();
    let shape = r#"$.shapes["example.fuzz#Level"].members"#;
    for (member, value) in [("HIGH", "2147483648"), ("LOW", "-2147483649")] {
        let expected =
            format!("{shape}.{member}: intEnum value {value} does not fit in a 32-bit integer");
        assert!(error.contains(&expected), "{expected:?} not in {error}");
    }
    assert!(!error.contains("MID"), "{error}");
}

/// Found by the model_loader fuzzer: two members of an enum (or intEnum, or entries of the
/// legacy `@enum` trait) with one value loaded, and generated an enum that does not compile.
/// Smithy requires distinct values (and names): each repeat is a located load error.
#[test]
fn duplicate_enum_values_are_refused() {
    let path =
        common::workspace_root().join("fuzz/regressions/model_loader/duplicate_enum_values.json");
    let text = fs::read_to_string(&path).expect("the regression input reads");
    let error = anvil_codegen::model::load_str(&text, &path)
        .expect_err("duplicate enum values must not load")
        .to_string();
    for expected in [
        r#"$.shapes["example.fuzz#Color"].members.CRIMSON: enum value "red" is already the value of member `RED`"#,
        r#"$.shapes["example.fuzz#Level"].members.ALSO_LOW: enum value 1 is already the value of member `LOW`"#,
        r#"$.shapes["example.fuzz#Legacy"].traits["smithy.api#enum"][1]: enum value "a" appears twice"#,
        r#"$.shapes["example.fuzz#Legacy"].traits["smithy.api#enum"][2]: enum name "A" appears twice"#,
    ] {
        assert!(error.contains(expected), "{expected:?} not in {error}");
    }
    assert!(!error.contains("BLUE"), "{error}");
}
