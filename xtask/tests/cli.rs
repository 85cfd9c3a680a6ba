//! The xtask binary's exit codes and messages on bad input, and that a failed run writes
//! nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .output()
        .expect("xtask runs")
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(path)
}

fn scratch(name: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("anvil-xtask-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&path);
    path
}

#[test]
fn invalid_model_exits_1_with_one_line_per_problem_and_writes_nothing() {
    let out = scratch("invalid");
    let model = fixture("bad/many_problems.json");
    let output = xtask(&[
        "codegen",
        "--model",
        model.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines
            .iter()
            .all(|line| line.starts_with(model.to_str().unwrap())),
        "{stderr}"
    );
    assert!(
        !out.exists(),
        "a failed run must not create {}",
        out.display()
    );
}

#[test]
fn missing_and_non_json_models_exit_1() {
    let out = scratch("missing");
    for model in [
        fixture("bad/no_such_model.json"),
        fixture("bad/not_json.json"),
    ] {
        let output = xtask(&[
            "codegen",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(1), "{}", model.display());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with(model.to_str().unwrap()), "{stderr}");
        assert!(!out.exists());
    }
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_generate() {
    let out = scratch("foreign");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let model = fixture("models/empty.json");
    let output = xtask(&[
        "codegen",
        "--model",
        model.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("refusing to replace"));
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn writes_and_then_replaces_a_generated_crate() {
    let out = scratch("ok");
    let model = fixture("models/empty.json");
    for _ in 0..2 {
        let output = xtask(&[
            "codegen",
            "--model",
            model.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(out.join("src/lib.rs").is_file());
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn unknown_arguments_exit_nonzero() {
    let output = xtask(&["codegen", "--bogus"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown argument"));
}
