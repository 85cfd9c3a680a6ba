//! The Smithy `http-date` format: IMF-fixdate such as `Sun, 02 Jan 2000 20:34:56 GMT`.

use super::civil::{self, Civil};
use super::scan::Scanner;
use super::{DateTime, DateTimeError, write_fraction};

/// Format name used in error messages.
const FORMAT: &str = "http-date";

/// Day names as IMF-fixdate spells them, Sunday first.
const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// Month names as IMF-fixdate spells them, January first.
const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl DateTime {
    /// Parses an IMF-fixdate (RFC 9110), such as `Sun, 02 Jan 2000 20:34:56 GMT`.
    ///
    /// A fraction of a second is also accepted (`20:34:56.123`). Names are case-sensitive.
    /// The day name must be one of `Sun` to `Sat` but is not checked against the date.
    ///
    /// ```
    /// use anvil_runtime::DateTime;
    ///
    /// let stamp = DateTime::parse_http_date("Sun, 02 Jan 2000 20:34:56.123 GMT")?;
    /// assert_eq!(stamp.fmt_epoch_seconds(), "946845296.123");
    /// assert!(DateTime::parse_http_date("Sun, 02 Jan 2000 20:34:56 UTC").is_err());
    /// # Ok::<(), anvil_runtime::DateTimeError>(())
    /// ```
    pub fn parse_http_date(text: &str) -> Result<Self, DateTimeError> {
        parse(text).map_err(|reason| DateTimeError::parse(FORMAT, text, reason))
    }

    /// Writes the instant as an IMF-fixdate: `Sun, 02 Jan 2000 20:34:56 GMT`, with a fraction
    /// (trailing zeros removed) only when there are nanoseconds:
    /// `Sun, 02 Jan 2000 20:34:56.123 GMT`.
    ///
    /// Fails when the year is outside 0001..=9999.
    ///
    /// ```
    /// use anvil_runtime::DateTime;
    ///
    /// assert_eq!(DateTime::from_secs(0).fmt_http_date()?, "Thu, 01 Jan 1970 00:00:00 GMT");
    /// # Ok::<(), anvil_runtime::DateTimeError>(())
    /// ```
    pub fn fmt_http_date(&self) -> Result<String, DateTimeError> {
        let civil = Civil::from_date_time(self);
        civil
            .check_writable_year()
            .map_err(|reason| DateTimeError::format(FORMAT, self, reason))?;
        // Both indexes are in range by construction; the fallbacks are never used.
        let day_name = DAY_NAMES.get(civil.weekday as usize).unwrap_or(&"???");
        let month_name = MONTH_ABBREVIATIONS
            .get(civil.month.wrapping_sub(1) as usize)
            .unwrap_or(&"???");
        let mut out = format!(
            "{day_name}, {:02} {month_name} {:04} {:02}:{:02}:{:02}",
            civil.day, civil.year, civil.hour, civil.minute, civil.second
        );
        write_fraction(&mut out, self.subsecond_nanos);
        out.push_str(" GMT");
        Ok(out)
    }
}

/// Position of `name` in `names`, if it is there.
fn lookup(names: &[&str], name: &[u8]) -> Option<usize> {
    names
        .iter()
        .position(|candidate| candidate.as_bytes() == name)
}

/// Does the parsing; the error is the reason only.
fn parse(text: &str) -> Result<DateTime, String> {
    let mut scan = Scanner::new(text);
    let day_name = scan.take(3, "a day name")?;
    if lookup(&DAY_NAMES, day_name).is_none() {
        return Err(format!(
            "unknown day name {:?}",
            String::from_utf8_lossy(day_name)
        ));
    }
    scan.expect(", ")?;
    let day = scan.digits(2, "day")?;
    scan.expect(" ")?;
    let month_at = scan.offset();
    let month_name = scan.take(3, "a month name")?;
    let month = match lookup(&MONTH_ABBREVIATIONS, month_name) {
        // At most 12, so the conversion is lossless.
        Some(index) => index as u32 + 1,
        None => {
            return Err(format!(
                "unknown month name {:?} at offset {month_at}",
                String::from_utf8_lossy(month_name)
            ));
        }
    };
    scan.expect(" ")?;
    let year = scan.digits(4, "year")?;
    scan.expect(" ")?;
    let hour = scan.digits(2, "hour")?;
    scan.expect(":")?;
    let minute = scan.digits(2, "minute")?;
    scan.expect(":")?;
    let second = scan.digits(2, "second")?;
    let nanos = scan.fraction()?;
    scan.expect(" GMT")?;
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
    Ok(DateTime::from_secs_and_nanos(civil.to_seconds(), nanos))
}
