//! Instants in time: the Rust side of the Smithy `timestamp` shape.
//!
//! A [`DateTime`] is a UTC instant with nanosecond precision. Smithy puts timestamps on the
//! wire in three formats, each with a parser and a writer here:
//!
//! | format | example | methods |
//! |---|---|---|
//! | `epoch-seconds` | `946845296.123` | [`parse_epoch_seconds`](DateTime::parse_epoch_seconds), [`fmt_epoch_seconds`](DateTime::fmt_epoch_seconds) |
//! | `date-time` | `2000-01-02T20:34:56.123Z` | [`parse_rfc3339`](DateTime::parse_rfc3339), [`fmt_rfc3339`](DateTime::fmt_rfc3339) |
//! | `http-date` | `Sun, 02 Jan 2000 20:34:56.123 GMT` | [`parse_http_date`](DateTime::parse_http_date), [`fmt_http_date`](DateTime::fmt_http_date) |
//!
//! Calendar dates use the proleptic Gregorian calendar, without leap seconds.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub(crate) mod civil;
mod epoch;
mod error;
mod http_date;
mod rfc3339;
mod scan;
#[cfg(test)]
mod tests;

pub use error::DateTimeError;

/// Nanoseconds in one second.
const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// A UTC instant: whole seconds since 1970-01-01T00:00:00Z plus a fraction in nanoseconds.
///
/// The seconds are rounded down (towards the past) and the nanoseconds always count forward
/// from there, so half a second before the epoch is `-1` seconds plus `500_000_000`
/// nanoseconds. Ordering follows time.
///
/// ```
/// use anvil_runtime::DateTime;
///
/// let stamp = DateTime::parse_epoch_seconds("946845296.123")?;
/// assert_eq!(stamp.secs(), 946_845_296);
/// assert_eq!(stamp.subsec_nanos(), 123_000_000);
/// assert_eq!(stamp.fmt_rfc3339()?, "2000-01-02T20:34:56.123Z");
/// assert_eq!(stamp.fmt_http_date()?, "Sun, 02 Jan 2000 20:34:56.123 GMT");
///
/// let before_epoch = DateTime::from_millis(-500);
/// assert_eq!((before_epoch.secs(), before_epoch.subsec_nanos()), (-1, 500_000_000));
/// assert_eq!(before_epoch.fmt_epoch_seconds(), "-0.5");
/// assert!(before_epoch < DateTime::from_secs(0));
/// # Ok::<(), anvil_runtime::DateTimeError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateTime {
    seconds: i64,
    subsecond_nanos: u32,
}

impl DateTime {
    /// The instant `seconds` whole seconds after the epoch (before it, when negative).
    pub const fn from_secs(seconds: i64) -> Self {
        Self {
            seconds,
            subsecond_nanos: 0,
        }
    }

    /// The instant `seconds` plus `subsecond_nanos` nanoseconds after the epoch.
    ///
    /// Nanoseconds of a second or more carry into the seconds, which saturate at `i64::MAX`.
    ///
    /// ```
    /// use anvil_runtime::DateTime;
    ///
    /// let stamp = DateTime::from_secs_and_nanos(1, 2_500_000_000);
    /// assert_eq!((stamp.secs(), stamp.subsec_nanos()), (3, 500_000_000));
    /// ```
    pub const fn from_secs_and_nanos(seconds: i64, subsecond_nanos: u32) -> Self {
        let carry = (subsecond_nanos / NANOS_PER_SECOND) as i64;
        Self {
            seconds: seconds.saturating_add(carry),
            subsecond_nanos: subsecond_nanos % NANOS_PER_SECOND,
        }
    }

    /// The instant `millis` milliseconds after the epoch (before it, when negative).
    pub fn from_millis(millis: i64) -> Self {
        // rem_euclid is in 0..1000, so the product stays below one second.
        let nanos = millis.rem_euclid(1000) as u32 * 1_000_000;
        Self {
            seconds: millis.div_euclid(1000),
            subsecond_nanos: nanos,
        }
    }

    /// The instant a (possibly fractional) number of seconds after the epoch, rounded to the
    /// nearest nanosecond as far as `f64` allows.
    ///
    /// Returns `None` for NaN, the infinities, and values whose whole seconds do not fit in
    /// an `i64`.
    ///
    /// ```
    /// use anvil_runtime::DateTime;
    ///
    /// assert_eq!(DateTime::from_fractional_secs(1.5), Some(DateTime::from_millis(1500)));
    /// assert_eq!(DateTime::from_fractional_secs(-0.25), Some(DateTime::from_millis(-250)));
    /// assert_eq!(DateTime::from_fractional_secs(f64::NAN), None);
    /// ```
    pub fn from_fractional_secs(seconds: f64) -> Option<Self> {
        /// 2^63 as a float: the first whole value that does not fit in `i64`.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        let whole = seconds.floor();
        // NaN is in no range, so it fails the check too.
        if !(-LIMIT..LIMIT).contains(&whole) {
            return None;
        }
        let fraction = seconds - whole;
        // fraction is in [0, 1), so the rounded value is at most 1e9 and fits in u32;
        // a value of exactly 1e9 carries into the seconds.
        let nanos = (fraction * f64::from(NANOS_PER_SECOND)).round() as u32;
        Some(Self::from_secs_and_nanos(whole as i64, nanos))
    }

    /// Whole seconds since the epoch, rounded down (towards the past).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds past [`secs`](Self::secs), in `0..1_000_000_000`.
    pub const fn subsec_nanos(&self) -> u32 {
        self.subsecond_nanos
    }

    /// Seconds since the epoch as an `f64` (exact only for values `f64` can represent).
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.subsecond_nanos) / f64::from(NANOS_PER_SECOND)
    }
}

/// Writes `.` and the nanoseconds with trailing zeros removed; nothing when they are zero.
fn write_fraction(out: &mut String, nanos: u32) {
    if nanos == 0 {
        return;
    }
    let digits = format!("{nanos:09}");
    out.push('.');
    out.push_str(digits.trim_end_matches('0'));
}

impl fmt::Display for DateTime {
    /// Writes the RFC 3339 form (`2000-01-02T20:34:56Z`) when the year is within
    /// 0001..=9999, and the epoch-seconds form otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.fmt_rfc3339() {
            Ok(text) => f.write_str(&text),
            Err(_) => f.write_str(&self.fmt_epoch_seconds()),
        }
    }
}

impl From<SystemTime> for DateTime {
    /// Converts exactly, saturating at the limits of `i64` seconds.
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => {
                let seconds = i64::try_from(after.as_secs()).unwrap_or(i64::MAX);
                Self::from_secs_and_nanos(seconds, after.subsec_nanos())
            }
            Err(err) => {
                // Before the epoch: step back the whole seconds, and one more when there is a
                // fraction, which then counts forward from there.
                let before = err.duration();
                let nanos = before.subsec_nanos();
                let mut seconds = -i128::from(before.as_secs());
                if nanos != 0 {
                    seconds -= 1;
                }
                match i64::try_from(seconds) {
                    Ok(seconds) if nanos == 0 => Self::from_secs(seconds),
                    Ok(seconds) => Self::from_secs_and_nanos(seconds, NANOS_PER_SECOND - nanos),
                    Err(_) => Self::from_secs(i64::MIN),
                }
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = DateTimeError;

    /// Fails when the platform's `SystemTime` cannot represent the instant.
    fn try_from(value: DateTime) -> Result<Self, Self::Error> {
        let whole = Duration::from_secs(value.seconds.unsigned_abs());
        let fraction = Duration::from_nanos(u64::from(value.subsecond_nanos));
        let time = if value.seconds >= 0 {
            UNIX_EPOCH
                .checked_add(whole)
                .and_then(|t| t.checked_add(fraction))
        } else {
            UNIX_EPOCH
                .checked_sub(whole)
                .and_then(|t| t.checked_add(fraction))
        };
        time.ok_or_else(|| {
            DateTimeError::system_time(
                &value,
                "the instant is outside the range of this platform's SystemTime",
            )
        })
    }
}
