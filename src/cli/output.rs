//! Writing output: scored records as JSONL or CSV, error records at their place, to stdout
//! or a file (gzip when it ends in `.gz`).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use empathic::{DocumentScore, Explanation};
use flate2::{Compress, Compression, Crc, FlushCompress};
use serde_json::ser::{CompactFormatter, Formatter};
use serde_json::{Map, Value};

use super::{Failure, Precision, SentenceDetail, io_failure};

/// Output buffer: JSONL output comes in blocks of about 80 KB (64 records), which `BufWriter`
/// writes straight through rather than copying when they are at least this long.
const BUFFER: usize = 64 << 10;

/// Where output goes.
pub enum Sink {
    Plain(BufWriter<Box<dyn Write + Send>>),
    Gzip(Gzip),
}

impl Sink {
    pub fn open(path: Option<&Path>) -> Result<Sink, Failure> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Sink::Plain(BufWriter::with_capacity(
                BUFFER,
                Box::new(io::stdout()),
            )));
        };
        let failed = |e| io_failure(&format!("cannot create {}", path.display()), &e);
        let file = File::create(path).map_err(failed)?;
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
        {
            Ok(Sink::Gzip(Gzip::new(file).map_err(failed)?))
        } else {
            Ok(Sink::Plain(BufWriter::with_capacity(
                BUFFER,
                Box::new(file),
            )))
        }
    }

    pub fn is_gzip(&self) -> bool {
        matches!(self, Sink::Gzip(_))
    }

    /// Writes a block compressed by [`deflate`] (only a gzip sink has them).
    pub fn write_block(&mut self, block: &Deflated) -> io::Result<()> {
        match self {
            Sink::Plain(_) => Err(io::Error::other("a compressed block for plain output")),
            Sink::Gzip(g) => g.write_block(block),
        }
    }

    /// Flushes everything (and writes the gzip trailer).
    pub fn finish(self) -> io::Result<()> {
        match self {
            Sink::Plain(mut w) => w.flush(),
            Sink::Gzip(g) => g.finish(),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Sink::Plain(w) => w.write_all(buf),
            Sink::Gzip(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
        }
    }
}

/// Text compressed on its own (a fresh deflate dictionary) and cut at a byte boundary, so that
/// blocks compressed on different threads can follow one another in one gzip stream (as pigz
/// does), with the CRC of the text.
pub struct Deflated {
    data: Vec<u8>,
    crc: Crc,
}

/// Compresses `bufs`, one after another, into one [`Deflated`] block.
pub fn deflate(bufs: &[Vec<u8>]) -> io::Result<Deflated> {
    let mut z = Compress::new(Compression::fast(), false);
    let mut crc = Crc::new();
    let total: usize = bufs.iter().map(Vec::len).sum();
    let mut data = Vec::with_capacity(total / 4 + 1024);
    for (i, buf) in bufs.iter().enumerate() {
        crc.update(buf);
        let flush = if i + 1 == bufs.len() {
            FlushCompress::Sync
        } else {
            FlushCompress::None
        };
        let mut input = buf.as_slice();
        loop {
            data.reserve(input.len() / 4 + 1024);
            let before = z.total_in();
            z.compress_vec(input, &mut data, flush)
                .map_err(io::Error::other)?;
            // Bounded by `input.len()`, so it fits a `usize`.
            let read = usize::try_from(z.total_in() - before).unwrap_or(input.len());
            input = &input[read.min(input.len())..];
            // Done when all is in and the output had room left (the flush is complete).
            if input.is_empty() && data.len() < data.capacity() {
                break;
            }
        }
    }
    Ok(Deflated { data, crc })
}

/// A gzip file written as [`Deflated`] blocks: those made by the workers, and for `Write`
/// (CSV output) blocks of [`GZIP_PENDING`] bytes compressed here.
pub struct Gzip {
    file: BufWriter<File>,
    crc: Crc,
    pending: Vec<u8>,
}

/// Text written through `Write` is compressed once this much has come.
const GZIP_PENDING: usize = 1 << 20;

impl Gzip {
    fn new(file: File) -> io::Result<Gzip> {
        let mut file = BufWriter::with_capacity(BUFFER, file);
        // Magic, deflate, no flags, no time, no extra flags, unknown OS.
        file.write_all(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255])?;
        Ok(Gzip {
            file,
            crc: Crc::new(),
            pending: Vec::new(),
        })
    }

    fn write_block(&mut self, block: &Deflated) -> io::Result<()> {
        self.compress_pending()?;
        self.file.write_all(&block.data)?;
        self.crc.combine(&block.crc);
        Ok(())
    }

    fn compress_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let block = deflate(std::slice::from_ref(&self.pending))?;
        self.pending.clear();
        self.file.write_all(&block.data)?;
        self.crc.combine(&block.crc);
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.compress_pending()?;
        // An empty final block (fixed Huffman codes, end of block), then CRC-32 and size.
        self.file.write_all(&[0x03, 0x00])?;
        self.file.write_all(&self.crc.sum().to_le_bytes())?;
        self.file.write_all(&self.crc.amount().to_le_bytes())?;
        self.file.flush()
    }
}

impl Write for Gzip {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= GZIP_PENDING {
            self.compress_pending()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.compress_pending()?;
        self.file.flush()
    }
}

/// How much of a score each output record carries: per-sentence detail and decimals.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub sentences: SentenceDetail,
    /// `10^decimals`, or `None` for every digit.
    scale: Option<f64>,
}

impl Shape {
    pub fn new(sentences: SentenceDetail, precision: Precision) -> Shape {
        Shape {
            sentences,
            scale: precision.0.map(|d| 10f64.powi(i32::from(d))),
        }
    }

    /// Everything, every digit: the serialised [`DocumentScore`] as it is.
    #[cfg(test)]
    const FULL: Shape = Shape {
        sentences: SentenceDetail::Full,
        scale: None,
    };

    /// `v` rounded half away from zero to the decimals written (−0 written as 0).
    fn round(self, v: f64) -> f64 {
        match self.scale {
            Some(s) => (v * s).round() / s + 0.0,
            None => v,
        }
    }

    /// Rounds every float in `v` (not integers such as `tokens`).
    fn round_value(self, v: &mut Value) {
        match v {
            Value::Number(n) if n.is_f64() => {
                if let Some(x) = n
                    .as_f64()
                    .and_then(|x| serde_json::Number::from_f64(self.round(x)))
                {
                    *n = x;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|i| self.round_value(i)),
            Value::Object(map) => map.values_mut().for_each(|i| self.round_value(i)),
            _ => {}
        }
    }
}

/// The same as a JSON value, for CSV flattening and for replacing scores in an object.
pub fn score_value(
    score: &DocumentScore,
    explanation: Option<&Explanation>,
    shape: Shape,
) -> Value {
    let mut v = serde_json::to_value(score).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        match shape.sentences {
            SentenceDetail::None => {
                map.shift_remove("sentences");
            }
            SentenceDetail::Valence => {
                if let Some(Value::Array(sentences)) = map.get_mut("sentences") {
                    for s in sentences.iter_mut().filter_map(Value::as_object_mut) {
                        s.shift_remove("emotions");
                        s.shift_remove("signals");
                    }
                }
            }
            SentenceDetail::Full => {}
        }
    }
    shape.round_value(&mut v);
    if let (Some(e), Value::Object(map)) = (explanation, &mut v) {
        map.insert(
            "contributions".to_owned(),
            serde_json::to_value(&e.contributions).unwrap_or(Value::Null),
        );
    }
    v
}

/// An error record: `{"line": N, "file": …, "error": …, "id": …, "input": …}` (file, id and
/// input only when known).
pub fn error_object(
    line: u64,
    file: Option<&str>,
    error: &str,
    id: Option<&str>,
    input: Option<&str>,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("line".to_owned(), line.into());
    if let Some(f) = file {
        m.insert("file".to_owned(), f.into());
    }
    m.insert("error".to_owned(), error.into());
    if let Some(id) = id {
        m.insert("id".to_owned(), id.into());
    }
    if let Some(input) = input {
        m.insert("input".to_owned(), input.into());
    }
    m
}

/// Appends `key: value` to a JSON object written as `raw`, keeping its bytes as they were (field
/// order, number formatting, escapes). `raw` must be an object that does not have `key`; `key`
/// is the key already written as JSON, and `value` writes the value.
pub fn splice(
    raw: &[u8],
    empty: bool,
    key: &[u8],
    value: impl FnOnce(&mut Vec<u8>),
    out: &mut Vec<u8>,
) {
    let end = raw.iter().rposition(|&b| b == b'}').unwrap_or(raw.len());
    out.extend_from_slice(&raw[..end]);
    if !empty {
        out.push(b',');
    }
    out.extend_from_slice(key);
    out.push(b':');
    value(out);
    out.extend_from_slice(b"}\n");
}

/// Writes the scores as JSON (the serialised [`DocumentScore`] cut to `shape`, plus
/// `contributions` when explaining), byte for byte as serde_json writes [`score_value`],
/// without going through serde for the score (the bulk of the output: serde_json escapes every
/// key and, through `flatten`, buffers the fields). `tests::fast_scores_equal_serde` keeps the
/// two in step.
pub fn write_score(
    out: &mut Vec<u8>,
    score: &DocumentScore,
    contributions: Option<&[empathic::Contribution]>,
    shape: Shape,
) {
    // About what a sentence takes, so that the writes below rarely check for room twice.
    out.reserve(512 * (score.sentences().len() + 1));
    out.push(b'{');
    valence(
        out,
        [
            score.compound(),
            score.positive(),
            score.negative(),
            score.neutral(),
        ],
        shape,
    );
    out.extend_from_slice(b",\"polarity\":\"");
    out.extend_from_slice(score.polarity().as_str().as_bytes());
    out.extend_from_slice(b"\",\"tokens\":");
    int(out, score.tokens());
    out.extend_from_slice(b",\"matched\":");
    int(out, score.matched());
    if shape.sentences != SentenceDetail::None {
        out.extend_from_slice(b",\"sentences\":[");
        for (i, s) in score.sentences().iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"start\":");
            int(out, s.start());
            out.extend_from_slice(b",\"end\":");
            int(out, s.end());
            out.push(b',');
            let v = [s.compound(), s.positive(), s.negative(), s.neutral()];
            valence(out, v, shape);
            if shape.sentences == SentenceDetail::Full {
                out.extend_from_slice(b",\"emotions\":");
                emotions(out, s.emotions(), shape);
                out.extend_from_slice(b",\"signals\":");
                signals(out, s.signals(), shape);
            }
            out.push(b'}');
        }
        out.push(b']');
    }
    out.extend_from_slice(b",\"emotions\":");
    emotions(out, score.emotions(), shape);
    out.extend_from_slice(b",\"signals\":");
    signals(out, score.signals(), shape);
    out.extend_from_slice(b",\"escalation\":");
    float(out, shape.round(score.escalation()));
    out.extend_from_slice(if score.escalate() {
        b",\"escalate\":true"
    } else {
        b",\"escalate\":false"
    });
    if let Some(c) = contributions {
        out.extend_from_slice(b",\"contributions\":");
        // Serialising into memory cannot fail.
        let _ = serde_json::to_writer(&mut *out, c);
    }
    out.push(b'}');
}

/// `{"anger":` … `,"trust":`: the keys of [`EmotionScores`](empathic::EmotionScores) in
/// [`Emotion::ALL`](empathic::Emotion::ALL) order, each written once here rather than escaped per
/// record (`tests::keys_follow_the_enums` checks them).
const EMOTION_KEYS: [&[u8]; 8] = [
    b"{\"anger\":",
    b",\"anticipation\":",
    b",\"disgust\":",
    b",\"fear\":",
    b",\"joy\":",
    b",\"sadness\":",
    b",\"surprise\":",
    b",\"trust\":",
];

/// The same for [`Signals`](empathic::Signals).
const SIGNAL_KEYS: [&[u8]; 5] = [
    b"{\"frustration\":",
    b",\"urgency\":",
    b",\"churn_intent\":",
    b",\"gratitude\":",
    b",\"confusion\":",
];

/// [`EMOTION_KEYS`] with every intensity 0, as most sentences have them.
const EMOTIONS_ZERO: &[u8] = b"{\"anger\":0.0,\"anticipation\":0.0,\"disgust\":0.0,\"fear\":0.0,\"joy\":0.0,\"sadness\":0.0,\"surprise\":0.0,\"trust\":0.0}";

/// [`SIGNAL_KEYS`] with every intensity 0.
const SIGNALS_ZERO: &[u8] = b"{\"frustration\":0.0,\"urgency\":0.0,\"churn_intent\":0.0,\"gratitude\":0.0,\"confusion\":0.0}";

fn emotions(out: &mut Vec<u8>, e: &empathic::EmotionScores, shape: Shape) {
    let mut v = [0.0; EMOTION_KEYS.len()];
    v.iter_mut()
        .zip(e.iter())
        .for_each(|(slot, (_, x))| *slot = shape.round(x));
    intensities(out, &EMOTION_KEYS, EMOTIONS_ZERO, &v);
}

fn signals(out: &mut Vec<u8>, s: &empathic::Signals, shape: Shape) {
    let mut v = [0.0; SIGNAL_KEYS.len()];
    v.iter_mut()
        .zip(s.iter())
        .for_each(|(slot, (_, x))| *slot = shape.round(x));
    intensities(out, &SIGNAL_KEYS, SIGNALS_ZERO, &v);
}

/// An object of intensities under `keys` (each key carries its `{` or `,`), or `zero` when all
/// are +0.0.
fn intensities(out: &mut Vec<u8>, keys: &[&[u8]], zero: &[u8], values: &[f64]) {
    // `to_bits() == 0` is +0.0 only: -0.0 is written as such.
    if values.iter().all(|v| v.to_bits() == 0) {
        out.extend_from_slice(zero);
        return;
    }
    for (key, &v) in keys.iter().zip(values) {
        out.extend_from_slice(key);
        float(out, v);
    }
    out.push(b'}');
}

/// The valence fields a document and a sentence share: compound and the three shares.
fn valence(out: &mut Vec<u8>, values: [f64; 4], shape: Shape) {
    let keys: [&[u8]; 4] = [
        b"\"compound\":",
        b",\"positive\":",
        b",\"negative\":",
        b",\"neutral\":",
    ];
    for (key, v) in keys.into_iter().zip(values) {
        out.extend_from_slice(key);
        float(out, shape.round(v));
    }
}

/// A float as serde_json writes it (its own formatter; `null` when not finite).
fn float(out: &mut Vec<u8>, v: f64) {
    // Most emotion and signal intensities are 0: skip the shortest-digits search.
    if v == 0.0 && v.is_sign_positive() {
        out.extend_from_slice(b"0.0");
    } else if v.is_finite() {
        let _ = CompactFormatter.write_f64(out, v);
    } else {
        out.extend_from_slice(b"null");
    }
}

/// A string as serde_json writes it: quoted and escaped.
pub fn json_str(out: &mut Vec<u8>, s: &str) {
    // Writing into memory cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

fn int(out: &mut Vec<u8>, v: usize) {
    let _ = CompactFormatter.write_u64(out, v as u64);
}

/// Writes a JSON object as one line.
pub fn json_line(map: &Map<String, Value>, out: &mut Vec<u8>) {
    let _ = serde_json::to_writer(&mut *out, map);
    out.push(b'\n');
}

/// A cell's text: strings as they are, `null` empty, anything else as JSON.
pub fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Flattens the score value into `(column, cell)` pairs: `key_compound`, `key_polarity`, nested
/// objects as `key_outer_inner`, arrays of scalars joined with `;`. `sentences` and other arrays
/// of objects are left out; `contributions` is kept as one JSON cell.
pub fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let name = format!("{prefix}_{k}");
                if k == "sentences" {
                    // Per-sentence detail does not fit a row; JSONL output has it.
                } else if k == "contributions" {
                    out.push((name, v.to_string()));
                } else {
                    flatten(&name, v, out);
                }
            }
        }
        Value::Array(items) if items.iter().any(|i| i.is_object() || i.is_array()) => {}
        Value::Array(items) => out.push((
            prefix.to_owned(),
            items.iter().map(cell).collect::<Vec<_>>().join(";"),
        )),
        scalar => out.push((prefix.to_owned(), cell(scalar))),
    }
}

/// The score cells of a CSV row, in the order of the columns [`flatten`] names for
/// [`score_value`] (`tests::cells_equal_flatten` keeps the two in step), written without
/// building the JSON value.
pub fn score_cells(
    score: &DocumentScore,
    contributions: Option<&[empathic::Contribution]>,
    shape: Shape,
    out: &mut Vec<String>,
) {
    let num = |v: f64| -> String {
        let v = shape.round(v);
        if !v.is_finite() {
            return String::new(); // `null` in JSON, an empty cell here
        }
        let mut b = Vec::with_capacity(24);
        float(&mut b, v);
        String::from_utf8(b).unwrap_or_default()
    };
    let valence = [
        score.compound(),
        score.positive(),
        score.negative(),
        score.neutral(),
    ];
    out.extend(valence.map(num));
    out.push(score.polarity().as_str().to_owned());
    out.push(score.tokens().to_string());
    out.push(score.matched().to_string());
    out.extend(score.emotions().iter().map(|(_, x)| num(x)));
    out.extend(score.signals().iter().map(|(_, x)| num(x)));
    out.push(num(score.escalation()));
    out.push(score.escalate().to_string());
    if let Some(c) = contributions {
        out.push(serde_json::to_string(c).unwrap_or_default());
    }
}

/// One CSV output row before its columns are fixed.
pub struct CsvRow {
    /// Input columns: CSV fields, JSON fields, or `line`/`text`.
    pub input: Vec<(String, String)>,
    /// Score cells in column order ([`score_cells`]; empty for an error row).
    pub scores: Vec<String>,
    /// `line N: message` for an error row.
    pub error: Option<String>,
}

/// Writes [`CsvRow`]s under a header fixed by the first chunk: the input columns of its first
/// good row, then the score columns, then `<key>_error`.
pub struct CsvOut {
    writer: csv::Writer<Sink>,
    input: Option<Vec<String>>,
    scores: Vec<String>,
    cells: Vec<String>,
}

impl CsvOut {
    /// `scores` are the score columns (from flattening any score).
    pub fn new(sink: Sink, key: &str, scores: Vec<String>) -> Self {
        let mut scores = scores;
        scores.push(format!("{key}_error"));
        CsvOut {
            writer: csv::Writer::from_writer(sink),
            input: None,
            scores,
            cells: Vec::new(),
        }
    }

    pub fn write_chunk(&mut self, rows: &[CsvRow]) -> io::Result<()> {
        if self.input.is_none() {
            let first = rows.iter().find(|r| r.error.is_none());
            let input: Vec<String> = first
                .map(|r| r.input.iter().map(|(k, _)| k.clone()).collect())
                .unwrap_or_default();
            self.writer.write_record(input.iter().chain(&self.scores))?;
            self.input = Some(input);
        }
        let input = self.input.as_deref().unwrap_or_default();
        let error_column = self.scores.len() - 1;
        for row in rows {
            self.cells.clear();
            for name in input {
                let v = row
                    .input
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str());
                self.cells.push(v.unwrap_or_default().to_owned());
            }
            for i in 0..self.scores.len() {
                let v = if i == error_column {
                    row.error.as_deref()
                } else {
                    row.scores.get(i).map(String::as_str)
                };
                self.cells.push(v.unwrap_or_default().to_owned());
            }
            self.writer.write_record(&self.cells)?;
        }
        Ok(())
    }

    pub fn finish(self) -> io::Result<()> {
        self.writer
            .into_inner()
            .map_err(|e| io::Error::other(e.to_string()))?
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splice_keeps_the_input_bytes() {
        let mut out = Vec::new();
        let two = |o: &mut Vec<u8>| o.push(b'2');
        splice(
            br#"{"a": 1.50, "t":"x\u00e9"}  "#,
            false,
            b"\"k\"",
            two,
            &mut out,
        );
        assert_eq!(out, b"{\"a\": 1.50, \"t\":\"x\\u00e9\",\"k\":2}\n".to_vec());
        out.clear();
        splice(b"{ }", true, b"\"k\"", |o| o.extend(b"null"), &mut out);
        assert_eq!(
            serde_json::from_slice::<Value>(&out).unwrap(),
            serde_json::json!({"k": null})
        );
    }

    /// What [`write_score`] writes, through serde: the serialised [`DocumentScore`], plus
    /// `contributions` when explaining.
    #[derive(serde::Serialize)]
    struct ScoreOut<'a> {
        #[serde(flatten)]
        score: &'a DocumentScore,
        #[serde(skip_serializing_if = "Option::is_none")]
        contributions: Option<&'a [empathic::Contribution]>,
    }

    impl<'a> ScoreOut<'a> {
        fn new(score: &'a DocumentScore, explanation: Option<&'a Explanation>) -> Self {
            ScoreOut {
                score,
                contributions: explanation.map(|e| e.contributions.as_slice()),
            }
        }
    }

    /// Texts that reach every part of a score: several sentences, emotions, signals,
    /// escalation, no words at all, non-ASCII.
    const TEXTS: &[&str] = &[
        "",
        "ok",
        "Arrived with a dented body and a cracked lid. Still waiting on a refund after 2 weeks 😡",
        "I LOVE it!!! Best kettle ever, thank you so much :)",
        "Not bad at all, but the lid is terrible. Why is it so hard?? I will cancel.",
        "café crème était délicieux… ¿qué?",
    ];

    #[test]
    fn keys_follow_the_enums() {
        let key = |i: usize, name: &str| format!("{}\"{name}\":", if i == 0 { '{' } else { ',' });
        assert_eq!(EMOTION_KEYS.len(), empathic::Emotion::ALL.len());
        for (i, (k, e)) in EMOTION_KEYS.iter().zip(empathic::Emotion::ALL).enumerate() {
            assert_eq!(std::str::from_utf8(k).unwrap(), key(i, e.as_str()));
        }
        let e = empathic::analyze("");
        let zeros = |v: Value| serde_json::to_string(&v).unwrap();
        assert_eq!(
            std::str::from_utf8(EMOTIONS_ZERO).unwrap(),
            zeros(serde_json::to_value(e.emotions()).unwrap())
        );
        assert_eq!(
            std::str::from_utf8(SIGNALS_ZERO).unwrap(),
            zeros(serde_json::to_value(e.signals()).unwrap())
        );
        assert_eq!(SIGNAL_KEYS.len(), empathic::Signal::ALL.len());
        for (i, (k, s)) in SIGNAL_KEYS.iter().zip(empathic::Signal::ALL).enumerate() {
            assert_eq!(std::str::from_utf8(k).unwrap(), key(i, s.as_str()));
        }
    }

    /// Every shape the CLI offers.
    fn shapes() -> Vec<Shape> {
        let mut shapes = vec![Shape::FULL];
        for sentences in [
            SentenceDetail::None,
            SentenceDetail::Valence,
            SentenceDetail::Full,
        ] {
            for decimals in [None, Some(1), Some(4), Some(12)] {
                shapes.push(Shape::new(sentences, Precision(decimals)));
            }
        }
        shapes
    }

    #[test]
    fn fast_scores_equal_serde() {
        let sample = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/reviews.jsonl"),
        )
        .unwrap();
        let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
        texts.extend(sample.lines().map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_owned()
        }));
        for model in [empathic::Model::Default, empathic::Model::Vader] {
            let analyzer = empathic::Analyzer::builder().model(model).build().unwrap();
            for text in &texts {
                let e = analyzer.explain(text);
                for contributions in [None, Some(&e)] {
                    let list = contributions.map(|e| e.contributions.as_slice());
                    // Unshaped, the output is the serialised score itself.
                    let mut fast = Vec::new();
                    write_score(&mut fast, &e.score, list, Shape::FULL);
                    let serde =
                        serde_json::to_vec(&ScoreOut::new(&e.score, contributions)).unwrap();
                    assert_eq!(
                        String::from_utf8(fast).unwrap(),
                        String::from_utf8(serde).unwrap(),
                        "{model:?}: {text}"
                    );
                    for shape in shapes() {
                        let mut fast = Vec::new();
                        write_score(&mut fast, &e.score, list, shape);
                        let value = score_value(&e.score, contributions, shape);
                        assert_eq!(
                            String::from_utf8(fast).unwrap(),
                            serde_json::to_string(&value).unwrap(),
                            "{model:?} {shape:?}: {text}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn cells_equal_flatten() {
        let analyzer = empathic::Analyzer::new();
        for text in TEXTS {
            let e = analyzer.explain(text);
            for explanation in [None, Some(&e)] {
                for shape in shapes() {
                    let mut flat = Vec::new();
                    flatten("k", &score_value(&e.score, explanation, shape), &mut flat);
                    let mut cells = Vec::new();
                    let list = explanation.map(|e| e.contributions.as_slice());
                    score_cells(&e.score, list, shape, &mut cells);
                    let flat: Vec<String> = flat.into_iter().map(|(_, v)| v).collect();
                    assert_eq!(cells, flat, "{shape:?}: {text}");
                }
            }
        }
    }

    #[test]
    fn shapes_cut_sentences_and_round() {
        let score = empathic::analyze(
            "Arrived with a dented body and a cracked lid. Still waiting on a refund after 2 weeks 😡",
        );
        let shaped = |sentences, decimals| {
            let mut out = Vec::new();
            write_score(
                &mut out,
                &score,
                None,
                Shape::new(sentences, Precision(decimals)),
            );
            serde_json::from_slice::<Value>(&out).unwrap()
        };
        let full = shaped(SentenceDetail::Full, None);
        let rounded = shaped(SentenceDetail::Valence, Some(4));
        let exact = full["compound"].as_f64().unwrap();
        let four = rounded["compound"].as_f64().unwrap();
        assert!((exact - four).abs() <= 0.00005, "{exact} vs {four}");
        assert_eq!(four, (four * 1e4).round() / 1e4);
        assert_eq!(rounded["sentences"].as_array().unwrap().len(), 2);
        assert!(full["sentences"][1]["emotions"]["anger"].as_f64().unwrap() > 0.0);
        assert!(rounded["sentences"][1].get("emotions").is_none());
        assert!(rounded["emotions"]["anger"].as_f64().unwrap() > 0.0);
        assert!(
            shaped(SentenceDetail::None, Some(4))
                .get("sentences")
                .is_none()
        );
    }

    #[test]
    fn gzip_blocks_from_many_threads_make_one_stream() {
        let dir = std::env::temp_dir().join(format!("empathic-gzip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.jsonl.gz");
        let lines: Vec<Vec<u8>> = (0..5000)
            .map(|i| {
                format!("{{\"n\":{i},\"text\":\"record {}\"}}\n", i * 7919 % 1000).into_bytes()
            })
            .collect();
        let mut sink = Sink::open(Some(&path)).unwrap();
        assert!(sink.is_gzip());
        // Blocks of uneven sizes, an empty one, and text through `Write` in between.
        for part in lines[..3000].chunks(700) {
            sink.write_block(&deflate(part).unwrap()).unwrap();
        }
        sink.write_block(&deflate(&[]).unwrap()).unwrap();
        for l in &lines[3000..4000] {
            sink.write_all(l).unwrap();
        }
        sink.write_block(&deflate(&lines[4000..]).unwrap()).unwrap();
        sink.finish().unwrap();
        let mut text = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(File::open(&path).unwrap()),
            &mut text,
        )
        .unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(text, lines.concat());
    }

    #[test]
    fn flatten_names_columns_by_path() {
        let v = serde_json::json!({"compound": 0.5, "polarity": "positive", "emotions": {"joy": 0.2},
            "signals": ["churn", "refund"], "sentences": [{"start": 0}]});
        let mut out = Vec::new();
        flatten("e", &v, &mut out);
        let names: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            ["e_compound", "e_polarity", "e_emotions_joy", "e_signals"]
        );
        assert_eq!(out[3].1, "churn;refund");
    }
}
