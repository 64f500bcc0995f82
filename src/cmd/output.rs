//! Where results go: stdout, or the file of `-o`, written as `> FILE` would be (mode,
//! links) but atomically, compressed when its name ends in `.gz` or `.zst`, and in the
//! format its extension names when `--format` is not given.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use tempfile::NamedTempFile;

/// Where output goes: stdout, or a temporary file renamed over FILE at the end so that an
/// interrupted run never leaves a partial file under the final name.
pub enum Output {
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    File {
        tmp: Box<Encoder>,
        path: std::path::PathBuf,
    },
}

/// The temporary file, compressed as the name of `-o` says.
pub enum Encoder {
    Plain(BufWriter<NamedTempFile>),
    Gzip(flate2::write::GzEncoder<BufWriter<NamedTempFile>>),
    Zstd(zstd::Encoder<'static, BufWriter<NamedTempFile>>),
}

impl Encoder {
    fn finish(self) -> std::io::Result<NamedTempFile> {
        let buffered = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w.finish()?,
            Encoder::Zstd(w) => w.finish()?,
        };
        buffered.into_inner().map_err(|e| e.into_error())
    }
}

/// The extension of an output file name under its compression (`x.csv.gz` → `csv`).
fn extension(path: &Path) -> Option<String> {
    framelex::input::name_parts(path).1
}

/// Picks the output format from `-o`'s extension when `--format` is not given; a
/// `--format` that the extension contradicts is an error. `known` maps extensions to
/// formats; an extension it does not know leaves the choice to `default`.
pub fn format_for<F: Copy + PartialEq + clap::ValueEnum>(
    explicit: Option<F>,
    output: Option<&Path>,
    known: &[(&str, F)],
    default: F,
) -> Result<F> {
    let from_ext = output
        .and_then(extension)
        .and_then(|e| known.iter().find(|(k, _)| *k == e).map(|&(_, f)| f));
    let name = |f: F| {
        f.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string())
    };
    match (explicit, from_ext) {
        (Some(f), Some(g)) if f != g => bail!(
            "--format {} contradicts -o {} (a .{} file is written as {}); drop --format or change the file name",
            name(f),
            output.expect("an extension comes from -o").display(),
            output.and_then(extension).unwrap_or_default(),
            name(g)
        ),
        (Some(f), _) => Ok(f),
        (None, Some(g)) => Ok(g),
        (None, None) => Ok(default),
    }
}

impl Output {
    /// Opens the output. With a path, the results go to a temporary file beside the
    /// file that is finally written: the target of `path` when it is a symbolic link, so
    /// that the link stays. The new file gets the mode of the file it replaces, or for a
    /// new file 0666 less the umask, as a shell's `> FILE` would.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        let Some(p) = path else {
            return Ok(Output::Stdout(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout().lock(),
            )));
        };
        let target = match std::fs::symlink_metadata(p) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(p)
                .with_context(|| format!("cannot write {}: a broken symbolic link", p.display()))?,
            _ => p.to_path_buf(),
        };
        if target.is_dir() {
            bail!(
                "cannot write {}: it is a folder; name a file, e.g. -o {}",
                p.display(),
                target.join("results.jsonl").display()
            );
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            bail!(
                "cannot write {}: there is no folder {}",
                p.display(),
                dir.display()
            );
        }
        let mut builder = tempfile::Builder::new();
        builder.prefix(".framelex-");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir).with_context(|| {
            format!(
                "cannot write {}: cannot create a file in {}",
                p.display(),
                dir.display()
            )
        })?;
        if let Ok(existing) = std::fs::metadata(&target) {
            // Replacing a file keeps its mode (group-readable results stay so).
            tmp.as_file()
                .set_permissions(existing.permissions())
                .with_context(|| format!("cannot write {}", p.display()))?;
        }
        let buffered = BufWriter::with_capacity(1 << 16, tmp);
        let tmp = match framelex::input::name_parts(p).0 {
            None => Encoder::Plain(buffered),
            Some("gzip") => Encoder::Gzip(flate2::write::GzEncoder::new(
                buffered,
                flate2::Compression::default(),
            )),
            Some(_) => Encoder::Zstd(
                zstd::Encoder::new(buffered, 0)
                    .with_context(|| format!("cannot write {}", p.display()))?,
            ),
        };
        Ok(Output::File {
            tmp: Box::new(tmp),
            path: target,
        })
    }

    pub fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File { tmp, .. } => match tmp.as_mut() {
                Encoder::Plain(w) => w.write_all(buf),
                Encoder::Gzip(w) => w.write_all(buf),
                Encoder::Zstd(w) => w.write_all(buf),
            },
        }
    }

    pub fn finish(self) -> Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush().context("cannot write output"),
            Output::File { tmp, path } => {
                let tmp = tmp
                    .finish()
                    .with_context(|| format!("cannot write {}", path.display()))?;
                tmp.persist(&path)
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), e.error))?;
                Ok(())
            }
        }
    }
}
