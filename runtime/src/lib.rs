//! Runtime support for Anvil-generated clients.
//!
//! The code generator turns Smithy models into Rust client crates. Those crates lean on this
//! small, hand-written crate for the value types that Smithy defines but Rust lacks:
//!
//! - [`Blob`]: raw bytes (`blob` shapes), base64 on the JSON wire;
//! - [`DateTime`]: an instant in UTC (`timestamp` shapes), in the three Smithy wire formats;
//! - [`Document`] and [`Number`]: untyped, JSON-like data (`document` shapes);
//! - [`BigInteger`] and [`BigDecimal`]: arbitrary-precision numbers, kept as text;
//! - [`UnknownVariantValue`]: an enum value that the model did not list;
//! - [`BuildError`] and [`UnhandledError`]: errors shared by all generated clients, and
//!   [`ErrorMetadata`] ([`Fault`], [`RetryKind`]) that every generated error reports;
//! - [`Operation`]: the contract of every generated operation, and (feature `json-input`)
//!   `OperationEntry`, a row of the table of operations a generated crate publishes for
//!   tools that read inputs from JSON;
//! - [`http`]: the `http` crate, whose `Request<Vec<u8>>` and `Response<Vec<u8>>` the
//!   generated code builds and reads (see [`wire`]);
//! - [`Violations`], [`Path`] and [`ValidationError`]: checking input against the model's
//!   constraint traits before it is sent (see [`validation`]);
//! - [`Pattern`]: `@pattern` regular expressions, translated by the generator;
//! - [`json`]: an exact JSON tree (numbers as written, members in order), its parser, and
//!   [`json::JsonReader`] for reading typed values from it keyed by member names;
//! - [`credentials`] and [`region`]: finding the credentials and region a client uses, the
//!   way the AWS CLI does.
//! - [`sign::sign_request`]: SigV4 signing of a finished `http::Request` (our own canonical
//!   request, HMAC-SHA256 from the `hmac` and `sha2` crates).
//! - [`endpoint`]: the endpoint rules engine, from a service's rule set and the client's
//!   settings to the URL to call.
//! - [`transport`]: the [`HttpClient`](transport::HttpClient) trait, the default hyper client
//!   and the connect, attempt and operation timeouts;
//! - [`retry`]: the AWS standard retry strategy (backoff with jitter, a shared retry quota,
//!   classification of failed attempts).
//!
//! ```
//! use anvil_runtime::{Blob, DateTime};
//!
//! let stamp = DateTime::parse_rfc3339("2000-01-02T20:34:56Z")?;
//! assert_eq!(stamp.fmt_epoch_seconds(), "946845296");
//! assert_eq!(Blob::from("hi").to_base64(), "aGk=");
//! # Ok::<(), anvil_runtime::DateTimeError>(())
//! ```

pub mod big_number;
pub mod blob;
pub mod call;
#[cfg(feature = "rt-tokio")]
pub mod client;
pub mod credentials;
pub mod date_time;
pub mod document;
pub mod endpoint;
#[cfg(all(feature = "rt-tokio", feature = "json-input"))]
pub mod entry_call;
pub mod enum_value;
pub mod error;
pub mod json;
pub mod operation;
pub mod pattern;
pub mod region;
pub mod request_body;
pub mod retry;
pub mod sign;
pub mod transport;
pub mod validation;
pub mod wire;

/// The `http` crate, re-exported so generated crates need no dependency of their own on it.
pub use http;

pub use big_number::{BigDecimal, BigInteger};
pub use blob::{Blob, BlobDecodeError};
pub use call::{CallSettings, ServiceInfo};
pub use date_time::{DateTime, DateTimeError};
pub use document::{Document, Number};
pub use enum_value::UnknownVariantValue;
pub use error::{BuildError, ErrorMetadata, Fault, RetryKind, UnhandledError};
pub use operation::Operation;
#[cfg(feature = "json-input")]
pub use operation::OperationEntry;
pub use pattern::{ASCII_DFA_SIZE_LIMIT, AsciiDfa, BACKTRACKING_INPUT_LIMIT, Pattern, RegexTest};
pub use request_body::CompressionConfig;
pub use validation::{Path, Rule, ValidationError, Violation, Violations};

/// Text printed by `Debug` in place of a `@sensitive` value.
///
/// Generated `Debug` implementations write this constant instead of the value of any member
/// whose shape carries the Smithy `@sensitive` trait, so secrets do not end up in logs.
pub const SENSITIVE_REDACTED: &str = "*** Sensitive Data Redacted ***";
