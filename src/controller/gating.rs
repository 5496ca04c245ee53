//! What stands between a record and its next stage: the required steps still empty, and
//! filling them and moving on in one go, so the missing-steps sheet never leaves a record
//! half changed; the same for a jump ahead on the bar.

use super::step_text::parse_step_text;
use super::{log_changes, AppError, AppResult, Controller, StepView};
use crate::process::{self, Command, ProcessError, RecordId, StepKind};

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
                .map(|step| StepView {
                    key: step.key.clone(),
                    label: step.label.clone(),
                    kind: step.kind.clone(),
                    required: true,
                    text: String::new(),
                    editable: !matches!(step.kind, StepKind::AccountLink | StepKind::ContactLink),
                })
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

    fn fill_then(&self, id: RecordId, values: &[(String, String)], last: Command) -> AppResult<()> {
        let now = self.now();
        let changes = self.store.write(|tx| {
            let mut record = tx.record(id)?;
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
            commands.push(last);
            for command in &commands {
                let transition = process::apply(&process, &record, command, now)?;
                record = transition.record;
                changes.extend(transition.changes);
            }
            if !changes.is_empty() {
                tx.update_record(&record, now)?;
                tx.append_history(id, now, &self.user, &changes)?;
            }
            Ok::<_, AppError>(changes)
        })?;
        log_changes(id, &changes);
        Ok(())
    }
}
