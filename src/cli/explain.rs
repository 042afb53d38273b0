//! `empathic explain`: the token-by-token explanation of texts.

use std::io::{self, BufRead, IsTerminal, Write};

use empathic::{Analyzer, Explanation, Polarity};

use super::{ExplainArgs, Failure, io_failure};

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

pub fn run(args: ExplainArgs) -> Result<(), Failure> {
    let analyzer = Analyzer::new();
    let stdout = io::stdout();
    let colour = !args.json && stdout.is_terminal();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut one = |text: &str| -> io::Result<()> {
        let e = analyzer.explain(text);
        if args.json {
            serde_json::to_writer(&mut out, &e)?;
            writeln!(out)
        } else {
            writeln!(out, "{}", render(&e, colour))
        }
    };
    let result = if args.texts.is_empty() {
        io::stdin().lock().lines().try_for_each(|line| one(&line?))
    } else {
        args.texts.iter().try_for_each(|t| one(t))
    };
    match result.and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(io_failure("cannot explain", &e)),
        _ => Ok(()),
    }
}

/// The explanation's table, with positive terms in green and negative ones in red when
/// `colour` is set.
fn render(e: &Explanation, colour: bool) -> String {
    let text = e.to_string();
    if !colour {
        return text;
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut s = String::new();
    for (i, line) in lines.iter().enumerate() {
        let paint = match e.contributions.get(i) {
            Some(c) if c.contribution > 0.0 => GREEN,
            Some(c) if c.contribution < 0.0 => RED,
            Some(_) => "",
            // The last line is the document score.
            None if i + 1 == lines.len() => match e.score.polarity() {
                Polarity::Positive => GREEN,
                Polarity::Negative => RED,
                _ => BOLD,
            },
            None => "",
        };
        if paint.is_empty() {
            s.push_str(line);
        } else {
            s.push_str(paint);
            s.push_str(line);
            s.push_str(RESET);
        }
        if i + 1 < lines.len() {
            s.push('\n');
        }
    }
    s
}
