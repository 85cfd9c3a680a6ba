//! [`Path`]: where in the input a violation was found.

use std::fmt::{self, Write as _};

/// The location of a value inside an operation's input, built on the stack while generated
/// code walks that input.
///
/// Each step borrows the step before it, so building a path costs no allocation; it is turned
/// into text only when a violation is recorded. Rendering follows the member names of the
/// model: members are joined with `.` (no dot directly under [`Path::Root`]), list positions
/// are written `[3]`, and map keys are written `["key"]` with `"` and `\` escaped as `\"` and
/// `\\`. [`Path::Root`] alone renders as the empty string.
///
/// ```
/// use anvil_runtime::Path;
///
/// let root = Path::Root;
/// let operations = root.member("Operations");
/// let third = operations.index(3);
/// assert_eq!(third.member("AttributePath").to_string(), "Operations[3].AttributePath");
///
/// let tags = root.member("Tags");
/// assert_eq!(tags.key("say \"hi\"").to_string(), r#"Tags["say \"hi\""]"#);
/// assert_eq!(root.to_string(), "");
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The input value itself.
    Root,
    /// A member of a structure or union, by its name in the model.
    Member(&'a Path<'a>, &'static str),
    /// An item of a list, by its position (counted from 0).
    Index(&'a Path<'a>, usize),
    /// An entry of a map, by its key.
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    /// The path of the member `name` of the structure or union at this path.
    pub fn member(&'a self, name: &'static str) -> Path<'a> {
        Path::Member(self, name)
    }

    /// The path of item `i` (counted from 0) of the list at this path.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }

    /// The path of the entry with key `key` of the map at this path.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The step before this one, or `None` for [`Path::Root`].
    fn parent(&self) -> Option<&'a Path<'a>> {
        match *self {
            Path::Root => None,
            Path::Member(parent, _) | Path::Index(parent, _) | Path::Key(parent, _) => Some(parent),
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Gather the steps leaf-first and write them root-first. A loop rather than recursion,
        // so that a very deep path cannot exhaust the stack; this runs only when a violation
        // is being recorded, which allocates anyway.
        let mut steps = Vec::new();
        let mut step = Some(self);
        while let Some(current) = step {
            steps.push(current);
            step = current.parent();
        }
        let mut first = true;
        for step in steps.iter().rev() {
            match **step {
                Path::Root => {}
                Path::Member(_, name) => {
                    if !first {
                        f.write_char('.')?;
                    }
                    f.write_str(name)?;
                    first = false;
                }
                Path::Index(_, i) => {
                    write!(f, "[{i}]")?;
                    first = false;
                }
                Path::Key(_, key) => {
                    f.write_str("[\"")?;
                    for c in key.chars() {
                        if c == '"' || c == '\\' {
                            f.write_char('\\')?;
                        }
                        f.write_char(c)?;
                    }
                    f.write_str("\"]")?;
                    first = false;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Path;

    #[test]
    fn root_is_empty() {
        assert_eq!(Path::Root.to_string(), "");
    }

    #[test]
    fn members_are_joined_with_dots() {
        let root = Path::Root;
        let settings = root.member("Settings");
        assert_eq!(settings.to_string(), "Settings");
        assert_eq!(settings.member("Theme").to_string(), "Settings.Theme");
    }

    #[test]
    fn indexes_and_keys() {
        let root = Path::Root;
        let operations = root.member("Operations");
        let third = operations.index(3);
        assert_eq!(third.to_string(), "Operations[3]");
        assert_eq!(
            third.member("AttributePath").to_string(),
            "Operations[3].AttributePath"
        );
        let tags = root.member("Tags");
        assert_eq!(tags.key("key").to_string(), r#"Tags["key"]"#);
        let nested = tags.key("a");
        assert_eq!(nested.index(0).to_string(), r#"Tags["a"][0]"#);
    }

    #[test]
    fn steps_directly_under_root() {
        let root = Path::Root;
        assert_eq!(root.index(2).to_string(), "[2]");
        assert_eq!(root.key("k").to_string(), r#"["k"]"#);
        let item = root.index(0);
        assert_eq!(item.member("Name").to_string(), "[0].Name");
    }

    #[test]
    fn keys_escape_quotes_and_backslashes() {
        let root = Path::Root;
        let tags = root.member("Tags");
        assert_eq!(tags.key(r#"a"b\c"#).to_string(), r#"Tags["a\"b\\c"]"#);
        assert_eq!(tags.key("").to_string(), r#"Tags[""]"#);
        assert_eq!(tags.key("é😀").to_string(), "Tags[\"é😀\"]");
    }

    #[test]
    fn deep_paths_render_without_recursion() {
        fn build(depth: usize, parent: &Path<'_>) -> String {
            if depth == 0 {
                parent.to_string()
            } else {
                build(depth - 1, &parent.member("Next"))
            }
        }
        let text = build(1_000, &Path::Root);
        assert_eq!(text.len(), 1_000 * 5 - 1);
        assert!(text.starts_with("Next.Next"));
    }
}
