//! The SigV4 signing key, derived from the secret access key for one day, region and
//! service, and the HMAC-SHA256 signature made with it.
//!
//! Deriving the key takes four HMACs; a process usually signs for a handful of (secret, day,
//! region, service) combinations, so the last key derived is kept in one slot and reused
//! while the combination stays the same. The slot holds secrets: it has no `Debug`, and
//! nothing here formats a key or the secret.

use std::sync::Mutex;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// A derived key, keyed HMAC state included, with what it was derived from.
struct CachedKey {
    secret_access_key: String,
    date: [u8; 8],
    region: String,
    service: String,
    /// HMAC-SHA256 already keyed with the signing key (cloning it skips the key setup).
    mac: HmacSha256,
}

impl CachedKey {
    fn is_for(&self, secret_access_key: &str, date: &[u8; 8], region: &str, service: &str) -> bool {
        self.date == *date
            && self.region == region
            && self.service == service
            && self.secret_access_key == secret_access_key
    }
}

/// The last key derived. A thread that finds the slot busy derives its own key rather than
/// wait.
static LAST_KEY: Mutex<Option<CachedKey>> = Mutex::new(None);

/// HMAC-SHA256 of `message` under `key`.
fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The signing key's HMAC state for `secret_access_key` on `date` (`YYYYMMDD`) in `region`
/// for `service`.
fn derive(secret_access_key: &str, date: &[u8; 8], region: &str, service: &str) -> HmacSha256 {
    let mut date_key_secret = Vec::with_capacity(4 + secret_access_key.len());
    date_key_secret.extend_from_slice(b"AWS4");
    date_key_secret.extend_from_slice(secret_access_key.as_bytes());
    let date_key = hmac(&date_key_secret, date);
    let region_key = hmac(&date_key, region.as_bytes());
    let service_key = hmac(&region_key, service.as_bytes());
    let signing_key = hmac(&service_key, b"aws4_request");
    HmacSha256::new_from_slice(&signing_key).expect("HMAC takes keys of any length")
}

/// The signature of `string_to_sign`: lowercase hex of its HMAC-SHA256 under the signing
/// key for these credentials, day, region and service.
pub(super) fn signature(
    secret_access_key: &str,
    date: &[u8; 8],
    region: &str,
    service: &str,
    string_to_sign: &[u8],
) -> String {
    let mut mac = keyed_mac(secret_access_key, date, region, service);
    mac.update(string_to_sign);
    hex(&mac.finalize().into_bytes())
}

/// The keyed HMAC state: from the slot when it holds this combination, derived (and put in
/// the slot, when the slot is free) otherwise.
fn keyed_mac(secret_access_key: &str, date: &[u8; 8], region: &str, service: &str) -> HmacSha256 {
    let mut slot = match LAST_KEY.try_lock() {
        Ok(slot) => slot,
        // Poisoned: a panic elsewhere while holding the slot; its content is still whole.
        Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => {
            return derive(secret_access_key, date, region, service);
        }
    };
    if let Some(cached) = slot.as_ref()
        && cached.is_for(secret_access_key, date, region, service)
    {
        return cached.mac.clone();
    }
    let mac = derive(secret_access_key, date, region, service);
    *slot = Some(CachedKey {
        secret_access_key: secret_access_key.to_owned(),
        date: *date,
        region: region.to_owned(),
        service: service.to_owned(),
        mac: mac.clone(),
    });
    mac
}

/// Lowercase hex SHA-256 of `bytes`.
pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    /// The derivation example of AWS's SigV4 documentation (secret, 20120215, us-east-1,
    /// iam): its signing key, as hex.
    #[test]
    fn signing_key_matches_the_documented_example() {
        let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        let date_key = hmac(format!("AWS4{secret}").as_bytes(), b"20120215");
        let region_key = hmac(&date_key, b"us-east-1");
        let service_key = hmac(&region_key, b"iam");
        let signing_key = hmac(&service_key, b"aws4_request");
        assert_eq!(
            hex(&signing_key),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }

    #[test]
    fn the_cached_key_signs_like_a_fresh_one() {
        let date = *b"20150830";
        let fresh = {
            let mut mac = derive("secret-a", &date, "us-east-1", "svc");
            mac.update(b"message");
            hex(&mac.finalize().into_bytes())
        };
        for _ in 0..2 {
            assert_eq!(
                signature("secret-a", &date, "us-east-1", "svc", b"message"),
                fresh
            );
        }
        let other_secret = signature("secret-b", &date, "us-east-1", "svc", b"message");
        assert_ne!(other_secret, fresh);
        let other_day = signature("secret-a", b"20150831", "us-east-1", "svc", b"message");
        assert_ne!(other_day, fresh);
        assert_eq!(
            signature("secret-a", &date, "us-east-1", "svc", b"message"),
            fresh
        );
    }
}
