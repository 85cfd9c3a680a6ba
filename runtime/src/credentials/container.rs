//! Container credentials (ECS task roles, EKS Pod Identity): a local HTTP endpoint named by
//! `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `AWS_CONTAINER_CREDENTIALS_FULL_URI`.

use std::net::IpAddr;
use std::time::{Duration, SystemTime};

use hyper::header::{AUTHORIZATION, HeaderValue};
use hyper::{Method, StatusCode, Uri};

use super::http::{MetadataHttp, origin};
use super::json_document::{credentials_from_object, parse_object};
use super::{Credentials, CredentialsError, Env, ProvideCredentials, ProvideFuture};

const PROVIDER: &str = "container";

/// The ECS credentials host that relative URIs are resolved against.
const ECS_HOST: &str = "169.254.170.2";

/// Hosts a plain-HTTP full URI may name besides loopback: ECS, and EKS over IPv4 and IPv6.
const ALLOWED_HOSTS: [&str; 3] = [ECS_HOST, "169.254.170.23", "fd00:ec2::23"];

const RELATIVE_URI: &str = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
const FULL_URI: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
const TOKEN: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
const TOKEN_FILE: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";

/// Fetches credentials from the container endpoint.
///
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (a path on `http://169.254.170.2`) wins over
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, which must be `https` or name a loopback address or
/// the ECS/EKS hosts (`169.254.170.2`, `169.254.170.23`, `fd00:ec2::23`). The contents of
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (read on every call, since it rotates), else
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`, go in the `Authorization` header.
///
/// Plain HTTP only for now: an `https` full URI fails with a clear error.
#[derive(Clone, Debug)]
pub struct ContainerProvider {
    env: Env,
    http: MetadataHttp,
}

impl ContainerProvider {
    /// A provider reading its variables from `env` (2 s to connect, 5 s per request).
    pub fn new(env: Env) -> Self {
        Self {
            env,
            http: MetadataHttp::new(Duration::from_secs(2), Duration::from_secs(5)),
        }
    }

    /// Fetches the credentials.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let uri = self.endpoint()?;
        let mut headers = Vec::new();
        if let Some(token) = self.authorization()? {
            headers.push((AUTHORIZATION, token));
        }
        let (status, body) = self
            .http
            .send(Method::GET, uri.clone(), &headers)
            .await
            .map_err(|failure| {
                CredentialsError::provider_failed(
                    PROVIDER,
                    format!("request to {} failed: {failure}", origin(&uri)),
                )
            })?;
        if status != StatusCode::OK {
            return Err(CredentialsError::provider_failed(
                PROVIDER,
                format!("{} answered HTTP {status}", origin(&uri)),
            ));
        }
        let object = parse_object(&body, PROVIDER)?;
        credentials_from_object(&object, PROVIDER, "Token", SystemTime::now())
    }

    fn endpoint(&self) -> Result<Uri, CredentialsError> {
        if let Some(relative) = self.env.get(RELATIVE_URI) {
            let separator = if relative.starts_with('/') { "" } else { "/" };
            return format!("http://{ECS_HOST}{separator}{relative}")
                .parse()
                .map_err(|_| {
                    CredentialsError::invalid_configuration(
                        PROVIDER,
                        format!("{RELATIVE_URI} is not a valid URI path"),
                    )
                });
        }
        let Some(full) = self.env.get(FULL_URI) else {
            return Err(CredentialsError::not_loaded(
                PROVIDER,
                format!("{RELATIVE_URI} and {FULL_URI} are not set"),
            ));
        };
        let uri: Uri = full.parse().map_err(|_| {
            CredentialsError::invalid_configuration(
                PROVIDER,
                format!("{FULL_URI} is not a valid URI"),
            )
        })?;
        let host = uri.host().unwrap_or("");
        match uri.scheme_str() {
            Some("http") if is_allowed_http_host(host) => Ok(uri),
            Some("http") => Err(CredentialsError::invalid_configuration(
                PROVIDER,
                format!(
                    "{FULL_URI} names host `{host}` over plain http; use https, a loopback \
                     address, or an ECS/EKS credentials host"
                ),
            )),
            Some("https") => Err(CredentialsError::provider_failed(
                PROVIDER,
                format!("{FULL_URI} uses https, which this build cannot connect to yet"),
            )),
            _ => Err(CredentialsError::invalid_configuration(
                PROVIDER,
                format!("{FULL_URI} must be an http or https URI"),
            )),
        }
    }

    /// The `Authorization` header value, if one is configured.
    fn authorization(&self) -> Result<Option<HeaderValue>, CredentialsError> {
        let (token, origin) = if let Some(path) = self.env.get(TOKEN_FILE) {
            let text = std::fs::read_to_string(&path).map_err(|error| {
                CredentialsError::invalid_configuration(
                    PROVIDER,
                    format!("cannot read {TOKEN_FILE} `{path}`: {error}"),
                )
            })?;
            (text, TOKEN_FILE)
        } else if let Some(token) = self.env.get(TOKEN) {
            (token, TOKEN)
        } else {
            return Ok(None);
        };
        let token = token.trim();
        HeaderValue::from_str(token).map(Some).map_err(|_| {
            CredentialsError::invalid_configuration(
                PROVIDER,
                format!("the token from {origin} has characters not allowed in a header"),
            )
        })
    }
}

impl ProvideCredentials for ContainerProvider {
    fn provide_credentials(&self) -> ProvideFuture<'_> {
        Box::pin(self.load())
    }
}

/// Loopback addresses, `localhost`, and the ECS/EKS credentials hosts.
fn is_allowed_http_host(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match bare.parse::<IpAddr>() {
        Ok(address) => {
            address.is_loopback()
                || ALLOWED_HOSTS
                    .iter()
                    .any(|allowed| allowed.parse::<IpAddr>().ok() == Some(address))
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_hosts() {
        for host in [
            "127.0.0.1",
            "127.1.2.3",
            "[::1]",
            "localhost",
            "169.254.170.2",
            "169.254.170.23",
            "[fd00:ec2::23]",
            "[fd00:ec2:0::23]",
        ] {
            assert!(is_allowed_http_host(host), "{host}");
        }
        for host in [
            "example.com",
            "10.0.0.1",
            "169.254.169.254",
            "[fd00:ec2::254]",
            "",
        ] {
            assert!(!is_allowed_http_host(host), "{host}");
        }
    }

    fn endpoint(pairs: &[(&str, &str)]) -> Result<Uri, CredentialsError> {
        ContainerProvider::new(Env::from_pairs(pairs.iter().copied())).endpoint()
    }

    #[test]
    fn relative_uri_wins_and_full_uri_is_checked() {
        let both = [
            (RELATIVE_URI, "/v2/creds"),
            (FULL_URI, "http://127.0.0.1/x"),
        ];
        assert_eq!(endpoint(&both).unwrap(), "http://169.254.170.2/v2/creds");
        let remote = endpoint(&[(FULL_URI, "http://example.com/creds")]).unwrap_err();
        assert!(
            matches!(remote, CredentialsError::InvalidConfiguration { .. }),
            "{remote}"
        );
        assert!(endpoint(&[]).unwrap_err().is_not_loaded());
    }
}
