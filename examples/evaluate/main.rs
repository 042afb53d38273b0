//! Measures empathic's accuracy (or another system's, from its outputs) on labelled data.
//!
//! ```text
//! cargo run --release --example evaluate -- [FOLDER] [OPTIONS]
//! ```
//!
//! Reads every `*.jsonl` under FOLDER (default `../shared/eval`; a single file works too; format
//! in `../shared/eval/MANIFEST.md`) and prints, per file and per `domain` when a file has
//! several: 3-class accuracy and macro-F1, per-class precision/recall/F1, binary accuracy on
//! non-neutral items, Pearson and Spearman r against the human rating `score` where present, and
//! the confusion matrix. Files without `label` (emotion sets) and without `text` (a system's
//! outputs) are skipped with a note on stderr; a malformed line is reported as `file:line` and
//! its file skipped (exit status 1).
//!
//! Options:
//! - `--split tune|holdout|all` (default `all`): `tune` keeps the items whose FNV-1a 64-bit hash
//!   of `id` is even, `holdout` those where it is odd. Tune on one half, report the other.
//! - `--json`: the figures as JSON on stdout (`tests/data/accuracy-baseline.json` is
//!   `--split holdout --json`).
//! - `--markdown`: a README-ready table with the date and the command.
//! - `--reference FILE`: measure another system's outputs (`{"id", "compound"}` per line, e.g.
//!   `vader/vader-3.3.2-reference.jsonl`) joined by id instead of empathic; items missing from
//!   it are counted on stderr and skipped, files with none of their ids in it are skipped.
//! - `--worst N`: the N worst items per file: misclassified (3-class) first, then by
//!   `|compound − gold|` where gold is `score / 4` when rated, else ±1 or 0.
//! - `--explain`: with `--worst`, empathic's explanation of each of those items.
//! - `--only SUBSTR`: only the files whose path contains SUBSTR.
//! - `--model default|vader`: the model to score with (`vader` reproduces vaderSentiment 3.3.2
//!   exactly, so VADER is measured on every set, not only those with a reference file).
//! - `--speaker customer|support|everyone`: whose turns of a chat transcript are scored
//!   (default customer; `everyone` reads every line, as before transcripts were recognised).
//!
//! Conventions (the VADER paper's): compound ≥ 0.05 is positive, ≤ −0.05 negative, else
//! neutral. Macro-F1 averages F1 over the classes present in the gold labels of the file or
//! domain, so on a binary set a predicted neutral is an error; weighted F1 weights each class by
//! its gold count (the closest match to the VADER paper's published F1). Binary accuracy covers the items
//! whose gold label is not neutral, predicted by the sign of compound; exactly 0 is wrong.
//!
//! Examples:
//! ```text
//! cargo run --release --example evaluate -- ../shared/eval --split holdout
//! cargo run --release --example evaluate -- --reference ../shared/eval/vader/vader-3.3.2-reference.jsonl
//! cargo run --release --example evaluate -- --only uci --worst 50 --explain
//! ```

mod dataset;
mod eval;
mod metrics;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dataset::{Item, SetFile, Split};
use eval::{Figures, Group};
use metrics::Class;

const HELP: &str = "\
Measures empathic's accuracy (or another system's outputs) on labelled JSONL data.

USAGE: cargo run --release --example evaluate -- [FOLDER] [OPTIONS]

FOLDER                 data folder or file (default ../shared/eval); every *.jsonl under it
--split tune|holdout|all
                       which half of each file (default all): tune = FNV-1a 64-bit hash of
                       `id` is even, holdout = odd
--json                 figures as JSON on stdout
--markdown             a README-ready table, with the date and the command
--reference FILE       score with another system's {\"id\",\"compound\"} JSONL, joined by id;
                       ids missing from it are reported and skipped
--worst N              print the N worst items per file: misclassified first, then by
                       |compound - gold| (gold = score/4 when rated, else +-1 or 0)
--explain              with --worst, add empathic's explanation of each item
--only SUBSTR          only files whose path contains SUBSTR
--model default|vader  empathic's model (vader = vaderSentiment 3.3.2, exactly)
--speaker customer|support|everyone
                       whose turns of a chat transcript are scored (default customer)
-h, --help             this help

Conventions: compound >= 0.05 positive, <= -0.05 negative, else neutral (VADER). Macro-F1
averages F1 over the classes present in the gold labels (on binary sets, predicted neutral is
an error); weighted F1 weights each class by its gold count (closest to the VADER paper's F1). Binary accuracy: items with a non-neutral gold label, predicted by the sign of
compound, exactly 0 counts as wrong. Pearson and Spearman r (average ranks for ties) against
`score` where present. Files without `label` or `text` are skipped with a note on stderr.";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Debug)]
struct Options {
    folder: PathBuf,
    split: Split,
    format: Format,
    reference: Option<PathBuf>,
    worst: usize,
    explain: bool,
    only: Option<String>,
    model: empathic::Model,
    speaker: Option<empathic::Speaker>,
}

/// `Ok(None)` means help was asked for.
fn parse_args(args: &[String]) -> Result<Option<Options>, String> {
    let mut opts = Options {
        folder: PathBuf::from("../shared/eval"),
        split: Split::All,
        format: Format::Text,
        reference: None,
        worst: 0,
        explain: false,
        only: None,
        model: empathic::Model::Default,
        speaker: None,
    };
    let mut folder_seen = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--json" | "--markdown" => {
                if opts.format != Format::Text {
                    return Err("--json and --markdown exclude each other".into());
                }
                opts.format = if arg == "--json" {
                    Format::Json
                } else {
                    Format::Markdown
                };
            }
            "--split" => {
                let v = value("--split")?;
                opts.split = Split::parse(&v)
                    .ok_or_else(|| format!("--split takes tune, holdout or all, not {v:?}"))?;
            }
            "--reference" => opts.reference = Some(PathBuf::from(value("--reference")?)),
            "--worst" => {
                let v = value("--worst")?;
                opts.worst = v
                    .parse()
                    .map_err(|_| format!("--worst takes a count, not {v:?}"))?;
            }
            "--explain" => opts.explain = true,
            "--only" => opts.only = Some(value("--only")?),
            "--model" => {
                opts.model = value("--model")?
                    .parse()
                    .map_err(|e| format!("--model: {e}"))?
            }
            "--speaker" => {
                opts.speaker = Some(
                    value("--speaker")?
                        .parse()
                        .map_err(|e| format!("--speaker: {e}"))?,
                )
            }
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag:?}")),
            path => {
                if folder_seen {
                    return Err(format!("one folder only; {path:?} is a second"));
                }
                folder_seen = true;
                opts.folder = PathBuf::from(path);
            }
        }
    }
    if opts.explain && opts.worst == 0 {
        return Err("--explain goes with --worst N".into());
    }
    Ok(Some(opts))
}

/// One file's measured items.
struct Measured {
    file: String,
    items: Vec<Item>,
    compounds: Vec<f64>,
    missing: usize,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match parse_args(&args) {
        Ok(Some(opts)) => opts,
        Ok(None) => {
            return match emit(&format!("{HELP}\n")) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    match run(&opts, &args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Returns whether every file was read cleanly.
fn run(opts: &Options, args: &[String]) -> Result<bool, String> {
    if !opts.folder.exists() {
        return Err(format!("{} does not exist", opts.folder.display()));
    }
    let reference = match &opts.reference {
        Some(path) => Some(dataset::load_reference(path).map_err(|e| e.to_string())?),
        None => None,
    };
    let mut builder = empathic::Analyzer::builder();
    builder.model(opts.model);
    if let Some(speaker) = opts.speaker {
        builder.speaker(speaker);
    }
    let analyzer = builder.build().map_err(|e| e.to_string())?;
    let files = dataset::jsonl_files(&opts.folder).map_err(|e| e.to_string())?;
    let mut clean = true;
    let mut measured = Vec::new();
    for path in files {
        if opts
            .only
            .as_deref()
            .is_some_and(|s| !path.to_string_lossy().contains(s))
        {
            continue;
        }
        if opts
            .reference
            .as_deref()
            .is_some_and(|r| same_file(r, &path))
        {
            continue;
        }
        let items = match dataset::load_set(&path) {
            Ok(SetFile::Labelled(items)) => items,
            Ok(SetFile::Skipped(why)) => {
                eprintln!("skipped {}: {why}", path.display());
                continue;
            }
            Err(e) => {
                eprintln!("error: {e}; file skipped");
                clean = false;
                continue;
            }
        };
        let file = dataset::relative_name(&opts.folder, &path);
        let items: Vec<Item> = items
            .into_iter()
            .filter(|it| opts.split.contains(&it.id))
            .collect();
        let m = match &reference {
            Some(reference) => join_reference(file, items, reference),
            None => {
                let texts: Vec<&str> = items.iter().map(|it| it.text.as_str()).collect();
                let compounds = eval::score_empathic(&analyzer, &texts);
                Measured {
                    file,
                    items,
                    compounds,
                    missing: 0,
                }
            }
        };
        if m.missing > 0 {
            let what = if m.items.is_empty() {
                "; file skipped"
            } else {
                ""
            };
            eprintln!(
                "{}: {} items missing from the reference{what}",
                m.file, m.missing
            );
        }
        if !m.items.is_empty() {
            measured.push(m);
        }
    }
    let system = match &opts.reference {
        Some(path) => path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        ),
        None if opts.model == empathic::Model::Vader => {
            "empathic model vader (= VADER 3.3.2)".into()
        }
        None => format!("empathic {}", env!("CARGO_PKG_VERSION")),
    };
    let mut all_groups = Vec::new();
    let mut out = String::new();
    let mut json_sets = Vec::new();
    for m in &measured {
        let refs: Vec<&Item> = m.items.iter().collect();
        let groups = eval::groups(&m.file, &refs, &m.compounds);
        let worst = worst_items(&m.items, &m.compounds, opts.worst);
        match opts.format {
            Format::Text => {
                for g in &groups {
                    write_text(&mut out, g, &system, opts.split, m.missing);
                }
                write_worst(&mut out, &m.file, &worst, &analyzer, opts.explain);
            }
            Format::Json => {
                for (i, g) in groups.iter().enumerate() {
                    let mut obj = g.to_json();
                    if i == 0 {
                        obj["missing"] = m.missing.into();
                        if opts.worst > 0 {
                            obj["worst"] = worst_json(&worst, &analyzer, opts.explain);
                        }
                    }
                    json_sets.push(obj);
                }
            }
            Format::Markdown => {}
        }
        all_groups.extend(groups);
    }
    match opts.format {
        Format::Text => {}
        Format::Json => {
            let mut report = eval::report_json(&system, opts.split.as_str(), &[]);
            report["sets"] = json_sets.into();
            out = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n";
        }
        Format::Markdown => out = markdown(&all_groups, &system, opts.split, args),
    }
    emit(&out)?;
    Ok(clean)
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<(), String> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("writing stdout: {e}")),
        _ => Ok(()),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn join_reference(file: String, items: Vec<Item>, reference: &HashMap<String, f64>) -> Measured {
    let before = items.len();
    let (items, compounds): (Vec<Item>, Vec<f64>) = items
        .into_iter()
        .filter_map(|it| reference.get(&it.id).map(|&c| (it, c)))
        .unzip();
    Measured {
        file,
        missing: before - items.len(),
        items,
        compounds,
    }
}

/// The `n` worst items: misclassified first, then by distance from the gold value, then by id.
fn worst_items<'a>(items: &'a [Item], compounds: &[f64], n: usize) -> Vec<(&'a Item, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let mut all: Vec<(&Item, f64)> = items.iter().zip(compounds.iter().copied()).collect();
    let key = |(it, c): &(&Item, f64)| {
        (
            Class::from_compound(*c) != it.gold,
            (c - it.gold_value()).abs(),
        )
    };
    all.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        kb.0.cmp(&ka.0)
            .then(kb.1.total_cmp(&ka.1))
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    all.truncate(n);
    all
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |v| format!("{v:.4}"))
}

fn write_text(out: &mut String, g: &Group, system: &str, split: Split, missing: usize) {
    let f: &Figures = &g.figures;
    let _ = writeln!(
        out,
        "== {}  ({system}, split {}, n = {})",
        g.name(),
        split.as_str(),
        f.n
    );
    if g.domain.is_none() && missing > 0 {
        let _ = writeln!(
            out,
            "   ({missing} items missing from the reference, not counted)"
        );
    }
    let _ = writeln!(
        out,
        "3-class accuracy {}   macro-F1 {}   weighted F1 {}",
        opt(f.accuracy()),
        opt(f.macro_f1()),
        opt(f.weighted_f1())
    );
    let _ = write!(
        out,
        "binary accuracy {} (n = {})",
        opt(f.binary_accuracy),
        f.binary_n
    );
    if f.rated_n > 0 {
        let _ = write!(
            out,
            "   Pearson r {}   Spearman r {} (n = {})",
            opt(f.pearson),
            opt(f.spearman),
            f.rated_n
        );
    }
    let _ = writeln!(
        out,
        "\n            precision  recall      f1  support   | predicted negative  neutral  positive"
    );
    for gold in Class::ALL {
        let s = f.confusion.class_scores(gold);
        let _ = writeln!(
            out,
            "  {:<9} {:>9.4} {:>7.4} {:>7.4} {:>8}   | {:>18} {:>8} {:>9}",
            gold.as_str(),
            s.precision,
            s.recall,
            s.f1,
            s.support,
            f.confusion.get(gold, Class::Negative),
            f.confusion.get(gold, Class::Neutral),
            f.confusion.get(gold, Class::Positive),
        );
    }
    let _ = writeln!(
        out,
        "  (rows: gold class; right: confusion matrix, gold × predicted)\n"
    );
}

fn write_worst(
    out: &mut String,
    file: &str,
    worst: &[(&Item, f64)],
    analyzer: &empathic::Analyzer,
    explain: bool,
) {
    if worst.is_empty() {
        return;
    }
    let _ = writeln!(out, "-- {} worst items of {file}", worst.len());
    for (rank, (it, c)) in worst.iter().enumerate() {
        let _ = writeln!(
            out,
            "{:>3}. {}  gold {} ({:+.3})  compound {:+.4} ({})\n     {}",
            rank + 1,
            it.id,
            it.gold.as_str(),
            it.gold_value(),
            c,
            Class::from_compound(*c).as_str(),
            it.text.replace('\n', " ")
        );
        if explain {
            for line in analyzer.explain(&it.text).to_string().lines() {
                let _ = writeln!(out, "       {line}");
            }
        }
    }
    let _ = writeln!(out);
}

fn worst_json(
    worst: &[(&Item, f64)],
    analyzer: &empathic::Analyzer,
    explain: bool,
) -> serde_json::Value {
    worst
        .iter()
        .map(|(it, c)| {
            let mut obj = serde_json::json!({
                "compound": eval::round4(*c),
                "gold": it.gold.as_str(),
                "gold_value": eval::round4(it.gold_value()),
                "id": it.id,
                "text": it.text,
            });
            if explain {
                obj["explanation"] = analyzer.explain(&it.text).to_string().into();
            }
            obj
        })
        .collect()
}

fn markdown(groups: &[Group], system: &str, split: Split, args: &[String]) -> String {
    let mut out = String::new();
    let command = std::iter::once("cargo run --release --example evaluate --")
        .chain(args.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    let _ = writeln!(
        out,
        "Measured {} on split `{}` with `{command}`.\n",
        today(),
        split.as_str()
    );
    let _ = writeln!(
        out,
        "| set | system | n | 3-class acc. | macro-F1 | weighted F1 | binary acc. | Pearson r | Spearman r |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for g in groups {
        let f = &g.figures;
        let _ = writeln!(
            out,
            "| {} | {system} | {} | {} | {} | {} | {} | {} | {} |",
            g.name(),
            f.n,
            opt(f.accuracy()),
            opt(f.macro_f1()),
            opt(f.weighted_f1()),
            opt(f.binary_accuracy),
            opt(f.pearson),
            opt(f.spearman),
        );
    }
    out
}

/// Today's UTC date as `YYYY-MM-DD` (days-from-civil inverted, Howard Hinnant's algorithm).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
