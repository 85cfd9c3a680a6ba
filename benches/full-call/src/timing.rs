//! The timing loop: warm up, size batches to a few milliseconds, and report the median and
//! the minimum of the per-call time over many batches.

use std::future::Future;
use std::time::{Duration, Instant};

/// Median and minimum time of one call, in microseconds.
pub struct Timing {
    pub median_us: f64,
    pub minimum_us: f64,
}

/// How long to warm up, how long one batch should take, and how many batches to time.
const WARM_UP: Duration = Duration::from_millis(300);
const BATCH: Duration = Duration::from_millis(5);
const BATCHES: usize = 200;

/// Times `call` (one whole SDK call per invocation) on the current async runtime.
pub async fn measure<F, Fut>(mut call: F) -> Timing
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    let start = Instant::now();
    let mut calls: u32 = 0;
    while start.elapsed() < WARM_UP {
        call().await;
        calls += 1;
    }
    let per_call = WARM_UP.as_secs_f64() / f64::from(calls.max(1));
    let batch = ((BATCH.as_secs_f64() / per_call) as u32).max(1);

    let mut samples = Vec::with_capacity(BATCHES);
    for _ in 0..BATCHES {
        let start = Instant::now();
        for _ in 0..batch {
            call().await;
        }
        samples.push(start.elapsed().as_secs_f64() * 1e6 / f64::from(batch));
    }
    samples.sort_by(f64::total_cmp);
    Timing {
        median_us: samples[BATCHES / 2],
        minimum_us: samples[0],
    }
}
