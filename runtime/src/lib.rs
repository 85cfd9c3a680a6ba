//! Runtime support for Anvil-generated clients.
