//! Checks that header names and values cannot break the message they travel in.
//!
//! A carriage return or line feed in a value would end the header early and let the rest
//! of the text become headers (or a body) of its own; NUL and the other control characters
//! are refused by HTTP stacks at send time, far from the member they came from. Generated
//! request builders pass every header through [`header_value`] (and [`header_name`] for
//! prefix headers), so the error names the member instead.

use std::fmt;

use super::RequestError;

/// Why a header name or value cannot be sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// The name is empty.
    EmptyName,
    /// The name holds a character that is not allowed in a token (RFC 9110 `tchar`).
    NameCharacter {
        /// The character.
        found: char,
        /// Its byte offset in the name.
        offset: usize,
    },
    /// The value holds a control character (CR, LF, NUL and the like; a tab is allowed).
    ValueCharacter {
        /// The character.
        found: char,
        /// Its byte offset in the value.
        offset: usize,
    },
}

impl fmt::Display for HeaderError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyName => formatter.write_str("the header name is empty"),
            Self::NameCharacter { found, offset } => write!(
                formatter,
                "the header name holds {} at byte {offset}; names are letters, digits and \
                 !#$%&'*+-.^_`|~ only",
                describe(*found)
            ),
            Self::ValueCharacter { found, offset } => write!(
                formatter,
                "the header value holds {} at byte {offset}; values must not contain CR, LF, \
                 NUL or other control characters",
                describe(*found)
            ),
        }
    }
}

impl std::error::Error for HeaderError {}

/// A character named for a message; control characters are never printed raw.
fn describe(found: char) -> String {
    match found {
        '\r' => "a carriage return (CR)".to_string(),
        '\n' => "a line feed (LF)".to_string(),
        '\0' => "a NUL character".to_string(),
        found if found.is_control() => format!("the control character U+{:04X}", found as u32),
        found => format!("the character {found:?}"),
    }
}

/// Whether `byte` may appear in a header name (an RFC 9110 token character).
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// Checks a header name: a non-empty token.
///
/// ```
/// use anvil_runtime::wire::check_header_name;
///
/// assert!(check_header_name("X-Amz-Meta-Color").is_ok());
/// assert!(check_header_name("Bad Name").is_err());
/// ```
pub fn check_header_name(name: &str) -> Result<(), HeaderError> {
    if name.is_empty() {
        return Err(HeaderError::EmptyName);
    }
    match name.char_indices().find(|(_, c)| {
        u8::try_from(*c)
            .map(|byte| !is_token_byte(byte))
            .unwrap_or(true)
    }) {
        Some((offset, found)) => Err(HeaderError::NameCharacter { found, offset }),
        None => Ok(()),
    }
}

/// Checks a header value: no control character but the horizontal tab.
///
/// ```
/// use anvil_runtime::wire::check_header_value;
///
/// assert!(check_header_value("text/plain; charset=utf-8").is_ok());
/// assert!(check_header_value("a\r\nX-Injected: yes").is_err());
/// ```
pub fn check_header_value(value: &str) -> Result<(), HeaderError> {
    match value
        .char_indices()
        .find(|(_, c)| c.is_ascii_control() && *c != '\t')
    {
        Some((offset, found)) => Err(HeaderError::ValueCharacter { found, offset }),
        None => Ok(()),
    }
}

/// A header value built from `member`, checked with [`check_header_value`].
///
/// ```
/// use anvil_runtime::wire::header_value;
///
/// let error = header_value("PutThing", "ContentLanguage", "en\r\nX: y".into()).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "cannot build the PutThing request: the header of member `ContentLanguage` is refused: \
///      the header value holds a carriage return (CR) at byte 2; values must not contain CR, \
///      LF, NUL or other control characters"
/// );
/// ```
pub fn header_value(
    operation: &'static str,
    member: &str,
    value: String,
) -> Result<String, RequestError> {
    match check_header_value(&value) {
        Ok(()) => Ok(value),
        Err(error) => Err(refused(operation, member, &error)),
    }
}

/// A header name built from `member` (a prefix header's map key), checked with
/// [`check_header_name`].
pub fn header_name(
    operation: &'static str,
    member: &str,
    name: String,
) -> Result<String, RequestError> {
    match check_header_name(&name) {
        Ok(()) => Ok(name),
        Err(error) => Err(refused(operation, member, &error)),
    }
}

fn refused(operation: &'static str, member: &str, error: &HeaderError) -> RequestError {
    RequestError::new(
        operation,
        format!("the header of member `{member}` is refused: {error}"),
    )
}

/// The header text of a string whose shape has a `@mediaType` (JSON, say): its UTF-8
/// bytes in base64, since such a value may hold what a header cannot.
///
/// ```
/// assert_eq!(anvil_runtime::wire::media_type_header("true"), "dHJ1ZQ==");
/// ```
pub fn media_type_header(value: &str) -> String {
    crate::Blob::new(value.as_bytes().to_vec()).to_base64()
}

/// Reads a header written by [`media_type_header`]: base64 of UTF-8 text.
///
/// ```
/// assert_eq!(anvil_runtime::wire::read_media_type_header("dHJ1ZQ=="), Ok("true".to_string()));
/// assert!(anvil_runtime::wire::read_media_type_header("not base64!").is_err());
/// ```
pub fn read_media_type_header(text: &str) -> Result<String, &'static str> {
    let blob = crate::Blob::from_base64(text.trim()).map_err(|_| "is not base64")?;
    String::from_utf8(blob.as_bytes().to_vec()).map_err(|_| "is not base64 of UTF-8 text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_refuse_control_characters_but_tabs() {
        for (value, found, offset) in [
            ("a\rb", '\r', 1),
            ("\nX: y", '\n', 0),
            ("ab\0", '\0', 2),
            ("é\u{1b}[2J", '\u{1b}', 2),
            ("del\u{7f}", '\u{7f}', 3),
        ] {
            assert_eq!(
                check_header_value(value),
                Err(HeaderError::ValueCharacter { found, offset }),
                "{value:?}"
            );
        }
        for value in ["", "a\tb", "Mon, 16 Dec 2019 23:48:18 GMT", "\"q\", é😀"] {
            assert_eq!(check_header_value(value), Ok(()), "{value:?}");
        }
    }

    #[test]
    fn names_are_tokens() {
        assert_eq!(check_header_name(""), Err(HeaderError::EmptyName));
        for (name, found, offset) in [
            ("X-A:b", ':', 3),
            ("X A", ' ', 1),
            ("X-\r\nY", '\r', 2),
            ("X-é", 'é', 2),
            ("X-(a)", '(', 2),
        ] {
            assert_eq!(
                check_header_name(name),
                Err(HeaderError::NameCharacter { found, offset }),
                "{name:?}"
            );
        }
        assert_eq!(check_header_name("x-amz-meta-A1!#$%&'*+-.^_`|~"), Ok(()));
    }

    #[test]
    fn request_errors_name_the_member_and_never_print_control_characters() {
        let error = header_name("PutThing", "Metadata", "X-Meta-a\nb".into()).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("member `Metadata`"), "{text}");
        assert!(text.contains("a line feed (LF) at byte 8"), "{text}");
        assert!(!text.contains('\n'), "{text}");
        let error = header_value("PutThing", "Tag", "a\u{1b}b".into()).unwrap_err();
        assert!(
            error.message().contains("the control character U+001B"),
            "{error}"
        );
        assert_eq!(
            header_value("PutThing", "Tag", "fine".into()),
            Ok("fine".to_string())
        );
    }
}
