//! Parsing one shared config or credentials file into profiles.
//!
//! The format, as the AWS CLI reads it:
//! - `[name]` starts a profile in the credentials file; in the config file profiles are
//!   `[profile name]`, except `[default]`. In the config file `[profile default]` wins over
//!   `[default]`; other sections (`[sso-session x]`, `[services x]`, a bare `[name]`) hold no
//!   profile and are skipped.
//! - `key = value` sets a property; keys are case-insensitive (kept lowercase here), values
//!   are trimmed, and ` #` or ` ;` (after whitespace) starts a comment.
//! - Lines starting with `#` or `;` are comments; blank lines are ignored.
//! - An indented line continues the property above it: its text is appended to the value on
//!   a new line. (Right after a section header, with no property yet, it is an ordinary line.) This is also how sub-sections (`s3 =` then indented `key = value` lines)
//!   stay attached to their parent without becoming top-level properties.
//! - A section seen twice is merged; within one file a later key wins.
//!
//! Error messages name the file and line but never repeat the line (it may hold a secret).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// Which of the two shared files a text came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileFileKind {
    /// `~/.aws/config`: `[profile name]` sections.
    Config,
    /// `~/.aws/credentials`: `[name]` sections.
    Credentials,
}

/// Profile name to its properties (lowercase key to value), for one file.
pub(crate) type ParsedProfiles = BTreeMap<String, BTreeMap<String, String>>;

/// A line of a shared file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileParseError {
    path: PathBuf,
    line: usize,
    message: &'static str,
}

impl ProfileParseError {
    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The line, counting from 1.
    pub fn line(&self) -> usize {
        self.line
    }
}

impl fmt::Display for ProfileParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, line {}: {}",
            self.path.display(),
            self.line,
            self.message
        )
    }
}

impl std::error::Error for ProfileParseError {}

/// The section that lines currently belong to.
enum Section {
    /// Before the first section header.
    None,
    /// A section that holds no profile; its properties are dropped.
    Skipped,
    /// A profile; `explicit_default` marks the config file's `[profile default]`.
    Profile {
        name: String,
        explicit_default: bool,
    },
}

/// Parses `text`, the contents of `path`, as a file of `kind`.
pub(crate) fn parse_profiles(
    text: &str,
    kind: ProfileFileKind,
    path: &Path,
) -> Result<ParsedProfiles, ProfileParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut profiles = ParsedProfiles::new();
    // The config file's `[default]`, kept apart until we know whether `[profile default]`
    // (which wins) is present.
    let mut plain_default: BTreeMap<String, String> = BTreeMap::new();
    let mut saw_explicit_default = false;
    let mut saw_plain_default = false;
    let mut section = Section::None;
    // The property the next indented line continues.
    let mut open_key: Option<String> = None;

    for (index, raw_line) in text.lines().enumerate() {
        let error = |message| ProfileParseError {
            path: path.to_path_buf(),
            line: index + 1,
            message,
        };
        let line = raw_line.trim_end();
        let content = line.trim_start();
        if content.is_empty() || content.starts_with(['#', ';']) {
            continue;
        }
        let indented = content.len() != line.len();

        if let (true, Some(key)) = (indented, &open_key) {
            let target = match &section {
                Section::Profile {
                    name,
                    explicit_default: false,
                } if kind == ProfileFileKind::Config && name == "default" => {
                    Some(&mut plain_default)
                }
                Section::Profile { name, .. } => profiles.get_mut(name),
                _ => None,
            };
            if let Some(value) = target.and_then(|properties| properties.get_mut(key)) {
                value.push('\n');
                value.push_str(strip_inline_comment(content).trim());
            }
            continue;
        }

        if let Some(header) = content.strip_prefix('[') {
            let Some(end) = header.find(']') else {
                return Err(error("section header is missing its closing `]`"));
            };
            section = section_for(header[..end].trim(), kind);
            open_key = None;
            if let Section::Profile {
                name,
                explicit_default,
            } = &section
            {
                saw_explicit_default |= *explicit_default;
                let is_plain_default =
                    kind == ProfileFileKind::Config && name == "default" && !explicit_default;
                if is_plain_default {
                    saw_plain_default = true;
                } else {
                    profiles.entry(name.clone()).or_default();
                }
            }
            continue;
        }

        let Some((key, value)) = content.split_once('=') else {
            return Err(error("expected `name = value`, a `[section]` or a comment"));
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() {
            return Err(error("property has no name before `=`"));
        }
        let value = strip_inline_comment(value).trim().to_string();
        let properties = match &section {
            Section::None => return Err(error("property appears before any [section]")),
            Section::Skipped => None,
            Section::Profile {
                name,
                explicit_default: false,
            } if kind == ProfileFileKind::Config && name == "default" => Some(&mut plain_default),
            Section::Profile { name, .. } => profiles.get_mut(name),
        };
        if let Some(properties) = properties {
            properties.insert(key.clone(), value);
        }
        open_key = Some(key);
    }

    if saw_plain_default && !saw_explicit_default {
        profiles.insert("default".to_string(), plain_default);
    }
    Ok(profiles)
}

/// What a section header `[name]` (brackets removed, trimmed) opens in a file of `kind`.
fn section_for(name: &str, kind: ProfileFileKind) -> Section {
    let profile = |name: &str, explicit_default| {
        if is_valid_profile_name(name) {
            Section::Profile {
                name: name.to_string(),
                explicit_default,
            }
        } else {
            Section::Skipped
        }
    };
    match kind {
        ProfileFileKind::Credentials => profile(name, false),
        ProfileFileKind::Config => {
            if name == "default" {
                return profile(name, false);
            }
            match name.strip_prefix("profile") {
                Some(rest) if rest.starts_with([' ', '\t']) => {
                    let rest = rest.trim();
                    profile(rest, rest == "default")
                }
                _ => Section::Skipped,
            }
        }
    }
}

/// Profile names are one word: no whitespace, not empty.
fn is_valid_profile_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(char::is_whitespace)
}

/// `value` up to a `#` or `;` that follows whitespace.
fn strip_inline_comment(value: &str) -> &str {
    let mut previous_is_space = false;
    for (index, character) in value.char_indices() {
        if previous_is_space && (character == '#' || character == ';') {
            return &value[..index];
        }
        previous_is_space = character.is_whitespace();
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, kind: ProfileFileKind) -> ParsedProfiles {
        parse_profiles(text, kind, Path::new("f")).unwrap()
    }

    fn get<'a>(profiles: &'a ParsedProfiles, profile: &str, key: &str) -> Option<&'a str> {
        profiles.get(profile)?.get(key).map(String::as_str)
    }

    #[test]
    fn config_sections_need_the_profile_prefix_except_default() {
        let text = "[default]\nregion = us-east-1\n[profile dev]\nregion=eu-west-1\n\
                    [plain]\nregion = x\n[sso-session s]\nsso_region = y\n";
        let profiles = parse(text, ProfileFileKind::Config);
        assert_eq!(get(&profiles, "default", "region"), Some("us-east-1"));
        assert_eq!(get(&profiles, "dev", "region"), Some("eu-west-1"));
        assert!(!profiles.contains_key("plain"));
        assert!(!profiles.contains_key("sso-session s"));
        assert_eq!(profiles.len(), 2);
    }

    #[test]
    fn credentials_sections_are_bare_names() {
        let text = "[dev]\naws_access_key_id = A\n[profile other]\naws_access_key_id = B\n";
        let profiles = parse(text, ProfileFileKind::Credentials);
        assert_eq!(get(&profiles, "dev", "aws_access_key_id"), Some("A"));
        assert_eq!(profiles.len(), 1);
    }

    #[test]
    fn profile_default_wins_over_default_in_config() {
        let text = "[default]\nregion = a\noutput = json\n[profile default]\nregion = b\n";
        let profiles = parse(text, ProfileFileKind::Config);
        assert_eq!(get(&profiles, "default", "region"), Some("b"));
        assert_eq!(get(&profiles, "default", "output"), None);
    }

    #[test]
    fn comments_whitespace_and_key_case() {
        let text = "# top\n; also\n  [ profile dev ]  # trailing\n\tRegion\t=\t us-west-2 ; note\n\
                    url = http://h/#frag\n\n";
        let profiles = parse(text, ProfileFileKind::Config);
        assert_eq!(get(&profiles, "dev", "region"), Some("us-west-2"));
        assert_eq!(get(&profiles, "dev", "url"), Some("http://h/#frag"));
    }

    #[test]
    fn indented_lines_continue_and_sub_sections_stay_nested() {
        let text = "[profile dev]\ns3 =\n  max_concurrent_requests = 10\n  region = nested\n\
                    region = top\nlong = a\n  b\n";
        let profiles = parse(text, ProfileFileKind::Config);
        assert_eq!(get(&profiles, "dev", "region"), Some("top"));
        assert_eq!(
            get(&profiles, "dev", "s3"),
            Some("\nmax_concurrent_requests = 10\nregion = nested")
        );
        assert_eq!(get(&profiles, "dev", "long"), Some("a\nb"));
    }

    #[test]
    fn repeated_sections_merge_and_later_keys_win() {
        let text = "[a]\nx = 1\ny = 1\n[b]\n[a]\ny = 2\n";
        let profiles = parse(text, ProfileFileKind::Credentials);
        assert_eq!(get(&profiles, "a", "x"), Some("1"));
        assert_eq!(get(&profiles, "a", "y"), Some("2"));
        assert!(profiles["b"].is_empty());
    }

    #[test]
    fn an_empty_default_section_still_defines_the_profile() {
        let profiles = parse("[default]\n", ProfileFileKind::Config);
        assert!(profiles.contains_key("default"));
    }

    #[test]
    fn errors_name_the_line_but_not_its_text() {
        let cases = [
            ("[a]\naws_secret_access_key CANARY\n", 2),
            ("aws_secret_access_key = CANARY\n", 1),
            ("[a\n", 1),
            ("[a]\n = CANARY\n", 2),
            ("   CANARY\n", 1),
        ];
        for (text, line) in cases {
            let err =
                parse_profiles(text, ProfileFileKind::Credentials, Path::new("creds")).unwrap_err();
            assert_eq!(err.line(), line, "{text:?}");
            let printed = format!("{err} {err:?}");
            assert!(
                printed.starts_with(&format!("creds, line {line}: ")),
                "{printed}"
            );
            assert!(!printed.contains("CANARY"), "{printed}");
        }
    }
}
