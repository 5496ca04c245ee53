//! Where the database lives: `--db`, else `STRIDE_DB`, else `stride.db` in the platform's
//! data folder (for example `~/.local/share/stride` on Linux).

use std::path::PathBuf;

use directories::ProjectDirs;

/// Error when no data folder can be found for the default database.
#[derive(Debug, thiserror::Error)]
#[error(
    "Cannot find a data folder for the database on this system; \
     give one with --db PATH or STRIDE_DB."
)]
pub struct NoDataFolder;

/// The database file used when neither `--db` nor `STRIDE_DB` names one.
pub fn default_database() -> Result<PathBuf, NoDataFolder> {
    let dirs = ProjectDirs::from("", "", "Stride").ok_or(NoDataFolder)?;
    Ok(dirs.data_dir().join("stride.db"))
}
