//! Container credentials and IMDSv2 against HTTP servers on 127.0.0.1.
#![cfg(feature = "rt-tokio")]

mod credentials_support;

use std::time::{Duration, Instant};

use anvil_runtime::credentials::{
    ContainerProvider, CredentialsError, Env, ImdsProvider, ProvideCredentials,
};
use credentials_support::{
    FAR_FUTURE, TempHome, TestServer, closed_port_base, imds_responder, metadata_document,
};

fn env(pairs: &[(&str, &str)]) -> Env {
    Env::from_pairs(pairs.iter().copied())
}

#[tokio::test]
async fn container_full_uri_with_token() {
    let server = TestServer::start(|_| {
        (
            200,
            metadata_document("AKIDCONT", "cont-secret", FAR_FUTURE),
        )
    })
    .await;
    let uri = format!("{}/v1/credentials?id=7", server.base);
    let provider = ContainerProvider::new(env(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic abc"),
    ]));
    let credentials = provider.provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDCONT");
    assert_eq!(credentials.secret_access_key(), "cont-secret");
    assert_eq!(credentials.session_token(), Some("TOKEN-AKIDCONT"));
    assert!(credentials.expiry().is_some());
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].path, "/v1/credentials?id=7");
    assert_eq!(requests[0].header("authorization"), Some("Basic abc"));
}

#[tokio::test]
async fn container_token_file_wins_over_token_variable() {
    let home = TempHome::new();
    let token_file = home.write("eks/token", "eks-pod-identity-token\n");
    let server = TestServer::start(|_| (200, metadata_document("AKIDEKS", "s", FAR_FUTURE))).await;
    let uri = format!("{}/creds", server.base);
    let provider = ContainerProvider::new(env(&[
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "from-variable"),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            token_file.to_str().unwrap(),
        ),
    ]));
    provider.load().await.unwrap();
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some("eks-pod-identity-token")
    );
}

#[tokio::test]
async fn container_error_status_and_refusals() {
    let server = TestServer::start(|_| (500, "internal".to_string())).await;
    let uri = format!("{}/creds", server.base);
    let err = ContainerProvider::new(env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri)]))
        .load()
        .await
        .unwrap_err();
    assert!(matches!(err, CredentialsError::ProviderFailed { .. }));
    assert!(err.to_string().contains("answered HTTP 500"), "{err}");
    assert!(
        !err.to_string().contains("/creds"),
        "paths stay out of messages: {err}"
    );

    let remote = ContainerProvider::new(env(&[(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "http://198.51.100.7/creds",
    )]))
    .load()
    .await
    .unwrap_err();
    assert!(
        matches!(remote, CredentialsError::InvalidConfiguration { .. }),
        "{remote}"
    );

    let unset = ContainerProvider::new(env(&[])).load().await.unwrap_err();
    assert!(unset.is_not_loaded());
}

#[tokio::test]
async fn imds_v2_fetches_token_role_and_credentials() {
    let server = TestServer::start(imds_responder(metadata_document(
        "AKIDIMDS",
        "imds-secret",
        FAR_FUTURE,
    )))
    .await;
    let provider = ImdsProvider::new(env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.base)]));
    let credentials = provider.provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "AKIDIMDS");
    assert_eq!(credentials.secret_access_key(), "imds-secret");
    assert_eq!(credentials.provider_name(), "instance metadata");
    let requests = server.requests();
    let summary: Vec<_> = requests
        .iter()
        .map(|request| format!("{} {}", request.method, request.path))
        .collect();
    assert_eq!(
        summary,
        [
            "PUT /latest/api/token",
            "GET /latest/meta-data/iam/security-credentials/",
            "GET /latest/meta-data/iam/security-credentials/test-role",
        ]
    );
    assert_eq!(
        requests[0].header("x-aws-ec2-metadata-token-ttl-seconds"),
        Some("21600")
    );
}

#[tokio::test]
async fn imds_disabled_makes_no_request() {
    let server = TestServer::start(imds_responder(metadata_document("A", "s", FAR_FUTURE))).await;
    let provider = ImdsProvider::new(env(&[
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.base),
        ("AWS_EC2_METADATA_DISABLED", "TRUE"),
    ]));
    let err = provider.load().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "instance metadata: turned off by AWS_EC2_METADATA_DISABLED"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn imds_unreachable_fails_fast_as_not_loaded() {
    let base = closed_port_base().await;
    let started = Instant::now();
    let err = ImdsProvider::new(env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &base)]))
        .load()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(err.is_not_loaded(), "{err}");
    assert!(
        err.to_string().contains("no instance metadata service at"),
        "{err}"
    );
}

#[tokio::test]
async fn imds_without_a_role_and_with_a_failed_role() {
    let server = TestServer::start(|request| match request.method.as_str() {
        "PUT" => (200, "t".to_string()),
        _ => (404, String::new()),
    })
    .await;
    let err = ImdsProvider::new(env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.base)]))
        .load()
        .await
        .unwrap_err();
    assert!(err.is_not_loaded());
    assert!(err.to_string().contains("no IAM instance profile"), "{err}");

    let failed = r#"{"Code":"AssumeRoleUnauthorizedAccess","LastUpdated":"x"}"#.to_string();
    let server = TestServer::start(imds_responder(failed)).await;
    let err = ImdsProvider::new(env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.base)]))
        .load()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("AssumeRoleUnauthorizedAccess"),
        "{err}"
    );
}

#[tokio::test]
async fn imds_token_refused_means_nothing_loaded() {
    let server = TestServer::start(|_| (403, String::new())).await;
    let err = ImdsProvider::new(env(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.base)]))
        .load()
        .await
        .unwrap_err();
    assert!(err.is_not_loaded());
    assert!(
        err.to_string()
            .contains("refused a session token (HTTP 403"),
        "{err}"
    );
}
