//! Credentials from the selected profile of the shared files.

use std::time::Duration;

use super::{Profile, ProfileFileKind, ProfileSelection, ProfileSet};
use crate::credentials::{Credentials, CredentialsError, Env, ProvideCredentials, ProvideFuture};

const PROVIDER: &str = "profile";

/// Profile properties that name ways of getting credentials this runtime does not support
/// yet; a profile using one is an error rather than a silent fall-through.
const UNSUPPORTED_SOURCES: [&str; 5] = [
    "role_arn",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
    "credential_source",
];

/// Loads credentials from a profile, in the AWS CLI's order: static keys from the
/// credentials file, then `credential_process`, then static keys from the config file.
///
/// The profile is the caller's (see [`ProfileProvider::with_profile`]), else `AWS_PROFILE`,
/// else `default`. A profile named by the caller or the environment must exist; a missing
/// `default` profile only means "nothing here". The files are read on every call (put a
/// cache in front).
#[derive(Clone, Debug)]
pub struct ProfileProvider {
    env: Env,
    profile: Option<String>,
    process_timeout: Duration,
}

impl ProfileProvider {
    /// A provider reading files and variables through `env`.
    pub fn new(env: Env) -> Self {
        Self {
            env,
            profile: None,
            process_timeout: Duration::from_secs(60),
        }
    }

    /// Uses profile `name` whatever `AWS_PROFILE` says (the CLI's `--profile`).
    pub fn with_profile(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// How long a `credential_process` command may run (60 s unless set).
    pub fn with_process_timeout(mut self, timeout: Duration) -> Self {
        self.process_timeout = timeout;
        self
    }

    /// Reads the files and loads the selected profile's credentials.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let selection = ProfileSelection::resolve(self.profile.as_deref(), &self.env);
        let set = ProfileSet::load(&self.env).map_err(|error| {
            CredentialsError::invalid_configuration(PROVIDER, error.to_string())
        })?;
        let Some(profile) = set.profile(&selection.name) else {
            let reason = format!(
                "profile `{}` is not defined; looked in {}",
                selection.name,
                set.looked_at()
            );
            return Err(if selection.is_named() {
                CredentialsError::invalid_configuration(
                    PROVIDER,
                    format!("{reason} (named by {})", selection.source),
                )
            } else {
                CredentialsError::not_loaded(PROVIDER, reason)
            });
        };

        if profile.file_of("aws_access_key_id") == Some(ProfileFileKind::Credentials) {
            return static_keys(profile);
        }
        if let Some(command) = profile.get("credential_process") {
            return self.run_process(profile, command).await;
        }
        if profile.get("aws_access_key_id").is_some()
            || profile.get("aws_secret_access_key").is_some()
        {
            return static_keys(profile);
        }
        if let Some(key) = UNSUPPORTED_SOURCES
            .iter()
            .find(|key| profile.get(key).is_some())
        {
            return Err(CredentialsError::invalid_configuration(
                PROVIDER,
                format!(
                    "profile `{}` uses `{key}`, which this client does not support yet",
                    profile.name()
                ),
            ));
        }
        Err(CredentialsError::not_loaded(
            PROVIDER,
            format!(
                "profile `{}` has neither `aws_access_key_id` nor `credential_process`; looked in {}",
                profile.name(),
                set.looked_at()
            ),
        ))
    }

    #[cfg(feature = "rt-tokio")]
    async fn run_process(
        &self,
        _profile: &Profile,
        command: &str,
    ) -> Result<Credentials, CredentialsError> {
        crate::credentials::CredentialProcessProvider::new(command)
            .with_timeout(self.process_timeout)
            .run()
            .await
    }

    #[cfg(not(feature = "rt-tokio"))]
    async fn run_process(
        &self,
        profile: &Profile,
        _command: &str,
    ) -> Result<Credentials, CredentialsError> {
        Err(CredentialsError::invalid_configuration(
            PROVIDER,
            format!(
                "profile `{}` uses `credential_process`, which needs the `rt-tokio` feature",
                profile.name()
            ),
        ))
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}

/// `aws_access_key_id`, `aws_secret_access_key` and optionally `aws_session_token`.
fn static_keys(profile: &Profile) -> Result<Credentials, CredentialsError> {
    let access_key_id = profile
        .get("aws_access_key_id")
        .filter(|key| !key.is_empty());
    let secret = profile
        .get("aws_secret_access_key")
        .filter(|key| !key.is_empty());
    match (access_key_id, secret) {
        (Some(access_key_id), Some(secret)) => Ok(Credentials::new(
            access_key_id,
            secret,
            profile
                .get("aws_session_token")
                .filter(|token| !token.is_empty())
                .map(str::to_string),
            None,
            PROVIDER,
        )),
        (Some(_), None) => Err(partial(
            profile,
            "aws_access_key_id",
            "aws_secret_access_key",
        )),
        (None, _) => Err(partial(
            profile,
            "aws_secret_access_key",
            "aws_access_key_id",
        )),
    }
}

fn partial(profile: &Profile, present: &str, missing: &str) -> CredentialsError {
    CredentialsError::invalid_configuration(
        PROVIDER,
        format!(
            "profile `{}` sets `{present}` but not `{missing}`",
            profile.name()
        ),
    )
}
