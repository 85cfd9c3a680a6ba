//! What goes over the wire: JSON bodies, building `http` requests and reading `http`
//! responses, URI encoding, error codes. Generated serializers and parsers call these; they
//! hold no model knowledge.

mod encoding;
mod error_code;
mod header;
mod host;
mod http;
mod json_writer;
mod response;
mod token;

pub use self::http::{RequestBuilder, RequestError, ResponseError, header_text, prefixed_headers};
pub use encoding::{encode_label, encode_query, quote_header_list_item, uri_label};
pub use error_code::{error_code, error_message, sanitize_error_code};
pub use header::{
    HeaderError, check_header_name, check_header_value, header_name, header_value,
    media_type_header, read_media_type_header,
};
pub use host::{EndpointUrl, EndpointUrlError, RegionError, check_region, host_label};
pub use json_writer::{JsonStyle, JsonWriter};
pub use response::{
    MAX_ECHOED_BODY_BYTES, float_text, float32_text, header_double, header_float, parse_body,
    read_response_shape, split_header_list, split_http_date_list, unhandled_error,
    unhandled_error_from_text,
};
pub use token::idempotency_token;
#[cfg(feature = "test-util")]
pub use token::pin_idempotency_token;

/// How a timestamp is written in one place on the wire (`@timestampFormat`, or the
/// default of that place).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampWire {
    /// RFC 3339, e.g. `2000-01-02T20:34:56Z`.
    DateTime,
    /// IMF-fixdate, e.g. `Sun, 02 Jan 2000 20:34:56 GMT`.
    HttpDate,
    /// Seconds since the epoch, e.g. `946845296.123`.
    EpochSeconds,
}

impl TimestampWire {
    /// The timestamp as text in this format (epoch seconds when out of the formats' range).
    pub fn format(self, value: &crate::DateTime) -> String {
        let formatted = match self {
            Self::DateTime => value.fmt_rfc3339(),
            Self::HttpDate => value.fmt_http_date(),
            Self::EpochSeconds => Ok(value.fmt_epoch_seconds()),
        };
        formatted.unwrap_or_else(|_| value.fmt_epoch_seconds())
    }

    /// Parses text in this format (epoch seconds also accepted as a number's text).
    pub fn parse(self, text: &str) -> Result<crate::DateTime, crate::DateTimeError> {
        match self {
            Self::DateTime => crate::DateTime::parse_rfc3339(text),
            Self::HttpDate => crate::DateTime::parse_http_date(text),
            Self::EpochSeconds => crate::DateTime::parse_epoch_seconds(text),
        }
    }
}
