//! A small streaming JSON writer: generated `write_json` methods call it member by member,
//! so no intermediate tree is built.

use super::TimestampWire;
use crate::{Blob, DateTime, Document, Number};

/// Who the JSON is for: the wire (member or `jsonName` keys, timestamps in their wire
/// format) or a person (member names, timestamps as RFC 3339).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonStyle {
    /// A request body: timestamps as the member's format (epoch seconds by default).
    Wire,
    /// Output shown to people (`anvil parse-response`): timestamps as RFC 3339.
    Display,
}

/// Writes compact JSON into a `String`.
///
/// ```
/// use anvil_runtime::wire::{JsonStyle, JsonWriter};
///
/// let mut out = JsonWriter::new(JsonStyle::Wire);
/// out.begin_object();
/// out.key("Name");
/// out.string("a \"quoted\" name");
/// out.key("Count");
/// out.integer(3);
/// out.end_object();
/// assert_eq!(out.finish(), r#"{"Name":"a \"quoted\" name","Count":3}"#);
/// ```
#[derive(Debug)]
pub struct JsonWriter {
    out: String,
    needs_comma: bool,
    style: JsonStyle,
}

impl JsonWriter {
    /// An empty writer.
    pub fn new(style: JsonStyle) -> Self {
        Self {
            out: String::with_capacity(256),
            needs_comma: false,
            style,
        }
    }

    /// The style chosen at creation.
    pub fn style(&self) -> JsonStyle {
        self.style
    }

    /// The JSON text written.
    pub fn finish(self) -> String {
        self.out
    }

    fn separate(&mut self) {
        if self.needs_comma {
            self.out.push(',');
        }
    }

    /// `{`.
    pub fn begin_object(&mut self) {
        self.separate();
        self.out.push('{');
        self.needs_comma = false;
    }

    /// `}`.
    pub fn end_object(&mut self) {
        self.out.push('}');
        self.needs_comma = true;
    }

    /// `[`.
    pub fn begin_array(&mut self) {
        self.separate();
        self.out.push('[');
        self.needs_comma = false;
    }

    /// `]`.
    pub fn end_array(&mut self) {
        self.out.push(']');
        self.needs_comma = true;
    }

    /// An object key; the next call writes its value.
    pub fn key(&mut self, key: &str) {
        self.separate();
        write_escaped(&mut self.out, key);
        self.out.push(':');
        self.needs_comma = false;
    }

    fn value(&mut self, text: &str) {
        self.separate();
        self.out.push_str(text);
        self.needs_comma = true;
    }

    /// A string.
    pub fn string(&mut self, value: &str) {
        self.separate();
        write_escaped(&mut self.out, value);
        self.needs_comma = true;
    }

    /// `null`.
    pub fn null(&mut self) {
        self.value("null");
    }

    /// `true` / `false`.
    pub fn boolean(&mut self, value: bool) {
        self.value(if value { "true" } else { "false" });
    }

    /// An integer.
    pub fn integer(&mut self, value: i64) {
        self.value(&value.to_string());
    }

    /// A float; `NaN` and the infinities are written as the strings Smithy uses.
    pub fn double(&mut self, value: f64) {
        if value.is_nan() {
            self.string("NaN");
        } else if value.is_infinite() {
            self.string(if value > 0.0 { "Infinity" } else { "-Infinity" });
        } else {
            let text = format!("{value:?}");
            self.value(&text);
        }
    }

    /// A number given as its text (big numbers), written as is.
    pub fn number_text(&mut self, text: &str) {
        self.value(text);
    }

    /// A blob, base64-encoded.
    pub fn blob(&mut self, value: &Blob) {
        self.string(&value.to_base64());
    }

    /// A timestamp: for the wire in `format` (`None` = epoch seconds), for display as RFC
    /// 3339 (falling back to epoch seconds out of range).
    pub fn timestamp(&mut self, value: &DateTime, format: TimestampWire) {
        match (self.style, format) {
            (JsonStyle::Display, _) | (JsonStyle::Wire, TimestampWire::DateTime) => {
                match value.fmt_rfc3339() {
                    Ok(text) => self.string(&text),
                    Err(_) => self.value(&value.fmt_epoch_seconds()),
                }
            }
            (JsonStyle::Wire, TimestampWire::HttpDate) => match value.fmt_http_date() {
                Ok(text) => self.string(&text),
                Err(_) => self.value(&value.fmt_epoch_seconds()),
            },
            (JsonStyle::Wire, TimestampWire::EpochSeconds) => {
                self.value(&value.fmt_epoch_seconds())
            }
        }
    }

    /// A document, as the JSON it holds.
    pub fn document(&mut self, value: &Document) {
        match value {
            Document::Null => self.null(),
            Document::Bool(flag) => self.boolean(*flag),
            Document::Number(Number::PosInt(number)) => self.value(&number.to_string()),
            Document::Number(Number::NegInt(number)) => self.integer(*number),
            Document::Number(Number::Float(number)) => self.double(*number),
            Document::String(text) => self.string(text),
            Document::Array(items) => {
                self.begin_array();
                for item in items {
                    self.document(item);
                }
                self.end_array();
            }
            Document::Object(entries) => {
                // Sorted, so the same document always gives the same bytes.
                let mut sorted: Vec<_> = entries.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(b.0));
                self.begin_object();
                for (key, item) in sorted {
                    self.key(key);
                    self.document(item);
                }
                self.end_object();
            }
        }
    }
}

/// Appends `value` as a JSON string: quotes, backslashes and control characters escaped;
/// everything else (including non-ASCII) as UTF-8.
fn write_escaped(out: &mut String, value: &str) {
    out.push('"');
    let mut start = 0;
    for (index, byte) in value.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&value[start..index]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{byte:04x}"));
        } else {
            out.push_str(escape);
        }
        start = index + 1;
    }
    out.push_str(&value[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use TimestampWire;

    #[test]
    fn escapes_what_json_requires() {
        let mut out = JsonWriter::new(JsonStyle::Wire);
        out.string("quote\" back\\ nl\n tab\t bell\u{7} unicode é😀 \u{2028}");
        assert_eq!(
            out.finish(),
            "\"quote\\\" back\\\\ nl\\n tab\\t bell\\u0007 unicode é😀 \u{2028}\""
        );
    }

    #[test]
    fn writes_nested_values_with_commas() {
        let mut out = JsonWriter::new(JsonStyle::Wire);
        out.begin_object();
        out.key("a");
        out.begin_array();
        out.integer(-1);
        out.double(1.5);
        out.double(f64::NAN);
        out.null();
        out.end_array();
        out.key("b");
        out.begin_object();
        out.end_object();
        out.key("t");
        out.timestamp(
            &DateTime::from_secs_and_nanos(946845296, 123_000_000),
            TimestampWire::EpochSeconds,
        );
        out.end_object();
        assert_eq!(
            out.finish(),
            r#"{"a":[-1,1.5,"NaN",null],"b":{},"t":946845296.123}"#
        );
    }

    #[test]
    fn display_style_writes_timestamps_as_rfc3339() {
        let mut out = JsonWriter::new(JsonStyle::Display);
        out.timestamp(&DateTime::from_secs(946845296), TimestampWire::EpochSeconds);
        assert_eq!(out.finish(), "\"2000-01-02T20:34:56Z\"");
    }
}
