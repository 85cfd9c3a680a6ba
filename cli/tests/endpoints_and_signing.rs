//! `anvil request` and `anvil endpoint` take their URL from each service's endpoint rule set,
//! their region from the flag, the environment or the profile, and sign with `--sign`.

use std::process::Command;

use serde_json::Value;

const PROFILE_INPUT: &str =
    r#"{"domainIdentifier":"dzd_abc123","userIdentifier":"u-1","status":"ACTIVATED"}"#;
const USER_INPUT: &str = r#"{"IdentityStoreId":"d-1234567890","UserId":"b8e4b7a6-2e4f-4c5a-9d7e-0123456789ab","Operations":[{"AttributePath":"displayName"}]}"#;

/// Runs `anvil` with a clean AWS environment (no region, no credentials, a HOME without
/// `.aws`, no instance metadata) plus `env`.
fn anvil(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let home = std::env::temp_dir().join(format!("anvil-no-home-{}", std::process::id()));
    let mut command = Command::new(env!("CARGO_BIN_EXE_anvil"));
    command.args(args);
    for name in [
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ] {
        command.env_remove(name);
    }
    command
        .env("HOME", &home)
        .env("AWS_EC2_METADATA_DISABLED", "true");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        String::from_utf8_lossy(&output.stderr).to_string(),
    )
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|error| panic!("{error}: {text}"))
}

#[test]
fn datazone_requests_go_to_the_hosts_its_rule_set_names() {
    for (flags, host) in [
        (&["--region", "us-east-1"][..], "datazone.us-east-1.api.aws"),
        (
            &["--region", "us-east-1", "--use-fips"][..],
            "datazone-fips.us-east-1.api.aws",
        ),
        (
            &["--region", "cn-north-1"][..],
            "datazone.cn-north-1.api.amazonwebservices.com.cn",
        ),
    ] {
        let mut args = vec![
            "request",
            "datazone",
            "UpdateUserProfile",
            "--input",
            PROFILE_INPUT,
        ];
        args.extend_from_slice(flags);
        let (code, stdout, stderr) = anvil(&args, &[]);
        assert_eq!(code, Some(0), "{flags:?}: {stderr}");
        assert_eq!(
            json(&stdout)["url"],
            format!("https://{host}/v2/domains/dzd_abc123/user-profiles/u-1"),
            "{flags:?}"
        );
    }
}

#[test]
fn the_region_comes_from_the_environment_or_the_profile() {
    let (code, stdout, stderr) = anvil(
        &[
            "request",
            "identitystore",
            "UpdateUser",
            "--input",
            USER_INPUT,
        ],
        &[("AWS_REGION", "ap-south-1")],
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        json(&stdout)["url"],
        "https://identitystore.ap-south-1.amazonaws.com/"
    );

    let config = std::env::temp_dir().join(format!("anvil-config-{}", std::process::id()));
    std::fs::write(&config, "[profile dev]\nregion = eu-central-1\n").unwrap();
    let config_path = config.display().to_string();
    let (code, stdout, stderr) = anvil(
        &["endpoint", "workmail", "--profile", "dev"],
        &[("AWS_CONFIG_FILE", config_path.as_str())],
    );
    std::fs::remove_file(&config).unwrap();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        json(&stdout)["url"],
        "https://workmail.eu-central-1.amazonaws.com"
    );
}

#[test]
fn endpoint_prints_url_properties_and_headers() {
    let (code, stdout, stderr) = anvil(
        &[
            "endpoint",
            "identitystore",
            "--region",
            "us-gov-west-1",
            "--use-fips",
        ],
        &[],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let endpoint = json(&stdout);
    assert_eq!(
        endpoint["url"],
        "https://identitystore.us-gov-west-1.amazonaws.com"
    );
    assert!(endpoint["properties"].is_object(), "{endpoint}");
    assert!(endpoint["headers"].is_object(), "{endpoint}");

    // DataZone's rule set takes an endpoint URL before it looks at the region (CodeStar's
    // older one needs a region all the same).
    let (code, stdout, _) = anvil(
        &[
            "endpoint",
            "datazone",
            "--endpoint-url",
            "http://localhost:4566",
        ],
        &[],
    );
    assert_eq!(code, Some(0), "no region is needed with an endpoint URL");
    assert_eq!(json(&stdout)["url"], "http://localhost:4566");
}

#[test]
fn rule_errors_and_missing_regions_exit_2_with_the_reason() {
    let (code, stdout, stderr) = anvil(
        &[
            "endpoint",
            "identitystore",
            "--region",
            "us-east-1",
            "--use-fips",
            "--endpoint-url",
            "https://example.com",
        ],
        &[],
    );
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(
        stderr.contains("Invalid Configuration: FIPS and custom endpoint are not supported"),
        "{stderr}"
    );

    let (code, _, stderr) = anvil(
        &[
            "request",
            "datazone",
            "UpdateUserProfile",
            "--input",
            PROFILE_INPUT,
        ],
        &[],
    );
    assert_eq!(code, Some(2));
    for needle in [
        "no region is set",
        "--region",
        "AWS_REGION",
        "profile `default`",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
}

#[test]
fn sign_adds_a_sigv4_authorization_from_the_credentials_chain() {
    let canary = "CANARY-SECRET-cli-0123456789";
    let credentials = [
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", canary),
        ("AWS_SESSION_TOKEN", "session-token-value"),
    ];
    let args = [
        "request",
        "identitystore",
        "UpdateUser",
        "--region",
        "eu-west-1",
        "--input",
        USER_INPUT,
        "--sign",
        "--timestamp",
        "2026-01-02T03:04:05Z",
    ];
    let (code, stdout, stderr) = anvil(&args, &credentials);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stdout.contains(canary) && !stderr.contains(canary));
    let request = json(&stdout);
    let headers = &request["headers"];
    assert_eq!(headers["x-amz-date"], "20260102T030405Z");
    assert_eq!(headers["x-amz-security-token"], "session-token-value");
    let authorization = headers["authorization"].as_str().unwrap();
    assert!(
        authorization.starts_with(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/identitystore/aws4_request, \
             SignedHeaders=content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target, \
             Signature="
        ),
        "{authorization}"
    );
    // The same time and credentials give the same signature; another time does not.
    let (_, again, _) = anvil(&args, &credentials);
    assert_eq!(json(&again)["headers"]["authorization"], authorization);
    let mut later = args;
    later[9] = "2026-01-02T03:04:06Z";
    let (_, later, _) = anvil(&later, &credentials);
    assert_ne!(json(&later)["headers"]["authorization"], authorization);

    let (code, stdout, stderr) = anvil(&args, &[]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(stderr.contains("no credentials to sign with"), "{stderr}");
    assert!(stderr.contains("AWS_ACCESS_KEY_ID"), "{stderr}");
}
