//! The Smithy `date-time` format: RFC 3339 such as `2000-01-02T20:34:56.123Z`.

use super::civil::{self, Civil};
use super::scan::Scanner;
use super::{DateTime, DateTimeError, write_fraction};

/// Format name used in error messages.
const FORMAT: &str = "date-time";

impl DateTime {
    /// Parses an RFC 3339 date-time, such as `2000-01-02T20:34:56Z`.
    ///
    /// Accepts `T` or `t` between date and time, a fraction of a second with any number of
    /// digits (the first nine are kept), and `Z`, `z`, or a `+HH:MM` / `-HH:MM` offset, which
    /// is applied so the result is in UTC. Seconds and the offset are required; leap seconds
    /// (`60`) and dates that do not exist are rejected.
    ///
    /// ```
    /// use anvil_runtime::DateTime;
    ///
    /// let plain = DateTime::parse_rfc3339("2019-12-16T23:48:18Z")?;
    /// let offset = DateTime::parse_rfc3339("2019-12-16T22:48:18-01:00")?;
    /// assert_eq!(plain, offset);
    /// assert_eq!(DateTime::parse_rfc3339("1970-01-01T00:00:00.5z")?, DateTime::from_millis(500));
    /// assert!(DateTime::parse_rfc3339("2019-12-16T23:48:18").is_err());
    /// # Ok::<(), anvil_runtime::DateTimeError>(())
    /// ```
    pub fn parse_rfc3339(text: &str) -> Result<Self, DateTimeError> {
        parse(text).map_err(|reason| DateTimeError::parse(FORMAT, text, reason))
    }

    /// Writes the instant in RFC 3339 form, in UTC with a `Z`: `2000-01-02T20:34:56Z`, or
    /// with a fraction (trailing zeros removed) when there are nanoseconds:
    /// `2000-01-02T20:34:56.123Z`.
    ///
    /// Fails when the year is outside 0001..=9999.
    ///
    /// ```
    /// use anvil_runtime::DateTime;
    ///
    /// assert_eq!(DateTime::from_secs(0).fmt_rfc3339()?, "1970-01-01T00:00:00Z");
    /// assert_eq!(DateTime::from_millis(-1).fmt_rfc3339()?, "1969-12-31T23:59:59.999Z");
    /// assert!(DateTime::from_secs(i64::MAX).fmt_rfc3339().is_err());
    /// # Ok::<(), anvil_runtime::DateTimeError>(())
    /// ```
    pub fn fmt_rfc3339(&self) -> Result<String, DateTimeError> {
        let civil = Civil::from_date_time(self);
        civil
            .check_writable_year()
            .map_err(|reason| DateTimeError::format(FORMAT, self, reason))?;
        let mut out = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second
        );
        write_fraction(&mut out, self.subsecond_nanos);
        out.push('Z');
        Ok(out)
    }
}

/// Does the parsing; the error is the reason only.
fn parse(text: &str) -> Result<DateTime, String> {
    let mut scan = Scanner::new(text);
    let year = scan.digits(4, "year")?;
    scan.expect("-")?;
    let month = scan.digits(2, "month")?;
    scan.expect("-")?;
    let day = scan.digits(2, "day")?;
    if !(scan.eat(b'T') || scan.eat(b't')) {
        return Err(format!(
            "expected `T` between date and time at offset {}",
            scan.offset()
        ));
    }
    let hour = scan.digits(2, "hour")?;
    scan.expect(":")?;
    let minute = scan.digits(2, "minute")?;
    scan.expect(":")?;
    let second = scan.digits(2, "second")?;
    let nanos = scan.fraction()?;
    let offset_seconds = offset(&mut scan)?;
    scan.finish()?;

    let year = i64::from(year);
    civil::check_date(year, month, day)?;
    civil::check_time(hour, minute, second)?;
    let civil = Civil {
        year,
        month,
        day,
        hour,
        minute,
        second,
        weekday: 0,
    };
    // Local time minus its offset is UTC; years 0000..=9999 keep this far from overflow.
    let seconds = civil.to_seconds() - offset_seconds;
    Ok(DateTime::from_secs_and_nanos(seconds, nanos))
}

/// Reads the time zone: `Z`/`z` or `+HH:MM`/`-HH:MM`, giving the offset from UTC in seconds.
fn offset(scan: &mut Scanner<'_>) -> Result<i64, String> {
    let sign = match scan.peek() {
        Some(b'Z' | b'z') => {
            scan.take(1, "the time zone")?;
            return Ok(0);
        }
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => {
            return Err(format!(
                "expected a time zone offset (`Z`, `+HH:MM` or `-HH:MM`) at offset {}",
                scan.offset()
            ));
        }
    };
    scan.take(1, "the offset sign")?;
    let hours = scan.digits(2, "offset hour")?;
    scan.expect(":")?;
    let minutes = scan.digits(2, "offset minute")?;
    if hours > 23 {
        return Err(format!("offset hour {hours} is out of range"));
    }
    if minutes > 59 {
        return Err(format!("offset minute {minutes} is out of range"));
    }
    Ok(sign * (i64::from(hours) * 3600 + i64::from(minutes) * 60))
}
