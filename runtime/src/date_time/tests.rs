//! Tests for `DateTime`: known vectors here, rejections and round trips in submodules.
use super::DateTime;
use super::civil::{self, Civil};

mod properties;
mod rejections;

/// 0001-01-01T00:00:00Z
const FIRST_WRITABLE: i64 = -62_135_596_800;
/// 9999-12-31T23:59:59Z
const LAST_WRITABLE: i64 = 253_402_300_799;
/// 2^63, just past the largest `i64`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

fn at(seconds: i64, nanos: u32) -> DateTime {
    DateTime::from_secs_and_nanos(seconds, nanos)
}

fn rfc(text: &str) -> DateTime {
    DateTime::parse_rfc3339(text).unwrap_or_else(|err| panic!("{err}"))
}

fn http(text: &str) -> DateTime {
    DateTime::parse_http_date(text).unwrap_or_else(|err| panic!("{err}"))
}

fn epoch(text: &str) -> DateTime {
    DateTime::parse_epoch_seconds(text).unwrap_or_else(|err| panic!("{err}"))
}

fn rfc_out(value: DateTime) -> String {
    value.fmt_rfc3339().unwrap_or_else(|err| panic!("{err}"))
}

fn http_out(value: DateTime) -> String {
    value.fmt_http_date().unwrap_or_else(|err| panic!("{err}"))
}

#[test]
fn known_vectors_in_all_formats() {
    let cases = [
        (
            at(0, 0),
            "0",
            "1970-01-01T00:00:00Z",
            "Thu, 01 Jan 1970 00:00:00 GMT",
        ),
        (
            at(946_845_296, 0),
            "946845296",
            "2000-01-02T20:34:56Z",
            "Sun, 02 Jan 2000 20:34:56 GMT",
        ),
        (
            at(946_845_296, 123_000_000),
            "946845296.123",
            "2000-01-02T20:34:56.123Z",
            "Sun, 02 Jan 2000 20:34:56.123 GMT",
        ),
        (
            at(951_782_400, 0),
            "951782400",
            "2000-02-29T00:00:00Z",
            "Tue, 29 Feb 2000 00:00:00 GMT",
        ),
        (
            at(-2_203_891_200, 0),
            "-2203891200",
            "1900-03-01T00:00:00Z",
            "Thu, 01 Mar 1900 00:00:00 GMT",
        ),
        (
            at(-1, 0),
            "-1",
            "1969-12-31T23:59:59Z",
            "Wed, 31 Dec 1969 23:59:59 GMT",
        ),
        (
            at(-1, 500_000_000),
            "-0.5",
            "1969-12-31T23:59:59.5Z",
            "Wed, 31 Dec 1969 23:59:59.5 GMT",
        ),
        (
            at(FIRST_WRITABLE, 0),
            "-62135596800",
            "0001-01-01T00:00:00Z",
            "Mon, 01 Jan 0001 00:00:00 GMT",
        ),
        (
            at(LAST_WRITABLE, 999_999_999),
            "253402300799.999999999",
            "9999-12-31T23:59:59.999999999Z",
            "Fri, 31 Dec 9999 23:59:59.999999999 GMT",
        ),
        (
            at(1_576_540_098, 1),
            "1576540098.000000001",
            "2019-12-16T23:48:18.000000001Z",
            "Mon, 16 Dec 2019 23:48:18.000000001 GMT",
        ),
    ];
    for (value, seconds, date_time, http_date) in cases {
        assert_eq!(value.fmt_epoch_seconds(), seconds);
        assert_eq!(rfc_out(value), date_time);
        assert_eq!(http_out(value), http_date);
        assert_eq!(epoch(seconds), value, "{seconds}");
        assert_eq!(rfc(date_time), value, "{date_time}");
        assert_eq!(http(http_date), value, "{http_date}");
    }
}

#[test]
fn leap_years() {
    assert!(civil::is_leap_year(2000));
    assert!(civil::is_leap_year(2024));
    assert!(civil::is_leap_year(0));
    assert!(!civil::is_leap_year(1900));
    assert!(!civil::is_leap_year(2100));
    assert!(!civil::is_leap_year(2023));
    assert_eq!(rfc("2024-02-29T12:00:00Z"), at(1_709_208_000, 0));
    assert_eq!(
        rfc("2000-02-29T23:59:59Z").secs() + 1,
        rfc("2000-03-01T00:00:00Z").secs()
    );
    assert_eq!(
        rfc("1900-02-28T23:59:59Z").secs() + 1,
        rfc("1900-03-01T00:00:00Z").secs()
    );
    assert!(DateTime::parse_rfc3339("1900-02-29T00:00:00Z").is_err());
    assert!(DateTime::parse_rfc3339("2023-02-29T00:00:00Z").is_err());
    assert!(DateTime::parse_http_date("Thu, 29 Feb 1900 00:00:00 GMT").is_err());
}

#[test]
fn calendar_matches_day_by_day_walk() {
    // Walk from 0000-01-01 to 10000-12-31 one day at a time.
    let mut days = civil::days_from_date(0, 1, 1);
    let mut weekday = (days + 4).rem_euclid(7);
    assert_eq!(weekday, 6, "0000-01-01 was a Saturday");
    for year in 0..=10_000 {
        for month in 1..=12 {
            for day in 1..=civil::days_in_month(year, month) {
                assert_eq!(civil::days_from_date(year, month, day), days);
                assert_eq!(civil::date_from_days(days), (year, month, day));
                let split = Civil::from_date_time(&DateTime::from_secs(days * 86_400));
                assert_eq!(i64::from(split.weekday), weekday);
                days += 1;
                weekday = (weekday + 1) % 7;
            }
        }
    }
}

#[test]
fn offsets_normalize_to_utc() {
    let utc = rfc("2019-12-16T23:48:18Z");
    assert_eq!(rfc("2019-12-16T22:48:18-01:00"), utc);
    assert_eq!(rfc("2019-12-17T00:48:18+01:00"), utc);
    assert_eq!(rfc("2019-12-17T05:18:18+05:30"), utc);
    assert_eq!(rfc("2019-12-16T23:48:18-00:00"), utc);
    assert_eq!(rfc("2019-12-16t23:48:18z"), utc);
    assert_eq!(rfc("2019-12-17T23:47:18+23:59"), utc);
    assert_eq!(
        rfc_out(rfc("2019-12-16T00:00:00-23:59")),
        "2019-12-16T23:59:00Z"
    );
    // An offset may move the instant across a year boundary.
    assert_eq!(
        rfc_out(rfc("2000-01-01T00:30:00+01:00")),
        "1999-12-31T23:30:00Z"
    );
    assert_eq!(
        rfc("0000-01-01T00:00:00+01:00"),
        at(civil::days_from_date(0, 1, 1) * 86_400 - 3600, 0)
    );
}

#[test]
fn fractions_keep_nine_digits() {
    assert_eq!(rfc("2000-01-02T20:34:56.1Z").subsec_nanos(), 100_000_000);
    assert_eq!(rfc("2000-01-02T20:34:56.000Z").subsec_nanos(), 0);
    assert_eq!(
        rfc("2000-01-02T20:34:56.1234567891234Z").subsec_nanos(),
        123_456_789
    );
    assert_eq!(
        http("Sun, 02 Jan 2000 20:34:56.9999999999 GMT").subsec_nanos(),
        999_999_999
    );
    assert_eq!(
        rfc_out(rfc("2000-01-02T20:34:56.120Z")),
        "2000-01-02T20:34:56.12Z"
    );
}

#[test]
fn epoch_seconds_forms() {
    let cases = [
        ("946845296", at(946_845_296, 0)),
        ("-1", at(-1, 0)),
        ("-0", at(0, 0)),
        ("0.0", at(0, 0)),
        ("946845296.123", at(946_845_296, 123_000_000)),
        ("1.5E9", at(1_500_000_000, 0)),
        ("1.5e+9", at(1_500_000_000, 0)),
        ("9.46845296123e8", at(946_845_296, 123_000_000)),
        ("946845296123e-3", at(946_845_296, 123_000_000)),
        ("0.000000001", at(0, 1)),
        ("0.0000000019", at(0, 1)),
        ("-0.0000000019", at(-1, 999_999_999)),
        ("1e-10", at(0, 0)),
        ("0e999999999999999999999", at(0, 0)),
        ("1e-999999999999999999999", at(0, 0)),
        ("-1.25", at(-2, 750_000_000)),
        ("007", at(7, 0)),
        ("9223372036854775807", at(i64::MAX, 0)),
        ("9223372036854775807.999999999", at(i64::MAX, 999_999_999)),
        ("-9223372036854775808", at(i64::MIN, 0)),
        ("-9223372036854775807.5", at(i64::MIN, 500_000_000)),
        ("9.223372036854775807E18", at(i64::MAX, 0)),
    ];
    for (text, value) in cases {
        assert_eq!(epoch(text), value, "{text}");
    }
    assert_eq!(
        at(i64::MIN, 1).fmt_epoch_seconds(),
        "-9223372036854775807.999999999"
    );
    assert_eq!(at(i64::MIN, 0).fmt_epoch_seconds(), "-9223372036854775808");
}

#[test]
fn any_known_day_name_is_accepted() {
    // 2000-01-02 was a Sunday; the day name is not cross-checked.
    assert_eq!(
        http("Mon, 02 Jan 2000 20:34:56 GMT"),
        http("Sun, 02 Jan 2000 20:34:56 GMT")
    );
}

#[test]
fn display_uses_rfc3339() {
    assert_eq!(
        at(946_845_296, 5_000).to_string(),
        "2000-01-02T20:34:56.000005Z"
    );
}

#[test]
fn constructors() {
    assert_eq!(DateTime::from_secs_and_nanos(0, 1_000_000_000), at(1, 0));
    assert_eq!(
        DateTime::from_secs_and_nanos(-1, u32::MAX),
        at(3, 294_967_295)
    );
    assert_eq!(
        DateTime::from_secs_and_nanos(i64::MAX, 2_000_000_001).secs(),
        i64::MAX
    );
    assert_eq!(DateTime::from_millis(1_500), at(1, 500_000_000));
    assert_eq!(DateTime::from_millis(-1), at(-1, 999_000_000));
    assert_eq!(DateTime::from_millis(i64::MIN).secs(), i64::MIN / 1000 - 1);
    assert_eq!(DateTime::from_fractional_secs(0.0), Some(at(0, 0)));
    assert_eq!(
        DateTime::from_fractional_secs(-1.5),
        Some(at(-2, 500_000_000))
    );
    assert_eq!(
        DateTime::from_fractional_secs(1.5e9),
        Some(at(1_500_000_000, 0))
    );
    assert_eq!(
        DateTime::from_fractional_secs(0.999_999_999_9),
        Some(at(1, 0)),
        "rounding up carries into the seconds"
    );
    assert_eq!(
        DateTime::from_fractional_secs(-TWO_POW_63),
        Some(at(i64::MIN, 0))
    );
    for bad in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        TWO_POW_63,
        -1e19,
    ] {
        assert_eq!(DateTime::from_fractional_secs(bad), None, "{bad}");
    }
    assert_eq!(at(-1, 500_000_000).as_secs_f64(), -0.5);
    assert_eq!(at(946_845_296, 0).as_secs_f64(), 946_845_296.0);
}

#[test]
fn ordering_follows_time() {
    let mut values = vec![at(0, 1), at(-1, 999_999_999), at(-1, 0), at(0, 0), at(1, 0)];
    values.sort();
    assert_eq!(
        values,
        vec![at(-1, 0), at(-1, 999_999_999), at(0, 0), at(0, 1), at(1, 0)]
    );
}
