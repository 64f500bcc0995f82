//! `Lexicons.score_arrow`: Arrow strings in, a record batch of flat columns out.
//!
//! With `unit="paragraph"` or `"sentence"`, each unit of each text is a row, led by `row`
//! (the input row), `unit` (its index in the text) and `start`/`end` (Python string
//! indices), as `score(text, unit=…)` gives them.
//!
//! The strings are read in place from the Arrow buffers that pyarrow (or polars, or
//! anything with the Arrow PyCapsule interface) handed over through the C data
//! interface: a row costs a pointer and a length, never a copy. The columns are those of
//! `framelex score --format csv` without `id` and `error` (a null text gives a null row),
//! with scores and densities rounded as the CLI prints them.

use std::sync::Arc;

use arrow_array::builder::{MapBuilder, StringBuilder, UInt32Builder};
use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray, UInt32Array, UInt64Array,
};
use arrow_schema::{DataType, Field, Schema};
use framelex::printer::round;
use framelex::score::DocScore;
use framelex::units::{self, Unit, UnitOptions};
use framelex::{Compiled, Scorer};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::PyResult;
use rayon::prelude::*;

/// The texts of the chunks, in order, as slices of their Arrow buffers.
fn texts<'a>(chunks: &'a [ArrayRef], dtype: &DataType) -> PyResult<Vec<Option<&'a str>>> {
    let mut texts = Vec::with_capacity(chunks.iter().map(|c| c.len()).sum());
    for chunk in chunks {
        // Arrays that came through the C data interface are not checked by anyone: a
        // producer may hand over bytes that are not UTF-8, which must not become `&str`.
        chunk.to_data().validate_full().map_err(|e| {
            PyValueError::new_err(format!(
                "score_arrow: the array is not valid Arrow strings: {e}"
            ))
        })?;
        match chunk.data_type() {
            DataType::Utf8 => texts.extend(chunk.as_string::<i32>().iter()),
            DataType::LargeUtf8 => texts.extend(chunk.as_string::<i64>().iter()),
            DataType::Utf8View => texts.extend(chunk.as_string_view().iter()),
            DataType::Null => texts.extend(std::iter::repeat_n(None, chunk.len())),
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "score_arrow takes an array of strings (utf8, large_utf8 or utf8_view), \
                     not {dtype}; cast it first, e.g. pyarrow.compute.cast(array, pyarrow.string())"
                )))
            }
        }
    }
    Ok(texts)
}

/// Where an output row comes from: its input row, and with units, which unit (its index
/// and its range as Python string indices).
struct Origin {
    row: usize,
    unit: Option<(usize, usize, usize)>,
}

/// Scores every row (or every unit of every row) and builds the record batch.
pub(crate) fn score_chunks(
    compiled: &Compiled,
    chunks: &[ArrayRef],
    dtype: &DataType,
    opts: &UnitOptions,
    terms: bool,
) -> PyResult<RecordBatch> {
    let texts = texts(chunks, dtype)?;
    let per_text: Vec<Vec<(Origin, Option<DocScore>)>> = texts
        .par_iter()
        .enumerate()
        .map_init(
            || Scorer::new(compiled),
            |scorer, (row, text)| {
                let Some(t) = text else {
                    return vec![(Origin { row, unit: None }, None)];
                };
                let mut chars = crate::offsets::CharOffsets::new(t);
                units::score_text(scorer, t, opts)
                    .into_iter()
                    .map(|r| {
                        let mut s = r.score;
                        // The hits are not columns: free them now rather than hold
                        // them for the whole batch.
                        s.hits = Vec::new();
                        s.rule_hits = Vec::new();
                        let unit = r
                            .unit
                            .map(|u| (u.index, chars.at(u.start), chars.at(u.end)));
                        (Origin { row, unit }, Some(s))
                    })
                    .collect()
            },
        )
        .collect();
    let (origins, rows): (Vec<Origin>, Vec<Option<DocScore>>) =
        per_text.into_iter().flatten().unzip();
    let units = (opts.unit != Unit::Document).then_some(&origins[..]);
    build(compiled, units, &rows, terms)
}

fn build(
    compiled: &Compiled,
    units: Option<&[Origin]>,
    rows: &[Option<DocScore>],
    terms: bool,
) -> PyResult<RecordBatch> {
    let mut fields: Vec<Field> = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    let mut push = |name: String, column: ArrayRef| {
        fields.push(Field::new(name, column.data_type().clone(), true));
        columns.push(column);
    };
    if let Some(origins) = units {
        // Records of units: which input row, which unit, and where (a null text has one
        // row, with null unit).
        push(
            "row".into(),
            Arc::new(UInt64Array::from_iter_values(
                origins.iter().map(|o| o.row as u64),
            )),
        );
        let unit_col = |f: fn((usize, usize, usize)) -> usize| -> ArrayRef {
            Arc::new(UInt64Array::from_iter(
                origins.iter().map(|o| o.unit.map(|u| f(u) as u64)),
            ))
        };
        push("unit".into(), unit_col(|u| u.0));
        push("start".into(), unit_col(|u| u.1));
        push("end".into(), unit_col(|u| u.2));
    }
    push(
        "words".into(),
        Arc::new(UInt64Array::from_iter(
            rows.iter().map(|r| r.as_ref().map(|s| s.words as u64)),
        )),
    );
    push(
        "dominant".into(),
        Arc::new(StringArray::from_iter(rows.iter().map(|r| {
            r.as_ref()
                .and_then(|s| s.dominant)
                .map(|d| compiled.frames[d].id.as_str())
        }))),
    );
    for (fi, frame) in compiled.frames.iter().enumerate() {
        let col = |f: &dyn Fn(&framelex::score::FrameScore) -> u32| -> ArrayRef {
            Arc::new(UInt32Array::from_iter(
                rows.iter().map(|r| r.as_ref().map(|s| f(&s.frames[fi]))),
            ))
        };
        let id = &frame.id;
        push(format!("{id}_hits"), col(&|fs| fs.hits));
        push(format!("{id}_negated"), col(&|fs| fs.negated));
        push(
            format!("{id}_score"),
            Arc::new(Float64Array::from_iter(
                rows.iter()
                    .map(|r| r.as_ref().map(|s| round(s.frames[fi].score, 4))),
            )),
        );
        push(
            format!("{id}_density"),
            Arc::new(Float64Array::from_iter(
                rows.iter()
                    .map(|r| r.as_ref().map(|s| round(s.frames[fi].density, 2))),
            )),
        );
        push(
            format!("{id}_present"),
            Arc::new(BooleanArray::from_iter(
                rows.iter()
                    .map(|r| r.as_ref().map(|s| s.frames[fi].present)),
            )),
        );
        if frame.scope.is_some() {
            push(format!("{id}_out_of_scope"), col(&|fs| fs.out_of_scope));
        }
        if terms {
            push(format!("{id}_terms"), term_map(compiled, rows, fi)?);
        }
    }
    for (si, scope) in compiled.scopes.iter().enumerate() {
        push(
            format!("scope_{}", scope.name),
            Arc::new(UInt32Array::from_iter(
                rows.iter().map(|r| r.as_ref().map(|s| s.scopes[si].hits)),
            )),
        );
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .map_err(|e| PyValueError::new_err(format!("score_arrow: {e}")))
}

/// Counted hits per term of one frame, as a `map<string, uint32>` column (the `terms`
/// of a JSONL record).
fn term_map(compiled: &Compiled, rows: &[Option<DocScore>], fi: usize) -> PyResult<ArrayRef> {
    let mut b = MapBuilder::new(None, StringBuilder::new(), UInt32Builder::new());
    for row in rows {
        match row {
            None => b
                .append(false)
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
            Some(s) => {
                for tc in s.frames[fi].terms.iter().filter(|t| t.count > 0) {
                    b.keys().append_value(&compiled.terms[tc.term].text);
                    b.values().append_value(tc.count);
                }
                b.append(true)
                    .map_err(|e| PyValueError::new_err(e.to_string()))?;
            }
        }
    }
    Ok(Arc::new(b.finish()))
}
