//! Catches the canonical request that the signer reports through `tracing` at trace level
//! (it has no other way to show it).
//!
//! A global subscriber, installed once, appends every `canonical_request` field of an
//! `anvil_runtime::sign` event to a per-thread list, so tests on parallel threads do not mix.

use std::cell::RefCell;
use std::fmt;
use std::sync::Once;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

thread_local! {
    static CAPTURED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

struct CanonicalRequestSubscriber;

impl Subscriber for CanonicalRequestSubscriber {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("anvil_runtime::sign")
    }

    fn new_span(&self, _span: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _span: &Id, _values: &Record<'_>) {}

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        event.record(&mut CanonicalRequestField);
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}
}

struct CanonicalRequestField;

impl Visit for CanonicalRequestField {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        if field.name() == "canonical_request" {
            let text = format!("{value:?}");
            CAPTURED.with(|captured| captured.borrow_mut().push(text));
        }
    }
}

/// Runs `sign` and returns its result with the canonical requests logged meanwhile.
pub fn capture<T>(sign: impl FnOnce() -> T) -> (T, Vec<String>) {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        tracing::subscriber::set_global_default(CanonicalRequestSubscriber)
            .expect("no other global subscriber in this test binary");
    });
    CAPTURED.with(|captured| captured.borrow_mut().clear());
    let result = sign();
    let canonical_requests = CAPTURED.with(|captured| captured.take());
    (result, canonical_requests)
}
