//! A native loader for the Smithy IDL (2.0, and the 1.0 forms still seen): text ->
//! tokens -> statements -> raw shapes -> flattened JSON AST -> the same [`Model`] the JSON
//! loader builds.
//!
//! [`Model`]: crate::model::Model

mod ast;
mod emit;
mod entities;
mod error;
mod flatten;
mod json_shapes;
mod lexer;
mod loader;
mod lower;
mod node_parser;
mod parser;
mod prelude_names;
mod raw;
mod resolve;
mod shape_parser;
mod text;
mod values;

pub use error::{IdlError, IdlProblem, Position};
pub use loader::{json_ast, load_paths};
