//! A strict JSON parser (RFC 8259) into [`Value`]: numbers are checked but kept as text,
//! members stay in order, nesting is limited so hostile input cannot exhaust the stack.

use std::fmt;

use super::value::{JsonNumber, Map, Value};

/// How deep arrays and objects may nest.
pub const MAX_DEPTH: usize = 128;

/// Text that is not JSON: what is wrong and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    reason: &'static str,
    offset: usize,
    line: usize,
    column: usize,
}

impl SyntaxError {
    /// What is wrong, e.g. ``expected `,` or `}` ``.
    pub fn reason(&self) -> &'static str {
        self.reason
    }

    /// The byte at which reading stopped (the text's length when it ended early).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The line of that byte, counted from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of that byte in bytes, counted from 1; at the end of the text, the
    /// number of bytes on the last line (0 for empty text).
    pub fn column(&self) -> usize {
        self.column
    }

    fn at(text: &[u8], offset: usize, reason: &'static str) -> Self {
        let before = &text[..offset.min(text.len())];
        let line_start = before
            .iter()
            .rposition(|byte| *byte == b'\n')
            .map_or(0, |newline| newline + 1);
        let line = 1 + before.iter().filter(|byte| **byte == b'\n').count();
        let on_line = offset - line_start;
        let column = if offset < text.len() {
            on_line + 1
        } else {
            on_line
        };
        Self {
            reason,
            offset,
            line,
            column,
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{} at line {}, column {}",
            self.reason, self.line, self.column
        )
    }
}

impl std::error::Error for SyntaxError {}

/// Parses `bytes`, which must hold exactly one JSON value (whitespace around it aside).
pub fn parse_value(bytes: &[u8]) -> Result<Value, SyntaxError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|error| SyntaxError::at(bytes, error.valid_up_to(), "invalid UTF-8"))?;
    let mut parser = Parser {
        text,
        bytes,
        pos: 0,
        depth: 0,
    };
    parser
        .document()
        .map_err(|(offset, reason)| SyntaxError::at(bytes, offset, reason))
}

/// A failure: the byte offset and the reason.
type Failure = (usize, &'static str);

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn document(&mut self) -> Result<Value, Failure> {
        let value = self.value()?;
        self.skip_whitespace();
        if self.pos < self.bytes.len() {
            return Err((self.pos, "trailing characters after the value"));
        }
        Ok(value)
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_whitespace();
        self.bytes.get(self.pos).copied()
    }

    fn fail<T>(&self, reason: &'static str) -> Result<T, Failure> {
        if self.pos >= self.bytes.len() {
            Err((self.bytes.len(), "the text ends before the value does"))
        } else {
            Err((self.pos, reason))
        }
    }

    fn value(&mut self) -> Result<Value, Failure> {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => self.fail("expected a value"),
        }
    }

    fn literal(&mut self, word: &'static str, value: Value) -> Result<Value, Failure> {
        for expected in word.bytes() {
            if self.bytes.get(self.pos) != Some(&expected) {
                return self.fail("expected `true`, `false` or `null`");
            }
            self.pos += 1;
        }
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), Failure> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err((self.pos, "arrays and objects nest too deeply"));
        }
        // Past the opening bracket.
        self.pos += 1;
        Ok(())
    }

    fn array(&mut self) -> Result<Value, Failure> {
        self.enter()?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                items.push(self.value()?);
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return self.fail("expected `,` or `]`"),
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn object(&mut self) -> Result<Value, Failure> {
        self.enter()?;
        let mut entries = Vec::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                if self.peek() != Some(b'"') {
                    return self.fail("expected a member name in quotes");
                }
                let key = self.string()?;
                if self.peek() != Some(b':') {
                    return self.fail("expected `:`");
                }
                self.pos += 1;
                let value = self.value()?;
                entries.push((key, value));
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return self.fail("expected `,` or `}`"),
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Object(Map::from_parsed(entries)))
    }

    /// A string; `self.pos` is at its opening quote.
    fn string(&mut self) -> Result<String, Failure> {
        self.pos += 1;
        let start = self.pos;
        // Most strings have no escapes: find the end and copy the slice.
        loop {
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    let text = self.text[start..self.pos].to_string();
                    self.pos += 1;
                    return Ok(text);
                }
                Some(b'\\') => break,
                Some(0..0x20) => return self.fail("a control character in a string"),
                Some(_) => self.pos += 1,
                None => return self.fail(""),
            }
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(&self.text[start..self.pos]);
        loop {
            let run = self.pos;
            while let Some(byte) = self.bytes.get(self.pos) {
                if matches!(byte, b'"' | b'\\' | 0..0x20) {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[run..self.pos]);
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return self.fail("a control character in a string"),
                None => return self.fail(""),
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Failure> {
        let Some(&byte) = self.bytes.get(self.pos) else {
            return self.fail("");
        };
        let simple = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.pos += 1;
                let unit = self.hex4()?;
                let character = match unit {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return self.fail("a `\\u` escape of a lone surrogate");
                        }
                        self.pos += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            self.pos -= 4;
                            return self.fail("a `\\u` escape of a lone surrogate");
                        }
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(code)
                    }
                    0xDC00..=0xDFFF => {
                        self.pos -= 4;
                        return self.fail("a `\\u` escape of a lone surrogate");
                    }
                    _ => char::from_u32(unit),
                };
                // Every value left is a valid scalar value.
                out.push(character.unwrap_or(char::REPLACEMENT_CHARACTER));
                return Ok(());
            }
            _ => return self.fail("an unknown escape in a string"),
        };
        out.push(simple);
        self.pos += 1;
        Ok(())
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, Failure> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = self
                .bytes
                .get(self.pos)
                .and_then(|byte| char::from(*byte).to_digit(16));
            match digit {
                Some(digit) => unit = unit * 16 + digit,
                None => return self.fail("expected four hex digits after `\\u`"),
            }
            self.pos += 1;
        }
        Ok(unit)
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<Value, Failure> {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        match self.bytes.get(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return self.fail("a number with no digits"),
        }
        if self.bytes.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                return self.fail("a number with no digits after `.`");
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.pos) {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            if !self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
                return self.fail("a number with no digits in its exponent");
            }
            self.digits();
        }
        Ok(Value::Number(JsonNumber::from_checked(
            &self.text[start..self.pos],
        )))
    }

    fn digits(&mut self) {
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> (usize, &'static str) {
        let error = parse_value(text.as_bytes()).unwrap_err();
        (error.offset(), error.reason())
    }

    #[test]
    fn numbers_keep_their_text() {
        for text in [
            "0",
            "-0",
            "12345678901234567890123",
            "-1.50",
            "1e400",
            "2E-7",
            "0.1e+2",
        ] {
            let value = parse_value(text.as_bytes()).unwrap();
            assert_eq!(value.as_number().map(JsonNumber::as_str), Some(text));
        }
        for bad in [
            "01", "-", "1.", ".5", "1e", "1e+", "+1", "0x10", "1.5.2", "NaN", "Infinity",
        ] {
            assert!(parse_value(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn strings_resolve_escapes() {
        let value = parse_value(br#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00z""#).unwrap();
        assert_eq!(value.as_str(), Some("a\"\\/\u{8}\u{c}\n\r\té😀z"));
        let plain = parse_value("\"grüße\"".as_bytes()).unwrap();
        assert_eq!(plain.as_str(), Some("grüße"));
        assert_eq!(
            error(r#""\ud83d""#),
            (7, "a `\\u` escape of a lone surrogate")
        );
        assert_eq!(
            error(r#""\ud83dx""#),
            (7, "a `\\u` escape of a lone surrogate")
        );
        assert_eq!(
            error(r#""\ude00""#),
            (3, "a `\\u` escape of a lone surrogate")
        );
        assert_eq!(
            error(r#""\ud83d\u0041""#),
            (9, "a `\\u` escape of a lone surrogate")
        );
        assert_eq!(error(r#""\x""#), (2, "an unknown escape in a string"));
        assert_eq!(
            error(r#""\u12g4""#),
            (5, "expected four hex digits after `\\u`")
        );
        assert_eq!(error("\"a\nb\""), (2, "a control character in a string"));
        assert_eq!(error("\"abc"), (4, "the text ends before the value does"));
    }

    #[test]
    fn members_keep_their_order() {
        let value = parse_value(br#"{"z": 1, "a": {"y": [], "b": {}}, "m": null}"#).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["z", "a", "m"]);
        let inner: Vec<&String> = value
            .get("a")
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(inner, ["y", "b"]);
    }

    #[test]
    fn syntax_errors_say_where() {
        assert_eq!(error("[1 2]"), (3, "expected `,` or `]`"));
        assert_eq!(error(r#"{"a" 1}"#), (5, "expected `:`"));
        assert_eq!(
            error(r#"{"a": 1,}"#),
            (8, "expected a member name in quotes")
        );
        assert_eq!(
            error(r#"{"a": 1"#),
            (7, "the text ends before the value does")
        );
        assert_eq!(error("tru"), (3, "the text ends before the value does"));
        assert_eq!(error("trux"), (3, "expected `true`, `false` or `null`"));
        assert_eq!(error("[] x"), (3, "trailing characters after the value"));
        assert_eq!(error("  "), (2, "the text ends before the value does"));
        let bad_utf8 = parse_value(b"[\"\xff\"]").unwrap_err();
        assert_eq!((bad_utf8.offset(), bad_utf8.reason()), (2, "invalid UTF-8"));

        let error = parse_value(b"{\"a\":\n  tru}").unwrap_err();
        assert_eq!((error.offset(), error.line(), error.column()), (11, 2, 6));
        assert_eq!(
            error.to_string(),
            "expected `true`, `false` or `null` at line 2, column 6"
        );
    }

    #[test]
    fn nesting_is_limited_without_exhausting_the_stack() {
        let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse_value(deep(MAX_DEPTH).as_bytes()).is_ok());
        let error = parse_value(deep(MAX_DEPTH + 1).as_bytes()).unwrap_err();
        assert_eq!(
            (error.offset(), error.reason()),
            (MAX_DEPTH, "arrays and objects nest too deeply")
        );
        let hostile = "[{\"a\":".repeat(100_000);
        assert!(parse_value(hostile.as_bytes()).is_err());
    }
}
