//! `generated/` is exactly what the generator writes for `models/`, and the staleness
//! check notices every kind of drift. `cargo xtask codegen --check` runs the same check.

mod common;

use anvil_codegen::check::{sdk_files_for, stale_files};
use common::workspace_root;

#[test]
fn generated_crate_is_current() {
    let root = workspace_root();
    let files = sdk_files_for(&root.join("models"), "../runtime").expect("models/ generates");
    let stale = stale_files(&root.join("generated"), &files);
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`:\n{}",
        stale.join("\n")
    );
}

#[test]
fn staleness_check_names_changed_missing_and_extra_files() {
    let root = workspace_root();
    let files = sdk_files_for(&root.join("models"), "../runtime").expect("models/ generates");
    let copy = std::env::temp_dir().join(format!("anvil-stale-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    for file in &files {
        let path = copy.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &file.contents).unwrap();
    }
    assert_eq!(stale_files(&copy, &files), Vec::<String>::new());

    let edited = copy.join("src/identitystore/operation/update_user.rs");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("// a hand edit\n");
    std::fs::write(&edited, text).unwrap();
    std::fs::remove_file(copy.join("src/workmail/mod.rs")).unwrap();
    std::fs::write(copy.join("src/stray.rs"), "").unwrap();

    let stale = stale_files(&copy, &files);
    std::fs::remove_dir_all(&copy).unwrap();
    assert_eq!(stale.len(), 3, "{stale:?}");
    assert!(
        stale[0].starts_with("changed: ") && stale[0].ends_with("update_user.rs"),
        "{stale:?}"
    );
    assert!(
        stale[1].starts_with("missing: ") && stale[1].ends_with("workmail/mod.rs"),
        "{stale:?}"
    );
    assert!(
        stale[2].starts_with("not generated: ") && stale[2].ends_with("stray.rs"),
        "{stale:?}"
    );
}
