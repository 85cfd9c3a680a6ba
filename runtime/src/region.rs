//! Which AWS region a client talks to.
//!
//! [`resolve_region`] looks, in order, at the caller's explicit choice (for example the CLI's
//! `--region`), `AWS_REGION`, `AWS_DEFAULT_REGION`, and the `region` of the selected profile.
//! When none has one, the error says where it looked. [`resolve_region_with_files`] also
//! finds and reads the profile.

use std::fmt;

use crate::credentials::Env;
use crate::credentials::profile::{Profile, ProfileFileKind, ProfileSelection, ProfileSet};

/// Where the resolved region came from.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionSource {
    /// Given by the caller.
    Explicit,
    /// The named environment variable (`AWS_REGION` or `AWS_DEFAULT_REGION`).
    Environment(&'static str),
    /// The `region` property of the named profile, from the named file.
    Profile {
        /// The profile's name.
        name: String,
        /// The file the property came from.
        file: ProfileFileKind,
    },
}

impl fmt::Display for RegionSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Explicit => f.write_str("explicit setting"),
            Self::Environment(variable) => f.write_str(variable),
            Self::Profile { name, file } => {
                let file = match file {
                    ProfileFileKind::Config => "config",
                    ProfileFileKind::Credentials => "credentials",
                };
                write!(f, "profile `{name}` ({file} file)")
            }
        }
    }
}

/// A region, and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedRegion {
    /// The region, such as `us-east-1`.
    pub region: String,
    /// Where it came from.
    pub source: RegionSource,
}

/// No region was configured, or the one configured is not a valid region name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionError {
    /// Nothing set a region; `looked_in` lists the places tried, in order.
    Missing {
        /// Places tried, e.g. `"AWS_REGION (not set)"`.
        looked_in: Vec<String>,
    },
    /// A shared config file could not be read.
    ProfileFile {
        /// What went wrong, with the file and line.
        message: String,
    },
    /// The chosen value is not a host label (letters, digits and inner hyphens).
    Invalid {
        /// The value.
        region: String,
        /// Where it came from.
        source: RegionSource,
        /// What is wrong with it.
        reason: crate::wire::RegionError,
    },
}

impl fmt::Display for RegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { looked_in } => {
                f.write_str("no AWS region configured; looked in:")?;
                for place in looked_in {
                    write!(f, "\n  - {place}")?;
                }
                Ok(())
            }
            Self::ProfileFile { message } => write!(f, "cannot resolve the region: {message}"),
            Self::Invalid {
                region,
                source,
                reason,
            } => write!(f, "invalid region {region:?} from {source}: {reason}"),
        }
    }
}

impl std::error::Error for RegionError {}

/// Resolves the region: `explicit`, then `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the
/// `region` of `profile` (the selected profile, if it exists). The first value found is
/// checked and returned; later places are not consulted.
///
/// ```
/// use anvil_runtime::credentials::Env;
/// use anvil_runtime::region::{RegionSource, resolve_region};
///
/// let env = Env::from_pairs([("AWS_DEFAULT_REGION", "eu-west-1")]);
/// let resolved = resolve_region(None, &env, None)?;
/// assert_eq!(resolved.region, "eu-west-1");
/// assert_eq!(resolved.source, RegionSource::Environment("AWS_DEFAULT_REGION"));
///
/// let err = resolve_region(None, &Env::from_pairs::<&str, &str>([]), None).unwrap_err();
/// assert!(err.to_string().contains("AWS_REGION (not set)"));
/// # Ok::<(), anvil_runtime::region::RegionError>(())
/// ```
pub fn resolve_region(
    explicit: Option<&str>,
    env: &Env,
    profile: Option<&Profile>,
) -> Result<ResolvedRegion, RegionError> {
    let mut looked_in = Vec::new();
    let found = if let Some(region) = explicit.filter(|region| !region.is_empty()) {
        Some((region.to_string(), RegionSource::Explicit))
    } else {
        looked_in.push("explicit setting (none given)".to_string());
        let from_env = ["AWS_REGION", "AWS_DEFAULT_REGION"]
            .into_iter()
            .find_map(|variable| {
                let value = env.get(variable);
                if value.is_none() {
                    looked_in.push(format!("{variable} (not set)"));
                }
                Some((value?, RegionSource::Environment(variable)))
            });
        from_env.or_else(|| {
            let Some(profile) = profile else {
                looked_in.push("profile (none selected or not defined)".to_string());
                return None;
            };
            match (profile.get("region"), profile.file_of("region")) {
                (Some(region), Some(file)) if !region.is_empty() => Some((
                    region.to_string(),
                    RegionSource::Profile {
                        name: profile.name().to_string(),
                        file,
                    },
                )),
                _ => {
                    looked_in.push(format!("profile `{}` (no `region`)", profile.name()));
                    None
                }
            }
        })
    };
    let Some((region, source)) = found else {
        return Err(RegionError::Missing { looked_in });
    };
    let region = region.trim().to_string();
    if let Err(reason) = crate::wire::check_region(&region) {
        return Err(RegionError::Invalid {
            region,
            source,
            reason,
        });
    }
    Ok(ResolvedRegion { region, source })
}

/// [`resolve_region`] with the profile taken from the shared files: the caller's `profile`
/// name, else `AWS_PROFILE`, else `default`. The files are read only when neither `explicit`
/// nor the environment gives a region.
pub fn resolve_region_with_files(
    explicit: Option<&str>,
    env: &Env,
    profile: Option<&str>,
) -> Result<ResolvedRegion, RegionError> {
    let settled_without_files = explicit.is_some_and(|region| !region.is_empty())
        || env.get("AWS_REGION").is_some()
        || env.get("AWS_DEFAULT_REGION").is_some();
    if settled_without_files {
        return resolve_region(explicit, env, None);
    }
    let set = ProfileSet::load(env).map_err(|error| RegionError::ProfileFile {
        message: error.to_string(),
    })?;
    let selection = ProfileSelection::resolve(profile, env);
    let found = set.profile(&selection.name);
    resolve_region(explicit, env, found).map_err(|error| match (error, found) {
        (RegionError::Missing { mut looked_in }, None) => {
            looked_in.pop();
            looked_in.push(format!(
                "profile `{}` (not defined; looked in {})",
                selection.name,
                set.looked_at()
            ));
            RegionError::Missing { looked_in }
        }
        (error, _) => error,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::credentials::ProfileSet;

    fn profiles() -> ProfileSet {
        ProfileSet::from_texts(
            Some((
                "[profile dev]\nregion = ap-south-1\n[profile bad]\nregion = us east\n",
                Path::new("config"),
            )),
            None,
        )
        .unwrap()
    }

    #[test]
    fn order_is_explicit_then_environment_then_profile() {
        let set = profiles();
        let dev = set.profile("dev");
        let env = Env::from_pairs([("AWS_REGION", "eu-north-1"), ("AWS_DEFAULT_REGION", "x-1")]);
        let explicit = resolve_region(Some("us-west-2"), &env, dev).unwrap();
        assert_eq!(explicit.region, "us-west-2");
        assert_eq!(explicit.source, RegionSource::Explicit);
        assert_eq!(
            resolve_region(None, &env, dev).unwrap().region,
            "eu-north-1"
        );
        let empty = Env::from_pairs::<&str, &str>([]);
        let from_profile = resolve_region(None, &empty, dev).unwrap();
        assert_eq!(from_profile.region, "ap-south-1");
        assert_eq!(
            from_profile.source.to_string(),
            "profile `dev` (config file)"
        );
    }

    #[test]
    fn missing_region_says_where_it_looked() {
        let set = ProfileSet::from_texts(Some(("[default]\n", Path::new("c"))), None).unwrap();
        let err = resolve_region(
            None,
            &Env::from_pairs::<&str, &str>([]),
            set.profile("default"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "no AWS region configured; looked in:\n  - explicit setting (none given)\n  \
             - AWS_REGION (not set)\n  - AWS_DEFAULT_REGION (not set)\n  \
             - profile `default` (no `region`)"
        );
    }

    #[test]
    fn values_must_be_host_labels() {
        let set = profiles();
        let empty = Env::from_pairs::<&str, &str>([]);
        assert!(matches!(
            resolve_region(None, &empty, set.profile("bad")),
            Err(RegionError::Invalid { .. })
        ));
        for bad in ["-us", "us-", "a.b", "us/east", &"a".repeat(64)] {
            assert!(resolve_region(Some(bad), &empty, None).is_err(), "{bad}");
        }
        assert!(resolve_region(Some("cn-northwest-1"), &empty, None).is_ok());
    }
}
