//! Reading input: files or stdin, gzip or not, into chunks of raw records. Only what must be
//! sequential happens here (finding line breaks, CSV quoting); JSON parsing and UTF-8 checks run
//! later, in parallel.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::SyncSender;

use flate2::read::MultiGzDecoder;

use super::{Failure, InputArgs, InputFormat, io_failure};

/// CSV records per chunk: enough to keep every thread busy, small enough to bound memory.
pub const CHUNK_RECORDS: usize = 1024;
/// A chunk ends once its records hold this many bytes. JSONL and plain-text chunks are one
/// buffer of about this size (more only when a single line is longer), so long texts do not
/// grow them; about 1,300 records of the sample archive.
pub const CHUNK_BYTES: usize = 256 << 10;

/// What the reader sends on: a block of lines, or CSV records.
pub enum Chunk {
    Lines(Lines),
    Records(Vec<Record>),
}

/// Whole lines of a JSONL or plain-text input, read as one buffer: no copy or allocation per
/// line.
pub struct Lines {
    /// The input's name, when there are several inputs (for error records).
    pub file: Option<Arc<str>>,
    /// JSONL (else plain text).
    pub json: bool,
    pub data: Vec<u8>,
    /// The records in `data`, in order (blank JSONL lines are left out).
    pub lines: Vec<Line>,
}

/// One line of a [`Lines`] block.
pub struct Line {
    /// 1-based line number in its file.
    pub number: u64,
    /// Byte range in `data`, without the line break (`\n` or `\r\n`).
    pub start: usize,
    pub end: usize,
}

/// One input record, as read.
pub struct Record {
    /// 1-based line of the record's start in its file.
    pub line: u64,
    /// The input's name, when there are several inputs (for error records).
    pub file: Option<Arc<str>>,
    pub body: Body,
}

pub enum Body {
    /// A CSV/TSV row with the right number of fields.
    Row {
        header: Arc<Header>,
        fields: Vec<String>,
    },
    /// A row already known to be bad.
    Bad {
        error: String,
        id: Option<String>,
        input: Option<String>,
    },
}

/// A CSV header with the positions of the columns the run reads.
pub struct Header {
    pub names: Vec<String>,
    /// No name repeats, so a record is an object with one field per column.
    pub unique: bool,
    pub text: usize,
    pub id: Option<usize>,
    pub group: Option<usize>,
    pub time: Option<usize>,
}

/// The fields a run reads from each record.
#[derive(Clone, Debug)]
pub struct Fields {
    pub text: String,
    pub id: Option<String>,
    pub group: Option<String>,
    pub time: Option<String>,
}

/// An opened input.
pub struct Source {
    name: Option<Arc<str>>,
    display: String,
    format: InputFormat,
    reader: Box<dyn BufRead + Send>,
}

/// Counts the bytes read from the underlying file (before decompression), for the progress bar.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

fn format_of(path: &Path) -> InputFormat {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("jsonl" | "ndjson" | "json") => InputFormat::Jsonl,
        Some("csv") => InputFormat::Csv,
        Some("tsv" | "tab") => InputFormat::Tsv,
        _ => InputFormat::Lines,
    }
}

fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Opens every input up front, so that a missing file fails before any output. Returns the
/// sources and the total size of the files when all inputs are files (for the progress bar).
pub fn open(
    args: &InputArgs,
    read: &Arc<AtomicU64>,
) -> Result<(Vec<Source>, Option<u64>), Failure> {
    let stdin = [PathBuf::from("-")];
    let paths: &[PathBuf] = if args.files.is_empty() {
        &stdin
    } else {
        &args.files
    };
    let several = paths.len() > 1;
    let mut total = Some(0u64);
    let mut sources = Vec::new();
    for path in paths {
        let display = if is_stdin(path) {
            "stdin".to_owned()
        } else {
            path.display().to_string()
        };
        let raw: Box<dyn Read + Send> = if is_stdin(path) {
            total = None;
            Box::new(io::stdin())
        } else {
            let f =
                File::open(path).map_err(|e| io_failure(&format!("cannot open {display}"), &e))?;
            let len = f
                .metadata()
                .map(|m| m.is_file().then_some(m.len()))
                .ok()
                .flatten();
            total = total.zip(len).map(|(a, b)| a + b);
            Box::new(f)
        };
        let mut buffered = BufReader::with_capacity(
            1 << 18,
            Counting {
                inner: raw,
                count: read.clone(),
            },
        );
        let head = buffered
            .fill_buf()
            .map_err(|e| io_failure(&format!("cannot read {display}"), &e))?;
        // Gzip is recognised by its magic bytes, so `.gz` on stdin or without the suffix works.
        let reader: Box<dyn BufRead + Send> = if head.starts_with(&[0x1f, 0x8b]) {
            Box::new(BufReader::with_capacity(
                1 << 18,
                MultiGzDecoder::new(buffered),
            ))
        } else {
            Box::new(buffered)
        };
        let format = args.format.unwrap_or(if is_stdin(path) {
            InputFormat::Jsonl
        } else {
            format_of(path)
        });
        sources.push(Source {
            name: several.then(|| Arc::from(display.as_str())),
            display,
            format,
            reader,
        });
    }
    Ok((sources, total))
}

/// Collects CSV records into chunks and sends them on.
struct Chunker<'a> {
    tx: &'a SyncSender<Chunk>,
    chunk: Vec<Record>,
    bytes: usize,
}

impl Chunker<'_> {
    /// Adds a record; `false` when the consumer has stopped (a `--strict` stop or a closed
    /// output), so reading should stop too.
    fn push(&mut self, r: Record, bytes: usize) -> bool {
        self.chunk.push(r);
        self.bytes += bytes;
        if self.chunk.len() >= CHUNK_RECORDS || self.bytes >= CHUNK_BYTES {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        self.bytes = 0;
        if self.chunk.is_empty() {
            return true;
        }
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK_RECORDS));
        self.tx.send(Chunk::Records(chunk)).is_ok()
    }
}

/// Reads every source in order and sends its records in chunks. Runs on its own thread.
pub fn read_all(
    sources: Vec<Source>,
    fields: &Fields,
    tx: &SyncSender<Chunk>,
) -> Result<(), Failure> {
    let mut out = Chunker {
        tx,
        chunk: Vec::with_capacity(CHUNK_RECORDS),
        bytes: 0,
    };
    for source in sources {
        let Source {
            name,
            display,
            format,
            reader,
        } = source;
        let go_on = match format {
            InputFormat::Jsonl | InputFormat::Lines => {
                read_lines(reader, format, &name, &display, &mut out)?
            }
            InputFormat::Csv | InputFormat::Tsv => {
                read_csv(reader, format, &name, &display, fields, &mut out)?
            }
        };
        if !go_on {
            return Ok(());
        }
    }
    out.flush();
    Ok(())
}

/// Reads `reader` to its end in blocks of about [`CHUNK_BYTES`] cut after a line break, and
/// sends each with the positions of its lines.
fn read_lines(
    mut reader: Box<dyn BufRead + Send>,
    format: InputFormat,
    name: &Option<Arc<str>>,
    display: &str,
    out: &mut Chunker,
) -> Result<bool, Failure> {
    let failed = |e: io::Error| io_failure(&format!("cannot read {display}"), &e);
    let json = format == InputFormat::Jsonl;
    let mut number = 0u64;
    // The start of a line that did not fit the previous block.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut data = Vec::with_capacity(CHUNK_BYTES.max(carry.len() * 2));
        data.append(&mut carry);
        let mut searched = 0;
        let mut target = CHUNK_BYTES.max(data.len() + 1);
        let (end, eof) = loop {
            if fill(&mut reader, &mut data, target).map_err(failed)? {
                break (data.len(), true);
            }
            match memchr::memrchr(b'\n', &data[searched..]) {
                Some(i) => break (searched + i + 1, false),
                // One line longer than the block: read on until it ends.
                None => {
                    searched = data.len();
                    target = data.len() * 2;
                }
            }
        };
        carry.extend_from_slice(&data[end..]);
        data.truncate(end);
        let mut lines = Vec::with_capacity(data.len() / 128 + 1);
        let mut start = 0;
        while start < data.len() {
            let next = memchr::memchr(b'\n', &data[start..]).map_or(data.len(), |i| start + i);
            let mut stop = next;
            if stop > start && data[stop - 1] == b'\r' {
                stop -= 1;
            }
            number += 1;
            // Blank lines are not JSONL records (a trailing empty line is common).
            if !(json && data[start..stop].iter().all(u8::is_ascii_whitespace)) {
                lines.push(Line {
                    number,
                    start,
                    end: stop,
                });
            }
            start = next + 1;
        }
        if !lines.is_empty() {
            // Records from several files never share a chunk: earlier CSV records go first.
            if !out.flush() {
                return Ok(false);
            }
            let chunk = Chunk::Lines(Lines {
                file: name.clone(),
                json,
                data,
                lines,
            });
            if out.tx.send(chunk).is_err() {
                return Ok(false);
            }
        }
        if eof {
            return Ok(true);
        }
    }
}

/// Reads into `data` until it holds `target` bytes; `true` when the input ended first.
fn fill(reader: &mut impl Read, data: &mut Vec<u8>, target: usize) -> io::Result<bool> {
    let want = target.saturating_sub(data.len());
    let n = reader.take(want as u64).read_to_end(data)?;
    Ok(n < want)
}

fn read_csv(
    reader: Box<dyn BufRead + Send>,
    format: InputFormat,
    name: &Option<Arc<str>>,
    display: &str,
    fields: &Fields,
    out: &mut Chunker,
) -> Result<bool, Failure> {
    let tsv = format == InputFormat::Tsv;
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        // TSV has no quoting: a field may start with a quote character.
        .quoting(!tsv)
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let failed = |e: csv::Error| Failure::Usage(format!("cannot read {display}: {e}"));
    let mut record = csv::ByteRecord::new();
    if !csv.read_byte_record(&mut record).map_err(failed)? {
        return Ok(true); // an empty file has no header and no records
    }
    let names: Vec<String> = record
        .iter()
        .map(|f| String::from_utf8(f.to_vec()))
        .collect::<Result<_, _>>()
        .map_err(|_| Failure::Usage(format!("{display}: the header row is not valid UTF-8")))?;
    let column = |field: &str| -> Result<usize, Failure> {
        names.iter().position(|n| n == field).ok_or_else(|| {
            Failure::Usage(format!(
                "{display}: no column {field:?} in the header ({})",
                names.join(", ")
            ))
        })
    };
    let header = Arc::new(Header {
        text: column(&fields.text)?,
        id: fields.id.as_deref().map(column).transpose()?,
        group: fields.group.as_deref().map(column).transpose()?,
        time: fields.time.as_deref().map(column).transpose()?,
        unique: names
            .iter()
            .enumerate()
            .all(|(i, n)| !names[..i].contains(n)),
        names: names.clone(),
    });
    while csv.read_byte_record(&mut record).map_err(failed)? {
        let line = record.position().map_or(0, |p| p.line());
        let bytes = record.as_slice().len() + record.len();
        let text: Option<Vec<String>> = record
            .iter()
            .map(|f| String::from_utf8(f.to_vec()).ok())
            .collect();
        let body = match text {
            None => Body::Bad {
                error: "invalid UTF-8".to_owned(),
                id: None,
                input: None,
            },
            Some(fs) if fs.len() != header.names.len() => Body::Bad {
                error: format!("expected {} fields, found {}", header.names.len(), fs.len()),
                id: header.id.and_then(|i| fs.get(i).cloned()),
                input: Some(join_row(&fs, tsv)),
            },
            Some(fs) => Body::Row {
                header: header.clone(),
                fields: fs,
            },
        };
        if !out.push(
            Record {
                line,
                file: name.clone(),
                body,
            },
            bytes,
        ) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A row written back as one CSV/TSV line, for the `input` of an error record.
fn join_row(fields: &[String], tsv: bool) -> String {
    if tsv {
        return fields.join("\t");
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to memory cannot fail, and the fields are UTF-8.
    let _ = w.write_record(fields);
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .trim_end_matches('\n')
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_extensions() {
        assert_eq!(format_of(Path::new("a/b.JSONL.gz")), InputFormat::Jsonl);
        assert_eq!(format_of(Path::new("x.ndjson")), InputFormat::Jsonl);
        assert_eq!(format_of(Path::new("x.csv.gz")), InputFormat::Csv);
        assert_eq!(format_of(Path::new("x.tsv")), InputFormat::Tsv);
        assert_eq!(format_of(Path::new("notes.txt")), InputFormat::Lines);
        assert_eq!(format_of(Path::new("README")), InputFormat::Lines);
    }

    #[test]
    fn bad_rows_are_written_back_as_csv() {
        assert_eq!(join_row(&["a".into(), "b,c".into()], false), "a,\"b,c\"");
        assert_eq!(join_row(&["a".into(), "b".into()], true), "a\tb");
    }
}
