//! Conversions to `SystemTime`, and pseudo-random round trips and garbage inputs.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::super::DateTimeError;
use super::*;

#[test]
fn system_time_conversions() {
    let cases = [
        (at(0, 0), UNIX_EPOCH),
        (
            at(946_845_296, 123),
            UNIX_EPOCH + Duration::new(946_845_296, 123),
        ),
        (at(-1, 500_000_000), UNIX_EPOCH - Duration::from_millis(500)),
        (at(-3, 0), UNIX_EPOCH - Duration::from_secs(3)),
        (at(-3, 1), UNIX_EPOCH - Duration::new(2, 999_999_999)),
    ];
    for (value, time) in cases {
        assert_eq!(DateTime::from(time), value);
        assert_eq!(SystemTime::try_from(value), Ok(time));
    }
    let now = SystemTime::now();
    assert_eq!(SystemTime::try_from(DateTime::from(now)), Ok(now));
    // SystemTime cannot reach i64::MAX seconds on common platforms; it must not panic.
    let _: Result<SystemTime, DateTimeError> = SystemTime::try_from(at(i64::MAX, 999_999_999));
    let _: Result<SystemTime, DateTimeError> = SystemTime::try_from(at(i64::MIN, 0));
}

/// Deterministic pseudo-random numbers (Knuth's MMIX linear congruential generator).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // The high bits are the better-mixed ones.
        self.0 >> 11
    }

    fn below(&mut self, limit: u64) -> u64 {
        self.next() % limit
    }
}

#[test]
fn round_trips() {
    let mut rng = Lcg(0x5eed);
    let span = (LAST_WRITABLE - FIRST_WRITABLE + 1) as u64;
    for round in 0..20_000 {
        let seconds = FIRST_WRITABLE + rng.below(span) as i64;
        let nanos = match round % 4 {
            0 => 0,
            1 => rng.below(1000) as u32 * 1_000_000,
            _ => rng.below(1_000_000_000) as u32,
        };
        let value = at(seconds, nanos);
        assert_eq!(rfc(&rfc_out(value)), value);
        assert_eq!(http(&http_out(value)), value);
        assert_eq!(epoch(&value.fmt_epoch_seconds()), value);
        assert_eq!(value.to_string(), rfc_out(value));
    }
    // Epoch seconds cover the whole i64 range.
    for _ in 0..20_000 {
        let value = at(
            rng.next().wrapping_mul(3) as i64,
            rng.below(1_000_000_000) as u32,
        );
        assert_eq!(epoch(&value.fmt_epoch_seconds()), value);
    }
}

#[test]
fn garbage_never_panics() {
    let mut rng = Lcg(42);
    let alphabet = b"0123456789-+:.,eETtZz GMTSunJanFeb\xc3\xa9";
    for _ in 0..20_000 {
        let len = rng.below(32) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let _ = DateTime::parse_rfc3339(&text).map(|v| v.to_string());
        let _ = DateTime::parse_http_date(&text).map(|v| v.to_string());
        let _ = DateTime::parse_epoch_seconds(&text).map(|v| v.to_string());
    }
}
