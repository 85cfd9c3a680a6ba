//! A canary secret sent through every provider and every error path never shows up in any
//! `Debug` or `Display` output.
#![cfg(feature = "rt-tokio")]

mod credentials_support;

use std::fmt::Debug;

use anvil_runtime::credentials::{
    CachingProvider, ContainerProvider, Credentials, CredentialsError, DefaultChain, Env,
    EnvironmentProvider, ImdsProvider, ProfileProvider, ProfileSet, ProvideCredentials,
};
use credentials_support::{
    CANARY, FAR_FUTURE, TempHome, TestServer, imds_responder, metadata_document,
};

/// Fails the test if `value` prints the canary either way.
fn assert_clean(label: &str, value: &(impl Debug + ?Sized)) {
    let printed = format!("{value:?} {value:#?}");
    assert!(
        !printed.contains(CANARY),
        "{label} leaked the canary: {printed}"
    );
}

fn assert_clean_result(label: &str, result: &Result<Credentials, CredentialsError>) {
    assert_clean(label, result);
    if let Err(error) = result {
        let shown = error.to_string();
        assert!(
            !shown.contains(CANARY),
            "{label} leaked the canary: {shown}"
        );
    }
}

#[tokio::test]
async fn canary_never_printed_by_successful_providers() {
    let home = TempHome::new();
    let token_file = home.write("token", CANARY);
    home.write_aws_file(
        "credentials",
        &format!("[default]\naws_access_key_id = AKID\naws_secret_access_key = {CANARY}\naws_session_token = {CANARY}\n"),
    );
    let container =
        TestServer::start(|_| (200, metadata_document("AKIDC", CANARY, FAR_FUTURE))).await;
    let imds = TestServer::start(imds_responder(metadata_document(
        "AKIDI", CANARY, FAR_FUTURE,
    )))
    .await;
    let uri = format!("{}/creds", container.base);
    let env = home.env(&[
        ("AWS_ACCESS_KEY_ID", "AKIDE"),
        ("AWS_SECRET_ACCESS_KEY", CANARY),
        ("AWS_SESSION_TOKEN", CANARY),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            token_file.to_str().unwrap(),
        ),
        ("AWS_EC2_METADATA_DISABLED", "false"),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &imds.base),
    ]);
    assert_clean("env", &env);
    assert_clean("profile set", &ProfileSet::load(&env).unwrap());

    let providers: Vec<(&str, Box<dyn ProvideCredentials>)> = vec![
        (
            "environment",
            Box::new(EnvironmentProvider::new(env.clone())),
        ),
        ("profile", Box::new(ProfileProvider::new(env.clone()))),
        ("container", Box::new(ContainerProvider::new(env.clone()))),
        ("imds", Box::new(ImdsProvider::new(env.clone()))),
        ("chain", Box::new(DefaultChain::new(env.clone()).build())),
        (
            "cache",
            Box::new(CachingProvider::new(ProfileProvider::new(env.clone()))),
        ),
    ];
    for (label, provider) in &providers {
        assert_clean(label, provider);
        let result = provider.provide_credentials().await;
        assert_eq!(
            result.as_ref().unwrap().secret_access_key(),
            CANARY,
            "{label}"
        );
        assert_clean_result(label, &result);
        assert_clean(label, provider); // and after use (the cache holds credentials)
    }
}

#[cfg(unix)]
#[tokio::test]
async fn canary_never_printed_by_credential_process() {
    use anvil_runtime::credentials::CredentialProcessProvider;

    let home = TempHome::new();
    let document = format!(
        r#"{{"Version":1,"AccessKeyId":"AKIDP","SecretAccessKey":"{CANARY}","SessionToken":"{CANARY}"}}"#
    );
    let bodies = [
        // Success.
        format!("echo '{document}'"),
        // Secret on stdout and stderr, then failure.
        format!("echo '{document}'\necho 'debug: {CANARY}' >&2\nexit 1"),
        // Expired credentials.
        format!(
            r#"echo '{{"Version":1,"AccessKeyId":"A","SecretAccessKey":"{CANARY}","Expiration":"2001-01-01T00:00:00Z"}}'"#
        ),
        // Wrong version, wrong types, broken JSON.
        format!(r#"echo '{{"Version":"{CANARY}","SecretAccessKey":"{CANARY}"}}'"#),
        format!(
            r#"echo '{{"Version":1,"AccessKeyId":"A","SecretAccessKey":"{CANARY}","SessionToken":5}}'"#
        ),
        format!(r#"echo '{{"Version":1,"AccessKeyId":{CANARY}}}'"#),
        // Too much output.
        format!("yes '{CANARY}' | head -c 200000"),
    ];
    for (index, body) in bodies.iter().enumerate() {
        let script = home.write_script(&format!("p{index}.sh"), body);
        let provider = CredentialProcessProvider::new(format!("{} {CANARY}", script.display()));
        assert_clean("process provider", &provider);
        let result = provider.provide_credentials().await;
        assert_eq!(result.is_ok(), index == 0, "script {index}: {result:?}");
        assert_clean_result(&format!("process script {index}"), &result);
    }
}

#[tokio::test]
async fn canary_never_printed_by_error_paths() {
    let home = TempHome::new();
    let mut results: Vec<(String, Result<Credentials, CredentialsError>)> = Vec::new();

    // Environment: a secret without its key.
    let env = home.env(&[("AWS_SECRET_ACCESS_KEY", CANARY)]);
    results.push(("env partial".into(), EnvironmentProvider::new(env).load()));

    // Profiles: partial keys, malformed lines holding the secret, unknown profile.
    let profile_texts = [
        format!("[default]\naws_secret_access_key = {CANARY}\n"),
        format!("[default]\naws_secret_access_key {CANARY}\n"),
        format!("aws_secret_access_key = {CANARY}\n"),
        format!("[default\naws_secret_access_key = {CANARY}\n"),
        format!("[default]\n = {CANARY}\n"),
    ];
    for (index, text) in profile_texts.iter().enumerate() {
        let home = TempHome::new();
        home.write_aws_file("credentials", text);
        let result = ProfileProvider::new(home.env(&[])).load().await;
        assert!(result.is_err(), "profile text {index}");
        results.push((format!("profile text {index}"), result));
    }

    // Container: error status with the secret in the body, broken JSON, a bad token.
    let statuses = [
        (500, format!("oops {CANARY}")),
        (200, format!("{{\"SecretAccessKey\":\"{CANARY}\"")),
        (200, format!("[\"{CANARY}\"]")),
    ];
    for (status, body) in statuses {
        let server = TestServer::start(move |_| (status, body.clone())).await;
        let uri = format!("{}/{CANARY}", server.base);
        let env = Env::from_pairs([("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri)]);
        results.push(("container".into(), ContainerProvider::new(env).load().await));
    }
    let bad_token = Env::from_pairs([
        (
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://127.0.0.1:9/x".to_string(),
        ),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN",
            format!("{CANARY}\r\nInjected: yes"),
        ),
    ]);
    results.push((
        "container token".into(),
        ContainerProvider::new(bad_token).load().await,
    ));

    // IMDS: a failed role document and expired credentials, both holding the secret.
    let documents = [
        format!(r#"{{"Code":"Failed","SecretAccessKey":"{CANARY}"}}"#),
        metadata_document("A", CANARY, "2001-01-01T00:00:00Z"),
    ];
    for document in documents {
        let server = TestServer::start(imds_responder(document)).await;
        let env = Env::from_pairs([("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.base.clone())]);
        results.push(("imds".into(), ImdsProvider::new(env).load().await));
    }

    for (label, result) in &results {
        assert!(result.is_err(), "{label} should fail");
        assert_clean_result(label, result);
    }
}
