//! Anvil code generator.
