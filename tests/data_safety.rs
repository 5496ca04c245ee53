//! Keeping data safe through the `stride` binary: daily and manual backups, restoring
//! them, refusing damaged and too-new files without touching them, private file modes, and
//! several processes writing to one database at once.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod cli_support;

use cli_support::Sandbox;

type TestResult = Result<(), Box<dyn Error>>;

impl Sandbox {
    fn backups(&self) -> PathBuf {
        self.path().join("backups")
    }

    fn lead(&self, name: &str) -> TestResult {
        self.ok(&["new-lead", "--last-name", name, "--company", "Fabrikam"])?;
        Ok(())
    }

    fn backup_files(&self) -> Result<Vec<PathBuf>, Box<dyn Error>> {
        let mut files = Vec::new();
        if self.backups().exists() {
            for entry in std::fs::read_dir(self.backups())? {
                files.push(entry?.path());
            }
        }
        files.sort();
        Ok(files)
    }

    fn names(&self) -> Result<Vec<String>, Box<dyn Error>> {
        let json: serde_json::Value = serde_json::from_str(&self.ok(&["list", "--json"])?)?;
        let mut names: Vec<String> = json
            .as_array()
            .ok_or("list --json gave no array")?
            .iter()
            .filter_map(|row| row["topic"].as_str().map(str::to_string))
            .collect();
        names.sort();
        Ok(names)
    }
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}{suffix}", db.display()))
}

#[test]
fn the_first_write_of_a_day_takes_one_backup_and_the_newest_seven_are_kept() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.lead("Ng")?;
    assert!(
        sandbox.backup_files()?.is_empty(),
        "a brand-new database was backed up"
    );

    sandbox.lead("Okafor")?;
    sandbox.lead("Rossi")?;
    sandbox.ok(&["list"])?;
    assert_eq!(sandbox.backup_files()?.len(), 1);

    for _ in 0..9 {
        let out = sandbox.ok(&["backup"])?;
        assert!(out.starts_with("Backed up the database to "), "{out}");
    }
    let kept = sandbox.backup_files()?;
    assert_eq!(kept.len(), 7, "{kept:?}");
    Ok(())
}

#[test]
fn backup_to_a_file_never_writes_over_one() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.lead("Ng")?;
    let target = sandbox.path().join("copy.db");
    let target_text = target.to_string_lossy().to_string();

    sandbox.ok(&["backup", "--to", &target_text])?;
    let first = std::fs::read(&target)?;
    sandbox.lead("Okafor")?;
    let message = sandbox.fails(&["backup", "--to", &target_text])?;

    assert!(message.contains("already exists"), "{message}");
    assert_eq!(std::fs::read(&target)?, first);
    Ok(())
}

#[test]
fn restore_puts_the_newest_backup_back_and_keeps_the_file_it_replaces() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.lead("Ng")?;
    sandbox.ok(&["backup"])?;
    sandbox.lead("Okafor")?;
    let current = std::fs::read(sandbox.db())?;

    let out = sandbox.ok(&["restore"])?;

    assert!(out.contains("The file it replaced was kept as"), "{out}");
    assert_eq!(sandbox.names()?, ["Ng"]);
    let aside: Vec<PathBuf> = std::fs::read_dir(sandbox.path())?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().contains("stride.db.set-aside-"))
        .filter(|path| !path.to_string_lossy().ends_with("-wal"))
        .filter(|path| !path.to_string_lossy().ends_with("-shm"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = aside[0].to_string_lossy().to_string();
    assert!(out.contains(&kept), "{out}");
    assert!(std::fs::read(&aside[0])?.len() >= current.len());
    let names = Command::new(env!("CARGO_BIN_EXE_stride"))
        .args(["--db", &kept, "list"])
        .output()?;
    assert!(String::from_utf8(names.stdout)?.contains("Okafor"));
    Ok(())
}

#[test]
fn a_damaged_file_is_named_refused_untouched_and_restored() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.lead("Ng")?;
    sandbox.ok(&["backup"])?;
    let mut bytes = std::fs::read(sandbox.db())?;
    bytes[..100].fill(0x5a);
    std::fs::write(sandbox.db(), &bytes)?;

    let message = sandbox.fails(&["list"])?;
    let write = sandbox.fails(&["new-lead", "--last-name", "Okafor"])?;

    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("stride restore"), "{message}");
    assert!(write.contains("stride restore"), "{write}");
    assert_eq!(std::fs::read(sandbox.db())?, bytes);

    let listed = sandbox.ok(&["restore", "--list"])?;
    assert!(listed.contains("sound"), "{listed}");
    sandbox.ok(&["restore"])?;
    assert_eq!(sandbox.names()?, ["Ng"]);
    let damaged_kept = std::fs::read_dir(sandbox.path())?
        .filter_map(Result::ok)
        .any(|entry| std::fs::read(entry.path()).is_ok_and(|kept| kept == bytes));
    assert!(damaged_kept, "the damaged file was not kept");
    Ok(())
}

#[test]
fn restore_skips_a_damaged_backup_for_the_newest_sound_one() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.lead("Ng")?;
    sandbox.ok(&["backup"])?;
    sandbox.lead("Okafor")?;
    sandbox.ok(&["backup"])?;
    sandbox.lead("Rossi")?;
    let newest = sandbox.backup_files()?.pop().ok_or("no backup")?;
    let mut bytes = std::fs::read(&newest)?;
    let half = bytes.len() / 2;
    bytes[half..].fill(0xff);
    std::fs::write(&newest, &bytes)?;

    let listed = sandbox.ok(&["restore", "--list"])?;
    sandbox.ok(&["restore"])?;

    assert!(listed.contains("not usable"), "{listed}");
    assert_eq!(sandbox.names()?, ["Ng"]);
    Ok(())
}

#[test]
fn restore_with_no_backup_says_so_and_changes_nothing() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.lead("Ng")?;
    let before = std::fs::read(sandbox.db())?;

    let message = sandbox.fails(&["restore"])?;

    assert!(message.contains("no sound Stride backup"), "{message}");
    assert_eq!(std::fs::read(sandbox.db())?, before);
    assert_eq!(sandbox.names()?, ["Ng"]);
    Ok(())
}

#[test]
fn a_database_from_a_newer_stride_is_refused_and_never_backed_up() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.lead("Ng")?;
    sandbox.ok(&["backup"])?;
    let backups = sandbox.backup_files()?;
    rusqlite::Connection::open(sandbox.db())?.pragma_update(None, "user_version", 99)?;
    let bytes = std::fs::read(sandbox.db())?;

    let message = sandbox.fails(&["backup"])?;
    let write = sandbox.fails(&["new-lead", "--last-name", "Okafor"])?;

    assert!(message.contains("newer version of Stride"), "{message}");
    assert!(write.contains("newer version of Stride"), "{write}");
    assert_eq!(sandbox.backup_files()?, backups);
    assert_eq!(std::fs::read(sandbox.db())?, bytes);
    Ok(())
}

#[cfg(unix)]
#[test]
fn the_database_its_log_and_backups_are_private_to_their_owner() -> TestResult {
    use std::os::unix::fs::PermissionsExt;

    let sandbox = Sandbox::new()?;
    sandbox.lead("Ng")?;
    sandbox.ok(&["backup"])?;
    let target = sandbox.path().join("copy.db");
    sandbox.ok(&["backup", "--to", &target.to_string_lossy()])?;
    // The app's own folder, made when no --db is given.
    let default = Command::new(env!("CARGO_BIN_EXE_stride"))
        .env_remove("STRIDE_DB")
        .env("HOME", sandbox.path())
        .env("XDG_DATA_HOME", sandbox.path().join("data"))
        .args(["new-lead", "--last-name", "Okafor"])
        .output()?;
    assert!(default.status.success());
    // A second connection keeps the write-ahead log and its index on disk to look at.
    let conn = rusqlite::Connection::open(sandbox.db())?;
    conn.execute("UPDATE records SET notes = 'kept open'", [])?;

    let mode = |path: &Path| -> Result<u32, std::io::Error> {
        Ok(std::fs::metadata(path)?.permissions().mode() & 0o777)
    };
    for file in [
        sandbox.db(),
        sidecar(&sandbox.db(), "-wal"),
        sidecar(&sandbox.db(), "-shm"),
    ] {
        assert_eq!(mode(&file)?, 0o600, "{}", file.display());
    }
    for file in sandbox.backup_files()?.into_iter().chain([target]) {
        assert_eq!(mode(&file)?, 0o600, "{}", file.display());
    }
    assert_eq!(mode(&sandbox.backups())?, 0o700);
    let data = sandbox.path().join("data/stride");
    assert_eq!(mode(&data)?, 0o700, "{}", data.display());
    assert_eq!(mode(&data.join("stride.db"))?, 0o600);
    drop(conn);
    Ok(())
}

#[test]
fn several_processes_writing_at_once_all_succeed_and_all_changes_are_kept() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.lead("Seed")?;
    let writers = 6;
    let each = 8;

    let handles: Vec<_> = (0..writers)
        .map(|writer| {
            let db = sandbox.db();
            std::thread::spawn(move || -> Result<Vec<Output>, std::io::Error> {
                (0..each)
                    .map(|n| {
                        Command::new(env!("CARGO_BIN_EXE_stride"))
                            .env_remove("RUST_LOG")
                            .arg("--db")
                            .arg(&db)
                            .args(["new-lead", "--last-name", &format!("W{writer}-{n}")])
                            .output()
                    })
                    .collect()
            })
        })
        .collect();
    let mut outputs = Vec::new();
    for handle in handles {
        outputs.extend(handle.join().map_err(|_| "a writer thread panicked")??);
    }

    for output in &outputs {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "a writer failed: {stderr}");
        assert!(!stderr.to_lowercase().contains("locked"), "{stderr}");
    }
    let names = sandbox.names()?;
    assert_eq!(names.len(), 1 + writers * each);
    for writer in 0..writers {
        for n in 0..each {
            assert!(
                names.contains(&format!("W{writer}-{n}")),
                "W{writer}-{n} is missing"
            );
        }
    }
    Ok(())
}

#[test]
fn a_database_named_without_a_folder_is_backed_up_and_restored_beside_it() -> TestResult {
    let sandbox = Sandbox::new()?;
    let here = |args: &[&str]| -> Result<Output, std::io::Error> {
        Command::new(env!("CARGO_BIN_EXE_stride"))
            .env_remove("STRIDE_DB")
            .env_remove("RUST_LOG")
            .current_dir(sandbox.path())
            .args(["--db", "stride.db"])
            .args(args)
            .output()
    };
    here(&["new-lead", "--last-name", "Ng"])?;

    let backup = here(&["backup"])?;
    here(&["new-lead", "--last-name", "Okafor"])?;
    let restore = here(&["restore"])?;

    assert!(
        backup.status.success(),
        "{}",
        String::from_utf8_lossy(&backup.stderr)
    );
    assert!(
        restore.status.success(),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    assert_eq!(sandbox.backup_files()?.len(), 1);
    assert_eq!(sandbox.names()?, ["Ng"]);
    Ok(())
}

#[test]
fn a_backup_finishes_while_another_window_keeps_writing() -> TestResult {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use stride::controller::{Controller, LeadForm};
    use stride::demo::DemoOptions;

    let dir = tempfile::tempdir()?;
    let db = dir.path().join("busy.db");
    let controller = Controller::open(&db)?;
    // Large enough that a copy made a few hundred pages at a time takes many steps.
    controller.add_demo_records(&DemoOptions {
        leads: 3_000,
        opportunities: 500,
        seed: 7,
    })?;

    let done = Arc::new(AtomicBool::new(false));
    let writes = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (db, done, writes) = (db.clone(), Arc::clone(&done), Arc::clone(&writes));
        std::thread::spawn(move || -> Result<bool, String> {
            let other = Controller::open(&db).map_err(|e| e.to_string())?;
            let form = LeadForm {
                last_name: "Busy".into(),
                company: "Elsewhere".into(),
                ..LeadForm::default()
            };
            let give_up = Instant::now() + Duration::from_secs(60);
            while !done.load(Ordering::SeqCst) {
                if Instant::now() > give_up {
                    return Ok(false);
                }
                other.create_lead(&form).map_err(|e| e.to_string())?;
                writes.fetch_add(1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(2));
            }
            Ok(true)
        })
    };
    while writes.load(Ordering::SeqCst) == 0 {
        std::thread::sleep(Duration::from_millis(5));
    }

    let target = dir.path().join("copy.db");
    controller.backup(Some(&target))?;
    done.store(true, Ordering::SeqCst);
    let writer_was_still_going = writer.join().map_err(|_| "the writer panicked")??;
    assert!(
        writer_was_still_going,
        "the backup waited for the other window to stop writing"
    );
    assert!(target.exists());
    Ok(())
}

#[test]
fn reading_does_not_wait_for_another_writer() -> TestResult {
    use stride::controller::{Controller, LeadForm};
    use stride::store::ListFilter;

    let dir = tempfile::tempdir()?;
    let db = dir.path().join("held.db");
    let form = LeadForm {
        last_name: "Held".into(),
        company: "Waiting".into(),
        ..LeadForm::default()
    };
    Controller::open(&db)?.create_lead(&form)?;

    // Another program holds the write lock, as a long import in another window does.
    let writer = rusqlite::Connection::open(&db)?;
    writer.execute_batch("BEGIN IMMEDIATE")?;
    let reader = Controller::open(&db)?;
    assert_eq!(reader.list(ListFilter::OpenLeads)?.len(), 1);
    writer.execute_batch("ROLLBACK")?;
    Ok(())
}

#[test]
fn two_databases_with_one_stem_keep_their_own_backups() -> TestResult {
    use stride::controller::{self, Controller, LeadForm};
    use stride::store::ListFilter;

    let dir = tempfile::tempdir()?;
    let crm_db = dir.path().join("crm.db");
    let crm_sqlite = dir.path().join("crm.sqlite");
    let lead = |last: &str| LeadForm {
        last_name: last.into(),
        company: "Same Folder".into(),
        ..LeadForm::default()
    };
    let first = Controller::open(&crm_db)?;
    first.create_lead(&lead("Kept"))?;
    first.backup(None)?;
    drop(first);
    let second = Controller::open(&crm_sqlite)?;
    second.create_lead(&lead("Other"))?;
    for _ in 0..8 {
        // Backups are named to the millisecond; make each one's name its own.
        std::thread::sleep(std::time::Duration::from_millis(2));
        second.backup(None)?;
    }
    drop(second);

    // A backup named the way earlier versions named them belongs to the `.db` file.
    let earlier = dir
        .path()
        .join("backups")
        .join("crm-2026-01-02-030405000.db");
    std::fs::copy(controller::backups(&crm_db)?[0].path.clone(), &earlier)?;
    assert_eq!(controller::backups(&crm_db)?.len(), 2);
    assert_eq!(
        controller::backups(&crm_sqlite)?.len(),
        7,
        "the newest seven are kept"
    );

    controller::restore(&crm_db, None)?;
    let restored = Controller::open(&crm_db)?.list(ListFilter::OpenLeads)?;
    assert_eq!(restored.len(), 1);
    assert_eq!(restored[0].title, "Kept");
    Ok(())
}

#[test]
fn once_damage_is_found_elsewhere_nothing_more_is_written() -> TestResult {
    use stride::controller::{AppError, Controller, LeadForm};
    use stride::store::{ListFilter, StoreError};

    let dir = tempfile::tempdir()?;
    let db = dir.path().join("found.db");
    let controller = Controller::open(&db)?;
    let form = LeadForm {
        last_name: "Before".into(),
        company: "Damage".into(),
        ..LeadForm::default()
    };
    controller.create_lead(&form)?;

    // What the day's backup reports from its own connection when its check fails.
    controller.refuse_changes(AppError::Store(StoreError::Damaged {
        path: db.clone(),
        detail: "page 42 is never used".into(),
    }));
    let refused = controller
        .create_lead(&form)
        .err()
        .map(|error| error.to_string())
        .ok_or("a lead was written to a damaged file")?;
    assert!(refused.contains("page 42 is never used"), "{refused}");
    assert!(refused.contains("stride restore"), "{refused}");
    assert_eq!(
        controller.list(ListFilter::OpenLeads)?.len(),
        1,
        "reading still works"
    );
    Ok(())
}
