//! The environment that providers read: variables and, through `HOME`, the home directory.
//!
//! Providers never call `std::env` directly. They take an [`Env`], which reads the process
//! environment by default and a fixed map in tests, so tests can run in parallel without
//! touching the real environment.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Where environment variables come from.
///
/// `Debug` lists variable names only, never their values (they may hold secrets).
///
/// ```
/// use anvil_runtime::credentials::Env;
///
/// let env = Env::from_pairs([("AWS_REGION", "eu-west-1"), ("HOME", "/home/me"), ("EMPTY", "")]);
/// assert_eq!(env.get("AWS_REGION").as_deref(), Some("eu-west-1"));
/// assert_eq!(env.get("EMPTY"), None);
/// assert_eq!(env.home_dir(), Some("/home/me".into()));
/// ```
#[derive(Clone, Default)]
pub struct Env {
    fixed: Option<Arc<BTreeMap<String, String>>>,
}

impl Env {
    /// The environment of this process.
    pub fn process() -> Self {
        Self { fixed: None }
    }

    /// A fixed set of variables; nothing else is visible.
    pub fn from_pairs<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Self
    where
        K: Into<String>,
        V: Into<String>,
    {
        let map = pairs
            .into_iter()
            .map(|(name, value)| (name.into(), value.into()))
            .collect();
        Self {
            fixed: Some(Arc::new(map)),
        }
    }

    /// The value of variable `name`; `None` when it is unset, empty or not valid Unicode.
    pub fn get(&self, name: &str) -> Option<String> {
        let value = match &self.fixed {
            Some(map) => map.get(name).cloned(),
            None => std::env::var(name).ok(),
        };
        value.filter(|value| !value.is_empty())
    }

    /// The user's home directory: `HOME`, or on Windows `USERPROFILE` (then `HOMEDRIVE` plus
    /// `HOMEPATH`) when `HOME` is unset.
    pub fn home_dir(&self) -> Option<PathBuf> {
        if let Some(home) = self.get("HOME") {
            return Some(PathBuf::from(home));
        }
        if cfg!(windows) {
            if let Some(profile) = self.get("USERPROFILE") {
                return Some(PathBuf::from(profile));
            }
            if let (Some(drive), Some(path)) = (self.get("HOMEDRIVE"), self.get("HOMEPATH")) {
                return Some(PathBuf::from(format!("{drive}{path}")));
            }
        }
        None
    }

    /// `path` with a leading `~` replaced by the home directory; `None` when it starts with
    /// `~` and there is no home directory.
    pub fn expand_home(&self, path: &str) -> Option<PathBuf> {
        let rest = match path.strip_prefix('~') {
            None => return Some(PathBuf::from(path)),
            Some(rest) => rest,
        };
        let home = self.home_dir()?;
        let rest = rest.trim_start_matches(['/', '\\']);
        if rest.is_empty() {
            Some(home)
        } else {
            Some(home.join(rest))
        }
    }
}

impl fmt::Debug for Env {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.fixed {
            None => formatter.write_str("Env(process)"),
            Some(map) => formatter.debug_set().entries(map.keys()).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_names_but_not_values() {
        let env = Env::from_pairs([("AWS_SECRET_ACCESS_KEY", "CANARY")]);
        let printed = format!("{env:?}");
        assert!(printed.contains("AWS_SECRET_ACCESS_KEY"));
        assert!(!printed.contains("CANARY"));
    }

    #[test]
    fn tilde_expands_to_home_and_needs_one() {
        let env = Env::from_pairs([("HOME", "/h")]);
        assert_eq!(
            env.expand_home("~/.aws/x"),
            Some(PathBuf::from("/h/.aws/x"))
        );
        assert_eq!(env.expand_home("/abs"), Some(PathBuf::from("/abs")));
        assert_eq!(Env::from_pairs::<&str, &str>([]).expand_home("~/x"), None);
    }
}
