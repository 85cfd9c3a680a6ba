//! The timing loop the benches share.

use std::time::{Duration, Instant};

/// Median and minimum time of one `run`, over batches sized to take about 2 ms.
pub fn measure(mut run: impl FnMut()) -> (Duration, Duration) {
    const SAMPLES: usize = 60;
    const TARGET: Duration = Duration::from_millis(2);
    let mut batch: u32 = 1;
    loop {
        let start = Instant::now();
        for _ in 0..batch {
            run();
        }
        if start.elapsed() >= TARGET / 4 || batch >= 1 << 24 {
            break;
        }
        batch *= 2;
    }
    batch *= 4;
    let mut samples: Vec<Duration> = (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                run();
            }
            start.elapsed() / batch
        })
        .collect();
    samples.sort();
    (samples[SAMPLES / 2], samples[0])
}
