//! The parsed JSON tree: numbers keep their text and objects keep their members in the
//! order they were written, so nothing is rounded or reordered between the bytes and the
//! typed value read from them.

/// A parsed JSON value.
///
/// Built by [`parse`](super::parse) or [`parse_bytes`](super::parse_bytes); generated
/// `read_json` functions read typed values from it.
///
/// ```
/// use anvil_runtime::json::{Value, parse};
///
/// let value = parse(r#"{"b": 12345678901234567890.5, "a": [true, null]}"#)?;
/// let object = value.as_object().expect("an object");
/// let keys: Vec<&String> = object.keys().collect();
/// assert_eq!(keys, ["b", "a"]);
/// assert_eq!(object.get("b").and_then(Value::as_number).map(|n| n.as_str()), Some("12345678901234567890.5"));
/// assert!(object.get("a").and_then(Value::as_array).is_some_and(|items| items[1].is_null()));
/// # Ok::<(), anvil_runtime::json::JsonError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(JsonNumber),
    /// A string, its escapes resolved.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, its members in the order written.
    Object(Map),
}

impl Value {
    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&JsonNumber> {
        match self {
            Value::Number(number) => Some(number),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The members, if this is an object, to change.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
}

/// A JSON number, kept as the text it was written as (always valid JSON number syntax).
///
/// Nothing is converted until a reader asks for a type, so `bigInteger` and `bigDecimal`
/// members get every digit, and a number that does not fit the type asked for is refused
/// rather than rounded.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JsonNumber(Box<str>);

impl JsonNumber {
    /// Wraps text already checked to be a JSON number.
    pub(crate) fn from_checked(text: &str) -> Self {
        Self(text.into())
    }

    /// The number as written, e.g. `-12`, `0.5` or `1e400`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it is written without a fraction or an exponent.
    pub fn is_integer(&self) -> bool {
        !self
            .0
            .bytes()
            .any(|byte| matches!(byte, b'.' | b'e' | b'E'))
    }

    /// The value as an `i64`, when it is written as an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        if self.is_integer() {
            self.0.parse().ok()
        } else {
            None
        }
    }

    /// The value as a `u64`, when it is written as a non-negative integer in range (`-0`
    /// included).
    pub fn as_u64(&self) -> Option<u64> {
        if !self.is_integer() {
            None
        } else if self.0.as_ref() == "-0" {
            Some(0)
        } else {
            self.0.parse().ok()
        }
    }
}

impl std::fmt::Display for JsonNumber {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// The members of a JSON object, in the order they were written.
///
/// A key written twice keeps its first place and its last value, as most JSON readers
/// have it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Map {
    entries: Vec<(String, Value)>,
}

impl Map {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of member `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    /// Whether member `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The members, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            inner: self.entries.iter(),
        }
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &String> {
        self.entries.iter().map(|(key, _)| key)
    }

    /// The values, in order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &Value> {
        self.entries.iter().map(|(_, value)| value)
    }

    /// Adds member `key` at the end, or replaces its value where it stands (a linear search:
    /// build large objects with `collect` instead).
    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        match self.entries.iter_mut().find(|(name, _)| *name == key) {
            Some((_, slot)) => *slot = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Members as parsed, a repeated key not yet merged (see [`Map::merge_repeated_keys`]).
    pub(crate) fn from_parsed(entries: Vec<(String, Value)>) -> Self {
        let mut map = Self { entries };
        map.merge_repeated_keys();
        map
    }

    /// Keeps one entry per key: the first place, the last value. Checking costs little for
    /// the usual small objects and a sort of the keys for large ones.
    fn merge_repeated_keys(&mut self) {
        let count = self.entries.len();
        let has_repeat = if count <= 16 {
            (1..count).any(|later| {
                self.entries[..later]
                    .iter()
                    .any(|(key, _)| *key == self.entries[later].0)
            })
        } else {
            let mut keys: Vec<&str> = self.entries.iter().map(|(key, _)| key.as_str()).collect();
            keys.sort_unstable();
            keys.windows(2).any(|pair| pair[0] == pair[1])
        };
        if has_repeat {
            let entries = std::mem::take(&mut self.entries);
            let mut places: std::collections::HashMap<String, usize> =
                std::collections::HashMap::with_capacity(count);
            for (key, value) in entries {
                match places.get(&key) {
                    Some(&place) => self.entries[place].1 = value,
                    None => {
                        places.insert(key.clone(), self.entries.len());
                        self.entries.push((key, value));
                    }
                }
            }
        }
    }
}

impl FromIterator<(String, Value)> for Map {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(entries: I) -> Self {
        Self::from_parsed(entries.into_iter().collect())
    }
}

/// The members of a [`Map`], in order.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    inner: std::slice::Iter<'a, (String, Value)>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(key, value)| (key, value))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> JsonNumber {
        JsonNumber::from_checked(text)
    }

    #[test]
    fn numbers_convert_only_when_exact() {
        assert_eq!(number("-9223372036854775808").as_i64(), Some(i64::MIN));
        assert_eq!(number("9223372036854775808").as_i64(), None);
        assert_eq!(number("18446744073709551615").as_u64(), Some(u64::MAX));
        assert_eq!(number("18446744073709551616").as_u64(), None);
        assert_eq!(number("-0").as_u64(), Some(0));
        assert_eq!(number("-1").as_u64(), None);
        assert_eq!(number("1.0").as_i64(), None);
        assert_eq!(number("1e2").as_u64(), None);
        assert!(number("10").is_integer());
        assert!(!number("1E2").is_integer());
    }

    #[test]
    fn a_repeated_key_keeps_its_place_and_last_value() {
        let entry = |key: &str, flag: bool| (key.to_string(), Value::Bool(flag));
        let map: Map = [entry("a", false), entry("b", true), entry("a", true)]
            .into_iter()
            .collect();
        let found: Vec<(&str, bool)> = map
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_bool().unwrap()))
            .collect();
        assert_eq!(found, [("a", true), ("b", true)]);

        let many: Map = (0..40)
            .map(|index| entry(&format!("k{}", index % 20), index >= 20))
            .collect();
        assert_eq!(many.len(), 20);
        assert!(many.values().all(|value| value.as_bool() == Some(true)));
        assert_eq!(many.keys().next().map(String::as_str), Some("k0"));
    }
}
