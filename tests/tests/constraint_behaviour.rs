//! End to end: the constraint rules that the five real operations never reach (`@range`,
//! `@uniqueItems`, map keys and values, unions, nested `@required`, sparse lists, constraints
//! on both a member and its target, sensitive values), run through generated code.
//!
//! The crate generated from `tests/fixtures/models/constraints.json` is written to
//! `target/anvil-constraints/`, the case table `tests/fixtures/constraints_behaviour.rs` is
//! copied into it as `tests/behaviour.rs`, and `cargo test` runs there. The build shares its
//! target directory with `standalone_crates.rs`, so the runtime is compiled once for both.

mod common;

use std::process::Command;

use common::{workspace_root, write_standalone_crate};

#[test]
fn generated_constraints_crate_passes_the_case_table() {
    let root = workspace_root();
    let crate_dir = root.join("target/anvil-constraints");
    let target_dir = root.join("target/anvil-standalone/target");
    write_standalone_crate(
        &root.join("tests/fixtures/models/constraints.json"),
        &crate_dir,
    );
    let tests_dir = crate_dir.join("tests");
    std::fs::create_dir_all(&tests_dir).unwrap();
    std::fs::copy(
        root.join("tests/fixtures/constraints_behaviour.rs"),
        tests_dir.join("behaviour.rs"),
    )
    .unwrap();

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        // The case table reads inputs with `from_json`.
        .args(["test", "--offline", "--quiet", "--features", "json-input"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", &target_dir)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo test` fails in {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        crate_dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
