//! Reading the JSON credential documents that `credential_process`, the container endpoint
//! and instance metadata return.
//!
//! Messages name missing or mistyped fields but never repeat a value.

use std::time::SystemTime;

use crate::json::{Map, Value};

use super::{Credentials, CredentialsError};
use crate::DateTime;

/// Parses `body` as a JSON object.
pub(crate) fn parse_object(body: &[u8], provider: &'static str) -> Result<Map, CredentialsError> {
    match crate::json::parse_bytes(body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(CredentialsError::provider_failed(
            provider,
            "the credentials document is not a JSON object",
        )),
        Err(error) => Err(CredentialsError::provider_failed(
            provider,
            format!(
                "the credentials document is not valid JSON (line {}, column {})",
                error.line(),
                error.column()
            ),
        )),
    }
}

/// The string field `name`, `None` when absent or null.
pub(crate) fn optional_string<'a>(
    object: &'a Map,
    name: &str,
    provider: &'static str,
) -> Result<Option<&'a str>, CredentialsError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(CredentialsError::provider_failed(
            provider,
            format!("field `{name}` of the credentials document is not a string"),
        )),
    }
}

fn required_string<'a>(
    object: &'a Map,
    name: &str,
    provider: &'static str,
) -> Result<&'a str, CredentialsError> {
    optional_string(object, name, provider)?
        .filter(|text| !text.is_empty())
        .ok_or_else(|| {
            CredentialsError::provider_failed(
                provider,
                format!("the credentials document has no `{name}`"),
            )
        })
}

/// Credentials from the fields `AccessKeyId`, `SecretAccessKey`, `token_field` (the session
/// token, optional) and `Expiration` (RFC 3339, optional). Credentials that have already
/// expired are an error.
pub(crate) fn credentials_from_object(
    object: &Map,
    provider: &'static str,
    token_field: &str,
    now: SystemTime,
) -> Result<Credentials, CredentialsError> {
    let access_key_id = required_string(object, "AccessKeyId", provider)?;
    let secret_access_key = required_string(object, "SecretAccessKey", provider)?;
    let session_token = optional_string(object, token_field, provider)?
        .filter(|token| !token.is_empty())
        .map(str::to_string);
    let expiry = match optional_string(object, "Expiration", provider)? {
        None => None,
        Some(text) => {
            let parsed = DateTime::parse_rfc3339(text)
                .and_then(SystemTime::try_from)
                .map_err(|error| {
                    CredentialsError::provider_failed(
                        provider,
                        format!("field `Expiration` of the credentials document: {error}"),
                    )
                })?;
            if parsed <= now {
                return Err(CredentialsError::provider_failed(
                    provider,
                    format!("the credentials expired at {text}"),
                ));
            }
            Some(parsed)
        }
    };
    Ok(Credentials::new(
        access_key_id,
        secret_access_key,
        session_token,
        expiry,
        provider,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn read(body: &str, now: SystemTime) -> Result<Credentials, CredentialsError> {
        let object = parse_object(body.as_bytes(), "test")?;
        credentials_from_object(&object, "test", "Token", now)
    }

    #[test]
    fn reads_keys_token_and_expiry() {
        let body = r#"{"AccessKeyId":"AKID","SecretAccessKey":"S","Token":"T",
                       "Expiration":"2030-01-01T00:00:00Z"}"#;
        let credentials = read(body, UNIX_EPOCH).unwrap();
        assert_eq!(credentials.session_token(), Some("T"));
        assert_eq!(
            credentials.expiry(),
            Some(UNIX_EPOCH + Duration::from_secs(1_893_456_000))
        );
    }

    #[test]
    fn errors_never_repeat_values() {
        let now = UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        let bodies = [
            r#"{"AccessKeyId":"AKID","SecretAccessKey":"CANARY","Expiration":"2030-01-01T00:00:00Z"}"#,
            r#"{"AccessKeyId":"AKID","SecretAccessKey":"CANARY","Token":7}"#,
            r#"{"AccessKeyId":"AKID","Token":"CANARY"}"#,
            r#"{"AccessKeyId":"AKID","SecretAccessKey":"CANARY""#,
            r#"["CANARY"]"#,
        ];
        for body in bodies {
            let err = read(body, now).unwrap_err();
            let printed = format!("{err} {err:?}");
            assert!(!printed.contains("CANARY"), "{printed}");
        }
    }
}
