//! Exact comparison of decimal numbers written as text (the bounds of `@range`).
//!
//! A number is read into its sign, its significant digits (borrowed from the text, never
//! copied) and a decimal exponent. Two numbers then compare by sign, by the position of their
//! leading digit, and finally digit by digit, so `1e300` costs no more than `1000` and nothing
//! is ever expanded or rounded.

use std::cmp::Ordering;
use std::fmt::{self, Write as _};

/// Exponents whose magnitude exceeds this are refused: such a number is not treated as a
/// number at all (unless its digits are all zero, which makes it zero whatever the exponent).
/// At `10^18` the positions below cannot overflow, and no real model or input comes close.
const MAX_EXPONENT: u64 = 1_000_000_000_000_000_000;

/// Compares two decimal numbers written as JSON numbers, exactly.
///
/// The accepted syntax is JSON's: an optional `-`, an integer part without superfluous leading
/// zeros, an optional fraction and an optional exponent (`-1`, `0.50`, `1e3`, `1.5E-7`). Zero
/// is zero whatever its sign or spelling (`-0`, `0.0`, `0e5`), and trailing zeros do not matter
/// (`0.50` equals `0.5`). Returns `None` when either text is not such a number, including a
/// leading `+`, a bare `.5` or `5.`, and an exponent larger in magnitude than `10^18`.
///
/// ```
/// use std::cmp::Ordering;
/// use anvil_runtime::validation::compare_decimal;
///
/// assert_eq!(compare_decimal("0.50", "0.5"), Some(Ordering::Equal));
/// assert_eq!(compare_decimal("1e3", "999.999"), Some(Ordering::Greater));
/// assert_eq!(compare_decimal("-0", "0.0"), Some(Ordering::Equal));
/// assert_eq!(compare_decimal("1.5E-7", "0.00000015"), Some(Ordering::Equal));
/// assert_eq!(compare_decimal("+2", "2"), None);
/// ```
pub fn compare_decimal(a: &str, b: &str) -> Option<Ordering> {
    Some(Decimal::parse(a)?.compare(&Decimal::parse(b)?))
}

/// A decimal number read from text: `±0.DDD… × 10^position`, where `DDD…` are the significant
/// digits without leading or trailing zeros. Zero has no digits.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Decimal<'a> {
    negative: bool,
    /// The significant digits (ASCII), in two runs because the decimal point may split them.
    head: &'a [u8],
    tail: &'a [u8],
    /// Where the decimal point sits relative to the first significant digit.
    position: i128,
}

impl<'a> Decimal<'a> {
    /// Reads a JSON number; `None` if `text` is not one (or its exponent is out of reach).
    pub(crate) fn parse(text: &'a str) -> Option<Self> {
        let bytes = text.as_bytes();
        let mut i = 0;
        let negative = bytes.first() == Some(&b'-');
        if negative {
            i += 1;
        }
        let integer = digit_run(bytes, &mut i);
        if integer.is_empty() || (integer.len() > 1 && integer[0] == b'0') {
            return None;
        }
        let mut fraction: &[u8] = &[];
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            fraction = digit_run(bytes, &mut i);
            if fraction.is_empty() {
                return None;
            }
        }
        let mut exponent: i128 = 0;
        let mut exponent_too_large = false;
        if matches!(bytes.get(i), Some(b'e' | b'E')) {
            i += 1;
            let exponent_negative = match bytes.get(i) {
                Some(b'-') => {
                    i += 1;
                    true
                }
                Some(b'+') => {
                    i += 1;
                    false
                }
                _ => false,
            };
            let digits = digit_run(bytes, &mut i);
            if digits.is_empty() {
                return None;
            }
            let mut magnitude: u64 = 0;
            for &digit in digits {
                magnitude = magnitude * 10 + u64::from(digit - b'0');
                if magnitude > MAX_EXPONENT {
                    exponent_too_large = true;
                    break;
                }
            }
            exponent = i128::from(magnitude);
            if exponent_negative {
                exponent = -exponent;
            }
        }
        if i != bytes.len() {
            return None;
        }

        // Find the significant digits and where the point sits relative to the first of them.
        let (head, tail, position) = match integer.iter().position(|&d| d != b'0') {
            Some(first) => (&integer[first..], fraction, (integer.len() - first) as i128),
            None => match fraction.iter().position(|&d| d != b'0') {
                Some(first) => (&fraction[first..], &[][..], -(first as i128)),
                None => (&[][..], &[][..], 0),
            },
        };
        let tail = trim_trailing_zeros(tail);
        let head = if tail.is_empty() {
            trim_trailing_zeros(head)
        } else {
            head
        };
        if head.is_empty() {
            return Some(Self::zero());
        }
        if exponent_too_large {
            return None;
        }
        Some(Self {
            negative,
            head,
            tail,
            position: position + exponent,
        })
    }

    /// The number zero.
    fn zero() -> Self {
        Self {
            negative: false,
            head: &[],
            tail: &[],
            position: 0,
        }
    }

    /// The exact value of `value`, with its digits written into `buffer`.
    pub(crate) fn from_i64(value: i64, buffer: &'a mut [u8; 20]) -> Self {
        let mut magnitude = value.unsigned_abs();
        let mut start = buffer.len();
        while magnitude > 0 {
            start -= 1;
            buffer[start] = b'0' + (magnitude % 10) as u8;
            magnitude /= 10;
        }
        let digits = &buffer[start..];
        let significant = trim_trailing_zeros(digits);
        if significant.is_empty() {
            return Self::zero();
        }
        Self {
            negative: value < 0,
            head: significant,
            tail: &[],
            position: digits.len() as i128,
        }
    }

    /// -1, 0 or 1.
    fn signum(&self) -> i8 {
        if self.head.is_empty() {
            0
        } else if self.negative {
            -1
        } else {
            1
        }
    }

    /// The exact order of two numbers.
    pub(crate) fn compare(&self, other: &Decimal<'_>) -> Ordering {
        let (sign, other_sign) = (self.signum(), other.signum());
        if sign != other_sign {
            return sign.cmp(&other_sign);
        }
        if sign == 0 {
            return Ordering::Equal;
        }
        // Same sign, both non-zero: the leading digit's position decides, then the digits
        // (neither has trailing zeros, so a strict prefix is the smaller magnitude).
        let magnitude = self.position.cmp(&other.position).then_with(|| {
            let mine = self.head.iter().chain(self.tail);
            let theirs = other.head.iter().chain(other.tail);
            mine.cmp(theirs)
        });
        if sign < 0 {
            magnitude.reverse()
        } else {
            magnitude
        }
    }
}

/// Advances `i` over ASCII digits and returns them.
fn digit_run<'a>(bytes: &'a [u8], i: &mut usize) -> &'a [u8] {
    let start = *i;
    while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
        *i += 1;
    }
    &bytes[start..*i]
}

fn trim_trailing_zeros(digits: &[u8]) -> &[u8] {
    let end = digits
        .iter()
        .rposition(|&d| d != b'0')
        .map_or(0, |last| last + 1);
    &digits[..end]
}

/// Compares a float with a decimal bound exactly; `None` for NaN.
///
/// `bound_text` must be the text `bound` was read from. Most calls are decided by comparing
/// with the bound rounded to the nearest float (rounding never reverses a strict order); only
/// when the float equals that rounding is its exact expansion written out (on the stack) and
/// compared digit by digit.
pub(crate) fn compare_f64(value: f64, bound_text: &str, bound: &Decimal<'_>) -> Option<Ordering> {
    if value.is_nan() {
        return None;
    }
    if value.is_infinite() {
        return Some(if value > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    if let Ok(rounded) = bound_text.parse::<f64>() {
        if value < rounded {
            return Some(Ordering::Less);
        }
        if value > rounded {
            return Some(Ordering::Greater);
        }
    }
    // Every finite f64 has at most 767 significant decimal digits, so 800 digits after the
    // point in scientific notation is its exact value.
    let mut text = StackText::new();
    write!(text, "{value:.800e}").ok()?;
    let exact = Decimal::parse(text.as_str()?)?;
    Some(exact.compare(bound))
}

/// A fixed-size text buffer on the stack, large enough for a float written with `{:.800e}`.
struct StackText {
    bytes: [u8; 1024],
    len: usize,
}

impl StackText {
    fn new() -> Self {
        Self {
            bytes: [0; 1024],
            len: 0,
        }
    }

    fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(self.bytes.get(..self.len)?).ok()
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
        let target = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        target.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering::{self, Equal, Greater, Less};

    use super::{Decimal, compare_decimal, compare_f64};

    fn cmp(a: &str, b: &str) -> Option<Ordering> {
        let forward = compare_decimal(a, b);
        assert_eq!(
            compare_decimal(b, a),
            forward.map(Ordering::reverse),
            "{a} vs {b}"
        );
        forward
    }

    #[test]
    fn integers() {
        assert_eq!(cmp("1", "2"), Some(Less));
        assert_eq!(cmp("10", "9"), Some(Greater));
        assert_eq!(cmp("-10", "-9"), Some(Less));
        assert_eq!(cmp("-1", "1"), Some(Less));
        assert_eq!(cmp("123", "123"), Some(Equal));
        assert_eq!(cmp("100", "99"), Some(Greater));
    }

    #[test]
    fn zeros_of_every_spelling() {
        for zero in [
            "0", "-0", "0.0", "-0.000", "0e0", "0E-5", "0.0e99", "-0e-99",
        ] {
            assert_eq!(cmp(zero, "0"), Some(Equal), "{zero}");
            assert_eq!(cmp(zero, "0.1"), Some(Less), "{zero}");
            assert_eq!(cmp(zero, "-0.1"), Some(Greater), "{zero}");
            assert_eq!(cmp(zero, "1e-300"), Some(Less), "{zero}");
        }
    }

    #[test]
    fn trailing_zeros_and_fractions() {
        assert_eq!(cmp("0.50", "0.5"), Some(Equal));
        assert_eq!(cmp("1.000", "1"), Some(Equal));
        assert_eq!(cmp("10", "1e1"), Some(Equal));
        assert_eq!(cmp("0.5", "0.49999999999999999999"), Some(Greater));
        assert_eq!(cmp("0.5", "0.50000000000000000001"), Some(Less));
        assert_eq!(cmp("-0.5", "-0.50000000000000000001"), Some(Greater));
        assert_eq!(cmp("1.5", "1.05"), Some(Greater));
        assert_eq!(cmp("0.001", "0.01"), Some(Less));
        assert_eq!(cmp("100.001", "100.0009"), Some(Greater));
        assert_eq!(cmp("1000000", "999999.9999"), Some(Greater));
    }

    #[test]
    fn exponents() {
        assert_eq!(cmp("1e3", "1000"), Some(Equal));
        assert_eq!(cmp("1E3", "1e+3"), Some(Equal));
        assert_eq!(cmp("1.5E-7", "0.00000015"), Some(Equal));
        assert_eq!(cmp("12.5e-1", "1.25"), Some(Equal));
        assert_eq!(cmp("0.0125e2", "1.25"), Some(Equal));
        assert_eq!(cmp("1e-7", "1e-8"), Some(Greater));
        assert_eq!(cmp("-1e-7", "-1e-8"), Some(Less));
        assert_eq!(cmp("9.99e2", "1e3"), Some(Less));
    }

    #[test]
    fn huge_exponents_are_compared_without_expanding() {
        assert_eq!(
            cmp("1e1000000000000000000", "1e999999999999999999"),
            Some(Greater)
        );
        assert_eq!(cmp("1e-1000000000000000000", "0"), Some(Greater));
        assert_eq!(
            cmp("10e999999999999999999", "1e1000000000000000000"),
            Some(Equal)
        );
        assert_eq!(
            cmp("-1e1000000000000000000", "-1e999999999999999999"),
            Some(Less)
        );
        assert_eq!(
            cmp(
                "1e1000000000000000000",
                "1e00000000000000000000000000000000001"
            ),
            Some(Greater)
        );
        // Beyond the cap the number is refused, except when it is zero anyway.
        assert_eq!(cmp("1e1000000000000000001", "1"), None);
        assert_eq!(cmp("1e-99999999999999999999999999", "1"), None);
        assert_eq!(cmp("0e99999999999999999999999999", "0"), Some(Equal));
    }

    #[test]
    fn long_digit_strings() {
        let many_nines = format!("0.{}", "9".repeat(10_000));
        assert_eq!(cmp(&many_nines, "1"), Some(Less));
        let long = format!("1{}", "0".repeat(10_000));
        assert_eq!(cmp(&long, "1e10000"), Some(Equal));
        assert_eq!(cmp(&long, "1e9999"), Some(Greater));
    }

    #[test]
    fn not_numbers() {
        for text in [
            "", "-", "+2", ".5", "5.", "01", "-01", "1e", "1e+", "1.e3", "1..2", "0x10", "1 ",
            " 1", "NaN", "Infinity", "-inf", "1_000", "١", "1e3.5", "--1", "e5",
        ] {
            assert_eq!(compare_decimal(text, "1"), None, "{text:?}");
            assert_eq!(compare_decimal("1", text), None, "{text:?}");
        }
    }

    #[test]
    fn integers_from_i64() {
        for (value, text) in [
            (0_i64, "0"),
            (7, "7"),
            (-7, "-7"),
            (100, "100"),
            (-1200, "-1.2e3"),
            (i64::MAX, "9223372036854775807"),
            (i64::MIN, "-9223372036854775808"),
        ] {
            let mut buffer = [0; 20];
            let decimal = Decimal::from_i64(value, &mut buffer);
            let parsed = Decimal::parse(text).expect(text);
            assert_eq!(decimal.compare(&parsed), Equal, "{value}");
        }
        let mut buffer = [0; 20];
        let max = Decimal::from_i64(i64::MAX, &mut buffer);
        assert_eq!(
            max.compare(&Decimal::parse("9223372036854775807.5").unwrap()),
            Less
        );
        assert_eq!(
            max.compare(&Decimal::parse("9223372036854775806.5").unwrap()),
            Greater
        );
    }

    fn float_cmp(value: f64, bound: &str) -> Option<Ordering> {
        compare_f64(value, bound, &Decimal::parse(bound).unwrap())
    }

    #[test]
    fn floats_are_compared_exactly() {
        assert_eq!(float_cmp(0.5, "0.5"), Some(Equal));
        assert_eq!(float_cmp(1.0, "1"), Some(Equal));
        assert_eq!(float_cmp(-0.0, "0"), Some(Equal));
        assert_eq!(float_cmp(0.0, "-0.0"), Some(Equal));
        // 0.1 as a float is slightly above one tenth.
        assert_eq!(float_cmp(0.1, "0.1"), Some(Greater));
        assert_eq!(
            float_cmp(
                0.1,
                "0.1000000000000000055511151231257827021181583404541015625"
            ),
            Some(Equal)
        );
        assert_eq!(
            float_cmp(
                0.1,
                "0.1000000000000000055511151231257827021181583404541015626"
            ),
            Some(Less)
        );
        assert_eq!(float_cmp(0.2, "0.1"), Some(Greater));
        assert_eq!(float_cmp(-0.2, "0.1"), Some(Less));
        assert_eq!(float_cmp(1e300, "1e400"), Some(Less));
        assert_eq!(float_cmp(f64::MAX, "1e400"), Some(Less));
        assert_eq!(float_cmp(5e-324, "0"), Some(Greater));
        assert_eq!(float_cmp(5e-324, "1e-400"), Some(Greater));
        assert_eq!(float_cmp(-5e-324, "-1e-400"), Some(Less));
        assert_eq!(float_cmp(f64::INFINITY, "1e400"), Some(Greater));
        assert_eq!(float_cmp(f64::NEG_INFINITY, "-1e400"), Some(Less));
        assert_eq!(float_cmp(f64::NAN, "0"), None);
    }

    #[test]
    fn smallest_subnormal_is_written_out_in_full() {
        // 2^-1074 has 751 significant digits; it ends in ...5 and equals itself exactly.
        let mut text = super::StackText::new();
        std::fmt::Write::write_fmt(&mut text, format_args!("{:.800e}", 5e-324_f64)).unwrap();
        let exact = text.as_str().unwrap().to_owned();
        assert!(exact.starts_with("4.9406564584124654"), "{exact}");
        let digits = exact.split('e').next().unwrap().trim_end_matches('0');
        assert_eq!(digits.len(), 752, "{digits}");
        assert!(digits.ends_with('5'));
        assert_eq!(float_cmp(5e-324, &exact), Some(Equal));
        let above = format!("{}6e-324", &digits[..digits.len() - 1]);
        assert_eq!(float_cmp(5e-324, &above), Some(Less));
    }
}
