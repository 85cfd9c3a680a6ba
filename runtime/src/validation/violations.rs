//! [`Violations`]: the collector that generated `validate` code fills.

use std::cmp::Ordering;

use super::decimal::{self, Decimal};
use super::{Path, Rule, ValidationError, Violation};
use crate::pattern::Pattern;

/// Collects the constraint violations found while walking an operation's input.
///
/// Generated code creates one, passes it through the `validate` calls of every value in the
/// input, and finally calls [`into_result`](Self::into_result). Each check method records a
/// [`Violation`] when the value breaks the constraint and does nothing otherwise; checks
/// allocate only when they record something. Messages never repeat the value itself.
///
/// ```
/// use anvil_runtime::{Path, Pattern, Rule, Violations};
///
/// static USER_NAME: Pattern = Pattern::regex("^[a-z]+$", r"\A[a-z]+\z");
///
/// let root = Path::Root;
/// let mut violations = Violations::new();
/// violations.length_chars(&root.member("UserName"), "Bob", Some(1), Some(64));
/// violations.pattern(&root.member("UserName"), "Bob", &USER_NAME);
/// violations.range_int(&root.member("MaxResults"), 0, Some("1"), Some("100"));
/// assert_eq!(violations.len(), 2);
///
/// let err = violations.into_result().unwrap_err();
/// assert_eq!(err.violations()[0].rule(), Rule::Pattern);
/// assert_eq!(
///     err.violations()[0].to_string(),
///     "UserName: does not match the pattern `^[a-z]+$`"
/// );
/// assert_eq!(
///     err.violations()[1].to_string(),
///     "MaxResults: is below the minimum of 1"
/// );
/// ```
#[derive(Debug, Default)]
pub struct Violations {
    found: Vec<Violation>,
}

impl Violations {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// How many violations have been recorded.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    /// `Ok(())` if nothing was recorded, else a [`ValidationError`] holding every violation in
    /// the order it was recorded.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(ValidationError::new(self.found))
        }
    }

    /// Records a violation of `rule` at `path`. The check methods below call this; generated
    /// code may call it directly for checks of its own. Do not put the value in `message`.
    pub fn push(&mut self, path: &Path<'_>, rule: Rule, message: impl Into<String>) {
        self.found
            .push(Violation::new(path.to_string(), rule, message.into()));
    }

    /// Records a violation made elsewhere (the JSON reader's absent members).
    pub(crate) fn push_violation(&mut self, violation: Violation) {
        self.found.push(violation);
    }

    /// The violations recorded so far, in order.
    pub(crate) fn into_violations(self) -> Vec<Violation> {
        self.found
    }

    /// `@required`: records that the member at `path` is not set.
    pub fn required(&mut self, path: &Path<'_>) {
        self.push(path, Rule::Required, "a value is required");
    }

    /// `@length` on a string: counts Unicode scalar values (so `"😀"` has length 1) and checks
    /// them against the inclusive bounds.
    ///
    /// ```
    /// use anvil_runtime::{Path, Violations};
    ///
    /// let mut violations = Violations::new();
    /// violations.length_chars(&Path::Root, "😀", Some(1), Some(1));
    /// assert!(violations.is_empty());
    /// violations.length_chars(&Path::Root, "", Some(1), None);
    /// assert_eq!(violations.into_result().unwrap_err().to_string(),
    ///            "invalid input: 1 violation\n  length 0 is below the minimum of 1");
    /// ```
    pub fn length_chars(
        &mut self,
        path: &Path<'_>,
        value: &str,
        min: Option<u64>,
        max: Option<u64>,
    ) {
        // A scalar value takes one to four UTF-8 bytes, so the byte length bounds the count on
        // both sides; often that settles the check without counting.
        let bytes = value.len() as u64;
        let fewest = bytes.div_ceil(4);
        let surely_long_enough = min.is_none_or(|min| fewest >= min);
        let surely_short_enough = max.is_none_or(|max| bytes <= max);
        if surely_long_enough && surely_short_enough {
            return;
        }
        self.length(path, value.chars().count() as u64, min, max);
    }

    /// `@length` on a list (its items), a map (its entries) or a blob (its bytes): checks
    /// `count` against the inclusive bounds.
    pub fn length_count(
        &mut self,
        path: &Path<'_>,
        count: usize,
        min: Option<u64>,
        max: Option<u64>,
    ) {
        self.length(path, count as u64, min, max);
    }

    fn length(&mut self, path: &Path<'_>, length: u64, min: Option<u64>, max: Option<u64>) {
        if let Some(min) = min.filter(|&min| length < min) {
            self.push(
                path,
                Rule::Length,
                format!("length {length} is below the minimum of {min}"),
            );
        }
        if let Some(max) = max.filter(|&max| length > max) {
            self.push(
                path,
                Rule::Length,
                format!("length {length} is above the maximum of {max}"),
            );
        }
    }

    /// `@pattern`: records a violation unless the pattern matches somewhere in `value` (the
    /// search is not anchored; only the pattern's own `^` and `$` anchor it). A pattern that
    /// does not compile matches nothing, so it records a violation.
    ///
    /// ```
    /// use anvil_runtime::{Path, Pattern, Violations};
    ///
    /// static WORD: Pattern = Pattern::regex(r"\w+", "[0-9A-Za-z_]+");
    ///
    /// let mut violations = Violations::new();
    /// violations.pattern(&Path::Root, "!hello!", &WORD);
    /// assert!(violations.is_empty());
    /// ```
    pub fn pattern(&mut self, path: &Path<'_>, value: &str, pattern: &Pattern) {
        if !pattern.is_match(value) {
            self.push(
                path,
                Rule::Pattern,
                format!("does not match the pattern `{}`", pattern.source()),
            );
        }
    }

    /// `@range` on a `byte`, `short`, `integer`, `long` or `intEnum`: compares `value` exactly
    /// with the bounds, which are the model's decimal text (`"1"`, `"0.5"`, `"1e3"`).
    ///
    /// Bounds are inclusive. A bound that is not a number is ignored.
    ///
    /// ```
    /// use anvil_runtime::{Path, Violations};
    ///
    /// let mut violations = Violations::new();
    /// violations.range_int(&Path::Root, 10, Some("1"), Some("10"));
    /// violations.range_int(&Path::Root, 1, Some("0.5"), Some("1e1"));
    /// assert!(violations.is_empty());
    /// violations.range_int(&Path::Root, 11, Some("1"), Some("10"));
    /// assert_eq!(violations.into_result().unwrap_err().violations()[0].message(),
    ///            "is above the maximum of 10");
    /// ```
    pub fn range_int(&mut self, path: &Path<'_>, value: i64, min: Option<&str>, max: Option<&str>) {
        let mut buffer = [0; 20];
        let value = Decimal::from_i64(value, &mut buffer);
        self.range(path, min, max, |_, bound| Some(value.compare(bound)));
    }

    /// `@range` on a `float` or `double`: compares `value` exactly with the decimal bounds
    /// (the float's exact binary value, so `0.1_f64` is slightly above `"0.1"`). NaN is outside
    /// every range; infinities are beyond every finite bound.
    ///
    /// Bounds are inclusive. A bound that is not a number is ignored, and with neither bound
    /// nothing is checked.
    ///
    /// ```
    /// use anvil_runtime::{Path, Violations};
    ///
    /// let mut violations = Violations::new();
    /// violations.range_float(&Path::Root, 0.5, Some("0.5"), Some("1"));
    /// assert!(violations.is_empty());
    /// violations.range_float(&Path::Root, f64::NAN, Some("0"), None);
    /// assert_eq!(violations.into_result().unwrap_err().violations()[0].message(),
    ///            "is not a number, so it is outside the range");
    /// ```
    pub fn range_float(
        &mut self,
        path: &Path<'_>,
        value: f64,
        min: Option<&str>,
        max: Option<&str>,
    ) {
        if value.is_nan() {
            if min.is_some() || max.is_some() {
                self.push(
                    path,
                    Rule::Range,
                    "is not a number, so it is outside the range",
                );
            }
            return;
        }
        self.range(path, min, max, |text, bound| {
            decimal::compare_f64(value, text, bound)
        });
    }

    /// `@range` on a `bigInteger` or `bigDecimal`, given as its text: compares it exactly with
    /// the bounds. Text that is not a JSON number records `is not a valid number`.
    ///
    /// Bounds are inclusive. A bound that is not a number is ignored, and with neither bound
    /// nothing is checked.
    ///
    /// ```
    /// use anvil_runtime::{Path, Violations};
    ///
    /// let mut violations = Violations::new();
    /// violations.range_decimal(&Path::Root, "123456789012345678901234567890", Some("0"), None);
    /// violations.range_decimal(&Path::Root, "0.50", Some("0.5"), Some("0.5"));
    /// assert!(violations.is_empty());
    /// violations.range_decimal(&Path::Root, "twelve", Some("0"), None);
    /// assert_eq!(violations.len(), 1);
    /// ```
    pub fn range_decimal(
        &mut self,
        path: &Path<'_>,
        value: &str,
        min: Option<&str>,
        max: Option<&str>,
    ) {
        if min.is_none() && max.is_none() {
            return;
        }
        let Some(value) = Decimal::parse(value) else {
            self.push(path, Rule::Range, "is not a valid number");
            return;
        };
        self.range(path, min, max, |_, bound| Some(value.compare(bound)));
    }

    /// Checks a value against both bounds with `compare(bound_text, bound)`, which gives the
    /// value's order relative to the bound (`None`: cannot tell, record nothing).
    fn range(
        &mut self,
        path: &Path<'_>,
        min: Option<&str>,
        max: Option<&str>,
        compare: impl Fn(&str, &Decimal<'_>) -> Option<Ordering>,
    ) {
        let order = |text: &str| Decimal::parse(text).and_then(|bound| compare(text, &bound));
        if let Some(min) = min.filter(|min| order(min) == Some(Ordering::Less)) {
            self.push(path, Rule::Range, format!("is below the minimum of {min}"));
        }
        if let Some(max) = max.filter(|max| order(max) == Some(Ordering::Greater)) {
            self.push(path, Rule::Range, format!("is above the maximum of {max}"));
        }
    }

    /// `@uniqueItems`: records one violation naming the first pair of equal items, by their
    /// positions counted from 0 (the first item that repeats an earlier one, paired with the
    /// earliest item it repeats).
    ///
    /// This compares every pair, as `PartialEq` is all it can rely on; lists under
    /// `@uniqueItems` are short in practice.
    ///
    /// ```
    /// use anvil_runtime::{Path, Violations};
    ///
    /// let mut violations = Violations::new();
    /// violations.unique_items(&Path::Root, &["a", "b", "c", "d", "e", "c"]);
    /// assert_eq!(violations.into_result().unwrap_err().violations()[0].message(),
    ///            "items 2 and 5 are equal");
    /// ```
    pub fn unique_items<T: PartialEq>(&mut self, path: &Path<'_>, items: &[T]) {
        for (later, item) in items.iter().enumerate() {
            if let Some(earlier) = items[..later].iter().position(|other| other == item) {
                self.push(
                    path,
                    Rule::UniqueItems,
                    format!("items {earlier} and {later} are equal"),
                );
                return;
            }
        }
    }

    /// Records that the union at `path` holds a member this client does not know (a value it
    /// received but cannot send back).
    pub fn union_unknown(&mut self, path: &Path<'_>) {
        self.push(path, Rule::Union, "no member this client knows is set");
    }
}

#[cfg(test)]
mod tests {
    use super::Violations;
    use crate::pattern::Pattern;
    use crate::validation::{Path, Rule};

    /// The messages recorded by `check`, as `path: message` lines.
    fn messages(check: impl FnOnce(&mut Violations)) -> Vec<String> {
        let mut violations = Violations::new();
        check(&mut violations);
        match violations.into_result() {
            Ok(()) => Vec::new(),
            Err(err) => err.violations().iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn empty_collector_is_ok() {
        let violations = Violations::new();
        assert!(violations.is_empty());
        assert_eq!(violations.len(), 0);
        assert_eq!(violations.into_result(), Ok(()));
    }

    #[test]
    fn required_and_push() {
        let root = Path::Root;
        let mut violations = Violations::new();
        violations.required(&root.member("A"));
        violations.push(&root, Rule::Union, "custom");
        assert_eq!(violations.len(), 2);
        let err = violations.into_result().unwrap_err();
        assert_eq!(err.violations()[0].rule(), Rule::Required);
        assert_eq!(err.violations()[0].to_string(), "A: a value is required");
        assert_eq!(err.violations()[1].to_string(), "custom");
    }

    #[test]
    fn string_length_counts_scalar_values() {
        let root = Path::Root;
        let p = root.member("Name");
        assert!(messages(|v| v.length_chars(&p, "😀", Some(1), Some(1))).is_empty());
        assert!(messages(|v| v.length_chars(&p, "éé", Some(2), Some(2))).is_empty());
        assert!(messages(|v| v.length_chars(&p, "😀😀😀", None, Some(3))).is_empty());
        assert_eq!(
            messages(|v| v.length_chars(&p, "😀😀😀😀", None, Some(3))),
            ["Name: length 4 is above the maximum of 3"]
        );
        assert_eq!(
            messages(|v| v.length_chars(&p, "", Some(1), None)),
            ["Name: length 0 is below the minimum of 1"]
        );
        let long = "x".repeat(300);
        assert_eq!(
            messages(|v| v.length_chars(&p, &long, Some(1), Some(256))),
            ["Name: length 300 is above the maximum of 256"]
        );
        assert!(messages(|v| v.length_chars(&p, &long, Some(300), Some(300))).is_empty());
        assert!(messages(|v| v.length_chars(&p, "", None, None)).is_empty());
        assert!(messages(|v| v.length_chars(&p, "", Some(0), Some(0))).is_empty());
    }

    #[test]
    fn string_length_near_the_byte_bounds() {
        let root = Path::Root;
        // Four 4-byte characters: 16 bytes, 4 scalar values.
        let wide = "😀".repeat(4);
        assert!(messages(|v| v.length_chars(&root, &wide, Some(4), Some(4))).is_empty());
        assert_eq!(
            messages(|v| v.length_chars(&root, &wide, Some(5), None)),
            ["length 4 is below the minimum of 5"]
        );
        assert_eq!(
            messages(|v| v.length_chars(&root, &wide, None, Some(3))),
            ["length 4 is above the maximum of 3"]
        );
        let mixed = "a😀é";
        assert!(messages(|v| v.length_chars(&root, mixed, Some(3), Some(3))).is_empty());
    }

    #[test]
    fn count_length() {
        let root = Path::Root;
        let p = root.member("Items");
        assert!(messages(|v| v.length_count(&p, 100, Some(1), Some(100))).is_empty());
        assert_eq!(
            messages(|v| v.length_count(&p, 101, Some(1), Some(100))),
            ["Items: length 101 is above the maximum of 100"]
        );
        assert_eq!(
            messages(|v| v.length_count(&p, 0, Some(1), Some(100))),
            ["Items: length 0 is below the minimum of 1"]
        );
    }

    #[test]
    fn pattern_checks() {
        static LOWER: Pattern = Pattern::regex("^[a-z]+$", r"\A[a-z]+\z");
        static BROKEN: Pattern = Pattern::regex("(", "(");
        let root = Path::Root;
        let p = root.member("Id");
        assert!(messages(|v| v.pattern(&p, "abc", &LOWER)).is_empty());
        assert_eq!(
            messages(|v| v.pattern(&p, "secret-Value", &LOWER)),
            ["Id: does not match the pattern `^[a-z]+$`"]
        );
        assert_eq!(
            messages(|v| v.pattern(&p, "anything", &BROKEN)),
            ["Id: does not match the pattern `(`"]
        );
    }

    #[test]
    fn integer_ranges() {
        let root = Path::Root;
        let p = root.member("Count");
        assert!(messages(|v| v.range_int(&p, 1, Some("1"), Some("10"))).is_empty());
        assert!(messages(|v| v.range_int(&p, 10, Some("1"), Some("10"))).is_empty());
        assert_eq!(
            messages(|v| v.range_int(&p, 0, Some("1"), Some("10"))),
            ["Count: is below the minimum of 1"]
        );
        assert_eq!(
            messages(|v| v.range_int(&p, 11, Some("1"), Some("10"))),
            ["Count: is above the maximum of 10"]
        );
        assert_eq!(
            messages(|v| v.range_int(&p, 0, Some("0.5"), None)),
            ["Count: is below the minimum of 0.5"]
        );
        assert!(messages(|v| v.range_int(&p, 1, Some("0.5"), Some("1.5"))).is_empty());
        assert_eq!(
            messages(|v| v.range_int(&p, 1001, None, Some("1e3"))),
            ["Count: is above the maximum of 1e3"]
        );
        assert!(
            messages(|v| v.range_int(&p, i64::MIN, Some("-9223372036854775808"), None)).is_empty()
        );
        assert!(
            messages(|v| v.range_int(&p, i64::MAX, None, Some("9223372036854775807"))).is_empty()
        );
        assert!(messages(|v| v.range_int(&p, 5, Some("not a number"), Some("bad"))).is_empty());
        assert!(messages(|v| v.range_int(&p, -1, Some("-0"), None)).len() == 1);
    }

    #[test]
    fn float_ranges() {
        let root = Path::Root;
        let p = root.member("Ratio");
        assert!(messages(|v| v.range_float(&p, 0.5, Some("0.5"), Some("1.0"))).is_empty());
        assert!(messages(|v| v.range_float(&p, 1.0, Some("0.5"), Some("1.0"))).is_empty());
        assert_eq!(
            messages(|v| v.range_float(&p, 0.49, Some("0.5"), None)),
            ["Ratio: is below the minimum of 0.5"]
        );
        assert_eq!(
            messages(|v| v.range_float(&p, 0.1, None, Some("0.1"))),
            ["Ratio: is above the maximum of 0.1"]
        );
        assert_eq!(
            messages(|v| v.range_float(&p, f64::NAN, Some("0"), Some("1"))),
            ["Ratio: is not a number, so it is outside the range"]
        );
        assert!(messages(|v| v.range_float(&p, f64::NAN, None, None)).is_empty());
        assert_eq!(
            messages(|v| v.range_float(&p, f64::INFINITY, None, Some("1e308"))),
            ["Ratio: is above the maximum of 1e308"]
        );
        assert_eq!(
            messages(|v| v.range_float(&p, f64::NEG_INFINITY, Some("-1e400"), None)),
            ["Ratio: is below the minimum of -1e400"]
        );
        assert!(messages(|v| v.range_float(&p, -0.0, Some("0"), Some("0"))).is_empty());
    }

    #[test]
    fn decimal_ranges() {
        let root = Path::Root;
        let p = root.member("Amount");
        assert!(messages(|v| v.range_decimal(&p, "1e2", Some("100"), Some("100.0"))).is_empty());
        assert_eq!(
            messages(|v| v.range_decimal(&p, "100.0000000000000000000001", None, Some("100"))),
            ["Amount: is above the maximum of 100"]
        );
        assert_eq!(
            messages(|v| v.range_decimal(&p, "-99999999999999999999999", Some("0"), None)),
            ["Amount: is below the minimum of 0"]
        );
        assert_eq!(
            messages(|v| v.range_decimal(&p, "12abc", Some("0"), None)),
            ["Amount: is not a valid number"]
        );
        assert!(messages(|v| v.range_decimal(&p, "12abc", None, None)).is_empty());
    }

    #[test]
    fn unique_items_reports_the_first_pair() {
        let root = Path::Root;
        let p = root.member("Tags");
        assert!(messages(|v| v.unique_items::<i32>(&p, &[])).is_empty());
        assert!(messages(|v| v.unique_items(&p, &[1, 2, 3])).is_empty());
        assert_eq!(
            messages(|v| v.unique_items(&p, &["a", "b", "c", "d", "e", "c", "a"])),
            ["Tags: items 2 and 5 are equal"]
        );
        assert_eq!(
            messages(|v| v.unique_items(&p, &[7, 7, 7])),
            ["Tags: items 0 and 1 are equal"]
        );
    }

    #[test]
    fn unknown_union_member() {
        let root = Path::Root;
        let item = root.member("Filters");
        let first = item.index(0);
        assert_eq!(
            messages(|v| v.union_unknown(&first)),
            ["Filters[0]: no member this client knows is set"]
        );
    }

    #[test]
    fn messages_never_echo_the_value() {
        static DIGITS: Pattern = Pattern::regex("^[0-9]+$", r"\A[0-9]+\z");
        let root = Path::Root;
        let p = root.member("Secret");
        let secret = "hunter2-secret";
        let all = messages(|v| {
            v.length_chars(&p, secret, Some(100), Some(1));
            v.pattern(&p, secret, &DIGITS);
            v.range_decimal(&p, secret, Some("0"), None);
            v.range_int(&p, 987_654_321, None, Some("5"));
            v.range_float(&p, 123.456, None, Some("5"));
        });
        assert_eq!(all.len(), 6);
        for message in &all {
            assert!(!message.contains("hunter2"), "{message}");
            assert!(!message.contains("987654321"), "{message}");
            assert!(!message.contains("123.456"), "{message}");
        }
    }
}
