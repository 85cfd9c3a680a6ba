//! The shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`).
//!
//! [`ProfileSet::load`] reads both files and merges them per profile, the credentials file
//! winning key by key; [`ProfileProvider`] turns the selected profile into credentials.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use super::Env;

mod parse;
mod provider;

pub use parse::{ProfileFileKind, ProfileParseError};
pub use provider::ProfileProvider;

/// The profile used when neither the caller nor `AWS_PROFILE` names one.
pub const DEFAULT_PROFILE: &str = "default";

/// One property of a merged profile, and the file it came from.
#[derive(Clone, PartialEq, Eq)]
struct Property {
    value: String,
    file: ProfileFileKind,
}

/// A named profile: properties from both files, the credentials file winning per key.
///
/// `Debug` lists property names only.
#[derive(Clone, PartialEq, Eq)]
pub struct Profile {
    name: String,
    properties: BTreeMap<String, Property>,
}

impl Profile {
    /// The profile's name (without the config file's `profile ` prefix).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value of property `key` (keys are case-insensitive).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.property(key).map(|property| property.value.as_str())
    }

    /// Which file property `key` was taken from.
    pub fn file_of(&self, key: &str) -> Option<ProfileFileKind> {
        self.property(key).map(|property| property.file)
    }

    fn property(&self, key: &str) -> Option<&Property> {
        self.properties.get(&key.to_ascii_lowercase())
    }
}

impl fmt::Debug for Profile {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Profile")
            .field("name", &self.name)
            .field("keys", &self.properties.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// A shared file could not be read.
#[derive(Debug)]
#[non_exhaustive]
pub enum ProfileFileError {
    /// The file exists but reading it failed (permissions, not UTF-8, ...).
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A line of the file is malformed.
    Parse(ProfileParseError),
}

impl fmt::Display for ProfileFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Self::Parse(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ProfileFileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Read { source, .. } => Some(source),
            Self::Parse(error) => Some(error),
        }
    }
}

/// Every profile of the shared files, and what was found where.
#[derive(Clone, Debug, Default)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
    /// One phrase per file: "/home/me/.aws/config (not found)" and the like.
    looked_at: Vec<String>,
}

impl ProfileSet {
    /// Reads the config file (`AWS_CONFIG_FILE`, else `~/.aws/config`) and the credentials
    /// file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`). A missing file counts
    /// as empty; an unreadable or malformed one is an error.
    ///
    /// The files are small and read synchronously.
    pub fn load(env: &Env) -> Result<Self, ProfileFileError> {
        let mut set = Self::default();
        // Config first, so that the credentials file overwrites it key by key.
        for (kind, variable, default_path) in [
            (ProfileFileKind::Config, "AWS_CONFIG_FILE", "~/.aws/config"),
            (
                ProfileFileKind::Credentials,
                "AWS_SHARED_CREDENTIALS_FILE",
                "~/.aws/credentials",
            ),
        ] {
            let configured = env.get(variable);
            let wanted = configured.as_deref().unwrap_or(default_path);
            let Some(path) = env.expand_home(wanted) else {
                set.looked_at
                    .push(format!("{wanted} (no home directory: HOME is not set)"));
                continue;
            };
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    let parsed = parse::parse_profiles(&text, kind, &path)
                        .map_err(ProfileFileError::Parse)?;
                    set.merge(parsed, kind);
                    set.looked_at.push(path.display().to_string());
                }
                Err(error) if error.kind() == io::ErrorKind::NotFound => {
                    set.looked_at
                        .push(format!("{} (not found)", path.display()));
                }
                Err(source) => return Err(ProfileFileError::Read { path, source }),
            }
        }
        Ok(set)
    }

    /// Profiles parsed from texts rather than files (`path`s only label errors).
    pub fn from_texts(
        config: Option<(&str, &Path)>,
        credentials: Option<(&str, &Path)>,
    ) -> Result<Self, ProfileParseError> {
        let mut set = Self::default();
        for (kind, input) in [
            (ProfileFileKind::Config, config),
            (ProfileFileKind::Credentials, credentials),
        ] {
            if let Some((text, path)) = input {
                set.merge(parse::parse_profiles(text, kind, path)?, kind);
                set.looked_at.push(path.display().to_string());
            }
        }
        Ok(set)
    }

    fn merge(&mut self, parsed: parse::ParsedProfiles, file: ProfileFileKind) {
        for (name, properties) in parsed {
            let profile = self
                .profiles
                .entry(name.clone())
                .or_insert_with(|| Profile {
                    name,
                    properties: BTreeMap::new(),
                });
            for (key, value) in properties {
                profile.properties.insert(key, Property { value, file });
            }
        }
    }

    /// The profile called `name`.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// The names of all profiles, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.profiles.keys().map(String::as_str)
    }

    /// Which files were read or missed, for messages: `"/h/.aws/config (not found), ..."`.
    pub fn looked_at(&self) -> String {
        if self.looked_at.is_empty() {
            "no files".to_string()
        } else {
            self.looked_at.join(", ")
        }
    }
}

/// Which profile to use, and whether someone asked for it by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileSelection {
    /// The profile's name.
    pub name: String,
    /// Where the name came from: `"caller"`, `"AWS_PROFILE"`, `"AWS_DEFAULT_PROFILE"`, or
    /// `"default"` when nobody named one.
    pub source: &'static str,
}

impl ProfileSelection {
    /// The caller's `explicit` name (for example from `--profile`), else `AWS_PROFILE`, else
    /// `AWS_DEFAULT_PROFILE`, else `default`.
    pub fn resolve(explicit: Option<&str>, env: &Env) -> Self {
        if let Some(name) = explicit.filter(|name| !name.is_empty()) {
            return Self {
                name: name.to_string(),
                source: "caller",
            };
        }
        for variable in ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"] {
            if let Some(name) = env.get(variable) {
                return Self {
                    name,
                    source: variable,
                };
            }
        }
        Self {
            name: DEFAULT_PROFILE.to_string(),
            source: "default",
        }
    }

    /// Whether the profile was named by the caller or the environment: then a missing
    /// profile is an error rather than "nothing configured".
    pub fn is_named(&self) -> bool {
        self.source != "default"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_file_wins_key_by_key() {
        let set = ProfileSet::from_texts(
            Some((
                "[profile dev]\nregion = eu-west-1\naws_access_key_id = CONFIG\n",
                Path::new("config"),
            )),
            Some((
                "[dev]\naws_access_key_id = CREDS\n",
                Path::new("credentials"),
            )),
        )
        .unwrap();
        let dev = set.profile("dev").unwrap();
        assert_eq!(dev.get("AWS_ACCESS_KEY_ID"), Some("CREDS"));
        assert_eq!(
            dev.file_of("aws_access_key_id"),
            Some(ProfileFileKind::Credentials)
        );
        assert_eq!(dev.get("region"), Some("eu-west-1"));
        assert_eq!(dev.file_of("region"), Some(ProfileFileKind::Config));
        assert_eq!(set.looked_at(), "config, credentials");
    }

    #[test]
    fn profile_debug_lists_keys_only() {
        let set = ProfileSet::from_texts(
            None,
            Some(("[a]\naws_secret_access_key = CANARY\n", Path::new("c"))),
        )
        .unwrap();
        let printed = format!("{set:?}");
        assert!(printed.contains("aws_secret_access_key"));
        assert!(!printed.contains("CANARY"));
    }

    #[test]
    fn selection_order_is_caller_then_environment_then_default() {
        let env = Env::from_pairs([("AWS_PROFILE", "env"), ("AWS_DEFAULT_PROFILE", "older")]);
        assert_eq!(ProfileSelection::resolve(Some("cli"), &env).name, "cli");
        assert_eq!(ProfileSelection::resolve(None, &env).name, "env");
        let older = Env::from_pairs([("AWS_DEFAULT_PROFILE", "older")]);
        assert_eq!(ProfileSelection::resolve(None, &older).name, "older");
        let none = ProfileSelection::resolve(None, &Env::from_pairs::<&str, &str>([]));
        assert_eq!(none.name, "default");
        assert!(!none.is_named());
    }
}
