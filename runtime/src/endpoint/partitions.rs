//! The partitions table (`sdk-partitions.json`) and the `aws.partition` lookup.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use crate::json::{Map, Value as Json};
use regex::{Regex, RegexBuilder};

/// The AWS partitions and their regions, parsed once from `sdk-partitions.json`.
#[derive(Debug)]
pub struct Partitions {
    partitions: Vec<PartitionEntry>,
    /// Every listed region with its partition's outputs and its own overrides merged in.
    regions: HashMap<String, Partition, BuildHasherDefault<Fnv1a>>,
    /// The index of the `aws` partition, used when nothing else matches.
    fallback: Option<usize>,
}

#[derive(Debug)]
struct PartitionEntry {
    region_regex: Regex,
    outputs: Partition,
}

/// FNV-1a, a hash much cheaper than the standard one on short keys such as region names.
/// The keys are the table's own, so a chosen region string gains nothing from collisions.
#[derive(Default)]
struct Fnv1a(u64);

impl Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// What `aws.partition` gives for a region: the fields rules read with `getAttr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Partition {
    name: String,
    dns_suffix: String,
    dual_stack_dns_suffix: String,
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: String,
}

impl Partition {
    /// The partition's name (`aws`, `aws-cn`, `aws-us-gov`, ...).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The DNS suffix of its endpoints (`amazonaws.com`).
    pub fn dns_suffix(&self) -> &str {
        &self.dns_suffix
    }

    /// The DNS suffix of its dual-stack endpoints (`api.aws`).
    pub fn dual_stack_dns_suffix(&self) -> &str {
        &self.dual_stack_dns_suffix
    }

    /// Whether it has FIPS endpoints.
    pub fn supports_fips(&self) -> bool {
        self.supports_fips
    }

    /// Whether it has dual-stack endpoints.
    pub fn supports_dual_stack(&self) -> bool {
        self.supports_dual_stack
    }

    /// The region that global services of the partition use.
    pub fn implicit_global_region(&self) -> &str {
        &self.implicit_global_region
    }

    /// A field by the name rules use (`dnsSuffix`, `supportsFIPS`, ...).
    pub(crate) fn field(&self, name: &str) -> Option<PartitionField<'_>> {
        Some(match name {
            "name" => PartitionField::Text(&self.name),
            "dnsSuffix" => PartitionField::Text(&self.dns_suffix),
            "dualStackDnsSuffix" => PartitionField::Text(&self.dual_stack_dns_suffix),
            "implicitGlobalRegion" => PartitionField::Text(&self.implicit_global_region),
            "supportsFIPS" => PartitionField::Flag(self.supports_fips),
            "supportsDualStack" => PartitionField::Flag(self.supports_dual_stack),
            _ => return None,
        })
    }

    /// Overwrites the fields that `overrides` sets; other keys (`description`) are ignored.
    fn apply(&mut self, overrides: &Map, path: &str) -> Result<(), PartitionsError> {
        for (key, value) in overrides {
            let text = |target: &mut String| match value.as_str() {
                Some(text) => {
                    *target = text.to_string();
                    Ok(())
                }
                None => Err(PartitionsError::new(
                    &format!("{path}.{key}"),
                    "expected a string",
                )),
            };
            let flag = |target: &mut bool| match value.as_bool() {
                Some(flag) => {
                    *target = flag;
                    Ok(())
                }
                None => Err(PartitionsError::new(
                    &format!("{path}.{key}"),
                    "expected a boolean",
                )),
            };
            match key.as_str() {
                "name" => text(&mut self.name)?,
                "dnsSuffix" => text(&mut self.dns_suffix)?,
                "dualStackDnsSuffix" => text(&mut self.dual_stack_dns_suffix)?,
                "implicitGlobalRegion" => text(&mut self.implicit_global_region)?,
                "supportsFIPS" => flag(&mut self.supports_fips)?,
                "supportsDualStack" => flag(&mut self.supports_dual_stack)?,
                _ => {}
            }
        }
        Ok(())
    }
}

/// A field of a [`Partition`].
pub(crate) enum PartitionField<'p> {
    Text(&'p str),
    Flag(bool),
}

impl Partitions {
    /// Parses a partitions table in the shape of `sdk-partitions.json`, compiling each
    /// partition's `regionRegex` once.
    pub fn from_json(text: &str) -> Result<Partitions, PartitionsError> {
        let json: Json = crate::json::parse_bytes(text.as_bytes())
            .map_err(|err| PartitionsError::new("$", &format!("not JSON: {err}")))?;
        let list = json
            .get("partitions")
            .and_then(Json::as_array)
            .ok_or_else(|| PartitionsError::new("$", "missing the `partitions` array"))?;
        let mut partitions = Vec::with_capacity(list.len());
        let mut regions = HashMap::default();
        let mut fallback = None;
        for (index, entry) in list.iter().enumerate() {
            let path = format!("$.partitions[{index}]");
            let id = string_at(entry, "id", &path)?;
            let pattern = string_at(entry, "regionRegex", &path)?;
            // The table's patterns are ECMA-262 with ASCII-only `\w` and `\d`: the `regex`
            // crate without Unicode classes reads the syntax they use the same way.
            let region_regex =
                RegexBuilder::new(pattern)
                    .unicode(false)
                    .build()
                    .map_err(|err| {
                        PartitionsError::new(
                            &format!("{path}.regionRegex"),
                            &format!("bad regex: {err}"),
                        )
                    })?;
            let mut outputs = Partition {
                name: id.to_string(),
                dns_suffix: String::new(),
                dual_stack_dns_suffix: String::new(),
                supports_fips: false,
                supports_dual_stack: false,
                implicit_global_region: String::new(),
            };
            let outputs_json = entry
                .get("outputs")
                .and_then(Json::as_object)
                .ok_or_else(|| PartitionsError::new(&path, "missing the `outputs` object"))?;
            outputs.apply(outputs_json, &format!("{path}.outputs"))?;
            if let Some(listed) = entry.get("regions") {
                let listed = listed.as_object().ok_or_else(|| {
                    PartitionsError::new(&format!("{path}.regions"), "expected an object")
                })?;
                for (region, overrides) in listed {
                    let region_path = format!("{path}.regions.{region}");
                    let overrides = overrides
                        .as_object()
                        .ok_or_else(|| PartitionsError::new(&region_path, "expected an object"))?;
                    let mut merged = outputs.clone();
                    merged.apply(overrides, &region_path)?;
                    regions.entry(region.clone()).or_insert(merged);
                }
            }
            if id == "aws" {
                fallback = Some(index);
            }
            partitions.push(PartitionEntry {
                region_regex,
                outputs,
            });
        }
        Ok(Partitions {
            partitions,
            regions,
            fallback,
        })
    }

    /// The partition of `region`: the one listing it, else the first whose `regionRegex`
    /// matches, else `aws`. `None` only when the table has no `aws` partition.
    pub fn partition_of(&self, region: &str) -> Option<&Partition> {
        if let Some(listed) = self.regions.get(region) {
            return Some(listed);
        }
        self.partitions
            .iter()
            .find(|entry| entry.region_regex.is_match(region))
            .or_else(|| self.fallback.map(|index| &self.partitions[index]))
            .map(|entry| &entry.outputs)
    }
}

fn string_at<'j>(json: &'j Json, key: &str, path: &str) -> Result<&'j str, PartitionsError> {
    json.get(key)
        .and_then(Json::as_str)
        .ok_or_else(|| PartitionsError::new(path, &format!("missing the string `{key}`")))
}

/// A partitions table that cannot be used, with the JSON path of the offending value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionsError {
    path: String,
    message: String,
}

impl PartitionsError {
    fn new(path: &str, message: &str) -> Self {
        PartitionsError {
            path: path.to_string(),
            message: message.to_string(),
        }
    }

    /// Where the problem is, as a JSON path (`$.partitions[2].regionRegex`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong there.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for PartitionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid partitions table at {}: {}",
            self.path, self.message
        )
    }
}

impl std::error::Error for PartitionsError {}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = r#"{"version": "1.1", "partitions": [
        {"id": "aws", "regionRegex": "^(us|eu)\\-\\w+\\-\\d+$",
         "regions": {"us-east-1": {"description": "N. Virginia"},
                     "aws-global": {"description": "global", "supportsDualStack": false}},
         "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                     "supportsFIPS": true, "supportsDualStack": true, "implicitGlobalRegion": "us-east-1"}},
        {"id": "aws-cn", "regionRegex": "^cn\\-\\w+\\-\\d+$", "regions": {},
         "outputs": {"name": "aws-cn", "dnsSuffix": "amazonaws.com.cn", "dualStackDnsSuffix": "api.amazonwebservices.com.cn",
                     "supportsFIPS": false, "supportsDualStack": true, "implicitGlobalRegion": "cn-northwest-1"}}
    ]}"#;

    #[test]
    fn listed_regions_then_regexes_then_aws() {
        let table = Partitions::from_json(TABLE).unwrap();
        assert_eq!(
            table.partition_of("us-east-1").unwrap().dns_suffix(),
            "amazonaws.com"
        );
        assert!(
            !table
                .partition_of("aws-global")
                .unwrap()
                .supports_dual_stack()
        );
        let china = table.partition_of("cn-north-9").unwrap();
        assert_eq!((china.name(), china.supports_fips()), ("aws-cn", false));
        assert_eq!(table.partition_of("mars-east-1").unwrap().name(), "aws");
        assert_eq!(
            table.partition_of("").unwrap().implicit_global_region(),
            "us-east-1"
        );
    }

    #[test]
    fn errors_name_the_place() {
        let err = Partitions::from_json(
            r#"{"partitions": [{"id": "x", "regionRegex": "(", "outputs": {}}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.path(), "$.partitions[0].regionRegex");
        let err = Partitions::from_json(r#"{"partitions": [{"id": "x", "regionRegex": "x", "outputs": {"supportsFIPS": "yes"}}]}"#)
            .unwrap_err();
        assert_eq!(err.path(), "$.partitions[0].outputs.supportsFIPS");
        assert!(Partitions::from_json("[]").is_err());
    }
}
