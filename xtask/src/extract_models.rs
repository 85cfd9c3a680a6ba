//! `cargo xtask extract-models`: placeholder, filled in by the models work.

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("extract-models is not written yet".to_string())
}
