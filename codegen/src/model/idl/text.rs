//! String literals: escape sequences and the incidental-whitespace rule of text blocks.

/// Decodes the escapes of a quoted string's raw content (between the quotes).
pub fn decode_quoted(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\n') => {}
            Some('u') => {
                let unit = hex_unit(&mut chars)?;
                let scalar = if (0xD800..0xDC00).contains(&unit) {
                    let low =
                        match (chars.next(), chars.next()) {
                            (Some('\\'), Some('u')) => hex_unit(&mut chars)?,
                            _ => return Err(
                                "a high surrogate must be followed by `\\u` and a low surrogate"
                                    .into(),
                            ),
                        };
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(format!("`\\u{low:04X}` is not a low surrogate"));
                    }
                    0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    unit
                };
                out.push(
                    char::from_u32(scalar)
                        .ok_or_else(|| format!("`\\u{scalar:04X}` is not a character"))?,
                );
            }
            Some(other) => return Err(format!("invalid escape `\\{other}`")),
            None => return Err("a `\\` ends the string".into()),
        }
    }
    Ok(out)
}

fn hex_unit(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Result<u32, String> {
    let mut unit = 0;
    for _ in 0..4 {
        let Some(c) = chars.next() else {
            return Err("unclosed unicode escape: `\\u` needs four hex digits".into());
        };
        let digit = c
            .to_digit(16)
            .ok_or_else(|| format!("invalid unicode escape character `{c}`"))?;
        unit = unit * 16 + digit;
    }
    Ok(unit)
}

/// Turns the raw content of a text block (after the line break that follows the opening
/// `"""`, up to the closing `"""`) into its value: the whitespace common to every line
/// is removed, then trailing whitespace of each line, then escapes are decoded.
pub fn decode_text_block(raw: &str) -> Result<String, String> {
    let lines: Vec<&str> = raw.split('\n').collect();
    let last = lines.len() - 1;
    let indent = lines
        .iter()
        .enumerate()
        .filter(|(index, line)| *index == last || !line.trim().is_empty())
        .map(|(_, line)| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let stripped: Vec<&str> = lines
        .iter()
        .map(|line| {
            let cut = indent.min(line.len());
            line[cut..].trim_end_matches([' ', '\t'])
        })
        .collect();
    decode_quoted(&stripped.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes() {
        assert_eq!(decode_quoted(r#"a\"b\\c\u00e9\n"#).unwrap(), "a\"b\\cé\n");
        assert_eq!(decode_quoted("a\\\nb").unwrap(), "ab");
        assert_eq!(decode_quoted(r"\uD83D\uDE00").unwrap(), "😀");
        assert!(decode_quoted(r"\'").is_err());
        assert!(decode_quoted(r"\u12").is_err());
        assert!(decode_quoted(r"\u12tt").is_err());
    }

    #[test]
    fn strips_incidental_whitespace() {
        assert_eq!(decode_text_block("    Hello\n    ").unwrap(), "Hello\n");
        assert_eq!(decode_text_block("    Hello").unwrap(), "Hello");
        assert_eq!(decode_text_block("    ").unwrap(), "");
        assert_eq!(decode_text_block("\n    ").unwrap(), "\n");
        assert_eq!(
            decode_text_block("    a\n\n    b\n         ").unwrap(),
            "a\n\nb\n"
        );
        assert_eq!(
            decode_text_block("    Hi \\\n    there").unwrap(),
            "Hi there"
        );
    }
}
