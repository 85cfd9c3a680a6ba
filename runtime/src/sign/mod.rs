//! AWS Signature Version 4: signing a finished request with [`Credentials`].
//!
//! The signer is our own: it writes the canonical request and the string to sign as the
//! SigV4 specification describes them (see `canonical.rs` for the rules) and computes the
//! HMAC-SHA256 signature with the `hmac` and `sha2` crates. The signing key, derived from
//! the secret for one day, region and service, is kept and reused (see `key.rs`).
//!
//! The canonical request is reported through `tracing` at trace level (target
//! `anvil_runtime::sign`, field `canonical_request`), with the session token and other
//! secret header values replaced by their length.
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

mod canonical;
mod error;
mod key;
mod params;

pub use error::SigningError;
pub use params::{EndpointAuthScheme, SigningParams};

use std::time::SystemTime;

use http::header::{AUTHORIZATION, HOST, HeaderName, HeaderValue};
use http::{HeaderMap, Uri};

use crate::credentials::Credentials;
use crate::date_time::civil::date_from_days;
use canonical::{AddedHeaders, canonical_request};

/// Headers an earlier signature added; they are dropped before signing again.
const PREVIOUS_SIGNATURE_HEADERS: [&str; 3] =
    ["authorization", "x-amz-date", "x-amz-security-token"];

/// The payload hash header of S3-like services.
const CONTENT_SHA256: &str = "x-amz-content-sha256";

/// The payload hash signed in place of the body's when the body is not covered.
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// The algorithm name that starts the string to sign and the `Authorization` header.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";

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

    let amz_date = amz_date(params.time)?;
    let token = credentials
        .session_token()
        .map(|token| sensitive_value(token, "x-amz-security-token"))
        .transpose()?;
    let payload_hash = if params.unsigned_payload {
        UNSIGNED_PAYLOAD.to_owned()
    } else {
        key::sha256_hex(request.body())
    };
    let added = AddedHeaders {
        amz_date: &amz_date,
        security_token: credentials.session_token(),
        content_sha256: sends_content_sha256.then_some(payload_hash.as_str()),
    };
    let canonical = canonical_request(
        request.method().as_str(),
        request.uri().path(),
        request.uri().query(),
        request.headers(),
        &added,
        &payload_hash,
        !params.disable_double_encoding,
    )?;
    if tracing::enabled!(tracing::Level::TRACE) {
        tracing::trace!(
            canonical_request = %canonical::redacted(&canonical.text),
            "SigV4 canonical request"
        );
    }

    let date = amz_date.as_bytes()[..8]
        .try_into()
        .expect("an x-amz-date starts with the 8-digit date");
    let scope = format!(
        "{}/{}/{}/aws4_request",
        &amz_date[..8],
        params.signing_region,
        params.signing_name
    );
    let mut string_to_sign = String::with_capacity(ALGORITHM.len() + 20 + scope.len() + 66);
    string_to_sign.push_str(ALGORITHM);
    string_to_sign.push('\n');
    string_to_sign.push_str(&amz_date);
    string_to_sign.push('\n');
    string_to_sign.push_str(&scope);
    string_to_sign.push('\n');
    string_to_sign.push_str(&key::sha256_hex(canonical.text.as_bytes()));
    let signature = key::signature(
        credentials.secret_access_key(),
        date,
        params.signing_region,
        params.signing_name,
        string_to_sign.as_bytes(),
    );
    let authorization = format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={}, Signature={signature}",
        credentials.access_key_id(),
        canonical.signed_headers
    );
    let authorization = sensitive_value(&authorization, "authorization")?;
    let content_sha256 = if sends_content_sha256 {
        Some(
            HeaderValue::try_from(payload_hash).map_err(|_| SigningError::UnsendableHeader {
                name: CONTENT_SHA256,
            })?,
        )
    } else {
        None
    };
    let amz_date = HeaderValue::try_from(amz_date)
        .map_err(|_| SigningError::UnsendableHeader { name: "x-amz-date" })?;

    // Everything is computed: only now does the request change.
    let headers = request.headers_mut();
    headers.insert(HeaderName::from_static("x-amz-date"), amz_date);
    if let Some(token) = token {
        headers.insert(HeaderName::from_static("x-amz-security-token"), token);
    }
    if let Some(content_sha256) = content_sha256 {
        headers.insert(HeaderName::from_static(CONTENT_SHA256), content_sha256);
    }
    headers.insert(AUTHORIZATION, authorization);
    Ok(())
}

/// A header value that must not show up in logs; an error names the header, never the
/// value.
fn sensitive_value(value: &str, name: &'static str) -> Result<HeaderValue, SigningError> {
    let mut value =
        HeaderValue::from_str(value).map_err(|_| SigningError::UnsendableHeader { name })?;
    value.set_sensitive(true);
    Ok(value)
}

/// `time` as SigV4 writes it (`x-amz-date`): `YYYYMMDD'T'HHMMSS'Z'` in UTC.
fn amz_date(time: SystemTime) -> Result<String, SigningError> {
    let out_of_range = || SigningError::Signer {
        source: Box::new(TimeOutOfRange),
    };
    let seconds = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_err(|_| out_of_range())?
        .as_secs();
    let seconds = i64::try_from(seconds).map_err(|_| out_of_range())?;
    let (year, month, day) = date_from_days(seconds.div_euclid(86_400));
    if year > 9999 {
        return Err(out_of_range());
    }
    let of_day = seconds.rem_euclid(86_400);
    let (hour, minute, second) = (of_day / 3600, of_day / 60 % 60, of_day % 60);
    Ok(format!(
        "{year:04}{month:02}{day:02}T{hour:02}{minute:02}{second:02}Z"
    ))
}

/// A signing time SigV4 cannot write: before 1970 or after the year 9999.
#[derive(Debug)]
struct TimeOutOfRange;

impl std::fmt::Display for TimeOutOfRange {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("the signing time is before 1970 or after the year 9999")
    }
}

impl std::error::Error for TimeOutOfRange {}

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

#[cfg(test)]
mod tests;
