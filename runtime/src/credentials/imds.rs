//! EC2 instance metadata (IMDSv2): the instance profile's role credentials.

use std::time::{Duration, SystemTime};

use hyper::header::{HeaderName, HeaderValue};
use hyper::{Method, StatusCode, Uri};

use super::http::{HttpFailure, MetadataHttp};
use super::json_document::{credentials_from_object, optional_string, parse_object};
use super::{Credentials, CredentialsError, Env, ProvideCredentials, ProvideFuture};

const PROVIDER: &str = "instance metadata";

const DEFAULT_ENDPOINT: &str = "http://169.254.169.254";
const DEFAULT_ENDPOINT_IPV6: &str = "http://[fd00:ec2::254]";
const TOKEN_PATH: &str = "/latest/api/token";
const ROLES_PATH: &str = "/latest/meta-data/iam/security-credentials/";

/// Lifetime asked for the session token, in seconds (the maximum, six hours).
const TOKEN_TTL_SECONDS: &str = "21600";

/// Fetches the instance profile's credentials from the EC2 instance metadata service, with
/// IMDSv2 session tokens (no fallback to IMDSv1).
///
/// The endpoint is `http://169.254.169.254`, `http://[fd00:ec2::254]` when
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` is `IPv6`, or `AWS_EC2_METADATA_SERVICE_ENDPOINT`.
/// `AWS_EC2_METADATA_DISABLED=true` turns it off. Timeouts are short (1 s to connect, 2 s
/// per request) so machines outside EC2 give up quickly; no answer means "nothing here".
#[derive(Clone, Debug)]
pub struct ImdsProvider {
    env: Env,
    http: MetadataHttp,
}

impl ImdsProvider {
    /// A provider reading its variables from `env`.
    pub fn new(env: Env) -> Self {
        Self {
            env,
            http: MetadataHttp::new(Duration::from_secs(1), Duration::from_secs(2)),
        }
    }

    /// Fetches a token, the role name, then the role's credentials.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        if self
            .env
            .get("AWS_EC2_METADATA_DISABLED")
            .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
        {
            return Err(CredentialsError::not_loaded(
                PROVIDER,
                "turned off by AWS_EC2_METADATA_DISABLED",
            ));
        }
        let endpoint = self.endpoint()?;
        let unreachable = |failure: HttpFailure| {
            CredentialsError::not_loaded(
                PROVIDER,
                format!("no instance metadata service at {endpoint} ({failure})"),
            )
        };

        let ttl = HeaderName::from_static("x-aws-ec2-metadata-token-ttl-seconds");
        let ttl_headers = [(ttl, HeaderValue::from_static(TOKEN_TTL_SECONDS))];
        let (status, token) = self
            .http
            .send(Method::PUT, self.uri(&endpoint, TOKEN_PATH)?, &ttl_headers)
            .await
            .map_err(unreachable)?;
        if status != StatusCode::OK {
            return Err(CredentialsError::not_loaded(
                PROVIDER,
                format!("{endpoint} refused a session token (HTTP {status})"),
            ));
        }
        let token = HeaderValue::from_maybe_shared(token).map_err(|_| {
            CredentialsError::provider_failed(PROVIDER, "the session token is not a valid header")
        })?;
        let token_headers = [(HeaderName::from_static("x-aws-ec2-metadata-token"), token)];

        let (status, roles) = self
            .http
            .send(
                Method::GET,
                self.uri(&endpoint, ROLES_PATH)?,
                &token_headers,
            )
            .await
            .map_err(|failure| failed("listing the instance's role", failure))?;
        if status == StatusCode::NOT_FOUND {
            return Err(CredentialsError::not_loaded(
                PROVIDER,
                "the instance has no IAM instance profile",
            ));
        }
        check_status(status, "listing the instance's role")?;
        let roles = String::from_utf8_lossy(&roles);
        let Some(role) = roles.lines().map(str::trim).find(|line| !line.is_empty()) else {
            return Err(CredentialsError::not_loaded(
                PROVIDER,
                "the instance has no IAM instance profile",
            ));
        };
        if !is_valid_role_name(role) {
            return Err(CredentialsError::provider_failed(
                PROVIDER,
                "the role name from instance metadata has unexpected characters",
            ));
        }

        let path = format!("{ROLES_PATH}{role}");
        let (status, body) = self
            .http
            .send(Method::GET, self.uri(&endpoint, &path)?, &token_headers)
            .await
            .map_err(|failure| failed("fetching the role's credentials", failure))?;
        check_status(status, "fetching the role's credentials")?;
        let object = parse_object(&body, PROVIDER)?;
        let failure_code =
            optional_string(&object, "Code", PROVIDER)?.filter(|code| *code != "Success");
        if let Some(code) = failure_code {
            return Err(CredentialsError::provider_failed(
                PROVIDER,
                format!("credentials for role `{role}` not available (Code {code})"),
            ));
        }
        credentials_from_object(&object, PROVIDER, "Token", SystemTime::now())
    }

    /// The endpoint without a trailing slash.
    fn endpoint(&self) -> Result<String, CredentialsError> {
        let endpoint = match self.env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            Some(endpoint) => endpoint,
            None => match self.env.get("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") {
                Some(mode) if mode.eq_ignore_ascii_case("ipv6") => DEFAULT_ENDPOINT_IPV6.into(),
                Some(mode) if mode.eq_ignore_ascii_case("ipv4") => DEFAULT_ENDPOINT.into(),
                Some(_) => {
                    return Err(CredentialsError::invalid_configuration(
                        PROVIDER,
                        "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE must be IPv4 or IPv6",
                    ));
                }
                None => DEFAULT_ENDPOINT.into(),
            },
        };
        Ok(endpoint.trim_end_matches('/').to_string())
    }

    fn uri(&self, endpoint: &str, path: &str) -> Result<Uri, CredentialsError> {
        format!("{endpoint}{path}").parse().map_err(|_| {
            CredentialsError::invalid_configuration(
                PROVIDER,
                format!("the metadata endpoint `{endpoint}` is not a valid URI"),
            )
        })
    }
}

impl ProvideCredentials for ImdsProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}

fn failed(step: &str, failure: HttpFailure) -> CredentialsError {
    CredentialsError::provider_failed(PROVIDER, format!("{step}: {failure}"))
}

fn check_status(status: StatusCode, step: &str) -> Result<(), CredentialsError> {
    if status == StatusCode::OK {
        Ok(())
    } else {
        Err(CredentialsError::provider_failed(
            PROVIDER,
            format!("{step}: HTTP {status}"),
        ))
    }
}

/// IAM role names: letters, digits and `+=,.@_-`.
fn is_valid_role_name(name: &str) -> bool {
    name.bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || b"+=,.@_-".contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_selection() {
        let endpoint = |pairs: &[(&str, &str)]| {
            ImdsProvider::new(Env::from_pairs(pairs.iter().copied())).endpoint()
        };
        assert_eq!(endpoint(&[]).unwrap(), DEFAULT_ENDPOINT);
        let ipv6 = [("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")];
        assert_eq!(endpoint(&ipv6).unwrap(), DEFAULT_ENDPOINT_IPV6);
        let custom = [("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:9/")];
        assert_eq!(endpoint(&custom).unwrap(), "http://127.0.0.1:9");
        assert!(endpoint(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "x")]).is_err());
    }

    #[test]
    fn role_names() {
        assert!(is_valid_role_name("my-role_1.a@b=c,d+e"));
        assert!(!is_valid_role_name("../x"));
        assert!(!is_valid_role_name("a b"));
    }
}
