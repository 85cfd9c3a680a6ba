//! `anvil list`, usage errors and the ways to pass input.

use std::io::Write;
use std::process::{Command, Stdio};

fn anvil(args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_anvil"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

#[test]
fn list_prints_every_operation() {
    let (code, stdout, _) = anvil(&["list"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "codestar UpdateUserProfile",
            "datazone CreateUserProfile",
            "datazone UpdateUserProfile",
            "identitystore UpdateUser",
            "workmail UpdateUser",
        ]
    );
}

#[test]
fn unknown_operations_list_the_known_ones() {
    let (code, _, stderr) = anvil(&["validate", "s3", "GetObject", "--input", "{}"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("identitystore UpdateUser"), "{stderr}");
}

#[test]
fn kebab_case_names_and_file_and_stdin_input() {
    let valid = r#"{"IdentityStoreId":"d-1234567890","UserId":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab","Operations":[{"AttributePath":"displayName","AttributeValue":"Jane"}]}"#;
    let (code, stdout, stderr) =
        anvil(&["validate", "identitystore", "update-user", "--input", valid]);
    assert_eq!(
        (code, stdout.trim()),
        (Some(0), r#"{"valid":true}"#),
        "{stderr}"
    );

    let file = std::env::temp_dir().join(format!("anvil-cli-input-{}.json", std::process::id()));
    std::fs::write(&file, valid).unwrap();
    let at_file = format!("@{}", file.display());
    let (code, _, _) = anvil(&[
        "validate",
        "identitystore",
        "UpdateUser",
        "--input",
        &at_file,
    ]);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(code, Some(0));

    let mut child = Command::new(env!("CARGO_BIN_EXE_anvil"))
        .args(["validate", "identitystore", "UpdateUser", "--input", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"{}").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["violations"].as_array().unwrap().len(), 3);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["bogus"],
        &["validate", "identitystore"],
        &["validate", "identitystore", "UpdateUser"],
    ] {
        let (code, _, stderr) = anvil(args);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(stderr.starts_with("anvil: "), "{stderr}");
    }
    let (code, _, stderr) = anvil(&[
        "validate",
        "identitystore",
        "UpdateUser",
        "--input",
        "@/no/such/file",
    ]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("/no/such/file"), "{stderr}");
}
