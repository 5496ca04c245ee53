//! What stands between a record and its next stage: the required steps still empty, and
//! filling them and moving on in one go, so the missing-steps sheet never leaves a record
//! half changed; the same for a jump ahead on the bar. Qualify and close as won ask for their
//! missing steps too, but save them on their own so they survive a cancelled sheet after.

use super::step_text::parse_step_text;
use super::{log_changes, AppError, AppResult, Controller, StepView};
use crate::process::{self, Command, ProcessError, RecordId, StepKind};
use crate::store::Tx;

impl Controller {
    /// The required steps of the record's current stage that are still empty, in the
    /// stage's order, each as the bar would show it.
    pub fn missing_steps(&self, id: RecordId) -> AppResult<Vec<StepView>> {
        self.store.read(|tx| {
            let record = tx.record(id)?;
            let process = self.process_of(tx, id)?;
            let stage = process
                .stage(&record.stage)
                .ok_or_else(|| ProcessError::UnknownStage(record.stage.clone()))?;
            let missing = stage
                .steps
                .iter()
                .filter(|step| step.required && !record.steps.contains_key(&step.key))
                .map(|step| empty_view(step, !is_link(step)))
                .collect();
            Ok::<_, AppError>(missing)
        })
    }

    /// Fills in steps from typed text, then moves the record to its next stage, all in one
    /// transaction: when any value does not fit or the move is refused, nothing changes.
    pub fn fill_and_next_stage(&self, id: RecordId, values: &[(String, String)]) -> AppResult<()> {
        self.fill_then(id, values, Command::NextStage)
    }

    /// Fills in steps from typed text, then jumps the record ahead to `stage` on its path, all
    /// in one transaction, so a jump refused for steps empty in the stages it passes can be
    /// answered in one go; when any value does not fit or the jump is refused, nothing
    /// changes.
    pub fn fill_and_go_to_stage(
        &self,
        id: RecordId,
        stage: &str,
        values: &[(String, String)],
    ) -> AppResult<()> {
        let command = Command::GoToStage {
            stage: stage.to_string(),
            reason: String::new(),
        };
        self.fill_then(id, values, command)
    }

    /// The required steps that stop this lead from being qualified, in process order, each
    /// as the bar would show it. Account and contact links are left out: the qualify sheet
    /// answers those by its choice.
    pub fn qualify_missing(&self, id: RecordId) -> AppResult<Vec<StepView>> {
        let now = self.now();
        self.store.read(|tx| {
            let lead = tx.record(id)?;
            let process = self.process_of(tx, id)?;
            let missing = match process::qualify(&process, &lead, now) {
                Err(ProcessError::MissingSteps { steps, .. }) => steps,
                _ => Vec::new(),
            };
            Ok::<_, AppError>(fillable(&process, &missing))
        })
    }

    /// The required steps that stop this opportunity from being closed as won: those still
    /// empty in its stage and in every stage ahead on its path, in process order, each as the
    /// bar would show it.
    pub fn close_won_missing(&self, id: RecordId) -> AppResult<Vec<StepView>> {
        let now = self.now();
        let date = self.today();
        self.store.read(|tx| {
            let record = tx.record(id)?;
            let process = self.process_of(tx, id)?;
            let close = Command::CloseWon {
                revenue: None,
                date,
            };
            let missing = match process::apply(&process, &record, &close, now) {
                Err(ProcessError::MissingSteps { steps, .. }) => steps,
                _ => Vec::new(),
            };
            Ok::<_, AppError>(fillable(&process, &missing))
        })
    }

    /// Fills in steps from typed text without moving the record, all in one transaction:
    /// when any value does not fit, nothing changes.
    pub fn fill_steps(&self, id: RecordId, values: &[(String, String)]) -> AppResult<()> {
        let now = self.now();
        let changes = self.store.write(|tx| {
            let record = tx.record(id)?;
            self.apply_fill(tx, record, values, None, now)
        })?;
        log_changes(id, &changes);
        Ok(())
    }

    fn fill_then(&self, id: RecordId, values: &[(String, String)], last: Command) -> AppResult<()> {
        let now = self.now();
        let changes = self.store.write(|tx| {
            let record = tx.record(id)?;
            self.apply_fill(tx, record, values, Some(last), now)
        })?;
        log_changes(id, &changes);
        Ok(())
    }

    /// Sets the typed steps, then runs `last` if given, and stores the result.
    fn apply_fill(
        &self,
        tx: &Tx<'_>,
        mut record: process::Record,
        values: &[(String, String)],
        last: Option<Command>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> AppResult<Vec<process::Change>> {
        let id = record.id;
        let process = self.process_of(tx, id)?;
        let mut changes = Vec::new();
        let mut commands = Vec::new();
        for (key, text) in values {
            let (_, step) = process
                .step(key)
                .ok_or_else(|| ProcessError::UnknownStep(key.clone()))?;
            let value = parse_step_text(step, text)?;
            commands.push(Command::SetStep {
                step: key.clone(),
                value,
            });
        }
        commands.extend(last);
        for command in &commands {
            let transition = process::apply(&process, &record, command, now)?;
            record = transition.record;
            changes.extend(transition.changes);
        }
        if !changes.is_empty() {
            tx.update_record(&record, now)?;
            tx.append_history(id, now, &self.user, &changes)?;
        }
        Ok(changes)
    }
}

/// The missing steps a sheet can ask for, as the bar shows them. Account and contact links
/// are left out: qualify answers them by its own choice, and nothing else can type them.
fn fillable(
    process: &process::ProcessDefinition,
    missing: &[process::MissingStep],
) -> Vec<StepView> {
    missing
        .iter()
        .filter_map(|missing| process.step(&missing.key))
        .map(|(_, step)| step)
        .filter(|step| !is_link(step))
        .map(|step| empty_view(step, true))
        .collect()
}

/// Whether the step links an account or a contact, which no sheet can type.
fn is_link(step: &process::Step) -> bool {
    matches!(step.kind, StepKind::AccountLink | StepKind::ContactLink)
}

/// An empty required step as a sheet shows it.
fn empty_view(step: &process::Step, editable: bool) -> StepView {
    StepView {
        key: step.key.clone(),
        label: step.label.clone(),
        kind: step.kind.clone(),
        required: true,
        text: String::new(),
        editable,
    }
}
