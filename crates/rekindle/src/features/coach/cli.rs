//! `rekindle coach`: the gentle-start coach on the command line. A readable report by
//! default, one JSON object with `--json`, and JSON Lines with `--lines` (every stdin
//! line one message, in order, buffered for throughput).

use std::io::{self, BufRead as _, BufWriter, Read as _, Write};

use rekindle_core::coach::{Analysis, analyse};

/// Input problems: exit code 2 and one line on stderr.
#[derive(Debug, thiserror::Error)]
pub enum CoachInputError {
    #[error("the input is not valid UTF-8 text")]
    NotUtf8,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Runs the command with the given flags and words.
pub fn run(json: bool, lines: bool, words: &[String]) -> Result<(), CoachInputError> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    if lines {
        let stdin = io::stdin();
        let mut reader = stdin.lock();
        let mut buf = Vec::new();
        loop {
            buf.clear();
            if reader.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            let line = std::str::from_utf8(&buf).map_err(|_| CoachInputError::NotUtf8)?;
            let line = line.strip_suffix('\n').unwrap_or(line);
            let line = line.strip_suffix('\r').unwrap_or(line);
            serde_json::to_writer(&mut out, &analyse(line)).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(());
    }
    let text = if words.is_empty() {
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes)?;
        let text = String::from_utf8(bytes).map_err(|_| CoachInputError::NotUtf8)?;
        text.trim_end_matches(['\n', '\r']).to_owned()
    } else {
        words.join(" ")
    };
    let analysis = analyse(&text);
    if json {
        serde_json::to_writer(&mut out, &analysis).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    } else {
        report(&mut out, &text, &analysis)?;
    }
    out.flush()?;
    Ok(())
}

/// The readable report.
fn report(out: &mut impl Write, text: &str, a: &Analysis) -> io::Result<()> {
    writeln!(out, "Gentleness: {}/100", a.gentleness)?;
    if a.findings.is_empty() {
        writeln!(out, "Nothing harsh found. This reads like a gentle start.")?;
    }
    for f in &a.findings {
        let quoted = text.get(f.start..f.end).unwrap_or_default();
        writeln!(
            out,
            "- {} \"{quoted}\" (bytes {}-{})",
            rekindle_core::words::capitalised(f.kind.as_str()),
            f.start,
            f.end
        )?;
        writeln!(out, "  {}", f.explanation)?;
        writeln!(out, "  Try: {}", f.suggestion)?;
        writeln!(out, "  More: /guides/{}", f.guide)?;
    }
    if let Some(r) = &a.rewrite {
        writeln!(out, "A softer start: {r}")?;
    }
    Ok(())
}
