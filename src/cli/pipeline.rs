//! `score` and `summarize`: a bounded pipeline. A reader thread sends chunks of raw records
//! through a bounded channel; each chunk is parsed, scored and serialised on the rayon pool;
//! a writer thread writes chunks in order. At most a few chunks are in flight, so memory does
//! not grow with the input.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, sync_channel};
use std::time::Duration;

use empathic::{Analyzer, DocumentScore, Explanation};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value};

use super::input::{self, Body, Fields, Header, Record};
use super::output::{self, CsvOut, CsvRow, Sink};
use super::summary::{Grouping, Summary};
use super::{Failure, InputArgs, OutputFormat, ScoreArgs, SummarizeArgs, io_failure};

/// Chunks waiting between two stages.
const IN_FLIGHT: usize = 2;

/// A record after parsing: something to score, or an error record.
struct Parsed {
    line: u64,
    file: Option<Arc<str>>,
    kind: Kind,
}

enum Kind {
    /// A JSON object whose text field is a string; `raw` is the line as read, and the text is
    /// moved out of `map` into `text` (JSONL output splices `raw`, so the map is only read for
    /// other fields).
    Json {
        raw: Vec<u8>,
        map: Map<String, Value>,
        text: String,
    },
    Row {
        header: Arc<Header>,
        fields: Vec<String>,
    },
    Line(String),
    Bad {
        error: String,
        id: Option<String>,
        input: Option<String>,
    },
}

impl Parsed {
    fn parse(r: Record, fields: &Fields) -> Parsed {
        let Record { line, file, body } = r;
        let bad = |error: String, id: Option<String>, input: Option<String>| Kind::Bad {
            error,
            id,
            input,
        };
        let kind = match body {
            Body::Json(raw) => match std::str::from_utf8(&raw) {
                Err(e) => bad(
                    format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                    None,
                    None,
                ),
                Ok(text) => match serde_json::from_str::<Value>(text) {
                    Err(e) => bad(json_error(&e), None, Some(text.to_owned())),
                    Ok(Value::Object(mut map)) => {
                        let id = fields
                            .id
                            .as_deref()
                            .and_then(|f| map.get(f))
                            .and_then(value_text);
                        match map.get_mut(&fields.text) {
                            Some(Value::String(t)) => {
                                let text = std::mem::take(t);
                                Kind::Json { raw, map, text }
                            }
                            Some(_) => bad(
                                format!("field {:?} is not a string", fields.text),
                                id,
                                Some(text.to_owned()),
                            ),
                            None => bad(
                                format!("missing field {:?}", fields.text),
                                id,
                                Some(text.to_owned()),
                            ),
                        }
                    }
                    Ok(_) => bad("not a JSON object".to_owned(), None, Some(text.to_owned())),
                },
            },
            Body::Line(raw) => match String::from_utf8(raw) {
                Ok(s) => Kind::Line(s),
                Err(e) => bad(
                    format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
                    None,
                    None,
                ),
            },
            Body::Row { header, fields } => Kind::Row { header, fields },
            Body::Bad { error, id, input } => bad(error, id, input),
        };
        Parsed { line, file, kind }
    }

    fn is_bad(&self) -> bool {
        matches!(self.kind, Kind::Bad { .. })
    }

    /// The value of a field (JSON) or column (CSV); `None` when absent, null or empty.
    fn field(
        &self,
        name: Option<&str>,
        column: impl Fn(&Header) -> Option<usize>,
    ) -> Option<String> {
        match &self.kind {
            Kind::Json { map, .. } => map.get(name?).and_then(value_text),
            Kind::Row { header, fields } => {
                Some(fields[column(header)?].clone()).filter(|s| !s.is_empty())
            }
            _ => None,
        }
    }

    /// A readable position for messages: `file line N (id X)`.
    fn position(&self) -> String {
        let mut s = match &self.file {
            Some(f) => format!("{f} line {}", self.line),
            None => format!("line {}", self.line),
        };
        if let Kind::Bad { id: Some(id), .. } = &self.kind {
            s.push_str(&format!(" (id {id})"));
        }
        s
    }
}

impl AsRef<str> for Parsed {
    fn as_ref(&self) -> &str {
        match &self.kind {
            Kind::Json { text, .. } => text,
            Kind::Row { header, fields } => &fields[header.text],
            Kind::Line(s) => s,
            Kind::Bad { .. } => "",
        }
    }
}

/// serde_json's message without its "at line 1": the record's line is in the error record.
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = msg.strip_suffix(&suffix).unwrap_or(&msg);
    format!("malformed JSON at column {}: {msg}", e.column())
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// What a run does with each record.
struct Job {
    analyzer: Analyzer,
    fields: Fields,
    key: String,
    /// Add contributions to each output record.
    explain: bool,
    /// Build a summary (which needs explanations for its top terms).
    summarize: bool,
    strict: bool,
    grouping: Grouping,
}

/// The scores of one chunk: plain, or explained when the output or the summary needs terms.
enum Scores {
    Plain(Vec<DocumentScore>),
    Explained(Vec<Explanation>),
}

impl Scores {
    fn score(&self, i: usize) -> &DocumentScore {
        match self {
            Scores::Plain(s) => &s[i],
            Scores::Explained(e) => &e[i].score,
        }
    }

    fn explanation(&self, i: usize) -> Option<&Explanation> {
        match self {
            Scores::Plain(_) => None,
            Scores::Explained(e) => Some(&e[i]),
        }
    }
}

/// One chunk of output, in input order.
enum Out {
    Json(Vec<Vec<u8>>),
    Csv(Vec<CsvRow>),
}

/// What came out of a run.
struct Outcome {
    summary: Summary,
    errors: u64,
    first_error: Option<String>,
}

pub fn score(args: ScoreArgs) -> Result<(), Failure> {
    let format = args.output_format.unwrap_or_else(|| {
        let csv = args.output.as_ref().is_some_and(|p| {
            let name = p.to_string_lossy().to_lowercase();
            name.ends_with(".csv") || name.ends_with(".csv.gz")
        });
        if csv {
            OutputFormat::Csv
        } else {
            OutputFormat::Jsonl
        }
    });
    let job = job(
        &args.input,
        &args.group,
        args.key.clone(),
        args.explain,
        args.summary.is_some(),
    )?;
    let sink = Sink::open(args.output.as_deref())?;
    let outcome = run(&job, &args.input, Some((sink, format)))?;
    report(&outcome);
    if let Some(path) = &args.summary {
        let fail = |e: &io::Error| io_failure(&format!("cannot write {}", path.display()), e);
        let file = std::fs::File::create(path).map_err(|e| fail(&e))?;
        let mut w = io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut w, &outcome.summary).map_err(|e| fail(&e.into()))?;
        io::Write::write_all(&mut w, b"\n")
            .and_then(|()| io::Write::flush(&mut w))
            .map_err(|e| fail(&e))?;
    }
    Ok(())
}

pub fn summarize(args: SummarizeArgs) -> Result<(), Failure> {
    let job = job(&args.input, &args.group, String::new(), false, true)?;
    let outcome = run(&job, &args.input, None)?;
    report(&outcome);
    let text = if args.json {
        serde_json::to_string_pretty(&outcome.summary).unwrap_or_default() + "\n"
    } else {
        outcome.summary.table(args.top)
    };
    match io::Write::write_all(&mut io::stdout(), text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(io_failure("cannot write to stdout", &e))
        }
        _ => Ok(()),
    }
}

fn job(
    input: &InputArgs,
    group: &super::GroupArgs,
    key: String,
    explain: bool,
    summarize: bool,
) -> Result<Job, Failure> {
    // The global pool can only be set once; a second call (never made) would keep the first.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(input.threads)
        .build_global();
    let grouping = Grouping {
        group_by: group.group_by.clone(),
        time: group.time_field.clone().map(|f| (f, group.bucket.into())),
    };
    if !summarize && (grouping.group_by.is_some() || grouping.time.is_some()) {
        return Err(Failure::Usage(
            "--group-by and --time-field need --summary FILE".to_owned(),
        ));
    }
    let fields = Fields {
        text: input.text_field.clone(),
        id: input.id_field.clone(),
        group: grouping.group_by.clone(),
        time: grouping.time.as_ref().map(|(f, _)| f.clone()),
    };
    let analyzer = Analyzer::builder()
        .model(input.model)
        .build()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    Ok(Job {
        analyzer,
        fields,
        key,
        explain,
        summarize,
        strict: input.strict,
        grouping,
    })
}

/// Prints the count of bad records on stderr (nothing when there are none).
fn report(o: &Outcome) {
    if o.errors > 0 {
        eprintln!(
            "empathic: {} bad record{} written as error records (first at {})",
            o.errors,
            if o.errors == 1 { "" } else { "s" },
            o.first_error.as_deref().unwrap_or("?")
        );
    }
}

fn progress_bar(total: Option<u64>) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let (bar, template) = match total {
        Some(t) => (
            ProgressBar::new(t),
            "{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{elapsed_precise} {spinner} {bytes} {bytes_per_sec} {msg}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn run(
    job: &Job,
    input: &InputArgs,
    output: Option<(Sink, OutputFormat)>,
) -> Result<Outcome, Failure> {
    let read = Arc::new(AtomicU64::new(0));
    let (sources, total) = input::open(input, &read)?;
    let progress = progress_bar(total);
    let mut outcome = Outcome {
        summary: Summary::new(&job.grouping),
        errors: 0,
        first_error: None,
    };
    let mut records = 0u64;
    let mut stopped: Option<Failure> = None;
    let explained = job.explain || job.summarize;
    let format = output.as_ref().map(|(_, f)| *f);
    let columns = score_columns(job);

    let (read_result, write_result) = std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Vec<Record>>(IN_FLIGHT);
        let fields = &job.fields;
        let reader = scope.spawn(move || input::read_all(sources, fields, &tx));
        let (out_tx, out_rx) = sync_channel::<Out>(IN_FLIGHT);
        let writer = output.map(|(sink, format)| {
            let key = job.key.as_str();
            let columns = columns.clone();
            scope.spawn(move || write_all(sink, format, key, columns, out_rx))
        });

        for chunk in rx.iter() {
            let parsed: Vec<Parsed> = chunk
                .into_par_iter()
                .map(|r| Parsed::parse(r, &job.fields))
                .collect();
            // Under --strict, records from the first bad one on are neither written nor counted.
            let bad = parsed.iter().position(Parsed::is_bad);
            let n = if job.strict {
                bad.unwrap_or(parsed.len())
            } else {
                parsed.len()
            };
            let scores = if explained {
                Scores::Explained(job.analyzer.explain_batch(&parsed[..n]))
            } else {
                Scores::Plain(job.analyzer.analyze_batch(&parsed[..n]))
            };
            if job.summarize {
                let part = (0..n)
                    .into_par_iter()
                    .fold(
                        || Summary::new(&job.grouping),
                        |mut acc, i| {
                            let p = &parsed[i];
                            match scores.explanation(i) {
                                Some(e) if !p.is_bad() => acc.add(
                                    e,
                                    p.field(job.fields.group.as_deref(), |h| h.group).as_deref(),
                                    p.field(job.fields.time.as_deref(), |h| h.time).as_deref(),
                                ),
                                _ => acc.add_error(),
                            }
                            acc
                        },
                    )
                    .reduce(|| Summary::new(&job.grouping), Summary::merge);
                outcome.summary = std::mem::take(&mut outcome.summary).merge(part);
            }
            for p in parsed[..n].iter().filter(|p| p.is_bad()) {
                outcome.errors += 1;
                outcome.first_error.get_or_insert_with(|| p.position());
            }
            if let Some(format) = format {
                let out = match format {
                    OutputFormat::Jsonl => Out::Json(
                        (0..n)
                            .into_par_iter()
                            .map(|i| json_record(job, &parsed[i], &scores, i))
                            .collect(),
                    ),
                    OutputFormat::Csv => Out::Csv(
                        (0..n)
                            .into_par_iter()
                            .map(|i| csv_record(job, &parsed[i], &scores, i))
                            .collect(),
                    ),
                };
                if out_tx.send(out).is_err() {
                    break; // the writer stopped: its error is reported below
                }
            }
            records += n as u64;
            progress.set_position(read.load(Ordering::Relaxed));
            progress.set_message(format!("{records} records"));
            if let (true, Some(i)) = (job.strict, bad) {
                let p = &parsed[i];
                let Kind::Bad { error, .. } = &p.kind else {
                    unreachable!("position found a bad record")
                };
                stopped = Some(Failure::BadRow(format!(
                    "bad record at {}: {error}",
                    p.position()
                )));
                break;
            }
        }
        // Closing both channels stops the reader (on its next send) and ends the writer.
        drop(rx);
        drop(out_tx);
        let read_result = reader
            .join()
            .unwrap_or_else(|_| Err(Failure::Usage("the reader thread panicked".into())));
        let write_result = writer
            .map(|w| {
                w.join()
                    .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
            })
            .unwrap_or(Ok(()));
        (read_result, write_result)
    });
    progress.finish_and_clear();
    match write_result {
        // A closed pipe (`| head`) is the reader of our output saying it has enough.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(outcome),
        Err(e) => return Err(io_failure("cannot write output", &e)),
        Ok(()) => {}
    }
    read_result?;
    match stopped {
        Some(f) => Err(f),
        None => Ok(outcome),
    }
}

/// The CSV score columns: those of any serialised score.
fn score_columns(job: &Job) -> Vec<String> {
    let e = job.analyzer.explain("");
    let v = output::score_value(&e.score, job.explain.then_some(&e));
    let mut cols = Vec::new();
    output::flatten(&job.key, &v, &mut cols);
    cols.into_iter().map(|(k, _)| k).collect()
}

fn write_all(
    mut sink: Sink,
    format: OutputFormat,
    key: &str,
    columns: Vec<String>,
    rx: Receiver<Out>,
) -> io::Result<()> {
    match format {
        OutputFormat::Jsonl => {
            for out in rx {
                if let Out::Json(lines) = out {
                    for l in lines {
                        io::Write::write_all(&mut sink, &l)?;
                    }
                }
            }
            sink.finish()
        }
        OutputFormat::Csv => {
            let mut csv = CsvOut::new(sink, key, columns);
            for out in rx {
                if let Out::Csv(rows) = out {
                    csv.write_chunk(&rows)?;
                }
            }
            csv.finish()
        }
    }
}

fn json_record(job: &Job, p: &Parsed, scores: &Scores, i: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let value = || {
        output::score_value(
            scores.score(i),
            scores.explanation(i).filter(|_| job.explain),
        )
    };
    match &p.kind {
        Kind::Json { raw, map, text } => {
            if map.contains_key(&job.key) {
                // Scoring output again: replace the old scores in place.
                let mut map = map.clone();
                map.insert(job.fields.text.clone(), Value::String(text.clone()));
                map.insert(job.key.clone(), value());
                output::json_line(&map, &mut out);
            } else {
                let scores = output::ScoreOut::new(
                    scores.score(i),
                    scores.explanation(i).filter(|_| job.explain),
                );
                output::splice(raw, map.is_empty(), &job.key, &scores, &mut out);
            }
        }
        Kind::Row { header, fields } => {
            let mut map: Map<String, Value> = header
                .names
                .iter()
                .zip(fields)
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            map.insert(job.key.clone(), value());
            output::json_line(&map, &mut out);
        }
        Kind::Line(text) => {
            let mut map = Map::new();
            map.insert("line".to_owned(), p.line.into());
            map.insert("text".to_owned(), text.as_str().into());
            map.insert(job.key.clone(), value());
            output::json_line(&map, &mut out);
        }
        Kind::Bad { error, id, input } => {
            let map = output::error_object(
                p.line,
                p.file.as_deref(),
                error,
                id.as_deref(),
                input.as_deref(),
            );
            output::json_line(&map, &mut out);
        }
    }
    out
}

fn csv_record(job: &Job, p: &Parsed, scores: &Scores, i: usize) -> CsvRow {
    let input: Vec<(String, String)> = match &p.kind {
        Kind::Json { map, text, .. } => map
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    if *k == job.fields.text {
                        text.clone()
                    } else {
                        output::cell(v)
                    },
                )
            })
            .collect(),
        Kind::Row { header, fields } => header
            .names
            .iter()
            .cloned()
            .zip(fields.iter().cloned())
            .collect(),
        Kind::Line(text) => vec![
            ("line".to_owned(), p.line.to_string()),
            ("text".to_owned(), text.clone()),
        ],
        Kind::Bad { error, .. } => {
            return CsvRow {
                input: Vec::new(),
                scores: Vec::new(),
                error: Some(format!("{}: {error}", p.position())),
            };
        }
    };
    let mut flat = Vec::new();
    let value = output::score_value(
        scores.score(i),
        scores.explanation(i).filter(|_| job.explain),
    );
    output::flatten(&job.key, &value, &mut flat);
    CsvRow {
        input,
        scores: flat,
        error: None,
    }
}
