//! Every `smithy.rules#endpointTests` case of the official AWS models in `../shared`, run
//! through the runtime's endpoint rules engine with `../shared/models/sdk-partitions.json`.
//!
//! Each case's `params` become the parameters (cases with `operationInputs` carry the bound
//! values in `params` as well); the resolved URL must match exactly, headers and properties
//! as JSON, and an expected error by its exact message.
//!
//! Some cases predate the current partitions table: they expect, for instance, an error for
//! dual-stack in a partition that has since gained it. Such a case is counted as *stale*, not
//! failed, only when it fails with the table as it is and passes once the `supportsFIPS` and/or
//! `supportsDualStack` flag of the partition its region falls in is flipped. A second, separately
//! counted kind: *stale-suffix* cases fail with the table as it is and pass once their
//! partition's `dualStackDnsSuffix` equals its `dnsSuffix` (global endpoints of rule sets that
//! always use the dual-stack suffix, tested when the ISO partitions had the same value in both).
//! The classification is the generator's own ([`StaleCheck`]), which marks such cases ignored
//! in the generated tests.
//!
//! The summary line reads `N passed, M failed, K skipped, S stale, D stale-suffix`; set
//! `ENDPOINT_CORPUS_VERBOSE=1` to list the stale and skipped cases with their reasons.
//!
//! To stay fast in debug builds, only the two trait values are parsed out of each model (each
//! key occurs once per model; the whole file is parsed when that does not hold).

mod common;

use common::json_files;

use std::path::Path;

use anvil_codegen::ir::endpoint::{
    CaseVerdict, RULE_SET_TRAIT, StaleCheck, TESTS_TRAIT, test_cases,
};
use anvil_runtime::endpoint::RuleSet;
use serde_json::Value as Json;

const OFFICIAL_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/models/aws");
const PARTITIONS_FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/models/sdk-partitions.json"
);

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| {
        panic!(
            "../shared is missing: cannot read {} ({err}); the official models are expected in \
             shared/ beside the repository",
            path.display()
        )
    })
}

/// The value of the only occurrence of `"key":` in `text`, if it occurs exactly once.
fn sole_value(text: &str, key: &str) -> Option<Json> {
    let quoted = format!("\"{key}\"");
    let mut found = text.match_indices(&quoted);
    let (at, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let rest = text[at + quoted.len()..].trim_start().strip_prefix(':')?;
    serde_json::Deserializer::from_str(rest)
        .into_iter::<Json>()
        .next()?
        .ok()
}

/// The endpoint rule set and tests of a model, from its text.
fn endpoint_traits(name: &str, text: &str) -> (Option<Json>, Option<Json>) {
    if let (Some(rules), Some(tests)) = (
        sole_value(text, RULE_SET_TRAIT),
        sole_value(text, TESTS_TRAIT),
    ) {
        return (Some(rules), Some(tests));
    }
    let model: Json = serde_json::from_str(text).unwrap_or_else(|err| panic!("{name}: {err}"));
    let traits = model["shapes"]
        .as_object()
        .and_then(|shapes| shapes.values().find(|shape| shape["type"] == "service"))
        .and_then(|service| service.get("traits"));
    match traits {
        Some(traits) => (
            traits.get(RULE_SET_TRAIT).cloned(),
            traits.get(TESTS_TRAIT).cloned(),
        ),
        None => (None, None),
    }
}

#[derive(Default)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
    skipped: Vec<String>,
    stale: Vec<String>,
    stale_suffix: Vec<String>,
}

fn run_model(file: &Path, check: &StaleCheck, tally: &mut Tally) {
    let name = file
        .file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned();
    let (rule_set_json, tests_json) = endpoint_traits(&name, &read(file));
    let Some(rule_set_json) = rule_set_json else {
        tally.failed.push(format!("{name}: no {RULE_SET_TRAIT}"));
        return;
    };
    let rule_set = match RuleSet::from_json(&rule_set_json.to_string()) {
        Ok(rule_set) => rule_set,
        Err(err) => {
            tally.failed.push(format!("{name}: {err}"));
            return;
        }
    };
    let Some(tests_json) = tests_json else {
        return;
    };
    let all = tests_json["testCases"].as_array().map_or(0, Vec::len);
    let cases = match test_cases(&tests_json) {
        Ok(cases) => cases,
        Err(err) => {
            tally.failed.push(format!("{name}: {err}"));
            return;
        }
    };
    if cases.len() < all {
        tally.skipped.push(format!(
            "{name}: {} case(s) give only operation inputs, no parameters",
            all - cases.len()
        ));
    }
    for case in &cases {
        let label = format!("{name} {}", case.name);
        match check.check(&rule_set, &case.params(), &case.expect) {
            CaseVerdict::Passed => tally.passed += 1,
            CaseVerdict::Failed(problem) => tally.failed.push(format!("{label}: {problem}")),
            CaseVerdict::Stale(reason) => tally.stale.push(format!("{label}: {reason}")),
            CaseVerdict::StaleSuffix(reason) => {
                tally.stale_suffix.push(format!("{label}: {reason}"))
            }
        }
    }
}

#[test]
fn every_endpoint_test_case_of_the_official_models() {
    let check =
        StaleCheck::new(&read(Path::new(PARTITIONS_FILE))).expect("sdk-partitions.json parses");
    let mut tally = Tally::default();
    let files = json_files(Path::new(OFFICIAL_DIR));
    assert!(
        files.len() > 400,
        "expected the 403 official models, found {}",
        files.len()
    );
    for file in &files {
        run_model(file, &check, &mut tally);
    }
    println!(
        "{} passed, {} failed, {} skipped, {} stale, {} stale-suffix",
        tally.passed,
        tally.failed.len(),
        tally.skipped.len(),
        tally.stale.len(),
        tally.stale_suffix.len()
    );
    if std::env::var_os("ENDPOINT_CORPUS_VERBOSE").is_some() {
        for stale in &tally.stale {
            println!("stale: {stale}");
        }
        for stale in &tally.stale_suffix {
            println!("stale-suffix: {stale}");
        }
        for skipped in &tally.skipped {
            println!("skipped: {skipped}");
        }
    }
    for failure in tally.failed.iter().take(60) {
        println!("FAILED: {failure}");
    }
    assert!(
        tally.failed.is_empty(),
        "{} endpoint test cases failed (listed above)",
        tally.failed.len()
    );
    assert!(tally.passed > 13_000, "only {} cases passed", tally.passed);
}
