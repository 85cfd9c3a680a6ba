//! Inputs that must be refused, and the messages that say why.

use super::*;

#[test]
fn epoch_seconds_rejections() {
    let cases = [
        "",
        "-",
        "+1",
        "1.",
        ".5",
        "1e",
        "1e+",
        "1.5e9x",
        "abc",
        " 1",
        "1 ",
        "0x10",
        "NaN",
        "Infinity",
        "1,5",
        "\u{661}",
        "9223372036854775808",
        "-9223372036854775808.5",
        "-9223372036854775809",
        "1e19",
        "1e999999999999999999999",
        "99999999999999999999999",
    ];
    for text in cases {
        let err = DateTime::parse_epoch_seconds(text).expect_err(text);
        assert!(
            err.to_string().starts_with("invalid epoch-seconds "),
            "{err}"
        );
        assert_eq!(err.input(), text);
    }
}

#[test]
fn rfc3339_rejections() {
    let cases = [
        ("", "expected a 4-digit year at offset 0"),
        ("2000-13-01T00:00:00Z", "month 13 is out of range"),
        ("2000-00-01T00:00:00Z", "month 0 is out of range"),
        (
            "2000-01-00T00:00:00Z",
            "day 0 is out of range for January 2000",
        ),
        (
            "2000-04-31T00:00:00Z",
            "day 31 is out of range for April 2000",
        ),
        (
            "2000-02-30T00:00:00Z",
            "day 30 is out of range for February 2000",
        ),
        (
            "2001-02-29T00:00:00Z",
            "day 29 is out of range for February 2001",
        ),
        ("2000-01-01T24:00:00Z", "hour 24 is out of range"),
        ("2000-01-01T00:60:00Z", "minute 60 is out of range"),
        (
            "2016-12-31T23:59:60Z",
            "second 60 is out of range (leap seconds are not supported)",
        ),
        (
            "2000-01-01T00:00:00",
            "expected a time zone offset (`Z`, `+HH:MM` or `-HH:MM`) at offset 19",
        ),
        ("2000-01-01T00:00:00ZZ", "unexpected text at offset 20"),
        ("2000-01-01T00:00:00Z ", "unexpected text at offset 20"),
        (
            "2000-01-01 00:00:00Z",
            "expected `T` between date and time at offset 10",
        ),
        ("2000-01-01T00:00Z", "expected `:` at offset 16"),
        (
            "2000-01-01T00:00:00.Z",
            "expected digits after the decimal point at offset 20",
        ),
        (
            "2000-01-01T00:00:00+24:00",
            "offset hour 24 is out of range",
        ),
        (
            "2000-01-01T00:00:00+01:60",
            "offset minute 60 is out of range",
        ),
        ("2000-01-01T00:00:00+0100", "expected `:` at offset 22"),
        ("2000-01-01T00:00:00+01", "expected `:` at offset 22"),
        ("20000-01-01T00:00:00Z", "expected `-` at offset 4"),
        (
            "-2000-01-01T00:00:00Z",
            "expected a 4-digit year at offset 0",
        ),
        (
            "2000-1-01T00:00:00Z",
            "expected a 2-digit month at offset 5",
        ),
        (
            "2000-01-01T00:00:0\u{e9}Z",
            "expected a 2-digit second at offset 17",
        ),
        (
            "Sun, 02 Jan 2000 20:34:56 GMT",
            "expected a 4-digit year at offset 0",
        ),
    ];
    for (text, reason) in cases {
        let err = DateTime::parse_rfc3339(text).expect_err(text);
        assert_eq!(err.reason(), reason, "{text}");
        assert_eq!(
            err.to_string(),
            format!("invalid date-time {text:?}: {reason}")
        );
    }
}

#[test]
fn http_date_rejections() {
    let cases = [
        ("Xyz, 02 Jan 2000 20:34:56 GMT", "unknown day name \"Xyz\""),
        ("sun, 02 Jan 2000 20:34:56 GMT", "unknown day name \"sun\""),
        (
            "Sunday, 02 Jan 2000 20:34:56 GMT",
            "expected `, ` at offset 3",
        ),
        (
            "Sun, 02 Foo 2000 20:34:56 GMT",
            "unknown month name \"Foo\" at offset 8",
        ),
        (
            "Sun, 02 jan 2000 20:34:56 GMT",
            "unknown month name \"jan\" at offset 8",
        ),
        (
            "Sun, 2 Jan 2000 20:34:56 GMT",
            "expected a 2-digit day at offset 5",
        ),
        (
            "Sun, 02 Jan 00 20:34:56 GMT",
            "expected a 4-digit year at offset 12",
        ),
        (
            "Sun, 30 Feb 2000 20:34:56 GMT",
            "day 30 is out of range for February 2000",
        ),
        ("Sun, 02 Jan 2000 24:34:56 GMT", "hour 24 is out of range"),
        (
            "Sun, 02 Jan 2000 20:34:60 GMT",
            "second 60 is out of range (leap seconds are not supported)",
        ),
        (
            "Sun, 02 Jan 2000 20:34:56 UTC",
            "expected ` GMT` at offset 25",
        ),
        ("Sun, 02 Jan 2000 20:34:56", "expected ` GMT` at offset 25"),
        (
            "Sun, 02 Jan 2000 20:34:56 GMT ",
            "unexpected text at offset 29",
        ),
        (
            "Sun, 02 Jan 2000 20:34:56. GMT",
            "expected digits after the decimal point at offset 26",
        ),
        ("Su", "expected a day name at offset 0"),
        (
            "S\u{e9}, 02 Jan 2000 20:34:56 GMT",
            "unknown day name \"S\u{e9}\"",
        ),
        (
            "\u{e9}n, 02 Jan 2000 20:34:56 GMT",
            "unknown day name \"\u{e9}n\"",
        ),
        (
            "\u{20ac}, 02 Jan 2000 20:34:56 GMT",
            "unknown day name \"\u{20ac}\"",
        ),
        (
            "Su\u{e9}, 02 Jan 2000 20:34:56 GMT",
            "unknown day name \"Su\u{fffd}\"",
        ),
        ("2000-01-02T20:34:56Z", "unknown day name \"200\""),
    ];
    for (text, reason) in cases {
        let err = DateTime::parse_http_date(text).expect_err(text);
        assert_eq!(err.reason(), reason, "{text}");
        assert_eq!(
            err.to_string(),
            format!("invalid http-date {text:?}: {reason}")
        );
    }
}

#[test]
fn writing_outside_four_digit_years_fails() {
    for value in [
        at(FIRST_WRITABLE - 1, 999_999_999),
        at(LAST_WRITABLE + 1, 0),
        at(i64::MAX, 999_999_999),
        at(i64::MIN, 0),
    ] {
        let err = value.fmt_rfc3339().expect_err("out of range");
        assert!(err.reason().contains("is outside 0001..=9999"), "{err}");
        assert!(value.fmt_http_date().is_err());
        // Display falls back to epoch seconds.
        assert_eq!(value.to_string(), value.fmt_epoch_seconds());
    }
    let err = at(LAST_WRITABLE + 1, 0)
        .fmt_rfc3339()
        .expect_err("year 10000");
    assert_eq!(
        err.to_string(),
        "cannot write the instant 253402300800 seconds after the epoch as date-time: \
         year 10000 is outside 0001..=9999"
    );
    // Year 0000 can be read, but not written back.
    let year_zero = rfc("0000-06-01T00:00:00Z");
    assert!(year_zero.fmt_rfc3339().is_err());
}

#[test]
fn long_inputs_are_shortened_in_messages() {
    let text = "x".repeat(200);
    let err = DateTime::parse_rfc3339(&text).expect_err("garbage");
    let shown = format!("invalid date-time \"{}\"...: ", "x".repeat(80));
    assert!(err.to_string().starts_with(&shown), "{err}");
    assert_eq!(err.input(), text);
}
