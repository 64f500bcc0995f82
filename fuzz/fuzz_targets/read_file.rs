//! The readers on arbitrary files: text, JSONL, CSV and TSV, plain, gzip or zstd (whole or
//! cut short), through [`Reader`] as `framelex score` uses it. Never a panic; every
//! record parses to a document or an error; for plain JSONL, one record per non-blank
//! line (a line over the size limit is an error record, not a lost one).
#![no_main]

use std::io::Write;
use std::sync::OnceLock;

use framelex::input::{InputFormat, InputSpec, JsonSpec, ReadOptions, Reader};
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&[mode, cut, limit], body)) = data.split_first_chunk::<3>() else {
        return;
    };
    let format = match mode % 4 {
        0 => InputFormat::Text,
        1 => InputFormat::Jsonl,
        2 => InputFormat::Csv,
        _ => InputFormat::Tsv,
    };
    let compression = (mode / 4) % 3;
    let bytes = match compression {
        0 => body.to_vec(),
        1 => {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(body).unwrap();
            enc.finish().unwrap()
        }
        _ => zstd::encode_all(body, 1).unwrap(),
    };
    // Sometimes cut the (compressed) stream short, as a truncated download would be.
    let bytes = if mode & 0x40 != 0 && !bytes.is_empty() {
        bytes[..bytes.len() * usize::from(cut) / 256].to_vec()
    } else {
        bytes
    };
    let path = dir().path().join("input");
    std::fs::write(&path, &bytes).unwrap();
    let opts = ReadOptions {
        format: Some(format),
        keep: vec![vec!["source".into()]],
        max_doc_bytes: 16 + usize::from(limit) * 4,
        batch_records: 1 + usize::from(cut % 8),
        ..ReadOptions::default()
    };
    let spec = JsonSpec::new(&opts.text_field, &opts.id_field, &opts.keep);
    let mut reader = Reader::new(vec![InputSpec::Path(path)], opts.clone());
    let mut records = Vec::new();
    reader.run(&mut |batch| {
        records.extend(batch);
        true
    });
    for rec in &records {
        match rec.parse(&spec, &opts) {
            Ok(doc) => assert_eq!(doc.kept.len(), 1),
            Err(e) => assert!(!e.reason.is_empty() && !e.location.is_empty()),
        }
    }
    if format == InputFormat::Text {
        assert_eq!(records.len(), 1, "a text file is one record");
    }
    // A file is decompressed when it starts with a gzip or zstd magic number, whatever its
    // name: count lines only in files that do not.
    let plain = bytes == body
        && !body.starts_with(&[0x1f, 0x8b])
        && !body.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]);
    if format == InputFormat::Jsonl && plain {
        let mut want = 0u64;
        let mut blank = 0u64;
        let lines: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
        let n = lines.len() - usize::from(body.ends_with(b"\n") || body.is_empty());
        for (i, line) in lines[..n].iter().enumerate() {
            let mut line: &[u8] = line;
            if line.len() > opts.max_doc_bytes {
                want += 1;
                continue;
            }
            if i == 0 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.iter().all(u8::is_ascii_whitespace) {
                blank += 1;
            } else {
                want += 1;
            }
        }
        assert_eq!(records.len() as u64, want, "records of {body:?}");
        assert_eq!(reader.stats.skipped, blank, "blank lines of {body:?}");
    }
});
