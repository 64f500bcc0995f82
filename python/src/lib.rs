//! `framelex._framelex`: the Python face of the framelex library.
//!
//! Researchers work in notebooks as much as in terminals. This module lends them the
//! library's scorer without a second implementation of anything: records are written by
//! the CLI's own JSONL printer ([`JsonlPrinter::score_fields`]) and parsed once by
//! Python's `json`, documents are split into units by [`framelex::units`] as
//! `framelex score --unit` does, and summaries are the library's [`Summary`]. What is
//! Python's own lives in `framelex/__init__.py` (DataFrame glue) and the stubs in
//! `framelex/_framelex.pyi`.
//!
//! The GIL is released while scoring; rayon does the work, as in the CLI.

mod arrow;
mod offsets;

use std::path::PathBuf;
use std::sync::Arc;

use framelex::input::Kept;
use framelex::lexicon::{read_sources, Source};
use framelex::printer::{JsonlPrinter, PrintContext};
use framelex::score::{HitKind, VoiceFilter};
use framelex::summary::{Period, ScoredRecord, Summary};
use framelex::units::{self, Unit, UnitOptions};
use framelex::{Compiled, LexiconSet, Scorer};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use rayon::prelude::*;

create_exception!(
    framelex,
    LexiconError,
    PyValueError,
    "A lexicon set that does not load: the message lists every problem as the CLI \
     prints it, `file:line:col: message`, one per line; `diagnostics` holds the same \
     lines as a list."
);

/// Raises [`LexiconError`] for a library error, with its lines in `diagnostics`.
fn lexicon_error(py: Python<'_>, e: &framelex::lexicon::LexiconError) -> PyErr {
    let err = LexiconError::new_err(e.to_string());
    let lines: Vec<String> = e.diagnostics.iter().map(|d| d.to_string()).collect();
    if let Err(set) = err.value(py).setattr("diagnostics", lines) {
        return set;
    }
    err
}

/// A compiled lexicon set: the frames, their terms and the automaton that finds them.
#[pyclass(frozen, module = "framelex")]
struct Lexicons {
    compiled: Arc<Compiled>,
    /// The files it was built from (`None` for the embedded default set), so that it can
    /// be pickled and sent to worker processes (multiprocessing, Spark executors).
    sources: Option<Vec<(String, String)>>,
}

impl Lexicons {
    fn build(py: Python<'_>, sources: Vec<Source>) -> PyResult<Lexicons> {
        let kept: Vec<(String, String)> = sources
            .iter()
            .map(|s| (s.path.to_string(), s.text.to_string()))
            .collect();
        let set = py
            .detach(|| LexiconSet::from_sources(sources))
            .map_err(|e| lexicon_error(py, &e))?;
        let compiled = py
            .detach(|| Compiled::new(set))
            .map_err(|e| LexiconError::new_err(format!("cannot compile the lexicon set: {e}")))?;
        Ok(Lexicons {
            compiled: Arc::new(compiled),
            sources: Some(kept),
        })
    }

    fn printer(&self) -> JsonlPrinter<'_> {
        JsonlPrinter::new(PrintContext {
            compiled: &self.compiled,
            keep: Vec::new(),
            color: false,
            units: false,
            terms: false,
            percent: None,
        })
    }

    /// Appends the record(s) of one text as JSON: an object for a document, a list of
    /// objects for its units (with `unit`, and `start`/`end` as Python string indices).
    fn write_records(
        &self,
        printer: &JsonlPrinter<'_>,
        scorer: &mut Scorer<'_>,
        text: &str,
        opts: &UnitOptions,
        out: &mut Vec<u8>,
    ) {
        use std::io::Write;
        let records = units::score_text(scorer, text, opts);
        if opts.unit == Unit::Document {
            for r in &records {
                out.push(b'{');
                printer.score_fields(out, &r.score);
                out.push(b'}');
            }
            return;
        }
        let mut chars = offsets::CharOffsets::new(text);
        out.push(b'[');
        for (i, r) in records.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            let u = r.unit.expect("unit records carry their unit");
            let (start, end) = (chars.at(u.start), chars.at(u.end));
            let _ = write!(
                out,
                "{{\"unit\":{},\"start\":{start},\"end\":{end},",
                u.index
            );
            printer.score_fields(out, &r.score);
            out.push(b'}');
        }
        out.push(b']');
    }
}

fn parse_unit(unit: &str) -> PyResult<Unit> {
    match unit {
        "document" => Ok(Unit::Document),
        "paragraph" => Ok(Unit::Paragraph),
        "sentence" => Ok(Unit::Sentence),
        other => Err(PyValueError::new_err(format!(
            "unit={other:?}: expected \"document\", \"paragraph\" or \"sentence\""
        ))),
    }
}

fn parse_voice(voice: Option<&str>) -> PyResult<Option<VoiceFilter>> {
    match voice {
        None => Ok(None),
        Some("all") => Ok(Some(VoiceFilter::All)),
        Some("author") => Ok(Some(VoiceFilter::Author)),
        Some("quoted") => Ok(Some(VoiceFilter::Quoted)),
        Some(other) => Err(PyValueError::new_err(format!(
            "voice={other:?}: expected \"all\", \"author\", \"quoted\" or None"
        ))),
    }
}

fn unit_options(
    unit: &str,
    voice: Option<&str>,
    count_units: Option<&str>,
) -> PyResult<UnitOptions> {
    let opts = UnitOptions {
        unit: parse_unit(unit)?,
        count_units: count_units
            .map(|c| match c {
                "paragraph" => Ok(Unit::Paragraph),
                "sentence" => Ok(Unit::Sentence),
                other => Err(PyValueError::new_err(format!(
                    "count_units={other:?}: expected \"paragraph\", \"sentence\" or None"
                ))),
            })
            .transpose()?,
        voice: parse_voice(voice)?,
    };
    opts.validate().map_err(|e| {
        PyValueError::new_err(
            e.to_string()
                .replace("--count-units", "count_units")
                .replace("--unit", "unit="),
        )
    })?;
    Ok(opts)
}

/// The most worker threads a call may ask for.
const MAX_THREADS: usize = 1024;

/// Runs `f` on a rayon pool of `threads` workers (`None`: one per core, rayon's global
/// pool). Pools are kept by size, so that a caller that scores batch after batch (a Spark
/// task with `threads=1`) does not start threads for each.
fn with_pool<T: Send>(threads: Option<usize>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let n = match threads {
        None => return Ok(f()),
        Some(0) => {
            return Err(PyValueError::new_err(
                "threads=0: give at least 1, or None for one per core",
            ))
        }
        Some(n) if n > MAX_THREADS => {
            return Err(PyValueError::new_err(format!(
                "threads={n}: at most {MAX_THREADS}, or None for one per core"
            )))
        }
        Some(n) => n,
    };
    let pool = {
        let mut pools = POOLS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        match pools.get(&n) {
            Some(p) => Arc::clone(p),
            None => {
                let p = Arc::new(
                    rayon::ThreadPoolBuilder::new()
                        .num_threads(n)
                        .build()
                        .map_err(|e| {
                            PyValueError::new_err(format!("cannot start {n} threads: {e}"))
                        })?,
                );
                pools.insert(n, Arc::clone(&p));
                p
            }
        }
    };
    Ok(pool.install(f))
}

/// Parses JSON written here with Python's `json.loads` (C-fast, and numbers come out as
/// the CLI prints them).
fn json_loads<'py>(py: Python<'py>, json: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let text = std::str::from_utf8(json).expect("the printer writes UTF-8");
    py.import("json")?.call_method1("loads", (text,))
}

#[pymethods]
impl Lexicons {
    /// The default set, embedded in the package.
    #[staticmethod]
    fn default() -> Lexicons {
        Lexicons {
            compiled: Arc::new(Compiled::embedded()),
            sources: None,
        }
    }

    /// Loads a set from a folder or file, or a list of them (as `--lexicons`); a name
    /// that is no path selects an embedded set (`"policy-frames"`).
    #[staticmethod]
    fn load(py: Python<'_>, paths: &Bound<'_, PyAny>) -> PyResult<Lexicons> {
        let paths: Vec<PathBuf> = if let Ok(p) = paths.extract::<PathBuf>() {
            vec![p]
        } else {
            paths.extract::<Vec<PathBuf>>().map_err(|_| {
                PyTypeError::new_err(
                    "Lexicons.load takes a path (str or os.PathLike) or a list of paths",
                )
            })?
        };
        if paths.is_empty() {
            return Err(PyValueError::new_err(
                "Lexicons.load: no path given (Lexicons.default() is the default set)",
            ));
        }
        let sources = read_sources(&paths).map_err(|e| lexicon_error(py, &e))?;
        Lexicons::build(py, sources)
    }

    /// A set from TOML texts: one string (one frame), a list of strings (one frame
    /// each, named `<toml 1>`, `<toml 2>`… in messages) or a dict from file names to
    /// texts (a `set.toml` entry holds the set's settings, as in a folder).
    #[staticmethod]
    fn from_toml(py: Python<'_>, strings: &Bound<'_, PyAny>) -> PyResult<Lexicons> {
        let named: Vec<(String, String)> = if let Ok(s) = strings.extract::<String>() {
            vec![("<toml 1>".into(), s)]
        } else if let Ok(d) = strings.cast::<PyDict>() {
            d.iter()
                .map(|(k, v)| Ok((k.extract::<String>()?, v.extract::<String>()?)))
                .collect::<PyResult<_>>()
                .map_err(|_: PyErr| {
                    PyTypeError::new_err(
                        "Lexicons.from_toml: a dict must map str names to str texts",
                    )
                })?
        } else {
            let list: Vec<String> = strings.extract().map_err(|_| {
                PyTypeError::new_err(
                    "Lexicons.from_toml takes a str, a list of str or a dict of name -> str",
                )
            })?;
            list.into_iter()
                .enumerate()
                .map(|(i, s)| (format!("<toml {}>", i + 1), s))
                .collect()
        };
        if named.is_empty() {
            return Err(PyValueError::new_err("Lexicons.from_toml: no TOML given"));
        }
        let sources = named
            .into_iter()
            .map(|(path, text)| Source {
                path: path.into(),
                text: text.into(),
            })
            .collect();
        Lexicons::build(py, sources)
    }

    /// Frame ids, in set order.
    #[getter]
    fn frames(&self) -> Vec<String> {
        self.compiled.frames.iter().map(|f| f.id.clone()).collect()
    }

    /// The terms of a frame as written (wildcards with their `*`), in lexicon order;
    /// exclusion phrases are not terms.
    fn terms(&self, frame: &str) -> PyResult<Vec<String>> {
        let c = &self.compiled;
        let fi = c.frame_index(frame).ok_or_else(|| {
            PyValueError::new_err(format!(
                "no frame {frame:?}; the frames are: {}",
                self.frames().join(", ")
            ))
        })?;
        Ok(c.terms
            .iter()
            .filter(|t| t.frame == fi && !t.exclusion)
            .map(|t| t.text.clone())
            .collect())
    }

    /// Scores one text: the keys and values of one `framelex score --format jsonl`
    /// record, without `id`; a list of them for paragraph or sentence units.
    #[pyo3(signature = (text, *, unit = "document", voice = None, count_units = None))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        unit: &str,
        voice: Option<&str>,
        count_units: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let opts = unit_options(unit, voice, count_units)?;
        let json = py.detach(|| {
            let mut out = Vec::with_capacity(512);
            let mut scorer = Scorer::new(&self.compiled);
            self.write_records(&self.printer(), &mut scorer, text, &opts, &mut out);
            out
        });
        json_loads(py, &json)
    }

    /// Scores many texts in parallel; one result per text, in order (None for None).
    #[pyo3(signature = (texts, *, unit = "document", voice = None, count_units = None, threads = None))]
    fn score_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        unit: &str,
        voice: Option<&str>,
        count_units: Option<&str>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let opts = unit_options(unit, voice, count_units)?;
        let iter = texts.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "score_many takes an iterable of str, not {}",
                type_name(texts)
            ))
        })?;
        let mut items: Vec<Option<String>> = Vec::new();
        for (i, obj) in iter.enumerate() {
            let obj = obj?;
            if obj.is_none() {
                items.push(None);
            } else if let Ok(s) = obj.cast::<PyString>() {
                items.push(Some(s.to_cow()?.into_owned()));
            } else {
                return Err(PyTypeError::new_err(format!(
                    "texts[{i}] is {}, not str (None gives a null row)",
                    type_name(&obj)
                )));
            }
        }
        let json = py.detach(|| {
            with_pool(threads, || {
                let printer = self.printer();
                let parts: Vec<Vec<u8>> = items
                    .par_iter()
                    .map_init(
                        || Scorer::new(&self.compiled),
                        |scorer, text| match text {
                            None => b"null".to_vec(),
                            Some(t) => {
                                let mut out = Vec::with_capacity(512);
                                self.write_records(&printer, scorer, t, &opts, &mut out);
                                out
                            }
                        },
                    )
                    .collect();
                let mut json =
                    Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum::<usize>() + 2);
                json.push(b'[');
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        json.push(b',');
                    }
                    json.extend_from_slice(p);
                }
                json.push(b']');
                json
            })
        })?;
        json_loads(py, &json)
    }

    /// Scores an Arrow string array into a `pyarrow.RecordBatch` of flat columns.
    #[pyo3(signature = (array, *, unit = "document", voice = None, threads = None, terms = false))]
    fn score_arrow<'py>(
        &self,
        py: Python<'py>,
        array: pyo3_arrow::input::AnyArray,
        unit: &str,
        voice: Option<&str>,
        threads: Option<usize>,
        terms: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let opts = unit_options(unit, voice, None)?;
        let chunks = array
            .into_chunked_array()
            .map_err(|e| PyValueError::new_err(format!("score_arrow: {e}")))?;
        let (chunks, field) = chunks.into_inner();
        let batch = py.detach(|| {
            with_pool(threads, || {
                arrow::score_chunks(&self.compiled, &chunks, field.data_type(), &opts, terms)
            })
        })??;
        pyo3_arrow::PyRecordBatch::new(batch).into_pyarrow(py)
    }

    /// The hits of a text, with Python string indices.
    #[pyo3(signature = (text, *, voice = "all"))]
    fn explain(&self, py: Python<'_>, text: &str, voice: &str) -> PyResult<Vec<Hit>> {
        let opts = UnitOptions {
            voice: parse_voice(Some(voice))?,
            ..UnitOptions::default()
        };
        let c = &self.compiled;
        let hits = py.detach(|| {
            let mut scorer = Scorer::new(c);
            let score = units::score_text(&mut scorer, text, &opts)
                .pop()
                .expect("a document gives one record")
                .score;
            let mut chars = offsets::CharOffsets::new(text);
            score
                .hits
                .iter()
                .map(|h| {
                    let term = &c.terms[h.term];
                    Hit {
                        start: chars.at(h.start),
                        end: chars.at(h.end),
                        text: text[h.start..h.end].to_string(),
                        term: term.text.clone(),
                        frame: c.frames[h.frame].id.clone(),
                        kind: match h.kind {
                            HitKind::Counted => "counted",
                            HitKind::Negated => "negated",
                            HitKind::Excluded => "excluded",
                            HitKind::OutOfScope => "out_of_scope",
                        },
                        voice: if h.quoted { "quoted" } else { "author" },
                        weight: term.weight,
                    }
                })
                .collect()
        });
        Ok(hits)
    }

    fn __repr__(&self) -> String {
        let c = &self.compiled;
        let frames: Vec<String> = c
            .frames
            .iter()
            .enumerate()
            .map(|(i, f)| format!("{} ({} terms)", f.id, c.term_counts()[i]))
            .collect();
        let what = if self.sources.is_none() {
            "default"
        } else {
            "custom"
        };
        format!("<framelex.Lexicons {what}: {}>", frames.join(", "))
    }

    /// Pickles as the files it was built from, restored by `framelex._restore`, which
    /// keeps the last sets it compiled: a Spark executor or a multiprocessing worker
    /// that unpickles the same set for every task compiles it once.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let restore = py.import("framelex")?.getattr("_restore")?;
        let files: Vec<(String, String)> = slf.get().sources.clone().unwrap_or_default();
        let files = PyTuple::new(py, files)?;
        (restore, (files,)).into_pyobject(py)
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an object".into())
}

/// One hit of a term in a text.
#[pyclass(frozen, get_all, module = "framelex")]
struct Hit {
    /// Python string index of the first character: `text[start:end]` is the match.
    start: usize,
    /// Python string index after the last character.
    end: usize,
    /// The matched text, as written in the document.
    text: String,
    /// The lexicon term that matched, as written (with its `*`).
    term: String,
    /// The frame id.
    frame: String,
    /// "counted", "negated", "excluded" or "out_of_scope".
    kind: &'static str,
    /// "author" or "quoted" (inside quotation marks or reported speech).
    voice: &'static str,
    /// The term's weight in its frame.
    weight: f64,
}

#[pymethods]
impl Hit {
    fn __repr__(&self) -> String {
        format!(
            "Hit(start={}, end={}, text={:?}, term={:?}, frame={:?}, kind={:?}, voice={:?}, weight={})",
            self.start, self.end, self.text, self.term, self.frame, self.kind, self.voice, self.weight
        )
    }
}

/// Summarises score records given as JSON texts (the glue in `__init__.py` turns dicts
/// and tables into them): the JSON text of `framelex summarize --format json`.
#[pyfunction]
#[pyo3(signature = (records, lexicons, group_by, date_field, period, top))]
fn _summarize_json(
    py: Python<'_>,
    records: Vec<String>,
    lexicons: &Lexicons,
    group_by: Vec<String>,
    date_field: Option<String>,
    period: Option<&str>,
    top: usize,
) -> PyResult<String> {
    let period = match (period, &date_field) {
        (None, None) => None,
        (Some(_), None) => {
            return Err(PyValueError::new_err(
                "period= needs date_field= (the field holding each record's date)",
            ))
        }
        (None, Some(_)) => Some(Period::Year),
        (Some(p), Some(_)) => Some(parse_period(p)?),
    };
    let mut fields: Vec<Vec<String>> = group_by
        .iter()
        .map(|g| framelex::input::parse_path(g))
        .collect();
    if let Some(d) = &date_field {
        fields.push(framelex::input::parse_path(d));
    }
    let mut summary = Summary::new(&lexicons.compiled, group_by, date_field, period);
    py.detach(|| {
        for (i, line) in records.iter().enumerate() {
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("records[{i}]: not a score record: {e}"))?;
            let kept: Vec<Kept> = fields
                .iter()
                .map(|path| {
                    // A flat key first ("meta.source", as `score --keep meta.source`
                    // writes it), then the dotted path into nested objects.
                    let found = value
                        .get(path.join("."))
                        .or_else(|| path.iter().try_fold(&value, |v, key| v.get(key)));
                    found
                        .and_then(|v| serde_json::value::to_raw_value(v).ok())
                        .map_or(Kept::Missing, Kept::Json)
                })
                .collect();
            let record: ScoredRecord = serde_json::from_value(value)
                .map_err(|e| format!("records[{i}]: not a score record: {e}"))?;
            summary
                .add_record(&kept, &record)
                .map_err(|e| format!("records[{i}]: {e}"))?;
        }
        Ok::<(), String>(())
    })
    .map_err(PyValueError::new_err)?;
    summary_json(&summary, top)
}

/// The period labels of dates, as `summarize --date-field … --period …` groups them.
#[pyfunction]
fn period_labels(values: Vec<Option<String>>, period: &str) -> PyResult<Vec<String>> {
    let period = parse_period(period)?;
    Ok(values
        .iter()
        .map(|v| match v {
            None => framelex::summary::MISSING.to_string(),
            Some(v) => framelex::summary::period_key(v.trim(), period),
        })
        .collect())
}

fn parse_period(period: &str) -> PyResult<Period> {
    match period {
        "year" => Ok(Period::Year),
        "month" => Ok(Period::Month),
        "week" => Ok(Period::Week),
        other => Err(PyValueError::new_err(format!(
            "period={other:?}: expected \"year\", \"month\" or \"week\""
        ))),
    }
}

/// Merges summaries (JSON texts of `summarize --format json`) exactly, as
/// `framelex summarize --merge`.
#[pyfunction]
#[pyo3(signature = (summaries, top))]
fn _merge_json(summaries: Vec<String>, top: usize) -> PyResult<String> {
    let mut merged: Option<Summary> = None;
    for (i, text) in summaries.iter().enumerate() {
        let part = Summary::from_json(text)
            .map_err(|e| PyValueError::new_err(format!("summaries[{i}]: {e}")))?;
        match &mut merged {
            None => merged = Some(part),
            Some(m) => m
                .merge(part)
                .map_err(|e| PyValueError::new_err(format!("summaries[{i}]: {e}")))?,
        }
    }
    let summary = merged.ok_or_else(|| PyValueError::new_err("no summary to merge"))?;
    summary_json(&summary, top)
}

/// The JSON text of `summarize --format json`.
fn summary_json(summary: &Summary, top: usize) -> PyResult<String> {
    let mut out = Vec::new();
    summary
        .write_json(&mut out, top)
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(String::from_utf8(out).expect("JSON is UTF-8"))
}

#[pymodule]
fn _framelex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Lexicons>()?;
    m.add_class::<Hit>()?;
    m.add("LexiconError", py.get_type::<LexiconError>())?;
    m.add_function(wrap_pyfunction!(_summarize_json, m)?)?;
    m.add_function(wrap_pyfunction!(_merge_json, m)?)?;
    m.add_function(wrap_pyfunction!(period_labels, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
