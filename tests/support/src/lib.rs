//! A scripted HTTP/1.1 server for end-to-end tests of Anvil clients and the `anvil call`
//! command.
//!
//! - [`TestServer`] listens on 127.0.0.1 (an ephemeral port), answers each request with
//!   the next scripted [`Action`] (a reply, a late reply, a dropped connection) and records
//!   every [`Attempt`] with its arrival time;
//! - [`sigv4`] recomputes each request's SigV4 signature on its own (canonical request,
//!   string to sign, HMAC-SHA256 chain) and refuses what does not verify with a 403.
//!
//! It is one crate so that the workspace tests and the CLI's tests share one server. It
//! runs on plain threads and blocking sockets, so tests drive it the same way whether they
//! run a Tokio runtime (client tests) or a child process (the `anvil` binary).

mod http1;
mod server;
pub mod sigv4;

pub use server::{Action, Attempt, Reply, TestServer, refused_url};
