//! Running `anvil call` against the local test server, with an environment of its own:
//! fixed credentials in the environment variables, a region, and a home directory and
//! config files that do not exist, so nothing on the machine running the tests is read.

#![allow(dead_code)] // Each test binary uses a different subset.

use std::path::PathBuf;
use std::process::Command;

use anvil_test_server::TestServer;

pub const ACCESS_KEY_ID: &str = "AKIDCLITESTKEY";
pub const SECRET_ACCESS_KEY: &str = "cli/secret+KEY/only-for-the-local-test-server";
pub const SESSION_TOKEN: &str = "cli-session-token/only+for+tests==";
pub const REGION: &str = "eu-central-1";

/// A server that knows the test credentials.
pub fn server() -> TestServer {
    TestServer::start(ACCESS_KEY_ID, SECRET_ACCESS_KEY)
}

/// What a run of `anvil` ended with.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Standard output as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}): {self:?}"))
    }
}

/// A directory for this test process that holds nothing (the home directory).
pub fn empty_home() -> PathBuf {
    std::env::temp_dir().join(format!("anvil-call-test-home-{}", std::process::id()))
}

/// `anvil` with an environment of its own: no variable from the caller, a home whose
/// AWS files do not exist, instance metadata off, and the given variables.
pub fn anvil_with_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let home = empty_home();
    let mut command = Command::new(env!("CARGO_BIN_EXE_anvil"));
    command
        .args(args)
        .env_clear()
        .env("HOME", &home)
        .env("AWS_CONFIG_FILE", home.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("no-credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("the anvil binary runs");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The test credentials and region as environment variables.
pub const CREDENTIALS_ENV: &[(&str, &str)] = &[
    ("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID),
    ("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY),
    ("AWS_SESSION_TOKEN", SESSION_TOKEN),
    ("AWS_REGION", REGION),
];

/// `anvil call SERVICE OPERATION --input INPUT --endpoint-url URL EXTRA...` with the test
/// credentials and region.
pub fn call(service: &str, operation: &str, input: &str, url: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "call",
        service,
        operation,
        "--input",
        input,
        "--endpoint-url",
        url,
    ];
    args.extend_from_slice(extra);
    anvil_with_env(&args, CREDENTIALS_ENV)
}

/// Asserts every request the server got verified, for `service` in `REGION`.
pub fn assert_signed_for(server: &TestServer, service: &str) {
    for attempt in server.assert_all_signed() {
        let claims = &attempt.signature.as_ref().expect("verified").authorization;
        assert_eq!(
            (claims.region.as_str(), claims.service.as_str()),
            (REGION, service)
        );
        assert_eq!(
            attempt.request.header("x-amz-security-token"),
            Some(SESSION_TOKEN),
            "the session token is sent"
        );
    }
}
