//! The Smithy `epoch-seconds` format: a JSON number of seconds, such as `946845296.123`.
//!
//! Parsing works on the decimal digits themselves rather than going through `f64`, so a
//! value such as `946845296.123` keeps exactly 123 milliseconds.

use super::{DateTime, DateTimeError, NANOS_PER_SECOND, write_fraction};

/// Format name used in error messages.
const FORMAT: &str = "epoch-seconds";

/// Most digits an `i64` number of seconds can have (`9223372036854775807` has 19).
const MAX_WHOLE_DIGITS: i64 = 19;

impl DateTime {
    /// Parses a number of seconds since the epoch, written as a JSON number.
    ///
    /// Integers (`946845296`, `-1`), fractions (`946845296.123`) and exponents (`1.5E9`,
    /// `1.5e+9`, `9.46845296123e8`) are all read exactly; digits past the ninth decimal place
    /// are dropped (towards zero). Fails on anything that is not a JSON number, or when the
    /// seconds do not fit in an `i64`.
    ///
    /// ```
    /// use anvil_runtime::DateTime;
    ///
    /// let stamp = DateTime::parse_epoch_seconds("9.46845296123e8")?;
    /// assert_eq!((stamp.secs(), stamp.subsec_nanos()), (946_845_296, 123_000_000));
    /// assert_eq!(DateTime::parse_epoch_seconds("1.5E9")?, DateTime::from_secs(1_500_000_000));
    /// assert_eq!(DateTime::parse_epoch_seconds("-0.5")?, DateTime::from_millis(-500));
    /// assert!(DateTime::parse_epoch_seconds("12abc").is_err());
    /// # Ok::<(), anvil_runtime::DateTimeError>(())
    /// ```
    pub fn parse_epoch_seconds(text: &str) -> Result<Self, DateTimeError> {
        parse(text).map_err(|reason| DateTimeError::parse(FORMAT, text, reason))
    }

    /// Writes the seconds since the epoch as a JSON number: digits only when whole
    /// (`946845296`), otherwise with the fraction and no trailing zeros (`946845296.123`,
    /// `-0.5`).
    ///
    /// ```
    /// use anvil_runtime::DateTime;
    ///
    /// assert_eq!(DateTime::from_secs(946_845_296).fmt_epoch_seconds(), "946845296");
    /// assert_eq!(DateTime::from_secs_and_nanos(946_845_296, 1).fmt_epoch_seconds(), "946845296.000000001");
    /// assert_eq!(DateTime::from_millis(-1500).fmt_epoch_seconds(), "-1.5");
    /// ```
    pub fn fmt_epoch_seconds(&self) -> String {
        if self.subsecond_nanos == 0 {
            return self.seconds.to_string();
        }
        let mut out = if self.seconds >= 0 {
            self.seconds.to_string()
        } else {
            // seconds < 0 with a forward fraction: the magnitude is |seconds + 1| and a
            // fraction of (1 s - nanos). i128 keeps i64::MIN safe.
            format!("-{}", -(i128::from(self.seconds) + 1))
        };
        let nanos = if self.seconds >= 0 {
            self.subsecond_nanos
        } else {
            NANOS_PER_SECOND - self.subsecond_nanos
        };
        write_fraction(&mut out, nanos);
        out
    }
}

/// A JSON number split into its parts: `digits` (integer and fraction digits run together)
/// times ten to the power `point - digits.len()`.
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    /// Where the decimal point falls within `digits` (may be negative or past the end).
    point: i64,
}

/// Reads the digits at the front of `bytes`, returning them and the rest.
fn split_digits(bytes: &[u8]) -> (&[u8], &[u8]) {
    let count = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    bytes.split_at(count)
}

/// Splits the text according to the JSON number grammar (leading zeros are tolerated).
fn decimal(text: &str) -> Result<Decimal, String> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let (whole, rest) = split_digits(rest);
    if whole.is_empty() {
        return Err(String::from("expected a digit"));
    }
    let (fraction, rest) = match rest.split_first() {
        Some((b'.', after_point)) => {
            let (fraction, rest) = split_digits(after_point);
            if fraction.is_empty() {
                return Err(String::from("expected digits after the decimal point"));
            }
            (fraction, rest)
        }
        _ => (&rest[..0], rest),
    };
    let exponent = match rest.split_first() {
        None => 0,
        Some((b'e' | b'E', after_e)) => exponent(after_e)?,
        Some(_) => {
            let at = bytes.len() - rest.len();
            return Err(format!("unexpected text at offset {at}"));
        }
    };
    let mut digits = Vec::with_capacity(whole.len() + fraction.len());
    digits.extend(whole.iter().map(|b| b - b'0'));
    digits.extend(fraction.iter().map(|b| b - b'0'));
    // Lengths of real strings fit easily in i64; the exponent is clamped by `exponent`.
    let point = (whole.len() as i64).saturating_add(exponent);
    Ok(Decimal {
        negative,
        digits,
        point,
    })
}

/// Reads the exponent after `e`/`E`: an optional sign and at least one digit. Huge values are
/// clamped, which keeps their meaning (far out of range, or vanishingly small).
fn exponent(bytes: &[u8]) -> Result<i64, String> {
    const CLAMP: i64 = 1 << 40;
    let (negative, rest) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    let (digits, rest) = split_digits(rest);
    if digits.is_empty() {
        return Err(String::from("expected digits in the exponent"));
    }
    if !rest.is_empty() {
        return Err(String::from("unexpected text after the exponent"));
    }
    let magnitude = digits.iter().fold(0i64, |value, digit| {
        (value * 10 + i64::from(digit - b'0')).min(CLAMP)
    });
    Ok(if negative { -magnitude } else { magnitude })
}

/// Does the parsing; the error is the reason only.
fn parse(text: &str) -> Result<DateTime, String> {
    let Decimal {
        negative,
        digits,
        point,
    } = decimal(text)?;
    // Leading zeros carry no value; dropping them moves the point left.
    let leading_zeros = digits.iter().take_while(|&&d| d == 0).count();
    let digits = &digits[leading_zeros..];
    let point = point - leading_zeros as i64;
    if digits.is_empty() {
        return Ok(DateTime::from_secs(0));
    }
    // The first digit is non-zero, so `point` is the number of digits before the point.
    if point > MAX_WHOLE_DIGITS {
        return Err(String::from("the number of seconds is out of range"));
    }
    let digit_at = |index: i64| -> u8 {
        usize::try_from(index)
            .ok()
            .and_then(|i| digits.get(i).copied())
            .unwrap_or(0)
    };
    // At most 19 digits: below 10^19, which fits in u64.
    let whole = (0..point.max(0)).fold(0u64, |value, i| value * 10 + u64::from(digit_at(i)));
    let nanos =
        (point..point.saturating_add(9)).fold(0u32, |value, i| value * 10 + u32::from(digit_at(i)));

    let (seconds, nanos) = if !negative {
        (i128::from(whole), nanos)
    } else if nanos == 0 {
        (-i128::from(whole), 0)
    } else {
        // -(w + f) = -(w + 1) + (1 - f)
        (-i128::from(whole) - 1, NANOS_PER_SECOND - nanos)
    };
    match i64::try_from(seconds) {
        Ok(seconds) => Ok(DateTime::from_secs_and_nanos(seconds, nanos)),
        Err(_) => Err(String::from("the number of seconds is out of range")),
    }
}
