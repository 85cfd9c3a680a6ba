//! Binary data: the Rust side of the Smithy `blob` shape.
//!
//! JSON protocols carry blobs as base64 text using the standard alphabet with `=` padding.
//! [`Blob::to_base64`] writes that form; [`Blob::from_base64`] reads it and also tolerates
//! missing padding, since being lenient costs nothing when reading.

use std::fmt;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// Standard alphabet; writes padding, accepts input with or without it.
const ENGINE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// An owned sequence of bytes, the value of a Smithy `blob` shape.
///
/// ```
/// use anvil_runtime::Blob;
///
/// let blob = Blob::new(vec![0xde, 0xad, 0xbe, 0xef]);
/// assert_eq!(blob.len(), 4);
/// assert_eq!(blob.to_base64(), "3q2+7w==");
/// assert_eq!(Blob::from_base64("3q2+7w==")?, blob);
/// # Ok::<(), anvil_runtime::BlobDecodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Blob {
    bytes: Vec<u8>,
}

impl Blob {
    /// Wraps the given bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            bytes: bytes.into(),
        }
    }

    /// Borrows the bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Gives back the bytes, without copying them.
    pub fn into_inner(self) -> Vec<u8> {
        self.bytes
    }

    /// Number of bytes (the unit Smithy's `@length` trait counts for blobs).
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the blob holds no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Encodes the bytes as base64 (standard alphabet, padded with `=`).
    ///
    /// ```
    /// use anvil_runtime::Blob;
    ///
    /// assert_eq!(Blob::from("binary-value").to_base64(), "YmluYXJ5LXZhbHVl");
    /// assert_eq!(Blob::default().to_base64(), "");
    /// ```
    pub fn to_base64(&self) -> String {
        ENGINE.encode(&self.bytes)
    }

    /// Decodes base64 text (standard alphabet; the `=` padding may be present or left out).
    ///
    /// ```
    /// use anvil_runtime::Blob;
    ///
    /// assert_eq!(Blob::from_base64("aGk=")?.as_bytes(), b"hi");
    /// assert_eq!(Blob::from_base64("aGk")?.as_bytes(), b"hi");
    /// assert!(Blob::from_base64("a*b=").is_err());
    /// # Ok::<(), anvil_runtime::BlobDecodeError>(())
    /// ```
    pub fn from_base64(text: &str) -> Result<Blob, BlobDecodeError> {
        match ENGINE.decode(text) {
            Ok(bytes) => Ok(Blob { bytes }),
            Err(err) => Err(BlobDecodeError::from_base64_error(&err)),
        }
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob { bytes }
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob {
            bytes: bytes.to_vec(),
        }
    }
}

impl From<&str> for Blob {
    /// Takes the UTF-8 bytes of the text.
    fn from(text: &str) -> Self {
        Blob {
            bytes: text.as_bytes().to_vec(),
        }
    }
}

/// Why some text could not be decoded as base64 by [`Blob::from_base64`].
///
/// ```
/// use anvil_runtime::Blob;
///
/// let err = Blob::from_base64("ab!d").unwrap_err();
/// assert_eq!(err.to_string(), "invalid base64: byte 0x21 ('!') at offset 2 is not in the alphabet");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobDecodeError {
    problem: Problem,
}

/// What went wrong, in terms that do not depend on the base64 crate's own types.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Problem {
    ByteOutsideAlphabet { offset: usize, byte: u8 },
    Length { symbols: usize },
    LastSymbol { offset: usize, byte: u8 },
    Padding,
}

impl BlobDecodeError {
    fn from_base64_error(err: &base64::DecodeError) -> Self {
        let problem = match *err {
            base64::DecodeError::InvalidByte(offset, byte) => {
                Problem::ByteOutsideAlphabet { offset, byte }
            }
            base64::DecodeError::InvalidLength(symbols) => Problem::Length { symbols },
            base64::DecodeError::InvalidLastSymbol(offset, byte) => {
                Problem::LastSymbol { offset, byte }
            }
            base64::DecodeError::InvalidPadding => Problem::Padding,
        };
        BlobDecodeError { problem }
    }
}

/// Writes a byte as hex, plus the character itself when it is printable ASCII.
fn describe_byte(byte: u8) -> String {
    if byte.is_ascii_graphic() || byte == b' ' {
        format!("0x{byte:02x} ('{}')", char::from(byte))
    } else {
        format!("0x{byte:02x}")
    }
}

impl fmt::Display for BlobDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid base64: ")?;
        match self.problem {
            Problem::ByteOutsideAlphabet { offset, byte } => write!(
                f,
                "byte {} at offset {offset} is not in the alphabet",
                describe_byte(byte)
            ),
            Problem::Length { symbols } => write!(
                f,
                "{symbols} symbols cannot form whole bytes (one symbol left over)"
            ),
            Problem::LastSymbol { offset, byte } => write!(
                f,
                "last symbol {} at offset {offset} has bits set past the end of the data",
                describe_byte(byte)
            ),
            Problem::Padding => f.write_str("the `=` padding is malformed"),
        }
    }
}

impl std::error::Error for BlobDecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_and_accessors() {
        let blob = Blob::new(*b"abc");
        assert_eq!(blob.as_bytes(), b"abc");
        assert_eq!(blob.as_ref(), b"abc");
        assert_eq!(blob.len(), 3);
        assert!(!blob.is_empty());
        assert_eq!(Blob::from(&b"abc"[..]), blob);
        assert_eq!(Blob::from(b"abc".to_vec()), blob);
        assert_eq!(Blob::from("abc"), blob);
        assert_eq!(blob.into_inner(), b"abc".to_vec());
        assert!(Blob::default().is_empty());
    }

    #[test]
    fn encodes_standard_padded() {
        let cases: [(&[u8], &str); 6] = [
            (b"", ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (&[0xfb, 0xff, 0xfe], "+//+"),
        ];
        for (bytes, text) in cases {
            assert_eq!(Blob::from(bytes).to_base64(), text);
            assert_eq!(Blob::from_base64(text), Ok(Blob::from(bytes)));
        }
    }

    #[test]
    fn decodes_without_padding() {
        assert_eq!(Blob::from_base64("Zg"), Ok(Blob::from("f")));
        assert_eq!(Blob::from_base64("Zm8"), Ok(Blob::from("fo")));
        // Short padding is tolerated too.
        assert_eq!(Blob::from_base64("Zg="), Ok(Blob::from("f")));
    }

    #[test]
    fn rejects_bad_input_with_messages() {
        let cases = [
            "Zm9v!", "Z", "Zm9vY", "Zh==", "Zg===", "=Zg=", "-_8=", "Zm 9v", "é",
        ];
        for text in cases {
            let err = match Blob::from_base64(text) {
                Ok(blob) => panic!("{text:?} decoded to {blob:?}"),
                Err(err) => err,
            };
            let message = err.to_string();
            assert!(message.starts_with("invalid base64: "), "{message}");
        }
    }

    #[test]
    fn error_messages() {
        let length = Blob::from_base64("Zm9vY").unwrap_err();
        assert_eq!(
            length.to_string(),
            "invalid base64: 5 symbols cannot form whole bytes (one symbol left over)"
        );
        let last = Blob::from_base64("Zh==").unwrap_err();
        assert_eq!(
            last.to_string(),
            "invalid base64: last symbol 0x68 ('h') at offset 1 has bits set past the end of the data"
        );
        let high = Blob::from_base64("\u{e9}").unwrap_err();
        assert_eq!(
            high.to_string(),
            "invalid base64: byte 0xc3 at offset 0 is not in the alphabet"
        );
    }
}
