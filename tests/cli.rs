//! The `empathic` binary, run as a user would: every input format, gzip, stdin, order under
//! many threads, bad rows, `--strict`, summaries.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(name)
}

/// A fresh directory for one test's files, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn temp_dir(test: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("empathic-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    TempDir(dir)
}

fn empathic(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_empathic"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    // Written from a thread so that a large input cannot deadlock against a full stdout pipe.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    out
}

fn ok(args: &[&str], stdin: &[u8]) -> Output {
    let out = empathic(args, stdin);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json_lines(out: &Output) -> Vec<Value> {
    let text = std::str::from_utf8(&out.stdout).expect("UTF-8 output");
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn input_records() -> Vec<serde_json::Map<String, Value>> {
    let text = std::fs::read_to_string(data("reviews.jsonl")).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn jsonl_keeps_fields_and_order_and_adds_scores() {
    let out = ok(&["score", data("reviews.jsonl").to_str().unwrap()], b"");
    let records = json_lines(&out);
    let inputs = input_records();
    assert_eq!(records.len(), inputs.len());
    assert!(out.stderr.is_empty(), "nothing on stderr for clean input");
    for (rec, input) in records.iter().zip(&inputs) {
        let obj = rec.as_object().unwrap();
        // Input fields first, in their order and with their values, then the scores.
        let keys: Vec<&String> = obj.keys().collect();
        let mut expected: Vec<&String> = input.keys().collect();
        let key = "empathic".to_owned();
        expected.push(&key);
        assert_eq!(keys, expected);
        for (k, v) in input {
            assert_eq!(&obj[k], v);
        }
        let s = &obj["empathic"];
        let compound = s["compound"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&compound));
        // Rounded to 4 decimals by default.
        let direct = empathic::analyze(input["text"].as_str().unwrap()).compound();
        assert!(
            (compound - direct).abs() <= 0.5e-4 + 1e-12,
            "{compound} {direct}"
        );
        for field in ["positive", "negative", "neutral"] {
            assert!(s[field].is_f64());
        }
        assert!(
            ["positive", "negative", "neutral", "mixed"].contains(&s["polarity"].as_str().unwrap())
        );
    }
}

#[test]
fn precision_and_sentence_detail_are_chosen() {
    let path = data("reviews.jsonl");
    let path = path.to_str().unwrap();
    let full = json_lines(&ok(
        &["score", path, "--precision", "full", "--sentences", "full"],
        b"",
    ));
    let lean = json_lines(&ok(&["score", path, "--sentences", "none"], b""));
    let inputs = input_records();
    let mut sentence_emotions = 0;
    for ((full, lean), input) in full.iter().zip(&lean).zip(&inputs) {
        let score = empathic::analyze(input["text"].as_str().unwrap());
        // Every digit: equal up to the last bit that JSON parsing may round.
        let compound = full["empathic"]["compound"].as_f64().unwrap();
        assert!((compound - score.compound()).abs() < 1e-12);
        let sentences = full["empathic"]["sentences"].as_array().unwrap();
        assert_eq!(sentences.len(), score.sentences().len());
        for (s, direct) in sentences.iter().zip(score.sentences()) {
            let anger = s["emotions"]["anger"].as_f64().unwrap();
            assert!((anger - direct.emotions().get(empathic::Emotion::Anger)).abs() < 1e-12);
            sentence_emotions += usize::from(anger > 0.0);
        }
        assert!(lean["empathic"].get("sentences").is_none());
        assert!(lean["empathic"]["emotions"].is_object());
    }
    assert!(sentence_emotions > 0, "the sample has angry sentences");
    let bad = empathic(&["score", path, "--precision", "0"], b"");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn csv_and_tsv_input() {
    let out = ok(&["score", data("tickets.csv").to_str().unwrap()], b"");
    let records = json_lines(&out);
    let mut reader = csv::Reader::from_path(data("tickets.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), rows.len());
    for (rec, row) in records.iter().zip(&rows) {
        assert_eq!(rec["ticket_id"], row[0]);
        assert_eq!(rec["text"], row[4], "quoted fields and line breaks survive");
        assert!(rec["empathic"]["compound"].is_f64());
    }

    // TSV has no quoting: a text may start with a quote character.
    let dir = temp_dir("tsv");
    let tsv = dir.join("notes.tsv");
    std::fs::write(
        &tsv,
        "id\ttext\n1\t\"great\" they said, it broke\n2\tlove it\n",
    )
    .unwrap();
    let records = json_lines(&ok(
        &["score", tsv.to_str().unwrap(), "--id-field", "id"],
        b"",
    ));
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["text"], "\"great\" they said, it broke");
    assert_eq!(records[1]["id"], "2");
    // The same rows through --format on stdin, with a renamed text column.
    let renamed = "id\tbody\n1\tlove it\n";
    let records = json_lines(&ok(
        &["score", "--format", "tsv", "--text-column", "body"],
        renamed.as_bytes(),
    ));
    assert!(records[0]["empathic"]["compound"].as_f64().unwrap() > 0.0);
    // A repeated column keeps its last value, and a column named like the scores' key gives way
    // to the scores: one field per name, as in any JSON object.
    let clash = "note,text,note,empathic\na,love it,b,old\n";
    let out = ok(&["score", "--format", "csv"], clash.as_bytes());
    let text = std::str::from_utf8(&out.stdout).unwrap();
    assert_eq!(text.matches("\"note\"").count(), 1, "{text}");
    let record = &json_lines(&out)[0];
    assert_eq!(record["note"], "b");
    assert!(record["empathic"]["compound"].as_f64().unwrap() > 0.0);
}

#[test]
fn plain_lines_get_line_numbers() {
    let out = ok(
        &["score", "--format", "lines", "--key", "s"],
        "I love it\n\nawful\r\n".as_bytes(),
    );
    let records = json_lines(&out);
    assert_eq!(
        records.len(),
        3,
        "blank lines are records too, so outputs line up with inputs"
    );
    assert_eq!(records[0]["line"], 1);
    assert_eq!(records[0]["text"], "I love it");
    assert_eq!(records[2]["text"], "awful");
    assert!(records[2]["s"]["compound"].as_f64().unwrap() < 0.0);
    assert!(
        records[0].get("empathic").is_none(),
        "--key renames the scores"
    );
}

#[test]
fn gzip_and_stdin_give_the_same_output() {
    let plain = ok(&["score", data("reviews.jsonl").to_str().unwrap()], b"").stdout;
    let raw = std::fs::read(data("reviews.jsonl")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&raw).unwrap();
    let gz = gz.finish().unwrap();
    let dir = temp_dir("gzip");
    let file = dir.join("reviews.jsonl.gz");
    std::fs::write(&file, &gz).unwrap();

    assert_eq!(ok(&["score", file.to_str().unwrap()], b"").stdout, plain);
    assert_eq!(ok(&["score"], &raw).stdout, plain);
    assert_eq!(ok(&["score", "-"], &raw).stdout, plain);
    assert_eq!(
        ok(&["score"], &gz).stdout,
        plain,
        "gzip on stdin is recognised by its magic bytes"
    );

    // Compressed output when --output ends in .gz.
    let out = dir.join("scored.jsonl.gz");
    ok(
        &[
            "score",
            file.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
        b"",
    );
    let mut decoded = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&out).unwrap()),
        &mut decoded,
    )
    .unwrap();
    assert_eq!(decoded, plain);
}

/// `n` copies of the archive with fresh ids, spanning several 1024-record chunks.
fn big_input(copies: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for c in 0..copies {
        for mut rec in input_records() {
            let id = format!("{}-{c}", rec["id"].as_str().unwrap());
            rec.insert("id".into(), id.into());
            serde_json::to_writer(&mut out, &rec).unwrap();
            out.push(b'\n');
        }
    }
    out
}

#[test]
fn order_is_kept_under_many_threads_and_equals_sequential() {
    let input = big_input(12); // 3840 records
    let parallel = ok(&["score", "--threads", "8"], &input);
    let sequential = ok(&["score", "--threads", "1"], &input);
    assert_eq!(parallel.stdout, sequential.stdout);
    let ids: Vec<String> = json_lines(&parallel)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    let expected: Vec<String> = input
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            serde_json::from_slice::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn bad_rows_become_error_records_in_place() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"a\",\"text\":\"great\"}\n");
    input.extend_from_slice(b"{\"id\":\"b\",\"text\":\"bad\"\n"); // malformed
    input.extend_from_slice(b"{\"id\":\"c\",\"body\":\"x\"}\n"); // missing text
    input.extend_from_slice(b"{\"id\":\"d\",\"text\":\"caf\xe9\"}\n"); // Latin-1, not UTF-8
    input.extend_from_slice(b"{\"id\":\"e\",\"text\":\"fine\"}\n");
    let out = ok(&["score", "--id-field", "id"], &input);
    let records = json_lines(&out);
    assert_eq!(records.len(), 5);
    assert_eq!(records[0]["id"], "a");
    assert_eq!(records[1]["line"], 2);
    assert!(
        records[1]["error"]
            .as_str()
            .unwrap()
            .contains("malformed JSON")
    );
    assert_eq!(records[1]["input"], "{\"id\":\"b\",\"text\":\"bad\"");
    assert_eq!(records[2]["line"], 3);
    assert!(records[2]["error"].as_str().unwrap().contains("text"));
    assert_eq!(records[2]["id"], "c");
    assert_eq!(records[3]["line"], 4);
    assert!(records[3]["error"].as_str().unwrap().contains("UTF-8"));
    assert!(
        records[3].get("input").is_none(),
        "invalid UTF-8 is not repeated"
    );
    assert_eq!(records[4]["id"], "e");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 bad records"), "{stderr}");

    let csv = "id,text\n1,good\n2,too,many\n3,bad\n";
    let records = json_lines(&ok(&["score", "--format", "csv"], csv.as_bytes()));
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["line"], 3);
    assert!(
        records[1]["error"]
            .as_str()
            .unwrap()
            .contains("expected 2 fields, found 3")
    );
    assert_eq!(records[1]["input"], "2,too,many");
    assert_eq!(records[2]["id"], "3");
}

#[test]
fn strict_stops_at_the_first_bad_row() {
    let input = "{\"text\":\"good\"}\n{\"text\":\"fine\"}\nnot json\n{\"text\":\"ok\"}\n";
    let out = empathic(&["score", "--strict"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json_lines(&out).len(),
        2,
        "the records before the bad one are written"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3"), "{stderr}");

    let csv = "id,text\n1,good\n2\n";
    let out = empathic(&["score", "--strict", "--format", "csv"], csv.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3"));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let missing = empathic(&["score", "/nonexistent/reviews.jsonl"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(missing.stdout.is_empty());
    let no_column = empathic(
        &["score", "--format", "csv", "--text-column", "body"],
        b"id,text\n1,x\n",
    );
    assert_eq!(no_column.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_column.stderr).contains("body"));
    assert_eq!(empathic(&["score", "--bogus"], b"").status.code(), Some(2));
}

#[test]
fn grouped_and_trend_summaries() {
    let dir = temp_dir("summary");
    let summary = dir.join("summary.json");
    ok(
        &[
            "score",
            data("reviews.jsonl").to_str().unwrap(),
            "--summary",
            summary.to_str().unwrap(),
            "--group-by",
            "product",
            "--time-field",
            "date",
            "--bucket",
            "month",
            "--output",
            dir.join("out.jsonl").to_str().unwrap(),
        ],
        b"",
    );
    let s: Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    let inputs = input_records();
    assert_eq!(s["records"], inputs.len());
    assert_eq!(s["errors"], 0);
    assert_eq!(s["all"]["count"], inputs.len());
    assert!(!s["all"]["top_positive"].as_array().unwrap().is_empty());
    for (product, agg) in s["groups"].as_object().unwrap() {
        let n = inputs
            .iter()
            .filter(|r| r["product"] == product.as_str())
            .count();
        assert_eq!(agg["count"], n, "{product}");
    }
    let months: Vec<&String> = s["trend"].as_object().unwrap().keys().collect();
    let mut expected: Vec<String> = inputs
        .iter()
        .map(|r| r["date"].as_str().unwrap()[..7].to_owned())
        .collect();
    expected.sort();
    expected.dedup();
    assert_eq!(months, expected.iter().collect::<Vec<_>>());
    let buds: u64 = s["group_trends"]["Buds Pro"]
        .as_object()
        .unwrap()
        .values()
        .map(|a| a["count"].as_u64().unwrap())
        .sum();
    assert_eq!(buds, s["groups"]["Buds Pro"]["count"].as_u64().unwrap());
    // The summary's aggregates read back into the library type.
    let all: empathic::Aggregate = serde_json::from_value(s["all"].clone()).unwrap();
    assert_eq!(all.count(), inputs.len() as u64);

    let table = ok(
        &[
            "summarize",
            data("tickets.csv").to_str().unwrap(),
            "--group-by",
            "agent",
        ],
        b"",
    );
    let table = String::from_utf8(table.stdout).unwrap();
    for agent in ["Dev Patel", "Elena Rossi", "(none)"] {
        assert!(table.contains(agent), "{agent} missing from\n{table}");
    }
    assert!(table.contains("top negative:"));
}

#[test]
fn csv_output_flattens_scores() {
    let dir = temp_dir("csvout");
    let out = dir.join("scored.csv");
    ok(
        &[
            "score",
            data("tickets.csv").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        b"",
    );
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    for col in [
        "ticket_id",
        "text",
        "empathic_compound",
        "empathic_polarity",
        "empathic_error",
    ] {
        assert!(header.iter().any(|h| h == col), "{col} not in {header:?}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 40);
    let compound = header
        .iter()
        .position(|h| h == "empathic_compound")
        .unwrap();
    assert!(rows.iter().all(|r| r[compound].parse::<f64>().is_ok()));
}

#[test]
fn explain_shows_terms() {
    let out = ok(
        &["score", "--explain"],
        b"{\"text\":\"the support was awful\"}\n",
    );
    let rec = &json_lines(&out)[0];
    let entries = rec["empathic"]["contributions"].as_array().unwrap();
    assert!(
        entries
            .iter()
            .any(|c| c["entry"] == "awful" && c["contribution"].as_f64().unwrap() < 0.0)
    );
    let out = ok(&["explain", "The support was awful"], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("awful") && text.contains("compound"),
        "{text}"
    );
    assert!(
        !text.contains('\x1b'),
        "no colours when stdout is not a terminal"
    );
}

#[test]
fn model_vader_gives_vaders_numbers_and_bad_models_are_usage_errors() {
    let input = b"{\"text\":\"The book was good.\"}\n{\"text\":\"It isn\xe2\x80\x99t good.\"}\n";
    let out = ok(&["score", "--model", "vader"], input);
    let lines = json_lines(&out);
    let vader = empathic::Analyzer::builder()
        .model(empathic::Model::Vader)
        .build()
        .unwrap();
    for (line, text) in lines.iter().zip(["The book was good.", "It isn’t good."]) {
        let want = vader.analyze(text).compound();
        assert_eq!(line["empathic"]["compound"].as_f64(), Some(want), "{text}");
    }
    // VADER misses the curly-apostrophe negation; the default model does not.
    let default = json_lines(&ok(&["score"], input));
    assert!(lines[1]["empathic"]["compound"].as_f64().unwrap() > 0.0);
    assert!(default[1]["empathic"]["compound"].as_f64().unwrap() < 0.0);

    let bad = empathic(&["score", "--model", "nope"], input);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown model"));
}

#[test]
fn speaker_picks_the_side_of_a_chat_and_bad_values_are_usage_errors() {
    let chat = "Agent: Thanks so much for contacting us, happy to help!\nCustomer: the app crashes every time. useless.";
    let input = format!("{{\"text\":{}}}\n", serde_json::to_string(chat).unwrap());
    let compound = |args: &[&str]| {
        json_lines(&ok(args, input.as_bytes()))[0]["empathic"]["compound"]
            .as_f64()
            .unwrap()
    };
    assert!(
        compound(&["score"]) < 0.0,
        "the customer's turns by default"
    );
    assert!(compound(&["score", "--speaker", "support"]) > 0.0);
    let everyone = compound(&["score", "--speaker", "everyone"]);
    assert!(everyone > compound(&["score", "--speaker", "customer"]));

    let bad = empathic(&["score", "--speaker", "bystander"], input.as_bytes());
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown speaker"));
    // VADER scores the text as one unit: a speaker is a usage error there.
    let vader = empathic(
        &["score", "--model", "vader", "--speaker", "support"],
        input.as_bytes(),
    );
    assert_eq!(vader.status.code(), Some(2));
}

#[test]
fn lines_longer_than_a_read_block_and_line_numbers_after_them() {
    // A 600 KB text is longer than the 256 KiB blocks the reader cuts JSONL into.
    let long = "great value, ".repeat(48_000);
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"text\":\"fine\"}\r\n\n");
    input.extend_from_slice(format!("{{\"id\":\"long\",\"text\":\"{long}\"}}\n").as_bytes());
    input.extend_from_slice(b"\n   \nnot json\n");
    input.extend_from_slice(b"{\"id\":\"last\",\"text\":\"awful\"}"); // no final line break
    let out = ok(&["score", "--id-field", "id"], &input);
    let records = json_lines(&out);
    assert_eq!(records.len(), 4, "blank lines are skipped");
    assert_eq!(records[1]["text"].as_str().unwrap().len(), long.len());
    assert!(records[1]["empathic"]["compound"].as_f64().unwrap() > 0.5);
    assert_eq!(records[2]["line"], 6, "lines are counted across blocks");
    assert!(
        records[2]["error"]
            .as_str()
            .unwrap()
            .contains("malformed JSON")
    );
    assert_eq!(records[3]["id"], "last");
    assert!(records[3]["empathic"]["compound"].as_f64().unwrap() < 0.0);
}

#[test]
fn strict_stops_deep_in_a_large_input_with_nothing_after() {
    let mut input = big_input(20); // 6400 records: several chunks and rayon tasks
    let good: Vec<&[u8]> = input.split(|&b| b == b'\n').collect();
    let bad_line = 5000;
    let mut bad = Vec::new();
    for (i, l) in good.iter().filter(|l| !l.is_empty()).enumerate() {
        if i + 1 == bad_line {
            bad.extend_from_slice(b"{\"text\": 5}\n");
        } else {
            bad.extend_from_slice(l);
            bad.push(b'\n');
        }
    }
    input = bad;
    for threads in ["1", "2", "8"] {
        let out = empathic(&["score", "--strict", "--threads", threads], &input);
        assert_eq!(out.status.code(), Some(1));
        let records = json_lines(&out);
        assert_eq!(records.len(), bad_line - 1, "--threads {threads}");
        assert!(records.iter().all(|r| r.get("error").is_none()));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("line {bad_line}:")), "{stderr}");
    }
}
