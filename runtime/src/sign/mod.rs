//! AWS Signature Version 4: signing a finished request with [`Credentials`].
//!
//! The work is done by AWS's own signer, the `aws-sigv4` crate; this module adapts the team's
//! request type (`http::Request<Vec<u8>>`) and [`Credentials`] to it and applies the result.
//!
//! [`sign_request`] adds `Authorization`, `X-Amz-Date`, `X-Amz-Security-Token` (when the
//! credentials carry a session token) and, on request, `x-amz-content-sha256`. It also adds a
//! `Host` header taken from the URI when the request has none, so the host the signature
//! covers is the one on the request. Sign last, after every other header is final, and sign
//! again before every retry: signing replaces any earlier signature.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use anvil_runtime::credentials::Credentials;
//! use anvil_runtime::sign::{SigningParams, sign_request};
//!
//! let mut request = http::Request::builder()
//!     .method("POST")
//!     .uri("https://identitystore.us-east-1.amazonaws.com/")
//!     .header("content-type", "application/x-amz-json-1.1")
//!     .header("x-amz-target", "AWSIdentityStore.UpdateUser")
//!     .body(b"{}".to_vec())?;
//! let credentials = Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None, None, "example");
//! let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160);
//! let params = SigningParams::from_parts("identitystore", "us-east-1", None, time);
//! sign_request(&mut request, &credentials, &params)?;
//! assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
//! assert_eq!(request.headers()["host"], "identitystore.us-east-1.amazonaws.com");
//! assert!(request.headers()["authorization"].to_str()?.starts_with(
//!     "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/identitystore/aws4_request, \
//!      SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
//! ));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod params;

pub use error::SigningError;
pub use params::{EndpointAuthScheme, SigningParams};

use aws_sigv4::http_request::{
    PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
    UriPathNormalizationMode,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::header::{HOST, HeaderName, HeaderValue};
use http::{HeaderMap, Uri};

use crate::credentials::Credentials;

/// Headers an earlier signature added; they are dropped before signing again.
const PREVIOUS_SIGNATURE_HEADERS: [&str; 3] =
    ["authorization", "x-amz-date", "x-amz-security-token"];

/// The payload hash header of S3-like services.
const CONTENT_SHA256: &str = "x-amz-content-sha256";

/// Signs `request` in place with SigV4 for `params`' service and region at `params.time`.
///
/// The request needs a `Host` header or an absolute URI (the host is then added as a `Host`
/// header). Its path and query must already be percent-encoded as they will be sent.
/// On error the request may have lost an earlier signature but never carries a partial one.
pub fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    params: &SigningParams<'_>,
) -> Result<(), SigningError> {
    let sends_content_sha256 = params.content_sha256_header || params.unsigned_payload;
    remove_previous_signature(request.headers_mut(), sends_content_sha256);
    if !request.headers().contains_key(HOST) {
        let host = host_header(request.uri())?;
        request.headers_mut().insert(HOST, host);
    }

    let identity: Identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_owned),
        credentials.expiry(),
        credentials.provider_name(),
    )
    .into();
    let signer_params: aws_sigv4::http_request::SigningParams<'_> = v4::SigningParams::builder()
        .identity(&identity)
        .region(params.signing_region)
        .name(params.signing_name)
        .time(params.time)
        .settings(settings(params, sends_content_sha256))
        .build()
        .map_err(signer_error)?
        .into();

    let (instructions, _signature) = {
        let signable = signable_request(request, params.unsigned_payload)?;
        aws_sigv4::http_request::sign(signable, &signer_params)
            .map_err(signer_error)?
            .into_parts()
    };
    let (new_headers, _query_params) = instructions.into_parts();
    let mut signature_headers = Vec::with_capacity(new_headers.len());
    for header in &new_headers {
        let unsendable = || SigningError::UnsendableHeader {
            name: header.name(),
        };
        let name = HeaderName::from_bytes(header.name().as_bytes()).map_err(|_| unsendable())?;
        let mut value = HeaderValue::from_str(header.value()).map_err(|_| unsendable())?;
        value.set_sensitive(header.sensitive());
        signature_headers.push((name, value));
    }
    for (name, value) in signature_headers {
        request.headers_mut().insert(name, value);
    }
    Ok(())
}

/// The signer's settings: S3-style path handling when double encoding is off, and the
/// payload hash header when the service wants it.
fn settings(params: &SigningParams<'_>, sends_content_sha256: bool) -> SigningSettings {
    let mut settings = SigningSettings::default();
    if params.disable_double_encoding {
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    }
    if sends_content_sha256 {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    }
    settings
}

/// The request as the signer reads it. Header values must be visible ASCII.
fn signable_request(
    request: &http::Request<Vec<u8>>,
    unsigned_payload: bool,
) -> Result<SignableRequest<'_>, SigningError> {
    let mut headers = Vec::with_capacity(request.headers().len());
    for (name, value) in request.headers() {
        let text = value.to_str().map_err(|_| SigningError::HeaderNotText {
            name: name.as_str().to_owned(),
        })?;
        headers.push((name.as_str(), text));
    }
    let body = if unsigned_payload {
        SignableBody::UnsignedPayload
    } else {
        SignableBody::Bytes(request.body())
    };
    SignableRequest::new(
        request.method().as_str(),
        request.uri().to_string(),
        headers.into_iter(),
        body,
    )
    .map_err(signer_error)
}

/// Drops what an earlier signing attempt added, so a retried request is signed afresh.
fn remove_previous_signature(headers: &mut HeaderMap, sends_content_sha256: bool) {
    for name in PREVIOUS_SIGNATURE_HEADERS {
        headers.remove(name);
    }
    if sends_content_sha256 {
        headers.remove(CONTENT_SHA256);
    }
}

/// The `Host` header for an absolute URI: the lowercase host, with the port only when it is
/// not the scheme's default.
fn host_header(uri: &Uri) -> Result<HeaderValue, SigningError> {
    let missing = || SigningError::MissingHost {
        uri: uri.to_string(),
    };
    let host = uri.host().ok_or_else(missing)?.to_ascii_lowercase();
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    let value = match uri.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host,
    };
    HeaderValue::try_from(value).map_err(|_| missing())
}

fn signer_error(error: impl std::error::Error + Send + Sync + 'static) -> SigningError {
    SigningError::Signer {
        source: Box::new(error),
    }
}

#[cfg(test)]
mod tests;
