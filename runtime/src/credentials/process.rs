//! `credential_process`: credentials printed by a command as JSON (`"Version": 1`).
//!
//! The command runs through the system shell (`sh -c`, or `cmd /C` on Windows) with no
//! standard input. Its standard output is capped at [`MAX_OUTPUT_BYTES`] and the whole run at a
//! timeout; when it fails, the error gives the exit status and the start of its standard
//! error, with any secret it printed on standard output blanked out.

use std::fmt;
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;

use super::json_document::{credentials_from_object, optional_string, parse_object};
use super::{Credentials, CredentialsError, ProvideCredentials, ProvideFuture};

const PROVIDER: &str = "credential_process";

/// Most standard output read from the command; more is an error.
pub const MAX_OUTPUT_BYTES: usize = 64 * 1024;

/// How much of the command's standard error an error message quotes, in characters.
const STDERR_EXCERPT_CHARS: usize = 300;

/// Most standard error kept from the command (the rest is read and dropped).
const MAX_STDERR_BYTES: usize = 4 * 1024;

/// How long the command may run unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Runs a `credential_process` command.
///
/// `Debug` shows only the program (the first word of the command), since arguments might
/// carry secrets.
#[derive(Clone)]
pub struct CredentialProcessProvider {
    command: String,
    timeout: Duration,
}

impl CredentialProcessProvider {
    /// A provider running `command` with the default timeout.
    pub fn new(command: impl Into<String>) -> Self {
        Self {
            command: command.into(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Stops the command and fails after `timeout`.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs the command and reads its output.
    pub async fn run(&self) -> Result<Credentials, CredentialsError> {
        let program = program_name(&self.command);
        match tokio::time::timeout(self.timeout, self.run_to_end(program)).await {
            Ok(result) => result,
            Err(_) => Err(CredentialsError::provider_failed(
                PROVIDER,
                format!(
                    "`{program}` did not finish within {} ms and was stopped",
                    self.timeout.as_millis()
                ),
            )),
        }
    }

    async fn run_to_end(&self, program: &str) -> Result<Credentials, CredentialsError> {
        let mut child = shell_command(&self.command)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|error| {
                CredentialsError::provider_failed(
                    PROVIDER,
                    format!("cannot start `{program}`: {error}"),
                )
            })?;
        let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
            return Err(CredentialsError::provider_failed(
                PROVIDER,
                format!("cannot read the output of `{program}`"),
            ));
        };
        // Standard error drains on its own task so the command never blocks on a full pipe.
        let stderr = tokio::spawn(read_capped_lossy(stderr));
        let stdout = read_capped(stdout).await.map_err(|error| {
            CredentialsError::provider_failed(
                PROVIDER,
                format!("reading the output of `{program}`: {error}"),
            )
        })?;
        if stdout.len() > MAX_OUTPUT_BYTES {
            return Err(CredentialsError::provider_failed(
                PROVIDER,
                format!("`{program}` printed more than {MAX_OUTPUT_BYTES} bytes"),
            ));
        }
        let stderr = stderr.await.unwrap_or_default();
        let status = child.wait().await.map_err(|error| {
            CredentialsError::provider_failed(PROVIDER, format!("waiting for `{program}`: {error}"))
        })?;
        if !status.success() {
            let excerpt = stderr_excerpt(&stderr, &stdout);
            let mut message = format!("`{program}` failed ({status})");
            if !excerpt.is_empty() {
                message.push_str(": ");
                message.push_str(&excerpt);
            }
            return Err(CredentialsError::provider_failed(PROVIDER, message));
        }
        parse_output(&stdout, SystemTime::now())
    }
}

impl fmt::Debug for CredentialProcessProvider {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("CredentialProcessProvider")
            .field("program", &program_name(&self.command))
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ProvideCredentials for CredentialProcessProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.run())
    }
}

/// The first word of `command`, for messages.
fn program_name(command: &str) -> &str {
    command.split_whitespace().next().unwrap_or("")
}

fn shell_command(command: &str) -> Command {
    if cfg!(windows) {
        let mut shell = Command::new("cmd.exe");
        shell.arg("/C").arg(command);
        shell
    } else {
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(command);
        shell
    }
}

/// Reads up to one byte past [`MAX_OUTPUT_BYTES`], enough to tell that the output is too long.
async fn read_capped(reader: impl AsyncRead + Unpin) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_OUTPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .await?;
    Ok(bytes)
}

/// Reads everything, keeping the first [`MAX_STDERR_BYTES`] (so the command never blocks on
/// a full pipe); read errors just end the text.
async fn read_capped_lossy(mut reader: impl AsyncRead + Unpin) -> Vec<u8> {
    let mut kept = Vec::new();
    let mut chunk = [0_u8; 1024];
    while let Ok(read) = reader.read(&mut chunk).await {
        if read == 0 {
            break;
        }
        let room = MAX_STDERR_BYTES.saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..read.min(room)]);
    }
    kept
}

/// The start of `stderr` on one line, with any secret-looking string from `stdout` blanked.
fn stderr_excerpt(stderr: &[u8], stdout: &[u8]) -> String {
    let mut text = String::from_utf8_lossy(stderr).into_owned();
    for secret in secrets_in(stdout) {
        text = text.replace(&secret, crate::SENSITIVE_REDACTED);
    }
    let one_line: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|character| !character.is_control())
        .collect();
    let mut excerpt: String = one_line.chars().take(STDERR_EXCERPT_CHARS).collect();
    if one_line.chars().count() > STDERR_EXCERPT_CHARS {
        excerpt.push('…');
    }
    excerpt
}

/// The secret key and token that `stdout` holds, if it is a credentials document.
fn secrets_in(stdout: &[u8]) -> Vec<String> {
    let Ok(object) = parse_object(stdout, PROVIDER) else {
        return Vec::new();
    };
    ["SecretAccessKey", "SessionToken"]
        .into_iter()
        .filter_map(|field| object.get(field)?.as_str())
        .filter(|secret| !secret.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads the command's JSON output (`Version` 1).
fn parse_output(stdout: &[u8], now: SystemTime) -> Result<Credentials, CredentialsError> {
    let object = parse_object(stdout, PROVIDER)?;
    match object
        .get("Version")
        .and_then(|version| version.as_number()?.as_u64())
    {
        Some(1) => {}
        Some(_) => {
            return Err(CredentialsError::provider_failed(
                PROVIDER,
                "unsupported `Version` in the output (only 1 is known)",
            ));
        }
        None => {
            return Err(CredentialsError::provider_failed(
                PROVIDER,
                "the output has no numeric `Version` (expected 1)",
            ));
        }
    }
    // Reject a mistyped token field early, with the process's field name.
    optional_string(&object, "SessionToken", PROVIDER)?;
    credentials_from_object(&object, PROVIDER, "SessionToken", now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_must_be_one() {
        let now = SystemTime::UNIX_EPOCH;
        let err = parse_output(br#"{"AccessKeyId":"A","SecretAccessKey":"S"}"#, now).unwrap_err();
        assert!(err.to_string().contains("Version"), "{err}");
        let err = parse_output(
            br#"{"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"}"#,
            now,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unsupported"), "{err}");
        let ok = parse_output(
            br#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","SessionToken":"T"}"#,
            now,
        )
        .unwrap();
        assert_eq!(ok.session_token(), Some("T"));
    }

    #[test]
    fn stderr_excerpt_is_one_short_line_without_secrets() {
        let stdout = br#"{"Version":1,"SecretAccessKey":"CANARY"}"#;
        let stderr = format!("oops\nleaked CANARY\n{}", "x".repeat(1000));
        let excerpt = stderr_excerpt(stderr.as_bytes(), stdout);
        assert!(
            excerpt.starts_with("oops leaked *** Sensitive"),
            "{excerpt}"
        );
        assert!(!excerpt.contains("CANARY"));
        assert_eq!(excerpt.chars().count(), STDERR_EXCERPT_CHARS + 1);
    }

    #[test]
    fn debug_shows_only_the_program() {
        let provider = CredentialProcessProvider::new("/bin/get-creds --token CANARY");
        let printed = format!("{provider:?}");
        assert!(printed.contains("/bin/get-creds"));
        assert!(!printed.contains("CANARY"));
    }
}
