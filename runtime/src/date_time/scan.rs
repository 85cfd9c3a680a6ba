//! A small byte cursor shared by the `date-time` and `http-date` parsers.
//!
//! Every method returns a reason string on failure, ready to go into a `DateTimeError`.

/// Reads ASCII text from left to right.
pub(super) struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Scanner<'a> {
    /// Starts at the beginning of `text`.
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    /// The next byte, without consuming it.
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Consumes the next byte if it is `byte`.
    pub(super) fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes `literal`, or explains what was found instead.
    pub(super) fn expect(&mut self, literal: &str) -> Result<(), String> {
        let end = self.pos + literal.len();
        if self.bytes.get(self.pos..end) == Some(literal.as_bytes()) {
            self.pos = end;
            Ok(())
        } else {
            Err(format!("expected `{literal}` at offset {}", self.pos))
        }
    }

    /// Consumes exactly `count` ASCII digits and returns their value; `what` names the field
    /// in the error. `count` must be at most 9.
    pub(super) fn digits(&mut self, count: usize, what: &str) -> Result<u32, String> {
        debug_assert!(count <= 9);
        let end = self.pos + count;
        match self.bytes.get(self.pos..end) {
            Some(run) if run.iter().all(u8::is_ascii_digit) => {
                self.pos = end;
                Ok(run
                    .iter()
                    .fold(0, |value, digit| value * 10 + u32::from(digit - b'0')))
            }
            _ => Err(format!(
                "expected a {count}-digit {what} at offset {}",
                self.pos
            )),
        }
    }

    /// Consumes exactly `count` bytes, whatever they are.
    pub(super) fn take(&mut self, count: usize, what: &str) -> Result<&'a [u8], String> {
        let end = self.pos + count;
        match self.bytes.get(self.pos..end) {
            Some(run) => {
                self.pos = end;
                Ok(run)
            }
            None => Err(format!("expected {what} at offset {}", self.pos)),
        }
    }

    /// Reads an optional fraction of a second: `.` and one or more digits. Returns the
    /// nanoseconds, keeping the first nine digits and dropping the rest; 0 when absent.
    pub(super) fn fraction(&mut self) -> Result<u32, String> {
        if !self.eat(b'.') {
            return Ok(0);
        }
        let start = self.pos;
        let mut nanos = 0;
        let mut kept = 0;
        while let Some(byte) = self.peek().filter(u8::is_ascii_digit) {
            if kept < 9 {
                nanos = nanos * 10 + u32::from(byte - b'0');
                kept += 1;
            }
            self.pos += 1;
        }
        if self.pos == start {
            return Err(format!(
                "expected digits after the decimal point at offset {start}"
            ));
        }
        // Scale up as if the missing digits were zeros.
        for _ in kept..9 {
            nanos *= 10;
        }
        Ok(nanos)
    }

    /// Current offset, in bytes.
    pub(super) fn offset(&self) -> usize {
        self.pos
    }

    /// Succeeds when all input has been consumed.
    pub(super) fn finish(&self) -> Result<(), String> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(format!("unexpected text at offset {}", self.pos))
        }
    }
}
