//! The default chain's order (environment, profile, container, instance metadata) and the
//! error that lists where it looked.
#![cfg(feature = "rt-tokio")]

mod credentials_support;

use anvil_runtime::credentials::{CredentialsError, DefaultChain, Env, ProvideCredentials};
use credentials_support::{
    FAR_FUTURE, TempHome, TestServer, closed_port_base, imds_responder, metadata_document,
};

/// Every source configured; `drop` names the variables (or `files`) to leave out.
struct Setup {
    home: TempHome,
    container: TestServer,
    imds: TestServer,
}

impl Setup {
    async fn new() -> Self {
        let home = TempHome::new();
        home.write_aws_file(
            "credentials",
            "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s\n",
        );
        let container =
            TestServer::start(|_| (200, metadata_document("AKIDCONTAINER", "s", FAR_FUTURE))).await;
        let imds = TestServer::start(imds_responder(metadata_document(
            "AKIDIMDS", "s", FAR_FUTURE,
        )))
        .await;
        Self {
            home,
            container,
            imds,
        }
    }

    fn env(&self, without: &[&str]) -> Env {
        let home = self.home.path().to_str().unwrap().to_string();
        let container_uri = format!("{}/creds", self.container.base);
        let pairs = [
            ("HOME", home.as_str()),
            ("AWS_ACCESS_KEY_ID", "AKIDENV"),
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", container_uri.as_str()),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", self.imds.base.as_str()),
        ];
        Env::from_pairs(
            pairs
                .into_iter()
                .filter(|(name, _)| !without.iter().any(|left_out| left_out == name)),
        )
    }

    async fn winner(&self, without: &[&str]) -> String {
        let provider = DefaultChain::new(self.env(without)).build();
        let credentials = provider.provide_credentials().await.unwrap();
        credentials.access_key_id().to_string()
    }
}

#[tokio::test]
async fn environment_beats_profile_beats_container_beats_imds() {
    let setup = Setup::new().await;
    assert_eq!(setup.winner(&[]).await, "AKIDENV");
    assert_eq!(setup.winner(&["AWS_ACCESS_KEY_ID"]).await, "AKIDPROFILE");
    assert!(setup.container.requests().is_empty());
    assert!(setup.imds.requests().is_empty());

    assert_eq!(
        setup.winner(&["AWS_ACCESS_KEY_ID", "HOME"]).await,
        "AKIDCONTAINER"
    );
    assert_eq!(setup.container.requests().len(), 1);
    assert!(setup.imds.requests().is_empty());

    let all_but_imds = [
        "AWS_ACCESS_KEY_ID",
        "HOME",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    ];
    assert_eq!(setup.winner(&all_but_imds).await, "AKIDIMDS");
    assert_eq!(setup.imds.requests().len(), 3);
}

#[tokio::test]
async fn nothing_found_lists_one_line_per_provider() {
    let home = TempHome::new();
    let imds = closed_port_base().await;
    let env = Env::from_pairs([
        ("HOME", home.path().to_str().unwrap()),
        ("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.as_str()),
    ]);
    let err = DefaultChain::new(env)
        .build()
        .provide_credentials()
        .await
        .unwrap_err();
    let CredentialsError::NoneFound { attempts } = &err else {
        panic!("expected NoneFound, got {err}");
    };
    let providers: Vec<_> = attempts.iter().map(|(provider, _)| *provider).collect();
    assert_eq!(
        providers,
        ["environment", "profile", "container", "instance metadata"]
    );
    let text = err.to_string();
    assert!(text.starts_with("no AWS credentials found; looked in:\n  - environment: "));
    assert!(text.contains("\n  - profile: profile `default` is not defined; looked in "));
    assert!(text.contains("\n  - container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and"));
    assert!(
        text.contains("\n  - instance metadata: no instance metadata service at http://127.0.0.1:")
    );
    assert_eq!(text.lines().count(), 5, "{text}");
}

#[tokio::test]
async fn a_broken_profile_stops_the_chain() {
    let setup = Setup::new().await;
    setup
        .home
        .write_aws_file("credentials", "[default]\naws_access_key_id = ONLY\n");
    let provider = DefaultChain::new(setup.env(&["AWS_ACCESS_KEY_ID"])).build();
    let err = provider.provide_credentials().await.unwrap_err();
    assert!(
        matches!(err, CredentialsError::InvalidConfiguration { .. }),
        "{err}"
    );
    assert!(setup.container.requests().is_empty());
}
