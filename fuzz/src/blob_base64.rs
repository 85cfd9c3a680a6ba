//! Base64 reading of blobs: `Blob::from_base64` on fuzzed text, and the writer against it.
//!
//! The input, when it is UTF-8, is decoded; what decodes must encode to text that decodes
//! to the same bytes. The raw input is also encoded and must decode back to itself.

use anvil_runtime::Blob;

/// Decodes the text, and round-trips the raw bytes.
pub fn run(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        match Blob::from_base64(text) {
            Ok(blob) => {
                let again = Blob::from_base64(&blob.to_base64());
                assert_eq!(again.as_ref(), Ok(&blob), "{text:?} does not round-trip");
            }
            Err(error) => drop(error.to_string()),
        }
    }
    let blob = Blob::new(data);
    let encoded = blob.to_base64();
    assert_eq!(
        Blob::from_base64(&encoded).as_ref(),
        Ok(&blob),
        "{encoded:?} does not decode to the bytes it encodes"
    );
}
