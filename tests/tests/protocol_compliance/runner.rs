//! Runs the generated test crates with one `cargo test` (one workspace, so the runtime is
//! built once) and reads each case's verdict from its output.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A case's verdict: `None` when it passed, else what it printed.
pub type Verdicts = BTreeMap<String, Option<String>>;

/// Writes the workspace manifest over `members` (directory names under `scratch`), runs
/// their `compliance` tests and returns the verdict of every test, keyed by its full name
/// (`<module>::<test>`).
pub fn run(scratch: &Path, members: &[String], lock_file: &Path) -> Verdicts {
    let list: Vec<String> = members.iter().map(|member| format!("{member:?}")).collect();
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n[profile.dev]\ndebug = false\n",
            list.join(", ")
        ),
    )
    .unwrap();
    // The workspace's lock file pins the same versions, so nothing is resolved afresh.
    std::fs::copy(lock_file, scratch.join("Cargo.lock")).unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "test",
            "--offline",
            "--workspace",
            "--no-default-features",
            // The cases read their params with the inputs' `from_json`.
            "--features",
            "json-input",
            "--no-fail-fast",
            "--test",
            "compliance",
        ])
        .current_dir(scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        // Built once per run: incremental data would only take disk space.
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let verdicts = parse(&stdout);
    assert!(
        !verdicts.is_empty(),
        "the generated tests did not run:\n{stderr}"
    );
    verdicts
}

/// Reads `test NAME ... ok|FAILED` lines and the `---- NAME stdout ----` sections that
/// follow (the generated tests sit in a module named after their crate, so names are
/// unique across the binaries).
fn parse(stdout: &str) -> Verdicts {
    let mut verdicts = Verdicts::new();
    let mut failing: Option<String> = None;
    for line in stdout.lines() {
        if let Some((name, verdict)) = line
            .strip_prefix("test ")
            .and_then(|rest| rest.split_once(" ... "))
        {
            let outcome = (verdict != "ok").then(String::new);
            verdicts.insert(name.to_string(), outcome);
            continue;
        }
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"))
        {
            failing = Some(name.to_string());
            continue;
        }
        if line.starts_with("failures:") || line.starts_with("test result:") {
            failing = None;
            continue;
        }
        if let Some(name) = &failing
            && let Some(Some(message)) = verdicts.get_mut(name)
            && !line.starts_with("note: run with `RUST_BACKTRACE")
            && !line.trim().is_empty()
        {
            if !message.is_empty() {
                message.push('\n');
            }
            message.push_str(line);
        }
    }
    verdicts
}
