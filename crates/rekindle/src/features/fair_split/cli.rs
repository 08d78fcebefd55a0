//! `rekindle fair-split [FILE|-]`: a sheet as JSON from FILE (or stdin for `-` or
//! none), the division as JSON on stdout. Bad input: exit 2 and one line on stderr.

use std::io::{self, Read as _, Write as _};

use rekindle_core::fairness::sheet::SheetError;

/// Why the command could not answer.
#[derive(Debug, thiserror::Error)]
pub enum FairSplitError {
    #[error("{0}")]
    Sheet(#[from] SheetError),
    #[error("cannot read {0}: {1}")]
    Read(String, io::Error),
    #[error(transparent)]
    Write(io::Error),
}

/// Runs the command on `file` (`None` or `-`: stdin).
pub fn run(file: Option<&str>) -> Result<(), FairSplitError> {
    let bytes = match file {
        None | Some("-") => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| FairSplitError::Read("stdin".to_owned(), e))?;
            bytes
        }
        Some(path) => std::fs::read(path).map_err(|e| FairSplitError::Read(path.to_owned(), e))?,
    };
    let outcome = super::decide_json(&bytes)?;
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, &outcome).map_err(|e| FairSplitError::Write(e.into()))?;
    out.write_all(b"\n").map_err(FairSplitError::Write)?;
    out.flush().map_err(FairSplitError::Write)
}
