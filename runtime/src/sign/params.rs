//! What a signature depends on besides the request and the credentials.

use std::time::SystemTime;

/// The SigV4 settings for one request: who the signature is for (service and region), when
/// it was made, and the service-specific variations of the algorithm.
///
/// Build it with [`SigningParams::from_parts`], which applies the endpoint's auth scheme,
/// then adjust the flags a service needs with struct update syntax.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use anvil_runtime::sign::SigningParams;
///
/// let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160);
/// let params = SigningParams::from_parts("identitystore", "eu-west-1", None, time);
/// assert_eq!(params.signing_name, "identitystore");
/// assert!(!params.disable_double_encoding);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigningParams<'a> {
    /// The service name in the credential scope (`aws.auth#sigv4` `name`, unless the endpoint
    /// overrides it).
    pub signing_name: &'a str,
    /// The region in the credential scope.
    pub signing_region: &'a str,
    /// The signing time. Callers pass it in (usually `SystemTime::now()`), so tests can fix it.
    pub time: SystemTime,
    /// Sign the path exactly as it is sent: no second round of percent-encoding and no
    /// removal of `.` and `..` segments. Endpoints ask for this (S3 style) through the auth
    /// scheme's `disableDoubleEncoding`.
    pub disable_double_encoding: bool,
    /// Add (and sign) an `x-amz-content-sha256` header holding the payload hash, as S3-like
    /// services require.
    pub content_sha256_header: bool,
    /// Sign the literal `UNSIGNED-PAYLOAD` instead of the body's hash. The
    /// `x-amz-content-sha256: UNSIGNED-PAYLOAD` header is then always sent, so the service
    /// knows the body is not covered.
    pub unsigned_payload: bool,
}

/// The SigV4 fields of an auth scheme that endpoint resolution returned (the `sigv4` entry of
/// the endpoint's `authSchemes` property). Every field is optional; a missing one falls back
/// to the service's own value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EndpointAuthScheme<'a> {
    /// `signingName`: the service name to sign for instead of the model's.
    pub signing_name: Option<&'a str>,
    /// `signingRegion`: the region to sign for instead of the configured one.
    pub signing_region: Option<&'a str>,
    /// `disableDoubleEncoding`: sign the path as sent (see
    /// [`SigningParams::disable_double_encoding`]).
    pub disable_double_encoding: Option<bool>,
}

impl<'a> SigningParams<'a> {
    /// Parameters for a request to a service whose `aws.auth#sigv4` trait names
    /// `service_signing_name`, sent to `region`, at `time`.
    ///
    /// Fields that the endpoint's `auth_scheme` sets take precedence over the service name
    /// and the configured region. The payload flags start off; set them for services that
    /// need them.
    pub fn from_parts(
        service_signing_name: &'a str,
        region: &'a str,
        auth_scheme: Option<&EndpointAuthScheme<'a>>,
        time: SystemTime,
    ) -> Self {
        let scheme = auth_scheme.copied().unwrap_or_default();
        Self {
            signing_name: scheme.signing_name.unwrap_or(service_signing_name),
            signing_region: scheme.signing_region.unwrap_or(region),
            time,
            disable_double_encoding: scheme.disable_double_encoding.unwrap_or(false),
            content_sha256_header: false,
            unsigned_payload: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_name_and_configured_region_without_an_auth_scheme() {
        let params =
            SigningParams::from_parts("workmail", "us-west-2", None, SystemTime::UNIX_EPOCH);
        assert_eq!(params.signing_name, "workmail");
        assert_eq!(params.signing_region, "us-west-2");
        assert!(!params.disable_double_encoding);
        assert!(!params.content_sha256_header);
        assert!(!params.unsigned_payload);
    }

    #[test]
    fn auth_scheme_fields_override_the_service_and_region() {
        let scheme = EndpointAuthScheme {
            signing_name: Some("s3-outposts"),
            signing_region: Some("us-gov-west-1"),
            disable_double_encoding: Some(true),
        };
        let params =
            SigningParams::from_parts("s3", "us-east-1", Some(&scheme), SystemTime::UNIX_EPOCH);
        assert_eq!(params.signing_name, "s3-outposts");
        assert_eq!(params.signing_region, "us-gov-west-1");
        assert!(params.disable_double_encoding);
    }

    #[test]
    fn an_auth_scheme_may_set_only_some_fields() {
        let scheme = EndpointAuthScheme {
            signing_region: Some("cn-north-1"),
            ..EndpointAuthScheme::default()
        };
        let params = SigningParams::from_parts(
            "datazone",
            "us-east-1",
            Some(&scheme),
            SystemTime::UNIX_EPOCH,
        );
        assert_eq!(params.signing_name, "datazone");
        assert_eq!(params.signing_region, "cn-north-1");
        assert!(!params.disable_double_encoding);
    }
}
