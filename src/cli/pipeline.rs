//! `score` and `summarize`: a bounded pipeline. A reader thread sends chunks of raw records
//! (JSONL: 256 KiB blocks of whole lines) through a bounded channel; each chunk becomes one
//! rayon task that parses, scores and serialises its records (and compresses them for gzip
//! output), so the pool starts on the next chunk while the last records of one finish; a
//! writer thread writes the chunks in input order. A token per chunk bounds the chunks in
//! flight, so memory does not grow with the input.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, channel, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use empathic::{Analyzer, DocumentScore, Explanation};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value};

use super::extract;
use super::input::{self, Body, Chunk, Fields, Header, Line, Lines, Record};
use super::output::{self, CsvOut, CsvRow, Deflated, Shape, Sink};
use super::summary::{Grouping, Summary};
use super::{
    Failure, InputArgs, OutputFormat, Precision, ScoreArgs, SentenceDetail, SummarizeArgs,
    io_failure,
};

/// Chunks read but not yet written (being scored, or waiting for an earlier one): with the
/// reader's channel, what bounds memory.
const IN_FLIGHT: usize = 4;
/// Chunks waiting between the reader and the scorers.
const READ_AHEAD: usize = 2;
/// Records per rayon task within a chunk: small enough that both threads finish a chunk
/// together, large enough that a task's buffers and summary are amortised.
const PART: usize = 64;
/// Initial JSONL output buffer of a part: scores take about 1.1 KB per record.
const OUT_CAPACITY: usize = PART * 1536;

/// One input record, borrowed from its chunk.
struct In<'a> {
    line: u64,
    file: Option<&'a Arc<str>>,
    body: InBody<'a>,
}

enum InBody<'a> {
    /// A JSONL line, not yet parsed or checked for UTF-8.
    Json(&'a [u8]),
    /// A plain-text line, not yet checked for UTF-8.
    Line(&'a [u8]),
    Row(&'a Arc<Header>, &'a [String]),
    /// A row the reader already found bad.
    Bad {
        error: &'a str,
        id: Option<&'a str>,
        input: Option<&'a str>,
    },
}

impl<'a> In<'a> {
    fn line(lines: &'a Lines, l: &Line) -> In<'a> {
        let raw = &lines.data[l.start..l.end];
        In {
            line: l.number,
            file: lines.file.as_ref(),
            body: if lines.json {
                InBody::Json(raw)
            } else {
                InBody::Line(raw)
            },
        }
    }

    fn record(r: &'a Record) -> In<'a> {
        In {
            line: r.line,
            file: r.file.as_ref(),
            body: match &r.body {
                Body::Row { header, fields } => InBody::Row(header, fields),
                Body::Bad { error, id, input } => InBody::Bad {
                    error,
                    id: id.as_deref(),
                    input: input.as_deref(),
                },
            },
        }
    }
}

/// A record after parsing, ready to score.
struct Parsed<'a> {
    line: u64,
    kind: Kind<'a>,
}

enum Kind<'a> {
    /// A JSON object whose text field is a string; `raw` is the line as read (JSONL output
    /// splices it), and only the fields the run reads were kept.
    Json {
        raw: &'a str,
        empty: bool,
        text: Cow<'a, str>,
        group: Option<String>,
        time: Option<String>,
    },
    /// The same as a map, for CSV output (every field becomes a column) and for a record that
    /// already has the output key (scoring output again replaces the old scores in place).
    Map {
        map: Map<String, Value>,
        text: String,
    },
    Row {
        header: &'a Header,
        fields: &'a [String],
    },
    Line(&'a str),
}

/// A bad record: what becomes an error record.
struct Bad<'a> {
    line: u64,
    file: Option<&'a Arc<str>>,
    error: String,
    id: Option<String>,
    input: Option<String>,
}

impl Bad<'_> {
    /// A readable position for messages: `file line N (id X)`.
    fn position(&self) -> String {
        let mut s = match &self.file {
            Some(f) => format!("{f} line {}", self.line),
            None => format!("line {}", self.line),
        };
        if let Some(id) = &self.id {
            s.push_str(&format!(" (id {id})"));
        }
        s
    }
}

/// Why a record is bad: the message, its id and its input when known.
type Failed = (String, Option<String>, Option<String>);

impl<'a> Parsed<'a> {
    fn parse(r: In<'a>, job: &Job) -> Result<Parsed<'a>, Bad<'a>> {
        let In { line, file, body } = r;
        let invalid = |e: std::str::Utf8Error| {
            (
                format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                None,
                None,
            )
        };
        let kind = match body {
            InBody::Json(raw) => std::str::from_utf8(raw)
                .map_err(invalid)
                .and_then(|raw| parse_json(raw, job)),
            InBody::Line(raw) => std::str::from_utf8(raw).map(Kind::Line).map_err(invalid),
            InBody::Row(header, fields) => Ok(Kind::Row { header, fields }),
            InBody::Bad { error, id, input } => Err((
                error.to_owned(),
                id.map(str::to_owned),
                input.map(str::to_owned),
            )),
        };
        kind.map(|kind| Parsed { line, kind })
            .map_err(|(error, id, input)| Bad {
                line,
                file,
                error,
                id,
                input,
            })
    }

    fn text(&self) -> &str {
        match &self.kind {
            Kind::Json { text, .. } => text,
            Kind::Map { text, .. } => text,
            Kind::Row { header, fields } => &fields[header.text],
            Kind::Line(s) => s,
        }
    }

    /// The group and date values a summary files the record under.
    fn group_and_time(&self, fields: &Fields) -> (Option<String>, Option<String>) {
        match &self.kind {
            Kind::Json { group, time, .. } => (group.clone(), time.clone()),
            Kind::Map { map, .. } => {
                let get = |name: &Option<String>| {
                    name.as_deref()
                        .and_then(|n| map.get(n))
                        .and_then(extract::value_text)
                };
                (get(&fields.group), get(&fields.time))
            }
            Kind::Row { header, fields } => {
                let get =
                    |column: Option<usize>| Some(fields[column?].clone()).filter(|s| !s.is_empty());
                (get(header.group), get(header.time))
            }
            Kind::Line(_) => (None, None),
        }
    }
}

fn parse_json<'a>(raw: &'a str, job: &Job) -> Result<Kind<'a>, Failed> {
    if job.csv_out {
        return parse_map(raw, job); // CSV output writes every field
    }
    let bad = |error: String, id: Option<String>| (error, id, Some(raw.to_owned()));
    let f = &job.fields;
    let names = extract::Names {
        text: &f.text,
        id: f.id.as_deref(),
        group: f.group.as_deref(),
        time: f.time.as_deref(),
        key: job.json_out.then_some(job.key.as_str()),
    };
    let picked = match extract::pick(raw, &names) {
        Err(e) => return Err(bad(json_error(&e), None)),
        Ok(p) if !p.object => return Err(bad("not a JSON object".to_owned(), None)),
        Ok(p) => p,
    };
    let text = match picked.text {
        Some(Ok(text)) => text,
        Some(Err(())) => {
            return Err(bad(
                format!("field {:?} is not a string", f.text),
                picked.id,
            ));
        }
        None => return Err(bad(format!("missing field {:?}", f.text), picked.id)),
    };
    if picked.has_key {
        return parse_map(raw, job);
    }
    Ok(Kind::Json {
        raw,
        empty: picked.empty,
        text,
        group: picked.group,
        time: picked.time,
    })
}

/// A JSONL record parsed into a map, for CSV output and for records that already have the
/// output key; accepted and rejected exactly as by [`parse_json`].
fn parse_map<'a>(raw: &'a str, job: &Job) -> Result<Kind<'a>, Failed> {
    let bad = |error: String, id: Option<String>| (error, id, Some(raw.to_owned()));
    let f = &job.fields;
    let map = match serde_json::from_str::<Value>(raw) {
        Err(e) => return Err(bad(json_error(&e), None)),
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(bad("not a JSON object".to_owned(), None)),
    };
    let id = || {
        f.id.as_deref()
            .and_then(|n| map.get(n))
            .and_then(extract::value_text)
    };
    match map.get(&f.text) {
        Some(Value::String(text)) => Ok(Kind::Map {
            text: text.clone(),
            map,
        }),
        Some(_) => Err(bad(format!("field {:?} is not a string", f.text), id())),
        None => Err(bad(format!("missing field {:?}", f.text), id())),
    }
}

/// serde_json's message without its "at line 1": the record's line is in the error record.
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = msg.strip_suffix(&suffix).unwrap_or(&msg);
    format!("malformed JSON at column {}: {msg}", e.column())
}

/// What a run does with each record.
struct Job {
    analyzer: Analyzer,
    fields: Fields,
    key: String,
    /// `key` written as JSON, ready to splice.
    key_json: Vec<u8>,
    /// Add contributions to each output record.
    explain: bool,
    /// Sentence detail and decimals of the scores written.
    shape: Shape,
    /// Build a summary (which needs explanations for its top terms).
    summarize: bool,
    strict: bool,
    grouping: Grouping,
    json_out: bool,
    csv_out: bool,
    /// JSONL output to a gzip file: compressed by the workers.
    gzip: bool,
}

/// A record's scores: plain, or explained when the output or the summary needs terms.
enum Scored {
    Plain(DocumentScore),
    Explained(Explanation),
}

impl Scored {
    fn score(&self) -> &DocumentScore {
        match self {
            Scored::Plain(s) => s,
            Scored::Explained(e) => &e.score,
        }
    }

    fn explanation(&self) -> Option<&Explanation> {
        match self {
            Scored::Plain(_) => None,
            Scored::Explained(e) => Some(e),
        }
    }
}

/// The result of some records, in input order: their output, summary and bad-record counts.
struct Part {
    /// JSONL output, one buffer per [`PART`] records.
    json: Vec<Vec<u8>>,
    /// The same compressed, for gzip output.
    deflated: Option<io::Result<Deflated>>,
    csv: Vec<CsvRow>,
    summary: Option<Summary>,
    records: u64,
    errors: u64,
    first_error: Option<String>,
    /// Under `--strict`: the first bad record's message. Nothing from it on is in the part.
    stop: Option<String>,
}

impl Part {
    fn new(job: &Job) -> Part {
        Part {
            json: Vec::new(),
            deflated: None,
            csv: Vec::new(),
            summary: job.summarize.then(|| Summary::new(&job.grouping)),
            records: 0,
            errors: 0,
            first_error: None,
            stop: None,
        }
    }

    /// Appends the next part (whose summary was merged into the run's already); `false` once a
    /// `--strict` stop is reached.
    fn append(&mut self, next: Part) -> bool {
        let Part {
            json,
            deflated: _,
            csv,
            summary: _,
            records,
            errors,
            first_error,
            stop,
        } = next;
        self.json.extend(json);
        self.csv.extend(csv);
        self.records += records;
        self.errors += errors;
        if self.first_error.is_none() {
            self.first_error = first_error;
        }
        self.stop = stop;
        self.stop.is_none()
    }

    /// Parses, scores and writes one record; `false` at a bad record under `--strict`.
    fn add(&mut self, job: &Job, r: In, out: &mut Vec<u8>) -> bool {
        let p = match Parsed::parse(r, job) {
            Ok(p) => p,
            Err(bad) => return self.add_bad(job, &bad, out),
        };
        let scored = if job.explain || job.summarize {
            Scored::Explained(job.analyzer.explain(p.text()))
        } else {
            Scored::Plain(job.analyzer.analyze(p.text()))
        };
        if let (Some(s), Some(e)) = (&mut self.summary, scored.explanation()) {
            let (group, time) = p.group_and_time(&job.fields);
            s.add(e, group.as_deref(), time.as_deref());
        }
        if job.json_out {
            json_record(job, &p, &scored, out);
        } else if job.csv_out {
            self.csv.push(csv_record(job, &p, &scored));
        }
        self.records += 1;
        true
    }

    fn add_bad(&mut self, job: &Job, bad: &Bad, out: &mut Vec<u8>) -> bool {
        if job.strict {
            self.stop = Some(format!("bad record at {}: {}", bad.position(), bad.error));
            return false;
        }
        self.errors += 1;
        if self.first_error.is_none() {
            self.first_error = Some(bad.position());
        }
        if let Some(s) = &mut self.summary {
            s.add_error();
        }
        if job.json_out {
            let map = output::error_object(
                bad.line,
                bad.file.map(|f| &**f),
                &bad.error,
                bad.id.as_deref(),
                bad.input.as_deref(),
            );
            output::json_line(&map, out);
        } else if job.csv_out {
            self.csv.push(CsvRow {
                input: Vec::new(),
                scores: Vec::new(),
                error: Some(format!("{}: {}", bad.position(), bad.error)),
            });
        }
        self.records += 1;
        true
    }
}

/// Scores one chunk on the rayon pool, [`PART`] records per task.
/// Its summary is merged into `summary`; its output is compressed here for gzip output.
fn process(job: &Job, chunk: &Chunk, summary: &Mutex<Summary>) -> Part {
    let mut part = match chunk {
        Chunk::Lines(lines) => process_items(job, &lines.lines, |l| In::line(lines, l), summary),
        Chunk::Records(records) => process_items(job, records, In::record, summary),
    };
    if job.gzip {
        part.deflated = Some(output::deflate(&part.json));
        part.json = Vec::new();
    }
    part
}

fn process_items<'a, T: Sync>(
    job: &Job,
    items: &'a [T],
    view: impl Fn(&'a T) -> In<'a> + Sync,
    summary: &Mutex<Summary>,
) -> Part {
    // One `Part` per rayon leaf job, not per PART records, and its summary merged into the
    // run's as soon as the leaf is done: a summary can be large (a histogram per group and
    // time bucket), so few are alive at once.
    let parts: Vec<Part> = items
        .par_chunks(PART)
        .fold(
            || Part::new(job),
            |mut part, items| {
                if part.stop.is_some() {
                    return part; // later records of a --strict run that stopped
                }
                // About what PART records of the sample archive take, so it rarely grows.
                let mut out = Vec::with_capacity(if job.json_out { OUT_CAPACITY } else { 0 });
                for item in items {
                    if !part.add(job, view(item), &mut out) {
                        break;
                    }
                }
                if !out.is_empty() {
                    part.json.push(out);
                }
                part
            },
        )
        .map(|mut part| {
            if let Some(s) = part.summary.take() {
                // A poisoned lock means another worker panicked: the run fails anyway.
                if let Ok(mut all) = summary.lock() {
                    *all = std::mem::take(&mut *all).merge(s);
                }
            }
            part
        })
        .collect();
    let mut all = Part::new(job);
    for part in parts {
        if !all.append(part) {
            break;
        }
    }
    all
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
    let mut job = job(
        &args.input,
        &args.group,
        args.key.clone(),
        args.explain,
        Shape::new(args.sentences, args.precision),
        args.summary.is_some(),
        Some(format),
    )?;
    let sink = Sink::open(args.output.as_deref())?;
    job.gzip = sink.is_gzip() && format == OutputFormat::Jsonl;
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
    // Nothing is written per record, so the shape does not matter.
    let shape = Shape::new(SentenceDetail::None, Precision(None));
    let job = job(
        &args.input,
        &args.group,
        String::new(),
        false,
        shape,
        true,
        None,
    )?;
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
    shape: Shape,
    summarize: bool,
    format: Option<OutputFormat>,
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
    let mut builder = Analyzer::builder();
    builder.model(input.model);
    if let Some(speaker) = input.speaker {
        builder.speaker(speaker);
    }
    let analyzer = builder.build().map_err(|e| Failure::Usage(e.to_string()))?;
    Ok(Job {
        analyzer,
        fields,
        key_json: serde_json::to_vec(&key).unwrap_or_default(),
        key,
        explain,
        shape,
        summarize,
        strict: input.strict,
        grouping,
        json_out: format == Some(OutputFormat::Jsonl),
        csv_out: format == Some(OutputFormat::Csv),
        gzip: false,
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

/// The reader thread sends chunks; the calling thread hands each to the rayon pool as its own
/// task (so the pool moves on to the next chunk while the last records of one finish); the
/// writer thread takes the results in input order and writes them. A token per chunk, returned
/// once it is written, bounds the chunks in flight. Summaries are merged as they are made.
fn run(
    job: &Job,
    input: &InputArgs,
    output: Option<(Sink, OutputFormat)>,
) -> Result<Outcome, Failure> {
    let read = Arc::new(AtomicU64::new(0));
    let (sources, total) = input::open(input, &read)?;
    let progress = progress_bar(total);
    let columns = score_columns(job);
    let summary = Mutex::new(Summary::new(&job.grouping));

    let (read_result, collected) = std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Chunk>(READ_AHEAD);
        let fields = &job.fields;
        let reader = scope.spawn(move || input::read_all(sources, fields, &tx));
        let (done_tx, done_rx) = channel::<(u64, Part)>();
        let (token_tx, token_rx) = sync_channel::<()>(IN_FLIGHT);
        let progress = &progress;
        let read = &read;
        let writer = scope.spawn(move || {
            let sink = output.map(|(sink, format)| match format {
                OutputFormat::Jsonl => Writer::Json(sink),
                OutputFormat::Csv => Writer::Csv(Box::new(CsvOut::new(sink, &job.key, columns))),
            });
            collect(sink, done_rx, token_rx, progress, read)
        });
        rayon::in_place_scope(|tasks| {
            for (seq, chunk) in (0u64..).zip(rx.iter()) {
                // Blocks while IN_FLIGHT chunks are unwritten; fails once the writer stopped.
                if token_tx.send(()).is_err() {
                    break;
                }
                let done_tx = done_tx.clone();
                let summary = &summary;
                tasks.spawn(move |_| {
                    let _ = done_tx.send((seq, process(job, &chunk, summary)));
                });
            }
        });
        // Closing the channels stops the reader (on its next send) and ends the writer.
        drop(rx);
        drop(done_tx);
        drop(token_tx);
        let read_result = reader
            .join()
            .unwrap_or_else(|_| Err(Failure::Usage("the reader thread panicked".into())));
        let collected = writer.join().unwrap_or_else(|_| Collected {
            outcome: None,
            written: Err(io::Error::other("the writer thread panicked")),
            stopped: None,
        });
        (read_result, collected)
    });
    progress.finish_and_clear();
    let Collected {
        outcome,
        written,
        stopped,
    } = collected;
    let mut outcome = outcome.unwrap_or_else(|| Outcome {
        summary: Summary::default(),
        errors: 0,
        first_error: None,
    });
    outcome.summary = summary.into_inner().unwrap_or_else(|e| e.into_inner());
    match written {
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

enum Writer {
    Json(Sink),
    Csv(Box<CsvOut>),
}

/// What the writer thread hands back.
struct Collected {
    outcome: Option<Outcome>,
    written: io::Result<()>,
    /// A `--strict` stop.
    stopped: Option<Failure>,
}

/// Takes the chunks' results in input order: writes them, counts the bad records, and returns a
/// token per chunk. Stops at a `--strict` stop or a write error.
fn collect(
    mut sink: Option<Writer>,
    done: Receiver<(u64, Part)>,
    tokens: Receiver<()>,
    progress: &ProgressBar,
    read: &AtomicU64,
) -> Collected {
    let mut outcome = Outcome {
        summary: Summary::default(),
        errors: 0,
        first_error: None,
    };
    let mut records = 0u64;
    let mut stopped = None;
    let mut waiting: BTreeMap<u64, Part> = BTreeMap::new();
    let mut next = 0u64;
    let mut written = Ok(());
    'chunks: for (seq, part) in done.iter() {
        waiting.insert(seq, part);
        while let Some(part) = waiting.remove(&next) {
            next += 1;
            let Part {
                json,
                deflated,
                csv,
                summary: _,
                records: n,
                errors,
                first_error,
                stop,
            } = part;
            written = match &mut sink {
                Some(Writer::Json(sink)) => match deflated {
                    Some(block) => block.and_then(|b| sink.write_block(&b)),
                    None => json
                        .iter()
                        .try_for_each(|buf| io::Write::write_all(sink, buf)),
                },
                Some(Writer::Csv(out)) => out.write_chunk(&csv),
                None => Ok(()),
            };
            outcome.errors += errors;
            if outcome.first_error.is_none() {
                outcome.first_error = first_error;
            }
            records += n;
            progress.set_position(read.load(Ordering::Relaxed));
            progress.set_message(format!("{records} records"));
            if written.is_err() {
                break 'chunks;
            }
            if let Some(message) = stop {
                stopped = Some(Failure::BadRow(message));
                break 'chunks;
            }
            let _ = tokens.recv();
        }
    }
    // Dropping the receivers stops the reading loop.
    drop(tokens);
    drop(done);
    if written.is_ok() {
        written = match sink {
            Some(Writer::Json(sink)) => sink.finish(),
            Some(Writer::Csv(out)) => out.finish(),
            None => Ok(()),
        };
    }
    Collected {
        outcome: Some(outcome),
        written,
        stopped,
    }
}

/// The CSV score columns: those of any serialised score.
fn score_columns(job: &Job) -> Vec<String> {
    let e = job.analyzer.explain("");
    let v = output::score_value(&e.score, job.explain.then_some(&e), job.shape);
    let mut cols = Vec::new();
    output::flatten(&job.key, &v, &mut cols);
    cols.into_iter().map(|(k, _)| k).collect()
}

/// Appends a record's output line to `out`.
fn json_record(job: &Job, p: &Parsed, scored: &Scored, out: &mut Vec<u8>) {
    let explanation = scored.explanation().filter(|_| job.explain);
    let value = || output::score_value(scored.score(), explanation, job.shape);
    match &p.kind {
        Kind::Json { raw, empty, .. } => {
            let contributions = explanation.map(|e| e.contributions.as_slice());
            output::splice(
                raw.as_bytes(),
                *empty,
                &job.key_json,
                |out| output::write_score(out, scored.score(), contributions, job.shape),
                out,
            );
        }
        Kind::Map { map, .. } => {
            let mut map = map.clone();
            map.insert(job.key.clone(), value());
            output::json_line(&map, out);
        }
        // Columns as string fields, then the scores: what the map below serialises to, without
        // building it (a repeated name or one equal to the key is merged by the map).
        Kind::Row { header, fields } if header.unique && !header.names.contains(&job.key) => {
            out.push(b'{');
            for (name, value) in header.names.iter().zip(fields.iter()) {
                output::json_str(out, name);
                out.push(b':');
                output::json_str(out, value);
                out.push(b',');
            }
            scores_and_end(job, scored, explanation, out);
        }
        Kind::Line(text) if job.key != "line" && job.key != "text" => {
            out.extend_from_slice(b"{\"line\":");
            out.extend_from_slice(p.line.to_string().as_bytes());
            out.extend_from_slice(b",\"text\":");
            output::json_str(out, text);
            out.push(b',');
            scores_and_end(job, scored, explanation, out);
        }
        Kind::Row { header, fields } => {
            let mut map: Map<String, Value> = header
                .names
                .iter()
                .zip(fields.iter())
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            map.insert(job.key.clone(), value());
            output::json_line(&map, out);
        }
        Kind::Line(text) => {
            let mut map = Map::new();
            map.insert("line".to_owned(), p.line.into());
            map.insert("text".to_owned(), (*text).into());
            map.insert(job.key.clone(), value());
            output::json_line(&map, out);
        }
    }
}

/// `"key":{scores}}` and the newline: the end of a record written field by field.
fn scores_and_end(
    job: &Job,
    scored: &Scored,
    explanation: Option<&Explanation>,
    out: &mut Vec<u8>,
) {
    out.extend_from_slice(&job.key_json);
    out.push(b':');
    let contributions = explanation.map(|e| e.contributions.as_slice());
    output::write_score(out, scored.score(), contributions, job.shape);
    out.extend_from_slice(b"}\n");
}

fn csv_record(job: &Job, p: &Parsed, scored: &Scored) -> CsvRow {
    let cells = |map: &Map<String, Value>| -> Vec<(String, String)> {
        map.iter()
            .map(|(k, v)| (k.clone(), output::cell(v)))
            .collect()
    };
    let input = match &p.kind {
        Kind::Map { map, .. } => cells(map),
        // Not made for CSV output (`parse_map` is); parsed again should it ever be.
        Kind::Json { raw, .. } => cells(&serde_json::from_str(raw).unwrap_or_default()),
        Kind::Row { header, fields } => header
            .names
            .iter()
            .cloned()
            .zip(fields.iter().cloned())
            .collect(),
        Kind::Line(text) => vec![
            ("line".to_owned(), p.line.to_string()),
            ("text".to_owned(), (*text).to_owned()),
        ],
    };
    let mut scores = Vec::new();
    let contributions =
        (scored.explanation().filter(|_| job.explain)).map(|e| e.contributions.as_slice());
    output::score_cells(scored.score(), contributions, job.shape, &mut scores);
    CsvRow {
        input,
        scores,
        error: None,
    }
}
