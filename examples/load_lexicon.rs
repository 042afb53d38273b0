//! Loads the bundled lexicons as the first `Analyzer::new()` does, `N` times (default 1), for
//! profiling the load (mean and best wall time; instruction counts with callgrind, per thread:
//! `load_parallel` inclusive on each):
//!
//! ```text
//! valgrind --tool=callgrind --separate-threads=yes target/release/examples/load_lexicon
//! target/release/examples/load_lexicon 300
//! ```

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    // As the criterion bench (`lexicon/load`): the drop is not timed.
    let (mut total, mut best) = (0.0f64, f64::MAX);
    let mut words = 0;
    for _ in 0..n {
        let start = std::time::Instant::now();
        let (w, built) = empathic::__bench::load_builtin_lexicon();
        let ms = start.elapsed().as_secs_f64() * 1e3;
        (total, best, words) = (total + ms, best.min(ms), w);
        drop(std::hint::black_box(built));
    }
    println!(
        "{words} terms: {:.3} ms per load, best {best:.3} ms",
        total / n as f64
    );
}
