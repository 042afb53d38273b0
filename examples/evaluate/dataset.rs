//! Reading the evaluation data (`../shared/eval/MANIFEST.md` describes the format) and
//! another system's outputs, and splitting items into tune and holdout halves.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::metrics::Class;

/// One labelled item.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Unique id, prefixed with the set's name.
    pub id: String,
    /// The text, exactly as in the source.
    pub text: String,
    /// Gold polarity.
    pub gold: Class,
    /// Mean human rating in [−4, 4], where the set has one.
    pub score: Option<f64>,
    /// Sub-corpus (e.g. `amazon`/`imdb`/`yelp`), where the set has one.
    pub domain: Option<String>,
}

impl Item {
    /// The gold value on the compound's scale: `score / 4` when rated, else ±1 or 0.
    pub fn gold_value(&self) -> f64 {
        self.score.map_or(self.gold.unit_value(), |s| s / 4.0)
    }
}

/// What a data file holds.
#[derive(Debug)]
pub enum SetFile {
    /// A polarity set.
    Labelled(Vec<Item>),
    /// Not a polarity set: skipped, for the reason given.
    Skipped(&'static str),
}

/// Which half of each file to use, by a hash of the item's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// Every item.
    All,
    /// Items whose FNV-1a 64-bit id hash is even: tune on these.
    Tune,
    /// Items whose FNV-1a 64-bit id hash is odd: report on these.
    Holdout,
}

impl Split {
    /// Parses `all`, `tune` or `holdout`.
    pub fn parse(name: &str) -> Option<Split> {
        match name {
            "all" => Some(Split::All),
            "tune" => Some(Split::Tune),
            "holdout" => Some(Split::Holdout),
            _ => None,
        }
    }

    /// The name [`Split::parse`] accepts.
    pub fn as_str(self) -> &'static str {
        match self {
            Split::All => "all",
            Split::Tune => "tune",
            Split::Holdout => "holdout",
        }
    }

    /// Whether the item with this id belongs to the split.
    pub fn contains(self, id: &str) -> bool {
        let even = fnv1a64(id.as_bytes()) % 2 == 0;
        match self {
            Split::All => true,
            Split::Tune => even,
            Split::Holdout => !even,
        }
    }
}

/// FNV-1a, 64-bit: stable across platforms and Rust versions, unlike `DefaultHasher`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A problem with a data file, naming the file and, where it applies, the line.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number, when the problem is on one line.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl LoadError {
    fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        LoadError {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// Every `*.jsonl` file under `dir`, recursively, in path order. A file path is returned as is.
pub fn jsonl_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| LoadError::new(&d, None, e.to_string()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| LoadError::new(&d, None, e.to_string()))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "jsonl") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// `path` relative to the data folder, with `/` separators (the file name for a single file).
pub fn relative_name(folder: &Path, path: &Path) -> String {
    let rel = path
        .strip_prefix(folder)
        .ok()
        .filter(|r| !r.as_os_str().is_empty());
    let rel = rel.unwrap_or_else(|| Path::new(path.file_name().unwrap_or(path.as_os_str())));
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A JSON object with the 1-based number of its line.
type NumberedObject = (usize, Map<String, Value>);

fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|e| LoadError::new(path, None, e.to_string()))
}

/// Non-blank lines of a file's text as JSON objects, with their 1-based line numbers.
/// The first `limit` of them.
fn objects(path: &Path, text: &str, limit: usize) -> Result<Vec<NumberedObject>, LoadError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if out.len() == limit {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(line)
            .map_err(|e| LoadError::new(path, Some(i + 1), format!("invalid JSON: {e}")))?;
        match value {
            Value::Object(map) => out.push((i + 1, map)),
            _ => return Err(LoadError::new(path, Some(i + 1), "expected a JSON object")),
        }
    }
    Ok(out)
}

fn string_field<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    path: &Path,
    line: usize,
) -> Result<&'a str, LoadError> {
    match obj.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(LoadError::new(
            path,
            Some(line),
            format!("`{key}` must be a string, found {other}"),
        )),
        None => Err(LoadError::new(path, Some(line), format!("missing `{key}`"))),
    }
}

fn number_field(
    obj: &Map<String, Value>,
    key: &str,
    path: &Path,
    line: usize,
) -> Result<Option<f64>, LoadError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_f64() {
            Some(x) if x.is_finite() => Ok(Some(x)),
            _ => Err(LoadError::new(
                path,
                Some(line),
                format!("`{key}` is out of range"),
            )),
        },
        Some(other) => Err(LoadError::new(
            path,
            Some(line),
            format!("`{key}` must be a number, found {other}"),
        )),
    }
}

fn check_unique(
    seen: &mut HashSet<String>,
    id: &str,
    path: &Path,
    line: usize,
) -> Result<(), LoadError> {
    if seen.insert(id.to_owned()) {
        Ok(())
    } else {
        Err(LoadError::new(
            path,
            Some(line),
            format!("duplicate id {id:?}"),
        ))
    }
}

/// Reads a polarity set. The first object decides what the file is: without `text` it is a
/// system's output and without `label` an emotion set, both skipped; after that every line must
/// be a valid labelled item.
pub fn load_set(path: &Path) -> Result<SetFile, LoadError> {
    let text = read(path)?;
    // Decide from the first line, so that big emotion sets are not parsed only to be skipped.
    let head = objects(path, &text, 1)?;
    let Some((_, first)) = head.first() else {
        return Ok(SetFile::Skipped("empty"));
    };
    if !first.contains_key("text") {
        return Ok(SetFile::Skipped(
            "no `text` field (a system's output, not a labelled set)",
        ));
    }
    if !first.contains_key("label") {
        return Ok(SetFile::Skipped("no `label` field (not a polarity set)"));
    }
    let objects = objects(path, &text, usize::MAX)?;
    let mut items = Vec::with_capacity(objects.len());
    let mut seen = HashSet::new();
    for (line, obj) in &objects {
        let line = *line;
        let id = string_field(obj, "id", path, line)?;
        check_unique(&mut seen, id, path, line)?;
        let label = string_field(obj, "label", path, line)?;
        let gold = Class::parse(label).ok_or_else(|| {
            LoadError::new(
                path,
                Some(line),
                format!("unknown label {label:?} (expected positive, negative or neutral)"),
            )
        })?;
        let domain = match obj.get("domain") {
            None | Some(Value::Null) => None,
            Some(_) => Some(string_field(obj, "domain", path, line)?.to_owned()),
        };
        items.push(Item {
            id: id.to_owned(),
            text: string_field(obj, "text", path, line)?.to_owned(),
            gold,
            score: number_field(obj, "score", path, line)?,
            domain,
        });
    }
    Ok(SetFile::Labelled(items))
}

/// Reads another system's outputs: one `{"id", "compound"}` object a line (other keys ignored).
pub fn load_reference(path: &Path) -> Result<HashMap<String, f64>, LoadError> {
    let mut out = HashMap::new();
    for (line, obj) in objects(path, &read(path)?, usize::MAX)? {
        let id = string_field(&obj, "id", path, line)?;
        let compound = number_field(&obj, "compound", path, line)?
            .ok_or_else(|| LoadError::new(path, Some(line), "missing `compound`"))?;
        if out.insert(id.to_owned(), compound).is_some() {
            return Err(LoadError::new(
                path,
                Some(line),
                format!("duplicate id {id:?}"),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_file(name: &str, body: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("empathic-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, body).unwrap();
        path
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn tune_and_holdout_partition_the_ids() {
        let ids: Vec<String> = (0..1000).map(|i| format!("set:{i}")).collect();
        let tune = ids.iter().filter(|id| Split::Tune.contains(id)).count();
        let holdout = ids.iter().filter(|id| Split::Holdout.contains(id)).count();
        assert_eq!(tune + holdout, 1000);
        assert!((400..600).contains(&tune), "unbalanced split: {tune}");
        assert!(ids.iter().all(|id| Split::All.contains(id)));
    }

    #[test]
    fn reads_items_and_skips_unlabelled_files() {
        let path = temp_file(
            "set.jsonl",
            "{\"id\":\"a\",\"text\":\"fine\",\"label\":\"positive\",\"score\":2.0,\"domain\":\"x\"}\n\n\
             {\"id\":\"b\",\"text\":\"meh\",\"label\":\"neutral\"}\n",
        );
        let SetFile::Labelled(items) = load_set(&path).unwrap() else {
            panic!("skipped")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(
            (items[0].gold, items[0].score, items[0].gold_value()),
            (Class::Positive, Some(2.0), 0.5)
        );
        assert_eq!(
            (items[1].domain.as_deref(), items[1].gold_value()),
            (None, 0.0)
        );

        let emotions = temp_file(
            "emo.jsonl",
            "{\"id\":\"e\",\"text\":\"hi\",\"emotions\":[\"joy\"]}\n",
        );
        assert!(matches!(load_set(&emotions).unwrap(), SetFile::Skipped(_)));
        let reference = temp_file("ref.jsonl", "{\"id\":\"a\",\"compound\":0.5}\n");
        assert!(matches!(load_set(&reference).unwrap(), SetFile::Skipped(_)));
        assert_eq!(load_reference(&reference).unwrap()["a"], 0.5);
    }

    #[test]
    fn bad_lines_are_errors_naming_the_line() {
        let cases = [
            (
                "json.jsonl",
                "{\"id\":\"a\",\"text\":\"t\",\"label\":\"positive\"}\n{oops\n",
                2,
                "invalid JSON",
            ),
            (
                "label.jsonl",
                "{\"id\":\"a\",\"text\":\"t\",\"label\":\"good\"}\n",
                1,
                "unknown label",
            ),
            (
                "dup.jsonl",
                "{\"id\":\"a\",\"text\":\"t\",\"label\":\"neutral\"}\n{\"id\":\"a\",\"text\":\"u\",\"label\":\"neutral\"}\n",
                2,
                "duplicate id",
            ),
            (
                "score.jsonl",
                "{\"id\":\"a\",\"text\":\"t\",\"label\":\"neutral\",\"score\":\"high\"}\n",
                1,
                "must be a number",
            ),
            (
                "nolabel.jsonl",
                "{\"id\":\"a\",\"text\":\"t\",\"label\":\"neutral\"}\n{\"id\":\"b\",\"text\":\"t\"}\n",
                2,
                "missing `label`",
            ),
            (
                "array.jsonl",
                "{\"id\":\"a\",\"text\":\"t\",\"label\":\"neutral\"}\n[1]\n",
                2,
                "expected a JSON object",
            ),
        ];
        for (name, body, line, message) in cases {
            let err = load_set(&temp_file(name, body)).unwrap_err();
            assert_eq!(err.line, Some(line), "{err}");
            assert!(err.message.contains(message), "{err}");
            assert!(
                err.to_string().contains(&format!("{name}:{line}: ")),
                "{err}"
            );
        }
        let bad_ref = temp_file("badref.jsonl", "{\"id\":\"a\"}\n");
        assert_eq!(load_reference(&bad_ref).unwrap_err().line, Some(1));
    }
}
