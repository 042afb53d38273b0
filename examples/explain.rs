//! Prints the token-by-token explanation of each argument (or of a few samples).
//!
//! `cargo run --example explain -- "Not bad at all, but the battery died :("`

fn main() {
    let analyzer = empathic::Analyzer::new();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let samples = [
        "The kettle looks great but it stopped working after a week.",
        "Works like a charm, highly recommend!",
    ];
    let texts: Vec<&str> = if args.is_empty() {
        samples.to_vec()
    } else {
        args.iter().map(String::as_str).collect()
    };
    for text in texts {
        println!("{text}\n{}\n", analyzer.explain(text));
    }
}
