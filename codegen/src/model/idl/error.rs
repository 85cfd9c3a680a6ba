//! Errors of the IDL loader: every one names the file, line and column it concerns.

use std::fmt;
use std::path::PathBuf;

/// A position in an IDL file: 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One located problem in an IDL model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdlProblem {
    /// The file.
    pub path: PathBuf,
    /// Where in the file.
    pub position: Position,
    /// What is wrong (for syntax errors: what was expected and what was found).
    pub message: String,
}

impl fmt::Display for IdlProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{}:{}:{}: {}",
            self.path.display(),
            self.position.line,
            self.position.column,
            self.message
        )
    }
}

/// Why a set of IDL files could not be loaded: one or more located problems.
#[derive(Debug, thiserror::Error)]
#[error("{}", ProblemLines(problems))]
pub struct IdlError {
    /// Every problem found, in file order.
    pub problems: Vec<IdlProblem>,
}

impl IdlError {
    /// An error with a single problem.
    pub fn single(path: PathBuf, position: Position, message: impl Into<String>) -> Self {
        Self {
            problems: vec![IdlProblem {
                path,
                position,
                message: message.into(),
            }],
        }
    }
}

struct ProblemLines<'a>(&'a [IdlProblem]);

impl fmt::Display for ProblemLines<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.0.iter().enumerate() {
            if index > 0 {
                writeln!(formatter)?;
            }
            write!(formatter, "{problem}")?;
        }
        Ok(())
    }
}

/// A problem inside one file, before the file name is attached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where.
    pub position: Position,
    /// What.
    pub message: String,
}

impl SyntaxError {
    /// A problem at `position`.
    pub fn new(position: Position, message: impl Into<String>) -> Self {
        Self {
            position,
            message: message.into(),
        }
    }
}
