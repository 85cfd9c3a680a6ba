//! Anvil's code generator: Smithy JSON AST -> typed model -> IR -> formatted Rust.
//!
//! The stages are separate modules and data flows one way:
//! [`model`] reads and checks JSON, [`ir`] decides Rust names and types, [`emit`] renders
//! files. [`generate`] runs them all.

pub mod check;
pub mod emit;
mod generate;
pub mod ir;
mod manifest;
pub mod model;
pub mod pattern;

pub use generate::{
    CodegenError, DEFAULT_PARTITIONS_JSON, GenerateMode, ServiceSpec, generate_sdk,
    generate_sdk_with_partitions, generate_standalone, generate_standalone_from_model,
    generate_standalone_with_partitions,
};
