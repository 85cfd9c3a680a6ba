//! Hostile input through the `anvil` binary: values that would reshape the request (dot
//! segments, header line breaks, a region or endpoint that moves the host), numbers that do
//! not fit their type, and inputs past the size cap. Each must be refused with exit 2 and a
//! message naming what is wrong; inputs live in `tests/fixtures/hostile/inputs/`.

use std::process::Command;

/// Runs `anvil` and returns its exit code, standard output and standard error.
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

/// `@path` of a file in `tests/fixtures/hostile/inputs/`.
fn fixture(name: &str) -> String {
    format!(
        "@{}/../tests/fixtures/hostile/inputs/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Asserts that `anvil` refused the command (exit 2) with all of `needles` in its message.
fn assert_refused(args: &[&str], needles: &[&str]) {
    let (code, stdout, stderr) = anvil(args);
    assert_eq!(
        code,
        Some(2),
        "{args:?}\nstdout: {stdout}\nstderr: {stderr}"
    );
    assert!(stdout.is_empty(), "{args:?} printed {stdout}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{args:?}: `{needle}` not in {stderr}"
        );
    }
}

#[test]
fn dot_segment_labels_are_refused_naming_the_member() {
    let input = fixture("dot_segment_label.json");
    for validate in [&[][..], &["--no-validate"]] {
        let mut args = vec![
            "request",
            "datazone",
            "UpdateUserProfile",
            "--region",
            "us-east-1",
            "--input",
            &input,
        ];
        args.extend_from_slice(validate);
        assert_refused(
            &args,
            &["URI label `userIdentifier`", "dot segment `..`", "path"],
        );
    }
    let single_dot = r#"{"domainIdentifier": ".", "userIdentifier": "u-1", "status": "ACTIVATED"}"#;
    assert_refused(
        &[
            "request",
            "datazone",
            "UpdateUserProfile",
            "--region",
            "us-east-1",
            "--input",
            single_dot,
            "--no-validate",
        ],
        &["URI label `domainIdentifier`", "dot segment `.`"],
    );
    // Dots inside a value are data and go out as they are.
    let dotted =
        r#"{"domainIdentifier": "dzd_1", "userIdentifier": "a..b", "status": "ACTIVATED"}"#;
    let (code, stdout, stderr) = anvil(&[
        "request",
        "datazone",
        "UpdateUserProfile",
        "--region",
        "us-east-1",
        "--input",
        dotted,
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("/v2/domains/dzd_1/user-profiles/a..b"),
        "{stdout}"
    );
}

#[test]
fn response_headers_with_line_breaks_or_bad_names_are_refused() {
    let parse = |header: &str| {
        let args = [
            "parse-response",
            "datazone",
            "UpdateUserProfile",
            "--status",
            "200",
            "--header",
            header,
            "--body",
            "{}",
        ];
        let (code, stdout, stderr) = anvil(&args);
        (code, stdout, stderr)
    };
    for (header, needle) in [
        (
            "X-Amzn-RequestId: r-1\r\nSet-Cookie: evil",
            "a carriage return (CR) at byte 3",
        ),
        (
            "X-Amzn-RequestId: r-1\nX-Evil: 1",
            "a line feed (LF) at byte 3",
        ),
        (
            "X-Amzn-ErrorType: a\u{1b}[2J",
            "the control character U+001B",
        ),
        ("Bad Name: value", "the header name holds the character ' '"),
        (": value", "the header name is empty"),
    ] {
        let (code, stdout, stderr) = parse(header);
        assert_eq!(code, Some(2), "{header:?}: {stdout} {stderr}");
        assert!(stderr.contains(needle), "{header:?}: {stderr}");
        assert!(
            !stderr.trim_end().contains(['\r', '\n', '\u{1b}']),
            "control characters echoed: {stderr:?}"
        );
    }
    let (code, stdout, stderr) = parse("X-Amzn-RequestId: r-1\twith a tab");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("output"), "{stdout}");
}

const PROFILE: &str =
    r#"{"domainIdentifier": "dzd_abc123", "userIdentifier": "u-1", "status": "ACTIVATED"}"#;

/// `anvil request datazone UpdateUserProfile` with `extra` options.
fn request_profile(extra: &[&str]) -> (Option<i32>, String, String) {
    let mut args = vec![
        "request",
        "datazone",
        "UpdateUserProfile",
        "--input",
        PROFILE,
    ];
    args.extend_from_slice(extra);
    anvil(&args)
}

#[test]
fn regions_that_are_not_host_labels_are_refused() {
    for (region, needle) in [
        ("evil.com/x?", "the character '.' at byte 4"),
        ("us-east-1/", "the character '/' at byte 9"),
        ("", "it is empty"),
        ("-us-east-1", "starts or ends with a hyphen"),
        ("us-east-1\r\nHost: evil", "the control character U+000D"),
    ] {
        let (code, stdout, stderr) = request_profile(&["--region", region]);
        assert_eq!(code, Some(2), "{region:?}: {stdout}");
        assert!(
            stderr.contains("--region: the region must be a host label"),
            "{stderr}"
        );
        assert!(stderr.contains(needle), "{region:?}: {stderr}");
    }
    // Also with an endpoint URL: the region still signs the request.
    let (code, _, stderr) =
        request_profile(&["--region", "a/b", "--endpoint-url", "http://localhost:4566"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--region"), "{stderr}");

    let (code, stdout, stderr) = request_profile(&["--region", "eu-west-3"]);
    assert_eq!(code, Some(0), "{stderr}");
    let request: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        request["url"],
        "https://datazone.eu-west-3.api.aws/v2/domains/dzd_abc123/user-profiles/u-1"
    );
}

#[test]
fn endpoint_urls_are_checked_and_their_query_kept_after_the_path() {
    for (url, needle) in [
        ("https://user:secret@example.com", "user info"),
        (
            "https://datazone.us-east-1.amazonaws.com@evil.com",
            "user info",
        ),
        ("https://example.com/#x", "fragment"),
        ("file:///etc/passwd", "not a URL"),
        ("ftp://example.com/", "scheme is `ftp`"),
        ("example.com", "no scheme"),
        ("https://ev_il.com", "host label `ev_il`"),
        ("http://localhost:70000", "port `70000`"),
        ("https://example.com/a b", "not a URL"),
    ] {
        let (code, stdout, stderr) = request_profile(&["--endpoint-url", url]);
        assert_eq!(code, Some(2), "{url}: {stdout}");
        assert!(
            stderr.contains("--endpoint-url: the endpoint URL cannot be used"),
            "{stderr}"
        );
        assert!(stderr.contains(needle), "{url}: {stderr}");
    }
    for (url, expected) in [
        (
            "http://localhost:4566/proxy/?token=abc",
            "http://localhost:4566/proxy/v2/domains/dzd_abc123/user-profiles/u-1?token=abc",
        ),
        (
            "http://[::1]:8080",
            "http://[::1]:8080/v2/domains/dzd_abc123/user-profiles/u-1",
        ),
    ] {
        let (code, stdout, stderr) = request_profile(&["--endpoint-url", url]);
        assert_eq!(code, Some(0), "{url}: {stderr}");
        let request: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(request["url"], expected);
        assert_eq!(request["headers"]["content-length"], "22");
        assert_eq!(request["body"], r#"{"status":"ACTIVATED"}"#);
    }
}

#[test]
fn numbers_that_do_not_fit_are_refused_naming_the_path() {
    for (fixture_name, needle) in [
        (
            "document_number_too_large.json",
            r#"Operations[1].AttributeValue["weights"][1]: the number is too large for a double"#,
        ),
        (
            "document_number_too_small.json",
            "Operations[0].AttributeValue: the number is too small for a double (it would read as zero)",
        ),
    ] {
        let input = fixture(fixture_name);
        for command in ["validate", "request"] {
            assert_refused(
                &[command, "identitystore", "UpdateUser", "--input", &input],
                &[needle],
            );
        }
    }
    // In a response: a header bound to an integer member, and a timestamp past any date.
    assert_refused(
        &[
            "parse-response",
            "identitystore",
            "UpdateUser",
            "--status",
            "429",
            "--header",
            "X-Amzn-ErrorType: ThrottlingException",
            "--header",
            "Retry-After: 2147483648",
            "--body",
            r#"{"message": "slow down"}"#,
        ],
        &["the header for `RetryAfterSeconds` does not parse"],
    );
    assert_refused(
        &[
            "parse-response",
            "codestar",
            "UpdateUserProfile",
            "--status",
            "200",
            "--body",
            r#"{"userArn": "arn:aws:iam::123456789012:user/x", "createdTimestamp": 1e400}"#,
        ],
        &["createdTimestamp: not a valid timestamp"],
    );
}

/// The input cap, as the CLI documents it.
const CAP: usize = 10 * 1024 * 1024;

/// A scratch file holding `contents`, removed when dropped.
struct ScratchFile(std::path::PathBuf);

impl ScratchFile {
    fn new(name: &str, contents: &[u8]) -> Self {
        let path =
            std::env::temp_dir().join(format!("anvil-hostile-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        Self(path)
    }

    fn at(&self) -> String {
        format!("@{}", self.0.display())
    }
}

impl Drop for ScratchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `{}` padded with spaces to `len` bytes: JSON that reads, whatever its size.
fn padded_json(len: usize) -> Vec<u8> {
    let mut bytes = b"{}".to_vec();
    bytes.resize(len, b' ');
    bytes
}

#[test]
fn files_over_the_cap_are_refused_and_files_at_it_are_read() {
    let over = ScratchFile::new("over.json", &padded_json(CAP + 1));
    assert_refused(
        &[
            "validate",
            "identitystore",
            "UpdateUser",
            "--input",
            &over.at(),
        ],
        &[
            "--input:",
            "is larger than the 10 MiB (10485760 bytes) cap (it is 10485761 bytes)",
        ],
    );
    assert_refused(
        &[
            "parse-response",
            "identitystore",
            "UpdateUser",
            "--status",
            "200",
            "--body",
            &over.at(),
        ],
        &["--body:", "larger than the 10 MiB (10485760 bytes) cap"],
    );
    // Exactly at the cap: read, then reported as an input missing its members (exit 1).
    let at_cap = ScratchFile::new("at-cap.json", &padded_json(CAP));
    let (code, stdout, stderr) = anvil(&[
        "validate",
        "identitystore",
        "UpdateUser",
        "--input",
        &at_cap.at(),
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.contains(r#""valid":false"#), "{stdout}");
}

#[test]
fn standard_input_over_the_cap_is_refused_after_cap_and_one_bytes() {
    use std::io::Write;
    use std::process::Stdio;

    let mut child = Command::new(env!("CARGO_BIN_EXE_anvil"))
        .args(["validate", "identitystore", "UpdateUser", "--input", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Twice the cap: anvil stops reading early, so the write may end in a broken pipe.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&padded_json(2 * CAP));
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(
            "--input: standard input is larger than the 10 MiB (10485760 bytes) cap \
             (stopped reading at byte 10485761)"
        ),
        "{stderr}"
    );
}

#[test]
fn echoed_error_pages_are_cut_to_a_few_hundred_bytes() {
    let page = format!("<html>{}</html>", "x".repeat(5000));
    let (code, stdout, stderr) = anvil(&[
        "parse-response",
        "identitystore",
        "UpdateUser",
        "--status",
        "403",
        "--body",
        &page,
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let printed: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let message = printed["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("<html>xxx"), "{message}");
    assert!(
        message.ends_with("... (4757 more bytes not shown)"),
        "{message}"
    );
    assert!(message.len() < 300, "{} bytes", message.len());
}

#[test]
fn malformed_headers_are_echoed_escaped() {
    let (code, _, stderr) = anvil(&[
        "parse-response",
        "identitystore",
        "UpdateUser",
        "--status",
        "200",
        "--header",
        "no colon\r\n\u{1b}[2J",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(r"--header takes 'Name: value', not `no colon\r\n\u{1b}[2J`"),
        "{stderr}"
    );
}
