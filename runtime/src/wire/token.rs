//! Idempotency tokens: random UUIDs (version 4).

#[cfg(feature = "test-util")]
thread_local! {
    static PINNED_TOKEN: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Test support: on this thread, [`idempotency_token`] returns `token` from now on
/// (`None`: fresh random tokens again), so that a request can be compared with an expected
/// one (the Smithy protocol tests expect `00000000-0000-4000-8000-000000000000`).
#[cfg(feature = "test-util")]
pub fn pin_idempotency_token(token: Option<String>) {
    PINNED_TOKEN.with(|pinned| *pinned.borrow_mut() = token);
}

/// A fresh UUID v4 such as `5b1b3a5e-8c3d-4f0a-9b6e-2c1d0e9f8a7b`, from the operating
/// system's random source.
pub fn idempotency_token() -> String {
    #[cfg(feature = "test-util")]
    if let Some(token) = PINNED_TOKEN.with(|pinned| pinned.borrow().clone()) {
        return token;
    }
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // No OS randomness: fall back to the clock and a counter, still unique per process.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_nanos())
            .unwrap_or_default();
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        bytes[..8].copy_from_slice(&(nanos as u64).to_le_bytes());
        bytes[8..].copy_from_slice(&count.to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_version_4_uuids_and_differ() {
        let token = idempotency_token();
        assert_eq!(token.len(), 36);
        assert_eq!(&token[14..15], "4");
        assert!(matches!(&token[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(token, idempotency_token());
    }
}
