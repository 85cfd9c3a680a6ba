//! End to end: the crate generated from a restJson1 fixture with labels, a greedy label,
//! header, list-header and prefix-header members and float headers runs the tests in
//! `tests/fixtures/hostile/crate_tests/`, which feed its request builder and response
//! parser hostile values. (The five checked-in operations have no header members.)

mod common;

use std::process::Command;

use common::{workspace_root, write_standalone_crate};

#[test]
fn generated_code_refuses_hostile_values() {
    let root = workspace_root();
    let fixtures = root.join("tests/fixtures/hostile");
    let crate_dir = root.join("target/anvil-hostile/rest_headers");
    write_standalone_crate(&fixtures.join("models/rest_headers.json"), &crate_dir);
    let tests_dir = crate_dir.join("tests");
    std::fs::create_dir_all(&tests_dir).unwrap();
    std::fs::copy(
        fixtures.join("crate_tests/put_thing.rs"),
        tests_dir.join("put_thing.rs"),
    )
    .unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["test", "--quiet", "--offline"])
        .current_dir(&crate_dir)
        // Shared with the standalone-crate builds, so the runtime is compiled once.
        .env(
            "CARGO_TARGET_DIR",
            root.join("target/anvil-standalone/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the hostile-value tests of the generated crate fail:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
