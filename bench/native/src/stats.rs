//! Small statistics and unit helpers shared by the subcommands.

use std::time::Instant;

/// Bytes in a megabyte, for MB/s: decimal (10^6), like the sizes of the scaling series.
pub const MB: f64 = 1_000_000.0;

/// Median of `values` (mean of the two middle ones for an even count); 0 for none.
pub fn median(values: &[f64]) -> f64 {
    let sorted = sorted(values);
    let n = sorted.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// The `p`-th percentile (0–100) of `values` by the nearest-rank method: the smallest value
/// with at least p% of the values at or below it; 0 for none.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    let sorted = sorted(values);
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn sorted(values: &[f64]) -> Vec<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// Runs `f` and returns its result and the wall time it took, in seconds.
pub fn timed<R>(f: impl FnOnce() -> R) -> (R, f64) {
    let start = Instant::now();
    let result = f();
    (result, start.elapsed().as_secs_f64())
}

/// `x` rounded to `digits` decimals, so the JSON stays readable.
pub fn round(x: f64, digits: i32) -> f64 {
    let scale = 10f64.powi(digits);
    (x * scale).round() / scale
}
