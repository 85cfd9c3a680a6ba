//! Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.

use super::{Credentials, CredentialsError, Env, ProvideCredentials, ProvideFuture};

const PROVIDER: &str = "environment";

/// Reads the three standard variables. With neither key set it has nothing to load; with
/// only one of the two keys set it also gives nothing, and says which one is missing.
#[derive(Clone, Debug)]
pub struct EnvironmentProvider {
    env: Env,
}

impl EnvironmentProvider {
    /// A provider reading `env`.
    pub fn new(env: Env) -> Self {
        Self { env }
    }

    /// The credentials the variables hold.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let access_key_id = self.env.get("AWS_ACCESS_KEY_ID");
        let secret = self.env.get("AWS_SECRET_ACCESS_KEY");
        match (access_key_id, secret) {
            (Some(access_key_id), Some(secret)) => Ok(Credentials::new(
                access_key_id,
                secret,
                self.env.get("AWS_SESSION_TOKEN"),
                None,
                PROVIDER,
            )),
            (None, None) => Err(CredentialsError::not_loaded(
                PROVIDER,
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
            )),
            (Some(_), None) => Err(CredentialsError::not_loaded(
                PROVIDER,
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
            )),
            (None, Some(_)) => Err(CredentialsError::not_loaded(
                PROVIDER,
                "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
            )),
        }
    }
}

impl ProvideCredentials for EnvironmentProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        let result = self.load();
        Box::pin(async move { result })
    }
}
