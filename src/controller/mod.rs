//! The controller: the one place commands run. It loads a record, asks the stage machine,
//! and saves the result with its history in one transaction. The UI and the CLI call it.

mod audit;
mod backups;
mod clock;
mod demo;
mod draft_branches;
mod draft_fault;
mod draft_numbers;
mod error;
mod export;
mod gating;
mod history_view;
mod import;
mod import_parties;
mod import_report;
mod lead_form;
mod listing;
mod process_draft;
mod processes;
mod qualify;
mod step_text;
mod views;

use std::cell::{Cell, RefCell};
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use tracing::info;

use crate::process::{
    self, Change, Command, DisqualifyReason, LostReason, Money, ProcessDefinition, RecordId,
};
use crate::store::{Store, StoreError, Tx, USER_NAME};

pub use backups::{backups, newest_sound_backup, restore};
pub use clock::{Clock, FixedClock, SystemClock};
pub use draft_branches::{condition_value, readable_steps, targets, Test};
pub use draft_fault::Fault;
pub use draft_numbers::{parse_probability, parse_target, NumberError, NumberField};
pub use error::{field_label, AppError, AppResult};
pub use history_view::{EventKind, HistoryEvent, HistoryView, StageTimeView};
pub use import::PROGRESS_EVERY;
pub use import_report::{HeldBack, ImportReport};
pub use lead_form::LeadForm;
pub use process_draft::{ProcessDraft, STEP_TYPES};
pub use processes::Imported;
pub use qualify::{Qualified, QualifyChoice, QualifyOptions};
pub use step_text::{parse_step_text, step_text};
pub use views::{Counts, ListRow, RecordPage, StageAlert, StageState, StageView, StepView};

/// Runs every command on one Stride database.
pub struct Controller {
    store: Store,
    /// The newest version of the default process, which new leads follow; replaced when a
    /// new version of it is stored.
    process: RefCell<Rc<ProcessDefinition>>,
    /// Its stored row id.
    process_id: Cell<i64>,
    clock: Arc<dyn Clock>,
    /// The database's data version when this controller last looked.
    seen_version: Cell<i64>,
    /// Who history entries say made the changes.
    user: String,
}

impl Controller {
    /// Opens (or creates) the database at `path` with the computer's clock.
    pub fn open(path: &Path) -> AppResult<Self> {
        Self::with_clock(path, Arc::new(SystemClock))
    }

    /// Opens the database at `path` with the given clock.
    pub fn with_clock(path: &Path, clock: Arc<dyn Clock>) -> AppResult<Self> {
        let store = Store::open(path)?;
        let default = store.read(|tx| tx.default_process())?.ok_or_else(|| {
            StoreError::Corrupt("the database holds no sales process".to_string())
        })?;
        let (process, process_id) = (default.definition, default.id);
        // Duplicate-finding keys were once stored in an older form; bring any such rows up
        // to date. Nothing is written when every key is current.
        if store.read(|tx| tx.stale_party_key_count())? > 0 {
            let rekeyed = store.write(|tx| tx.rekey_parties())?;
            info!(
                rows = rekeyed,
                "updated duplicate-finding keys of accounts and contacts"
            );
        }
        let user = store
            .read(|tx| tx.setting(USER_NAME))?
            .unwrap_or_else(audit::default_user);
        let seen_version = Cell::new(store.data_version()?);
        info!(path = %path.display(), process = %process.name, "opened Stride database");
        Ok(Controller {
            store,
            process: RefCell::new(Rc::new(process)),
            process_id: Cell::new(process_id),
            clock,
            seen_version,
            user,
        })
    }

    /// The company's sales process as new leads follow it: the newest version of the
    /// default process. A record may follow another version; see [`Controller::page`].
    pub fn process(&self) -> Rc<ProcessDefinition> {
        Rc::clone(&self.process.borrow())
    }

    /// Makes `process`, stored as row `id`, the one new leads follow.
    fn set_default_process(&self, process: ProcessDefinition, id: i64) {
        *self.process.borrow_mut() = Rc::new(process);
        self.process_id.set(id);
    }

    /// The process version the record follows.
    fn process_of(&self, tx: &Tx<'_>, id: RecordId) -> AppResult<Rc<ProcessDefinition>> {
        // Read inside the command's transaction even for the process new leads follow: another
        // window or `stride require` may have changed it since this controller cached it.
        let process_id = tx.record_process_id(id)?;
        let stored = tx.process_by_id(process_id)?.definition;
        let cached = self.process();
        if process_id == self.process_id.get() && *cached == stored {
            return Ok(cached);
        }
        Ok(Rc::new(stored))
    }

    /// The current time on this controller's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today's date where the salesperson is, for dates they would write by hand.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&chrono::Local).date_naive()
    }

    /// Where the database file is.
    pub fn database_path(&self) -> &Path {
        self.store.path()
    }

    /// Whether this open started the database: it held nothing before, so nothing in it is
    /// worth a backup yet.
    pub fn started_new(&self) -> bool {
        self.store.is_new()
    }

    /// Marks a step of the newest default process as required or optional, for every
    /// record that follows that version.
    pub fn set_step_required(&mut self, step: &str, required: bool) -> AppResult<()> {
        let mut process = ProcessDefinition::clone(&self.process());
        if !process.set_required(step, required) {
            return Err(process::ProcessError::UnknownStep(step.to_string()).into());
        }
        let id = self.process_id.get();
        self.store
            .write(|tx| tx.replace_process_definition(id, &process))?;
        info!(step, required, "changed a step of the process");
        self.set_default_process(process, id);
        Ok(())
    }

    /// Fills in or clears a step.
    pub fn set_step(
        &self,
        id: RecordId,
        step: &str,
        value: Option<process::StepValue>,
    ) -> AppResult<()> {
        if let Some(process::StepValue::Link(link)) = &value {
            let process = self.store.read(|tx| self.process_of(tx, id))?;
            if let Some((_, definition)) = process.step(step) {
                self.check_link(definition, *link)?;
            }
        }
        self.run(
            id,
            Command::SetStep {
                step: step.to_string(),
                value,
            },
        )
    }

    /// Refuses a link step that names no existing account or contact.
    fn check_link(&self, step: &process::Step, link: i64) -> AppResult<()> {
        let (found, what) = match step.kind {
            process::StepKind::AccountLink => {
                (self.store.read(|tx| tx.account(link))?.is_some(), "account")
            }
            process::StepKind::ContactLink => {
                (self.store.read(|tx| tx.contact(link))?.is_some(), "contact")
            }
            _ => return Ok(()),
        };
        if found {
            Ok(())
        } else {
            Err(AppError::invalid(
                step.label.clone(),
                format!("there is no {what} {link}"),
            ))
        }
    }

    /// Fills in a step from typed text, read for the step's kind; empty text clears it.
    pub fn set_step_text(&self, id: RecordId, step: &str, text: &str) -> AppResult<()> {
        let process = self.store.read(|tx| self.process_of(tx, id))?;
        let (_, definition) = process
            .step(step)
            .ok_or_else(|| process::ProcessError::UnknownStep(step.to_string()))?;
        let value = parse_step_text(definition, text)?;
        self.set_step(id, step, value)
    }

    /// Moves a record on to its next stage.
    pub fn next_stage(&self, id: RecordId) -> AppResult<()> {
        self.run(id, Command::NextStage)
    }

    /// Moves a record back one stage on its path, saying why.
    pub fn previous_stage(&self, id: RecordId, reason: &str) -> AppResult<()> {
        self.run(
            id,
            Command::PreviousStage {
                reason: reason.to_string(),
            },
        )
    }

    /// Moves a record to another stage on its path, by key or name: back with a reason, or
    /// forward through the gates of every stage it leaves or skips.
    pub fn go_to_stage(&self, id: RecordId, stage: &str, reason: &str) -> AppResult<()> {
        let command = Command::GoToStage {
            stage: stage.to_string(),
            reason: reason.to_string(),
        };
        self.run(id, command)
    }

    /// Disqualifies an open lead.
    pub fn disqualify(&self, id: RecordId, reason: DisqualifyReason) -> AppResult<()> {
        self.run(id, Command::Disqualify(reason))
    }

    /// Makes a disqualified lead open again.
    pub fn reactivate(&self, id: RecordId) -> AppResult<()> {
        self.run(id, Command::Reactivate)
    }

    /// Closes an opportunity as won; revenue defaults to the estimate, the date to today.
    pub fn close_won(
        &self,
        id: RecordId,
        revenue: Option<Money>,
        date: Option<NaiveDate>,
    ) -> AppResult<()> {
        let date = date.unwrap_or_else(|| self.today());
        self.run(id, Command::CloseWon { revenue, date })
    }

    /// Closes an opportunity as lost today.
    pub fn close_lost(
        &self,
        id: RecordId,
        reason: LostReason,
        competitor: &str,
        note: &str,
    ) -> AppResult<()> {
        self.close_lost_on(id, reason, competitor, note, None)
    }

    /// Closes an opportunity as lost on the given date, today when none is given.
    pub fn close_lost_on(
        &self,
        id: RecordId,
        reason: LostReason,
        competitor: &str,
        note: &str,
        date: Option<NaiveDate>,
    ) -> AppResult<()> {
        let command = Command::CloseLost {
            reason,
            competitor: competitor.to_string(),
            note: note.to_string(),
            date: date.unwrap_or_else(|| self.today()),
        };
        self.run(id, command)
    }

    /// Reopens a won or lost opportunity at the stage it was closed in, saying why.
    pub fn reopen(&self, id: RecordId, reason: &str) -> AppResult<()> {
        self.run(
            id,
            Command::Reopen {
                reason: reason.to_string(),
            },
        )
    }

    /// Everything the record page shows about one record.
    pub fn page(&self, id: RecordId) -> AppResult<RecordPage> {
        let now = self.now();
        self.store.read(|tx| {
            let record = tx.record(id)?;
            let process = self.process_of(tx, id)?;
            let history = tx.history(id)?;
            let account = record
                .links
                .account
                .map(|a| tx.account(a))
                .transpose()?
                .flatten();
            let contact = record
                .links
                .contact
                .map(|c| tx.contact(c))
                .transpose()?
                .flatten();
            Ok::<_, AppError>(RecordPage::new(
                &process,
                record,
                &history,
                account.map(|a| a.name),
                contact.map(|c| c.person.full_name()),
                now,
            ))
        })
    }

    /// Applies one stage-machine command to a record in one IMMEDIATE transaction.
    fn run(&self, id: RecordId, command: Command) -> AppResult<()> {
        let now = self.now();
        let changes = self.store.write(|tx| {
            let record = tx.record(id)?;
            let process = self.process_of(tx, id)?;
            let transition = process::apply(&process, &record, &command, now)?;
            if !transition.changes.is_empty() {
                tx.update_record(&transition.record, now)?;
                tx.append_history(id, now, &self.user, &transition.changes)?;
            }
            Ok::<_, AppError>(transition.changes)
        })?;
        log_changes(id, &changes);
        Ok(())
    }
}

fn log_changes(id: RecordId, changes: &[Change]) {
    let mut left = None;
    for change in changes {
        match change {
            Change::StageLeft { stage } => left = Some(stage.as_str()),
            Change::StageEntered { stage } => {
                info!(record = %id, from = left.unwrap_or("-"), to = %stage, "stage changed");
            }
            Change::StatusChanged { status, reason, .. } => {
                info!(record = %id, status = %status, reason = %reason, "status changed");
            }
            Change::StepSet { step, value } => {
                info!(record = %id, step = %step, filled = value.is_some(), "step set");
            }
            Change::Created => info!(record = %id, "record created"),
            Change::ReasonGiven { action, .. } => {
                info!(record = %id, action = %action, "reason given");
            }
            Change::ProbabilitySet { probability } => {
                info!(record = %id, probability, "probability set by hand");
            }
            Change::ProcessSwitched { from, to } => {
                info!(record = %id, from = %from, to = %to, "process switched");
            }
        }
    }
}
