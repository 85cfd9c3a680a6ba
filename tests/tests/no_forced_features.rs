//! A crate that depends only on the generated crate must not get serde_json's
//! `arbitrary_precision` or `preserve_order` features (each changes serde_json for a whole
//! program), nor the `json-input` feature, from us.
//!
//! The probe crate of `tests/fixtures/feature_probe` is written to
//! `target/anvil-feature-probe/` and `cargo tree -e features` lists what it resolves to. A
//! control probe that asks for `preserve_order` itself shows that the check sees the
//! feature when it is there.

mod common;

use std::path::Path;
use std::process::Command;

use common::workspace_root;

/// serde_json features that change its behaviour for every crate of a program.
const GRAPH_WIDE_FEATURES: [&str; 2] = ["arbitrary_precision", "preserve_order"];

/// Writes the probe crate into `dir`, with `extra` as an added dependency line.
fn write_probe(dir: &Path, extra: &str) {
    let root = workspace_root();
    let fixture = root.join("tests/fixtures/feature_probe");
    let template = std::fs::read_to_string(fixture.join("Cargo.toml.template")).unwrap();
    let generated = root
        .join("generated")
        .display()
        .to_string()
        .replace('\\', "/");
    let manifest = template
        .replace("@GENERATED_CRATE@", &generated)
        .replace("@EXTRA_DEPENDENCY@", extra);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(fixture.join("lib.rs"), dir.join("src/lib.rs")).unwrap();
    // The workspace's lock file, so the probe resolves the versions the workspace tests.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// `cargo tree -e features` of the probe: every package and the features it is built with.
fn feature_tree(dir: &Path) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["tree", "--offline", "-e", "features", "--prefix", "none"])
        .current_dir(dir)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "`cargo tree` fails in {}\n{}",
        dir.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The serde_json features listed in `tree`, sorted and without repeats.
fn serde_json_features(tree: &str) -> Vec<String> {
    let mut features: Vec<String> = tree
        .lines()
        .filter_map(|line| line.strip_prefix("serde_json feature \""))
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_string)
        .collect();
    features.sort();
    features.dedup();
    features
}

#[test]
fn a_user_of_the_generated_crate_gets_no_graph_wide_serde_json_feature() {
    let probe = workspace_root().join("target/anvil-feature-probe/plain");
    write_probe(&probe, "");
    let tree = feature_tree(&probe);
    assert!(tree.contains("anvil-runtime v"), "{tree}");
    let features = serde_json_features(&tree);
    for feature in GRAPH_WIDE_FEATURES {
        assert!(
            !features.iter().any(|found| found == feature),
            "serde_json gets `{feature}`:\n{tree}"
        );
    }
    assert!(
        !tree.contains("anvil-sdk feature \"json-input\""),
        "json-input is on by default:\n{tree}"
    );
}

#[test]
fn the_check_sees_a_graph_wide_feature_when_one_is_asked_for() {
    let probe = workspace_root().join("target/anvil-feature-probe/control");
    write_probe(
        &probe,
        r#"serde_json = { version = "1", features = ["preserve_order"] }"#,
    );
    let features = serde_json_features(&feature_tree(&probe));
    assert!(
        features.iter().any(|found| found == "preserve_order"),
        "{features:?}"
    );
}
