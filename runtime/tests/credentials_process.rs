//! `credential_process`: commands written by the tests as small shell scripts.
#![cfg(all(unix, feature = "rt-tokio"))]

mod credentials_support;

use std::time::{Duration, Instant};

use anvil_runtime::credentials::{
    CredentialProcessProvider, CredentialsError, ProfileProvider, ProvideCredentials,
};
use credentials_support::{FAR_FUTURE, TempHome};

fn output(expiration: Option<&str>) -> String {
    let expiration = expiration
        .map(|at| format!(r#","Expiration":"{at}""#))
        .unwrap_or_default();
    format!(
        r#"{{"Version":1,"AccessKeyId":"AKIDPROC","SecretAccessKey":"proc-secret","SessionToken":"proc-token"{expiration}}}"#
    )
}

#[tokio::test]
async fn profile_runs_the_command_and_reads_version_1_json() {
    let home = TempHome::new();
    let script = home.write_script("creds.sh", &format!("echo '{}'", output(Some(FAR_FUTURE))));
    home.write_aws_file(
        "config",
        &format!(
            "[default]\ncredential_process = {} --flag\n",
            script.display()
        ),
    );
    let credentials = ProfileProvider::new(home.env(&[])).load().await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDPROC");
    assert_eq!(credentials.secret_access_key(), "proc-secret");
    assert_eq!(credentials.session_token(), Some("proc-token"));
    assert_eq!(credentials.provider_name(), "credential_process");
    let expected = std::time::UNIX_EPOCH + Duration::from_secs(32_472_144_000);
    assert_eq!(credentials.expiry(), Some(expected));
}

#[tokio::test]
async fn static_keys_in_the_credentials_file_beat_credential_process() {
    let home = TempHome::new();
    home.write_aws_file("config", "[default]\ncredential_process = false\n");
    home.write_aws_file(
        "credentials",
        "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n",
    );
    let credentials = ProfileProvider::new(home.env(&[])).load().await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDFILE");
}

#[tokio::test]
async fn credential_process_beats_static_keys_in_the_config_file() {
    let home = TempHome::new();
    let script = home.write_script("creds.sh", &format!("echo '{}'", output(None)));
    home.write_aws_file(
        "config",
        &format!(
            "[default]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = s\n\
             credential_process = {}\n",
            script.display()
        ),
    );
    let credentials = ProfileProvider::new(home.env(&[])).load().await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDPROC");
}

#[tokio::test]
async fn failure_reports_exit_status_and_stderr_excerpt() {
    let home = TempHome::new();
    let script = home.write_script("fail.sh", "echo 'token expired, run login' >&2\nexit 3");
    let err = CredentialProcessProvider::new(script.display().to_string())
        .run()
        .await
        .unwrap_err();
    assert!(matches!(err, CredentialsError::ProviderFailed { .. }));
    let text = err.to_string();
    assert!(text.contains("exit status: 3"), "{text}");
    assert!(text.contains("token expired, run login"), "{text}");
    assert!(text.contains("fail.sh"), "{text}");
}

#[tokio::test]
async fn a_command_that_hangs_is_stopped_at_the_timeout() {
    let home = TempHome::new();
    let script = home.write_script("hang.sh", "sleep 30");
    let started = Instant::now();
    let err = CredentialProcessProvider::new(script.display().to_string())
        .with_timeout(Duration::from_millis(300))
        .run()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        err.to_string().contains("did not finish within 300 ms"),
        "{err}"
    );
}

#[tokio::test]
async fn output_is_bounded() {
    let home = TempHome::new();
    // About 1 MB on standard output; the provider stops reading after 64 KiB.
    let script = home.write_script(
        "flood.sh",
        "yes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | head -c 1000000",
    );
    let err = CredentialProcessProvider::new(script.display().to_string())
        .run()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("printed more than 65536 bytes"),
        "{err}"
    );
}

#[tokio::test]
async fn bad_output_is_described_without_its_content() {
    let home = TempHome::new();
    let cases = [
        ("echo 'not json'", "not valid JSON"),
        (r#"echo '{"Version":2}'"#, "unsupported `Version`"),
        (
            r#"echo '{"Version":1,"AccessKeyId":"A"}'"#,
            "no `SecretAccessKey`",
        ),
        (
            r#"echo '{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"2000-01-01T00:00:00Z"}'"#,
            "expired at 2000-01-01T00:00:00Z",
        ),
    ];
    for (index, (body, expected)) in cases.into_iter().enumerate() {
        let script = home.write_script(&format!("bad{index}.sh"), body);
        let err = CredentialProcessProvider::new(script.display().to_string())
            .run()
            .await
            .unwrap_err();
        assert!(err.to_string().contains(expected), "{body}: {err}");
    }
}

#[tokio::test]
async fn a_missing_program_is_a_clear_error() {
    let err = CredentialProcessProvider::new("/nonexistent/anvil-test-credentials")
        .provide_credentials()
        .await
        .unwrap_err();
    // The shell reports it (exit status 127).
    assert!(err.to_string().contains("127"), "{err}");
}
