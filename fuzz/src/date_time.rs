//! The timestamp readers (epoch-seconds, RFC 3339 date-time, http-date) on fuzzed text,
//! and each writer against its reader.
//!
//! The whole input, when it is UTF-8, goes to all three readers; whatever one accepts, its
//! writer must write back (or refuse with an error) as text the reader reads to the same
//! instant. The first 12 bytes also make an instant (8 bytes of seconds, 4 of nanoseconds)
//! that goes out through each writer and back.

use anvil_runtime::{DateTime, DateTimeError};

/// A reader and the writer of the same format.
struct Format {
    name: &'static str,
    parse: fn(&str) -> Result<DateTime, DateTimeError>,
    write: fn(&DateTime) -> Result<String, DateTimeError>,
}

const FORMATS: [Format; 3] = [
    Format {
        name: "epoch-seconds",
        parse: DateTime::parse_epoch_seconds,
        write: |stamp| Ok(stamp.fmt_epoch_seconds()),
    },
    Format {
        name: "date-time",
        parse: DateTime::parse_rfc3339,
        write: DateTime::fmt_rfc3339,
    },
    Format {
        name: "http-date",
        parse: DateTime::parse_http_date,
        write: DateTime::fmt_http_date,
    },
];

/// Reads the text in every format, and writes the instant the bytes spell in every format.
pub fn run(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        for format in &FORMATS {
            match (format.parse)(text) {
                Ok(stamp) => round_trip(format, &stamp),
                Err(error) => drop(error.to_string()),
            }
        }
    }
    if let Some(stamp) = instant_from_bytes(data) {
        let _ = stamp.to_string();
        for format in &FORMATS {
            round_trip(format, &stamp);
        }
    }
}

/// The instant whose seconds are the first 8 bytes and whose nanoseconds the next 4
/// (little-endian; nanoseconds past a second carry).
fn instant_from_bytes(data: &[u8]) -> Option<DateTime> {
    let seconds = i64::from_le_bytes(data.get(..8)?.try_into().ok()?);
    let nanos = u32::from_le_bytes(data.get(8..12)?.try_into().ok()?);
    Some(DateTime::from_secs_and_nanos(seconds, nanos))
}

/// Writes `stamp` in `format` and reads it back; a writer that succeeds must be read to the
/// same instant.
fn round_trip(format: &Format, stamp: &DateTime) {
    let text = match (format.write)(stamp) {
        Ok(text) => text,
        Err(error) => return drop(error.to_string()),
    };
    match (format.parse)(&text) {
        Ok(back) => assert_eq!(
            back, *stamp,
            "{} wrote {stamp:?} as {text:?}, which reads back as {back:?}",
            format.name
        ),
        Err(error) => panic!(
            "{} wrote {stamp:?} as {text:?}, which does not read back: {error}",
            format.name
        ),
    }
}
