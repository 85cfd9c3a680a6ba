//! Reading `--input` and `--body`: inline text, `@path` for a file or `-` for standard
//! input, never more than [`MAX_INPUT_BYTES`].

use std::io::Read;

/// The most bytes one `--input` or `--body` may hold: 10 MiB, far above any request or
/// response these operations exchange, and small enough to hold in memory without worry.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// The cap as people read it.
const CAP_TEXT: &str = "10 MiB (10485760 bytes)";

/// Reads `source` for `option` (`--input`, `--body`): the text itself, `@path` to read a file,
/// or `-` for standard input. At most one byte past the cap is ever read.
pub fn read_source(option: &str, source: &str) -> Result<String, String> {
    if source == "-" {
        let bytes = read_capped(std::io::stdin().lock())
            .map_err(|error| format!("{option}: cannot read standard input: {error}"))?
            .ok_or_else(|| {
                format!(
                    "{option}: standard input is larger than the {CAP_TEXT} cap \
                     (stopped reading at byte {})",
                    MAX_INPUT_BYTES + 1
                )
            })?;
        return utf8(option, "standard input", bytes);
    }
    if let Some(path) = source.strip_prefix('@') {
        let shown = path.escape_debug().to_string();
        let file = std::fs::File::open(path).map_err(|error| format!("{shown}: {error}"))?;
        let size = file.metadata().map(|metadata| metadata.len()).ok();
        let bytes = read_capped(file)
            .map_err(|error| format!("{shown}: {error}"))?
            .ok_or_else(|| {
                let size = size
                    .map(|size| format!("it is {size} bytes"))
                    .unwrap_or_else(|| format!("more than {MAX_INPUT_BYTES} bytes were read"));
                format!("{option}: {shown} is larger than the {CAP_TEXT} cap ({size})")
            })?;
        return utf8(option, &shown, bytes);
    }
    check_inline(option, source)?;
    Ok(source.to_string())
}

/// Refuses inline text over the cap (the operating system's own limit on one argument is
/// usually lower, but it is not ours to rely on).
fn check_inline(option: &str, text: &str) -> Result<(), String> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(format!(
            "{option}: the text is {} bytes, larger than the {CAP_TEXT} cap",
            text.len()
        ));
    }
    Ok(())
}

/// Everything `reader` holds if it is within the cap; `None` if it holds more.
fn read_capped(reader: impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() <= MAX_INPUT_BYTES).then_some(bytes))
}

fn utf8(option: &str, origin: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|error| {
        format!(
            "{option}: {origin} is not UTF-8 (invalid byte at offset {})",
            error.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_stop_one_byte_past_the_cap() {
        let exactly = vec![b'x'; MAX_INPUT_BYTES];
        assert_eq!(
            read_capped(exactly.as_slice())
                .unwrap()
                .map(|bytes| bytes.len()),
            Some(MAX_INPUT_BYTES)
        );
        let over = vec![b'x'; MAX_INPUT_BYTES + 1];
        assert_eq!(read_capped(over.as_slice()).unwrap(), None);
        // A reader that never ends is read only up to the cap and one byte.
        let endless = std::io::repeat(b'x');
        assert_eq!(read_capped(endless).unwrap(), None);
    }

    #[test]
    fn inline_text_over_the_cap_is_refused() {
        let text = "x".repeat(MAX_INPUT_BYTES + 1);
        assert_eq!(
            check_inline("--input", &text),
            Err(
                "--input: the text is 10485761 bytes, larger than the 10 MiB (10485760 bytes) cap"
                    .to_string()
            )
        );
        assert_eq!(check_inline("--input", &text[1..]), Ok(()));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_with_their_offset() {
        assert_eq!(
            utf8("--body", "standard input", b"ab\xffc".to_vec()),
            Err("--body: standard input is not UTF-8 (invalid byte at offset 2)".to_string())
        );
    }
}
