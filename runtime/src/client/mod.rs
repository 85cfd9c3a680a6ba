//! The call path a generated client runs: [`Config`] (settings every service shares),
//! [`invoke`] (one call with validation, endpoint resolution, signing, transport and
//! retries) and [`SdkError`] (what a call fails with).

mod config;
mod error;
mod invoke;

pub use config::{Config, ConfigBuilder};
pub use error::SdkError;
pub use invoke::invoke;
