//! Writing records to a Stride CSV export, which a spreadsheet opens and Stride imports back.
//! Its step columns cover every process version the exported records follow.

use std::collections::BTreeSet;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tracing::info;

use super::error::{AppError, AppResult};
use super::Controller;
use crate::export::write_csv;
use crate::process::{ProcessDefinition, RecordId};
use crate::store::ListFilter;

impl Controller {
    /// Writes the records of `filter`, oldest first, to a CSV file at `path` and returns how
    /// many were written. The file is written beside its place and then moved there, so a
    /// failure leaves any earlier file at `path` as it was.
    pub fn export(&self, path: &Path, filter: ListFilter) -> AppResult<usize> {
        let (records, columns_of) = self.store.read(|tx| {
            let mut ids: Vec<RecordId> = tx
                .list(filter, usize::MAX)?
                .into_iter()
                .map(|summary| summary.id)
                .collect();
            ids.sort();
            let mut versions = BTreeSet::new();
            let mut records = Vec::with_capacity(ids.len());
            for id in ids {
                records.push(tx.record(id)?);
                versions.insert(tx.record_process_id(id)?);
            }
            let mut union = ProcessDefinition::clone(&self.process());
            for version in versions.into_iter().filter(|&v| v != self.process_id.get()) {
                add_steps(&mut union, &tx.process_by_id(version)?.definition);
            }
            Ok::<_, AppError>((records, union))
        })?;

        let export_error = |source| AppError::Export {
            path: path.to_path_buf(),
            source,
        };
        // Never over a file: not the database itself, not an earlier export, not a pipe.
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(export_error(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "a file of that name is already there; Stride never writes over a file, \
                 so choose another name",
            )));
        }
        let partial = partial_path(path);
        let written = crate::store::private_files::create_file(&partial)
            .and_then(|()| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(&partial)
            })
            .and_then(|file| {
                let mut out = BufWriter::new(file);
                write_csv(&columns_of, &records, &mut out)?;
                out.flush()?;
                out.into_inner().map_err(|e| e.into_error())?.sync_all()
            });
        if let Err(error) = written.and_then(|()| std::fs::rename(&partial, path)) {
            // The partial file is ours; removing it can only fail when it was never made.
            let _ = std::fs::remove_file(&partial);
            return Err(export_error(error));
        }

        info!(path = %path.display(), records = records.len(), "exported records");
        Ok(records.len())
    }
}

/// Adds to `union` the stages and steps of `other` it lacks, so an export of records on
/// several processes has a column for every step any of them has.
fn add_steps(union: &mut ProcessDefinition, other: &ProcessDefinition) {
    for stage in &other.stages {
        let new_steps: Vec<_> = stage
            .steps
            .iter()
            .filter(|step| union.step(&step.key).is_none())
            .cloned()
            .collect();
        match union.stages.iter_mut().find(|s| s.key == stage.key) {
            Some(known) => known.steps.extend(new_steps),
            None => {
                let mut added = stage.clone();
                added.steps = new_steps;
                union.stages.push(added);
            }
        }
    }
}

/// The file an export is written to before it takes its place.
fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    path.with_file_name(name)
}
