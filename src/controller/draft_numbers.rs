//! The numbers typed for a stage in the process editor, its win probability and target
//! days, and the process's probability policy. Text that is not a number in range is kept in
//! the draft as typed, with its fault at the field, and blocks saving until it is put right:
//! nothing is clamped or dropped.

use thiserror::Error;

use super::draft_fault::Fault;
use super::process_draft::ProcessDraft;
use crate::process::ProbabilityPolicy;

/// The longest target the editor takes, in days: ten years.
pub const MAX_TARGET_DAYS: u16 = 3650;

/// A number field of a stage in the process editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberField {
    /// The stage's default win probability, in percent.
    Probability,
    /// The stage's target number of days.
    TargetDays,
}

impl NumberField {
    /// Both fields, in the order the editor shows them.
    pub const ALL: [NumberField; 2] = [NumberField::Probability, NumberField::TargetDays];
}

/// Why text typed into a stage's number field is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum NumberError {
    /// The probability is not a whole number from 0 to 100.
    #[error("Probability is a percentage from 0 to 100: write a whole number, like 40.")]
    Probability,
    /// The target is not a whole number from 1 to [`MAX_TARGET_DAYS`].
    #[error("Target days is a whole number from 1 to 3650; leave it empty for no target.")]
    TargetDays,
}

/// Text typed into a number field that is not taken yet, by stage key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Typed {
    stage: String,
    field: NumberField,
    text: String,
}

/// `40` or `40 %` as 40; anything else, or over 100, is refused.
pub fn parse_probability(text: &str) -> Result<u8, NumberError> {
    let digits = text.trim().trim_end_matches('%').trim_end();
    match digits.parse::<u8>() {
        Ok(p) if p <= 100 && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(p),
        _ => Err(NumberError::Probability),
    }
}

/// `14` as 14 days and empty text as no target; 0, over [`MAX_TARGET_DAYS`] or not a whole
/// number is refused.
pub fn parse_target(text: &str) -> Result<Option<u16>, NumberError> {
    let digits = text.trim();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<u16>() {
        Ok(d)
            if (1..=MAX_TARGET_DAYS).contains(&d) && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Ok(Some(d))
        }
        _ => Err(NumberError::TargetDays),
    }
}

impl ProcessDraft {
    /// Takes text typed into a number field of the stage at `index`. A number in range
    /// becomes the stage's value; other text is kept as typed, the stage's value stays, and
    /// the reason is returned.
    pub fn type_number(
        &mut self,
        index: usize,
        field: NumberField,
        text: &str,
    ) -> Result<(), NumberError> {
        let Some(key) = self.definition().stages.get(index).map(|s| s.key.clone()) else {
            return Ok(());
        };
        self.typed_mut()
            .retain(|t| !(t.stage == key && t.field == field));
        let parsed = match field {
            NumberField::Probability => parse_probability(text).map(|p| {
                if let Some(stage) = self.stage_mut(index) {
                    stage.probability = p;
                }
            }),
            NumberField::TargetDays => parse_target(text).map(|d| {
                if let Some(stage) = self.stage_mut(index) {
                    stage.target_days = d;
                }
            }),
        };
        if parsed.is_err() {
            self.typed_mut().push(Typed {
                stage: key,
                field,
                text: text.to_string(),
            });
        }
        parsed
    }

    /// The text typed into this field of the stage at `index` that is not taken, if any.
    pub fn typed_number(&self, index: usize, field: NumberField) -> Option<&str> {
        let key = &self.definition().stages.get(index)?.key;
        self.typed()
            .iter()
            .find(|t| t.stage == *key && t.field == field)
            .map(|t| t.text.as_str())
    }

    /// Why the text typed into this field of the stage at `index` is not taken, if it is not.
    pub fn number_error(&self, index: usize, field: NumberField) -> Option<NumberError> {
        self.typed_number(index, field)?;
        Some(match field {
            NumberField::Probability => NumberError::Probability,
            NumberField::TargetDays => NumberError::TargetDays,
        })
    }

    /// The first number field, in stage order, holding text that is not taken: saving waits
    /// until it is put right.
    pub fn number_fault(&self) -> Option<(Fault, NumberError)> {
        (0..self.definition().stages.len()).find_map(|i| {
            NumberField::ALL.iter().find_map(|&field| {
                let error = self.number_error(i, field)?;
                Some((Fault::Number(i, field), error))
            })
        })
    }

    /// Chooses whether stage moves overwrite a probability set by hand.
    pub fn set_probability_policy(&mut self, policy: ProbabilityPolicy) {
        self.definition_mut().probability_policy = policy;
    }

    /// Follows a stage's key change in the text typed for it.
    pub(super) fn follow_typed(&mut self, old: &str, new: &str) {
        for typed in self.typed_mut().iter_mut().filter(|t| t.stage == old) {
            typed.stage = new.to_string();
        }
    }

    /// Forgets the text typed for a stage that is gone.
    pub(super) fn forget_typed(&mut self, key: &str) {
        self.typed_mut().retain(|t| t.stage != key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::ProcessDefinition;

    #[test]
    fn numbers_out_of_range_are_refused_not_clamped() {
        assert_eq!(parse_probability("40"), Ok(40));
        assert_eq!(parse_probability(" 100 % "), Ok(100));
        assert_eq!(parse_probability("999"), Err(NumberError::Probability));
        assert_eq!(parse_probability("-5"), Err(NumberError::Probability));
        assert_eq!(parse_probability("4a"), Err(NumberError::Probability));
        assert_eq!(parse_target(""), Ok(None));
        assert_eq!(parse_target("3650"), Ok(Some(3650)));
        assert_eq!(parse_target("0"), Err(NumberError::TargetDays));
        assert_eq!(parse_target("3651"), Err(NumberError::TargetDays));
        assert_eq!(parse_target("1x4"), Err(NumberError::TargetDays));
        assert_eq!(parse_target("+14"), Err(NumberError::TargetDays));
    }

    #[test]
    fn typed_text_is_kept_until_put_right() {
        let mut draft = ProcessDraft::new(ProcessDefinition::lead_to_opportunity());
        let before = draft.definition().stages[1].probability;
        let typed = draft.type_number(1, NumberField::Probability, "999");
        assert_eq!(typed, Err(NumberError::Probability));
        assert_eq!(draft.definition().stages[1].probability, before);
        assert_eq!(draft.typed_number(1, NumberField::Probability), Some("999"));
        let fault = draft.number_fault().map(|(fault, _)| fault);
        assert_eq!(fault, Some(Fault::Number(1, NumberField::Probability)));

        assert_eq!(draft.type_number(1, NumberField::Probability, "55"), Ok(()));
        assert_eq!(draft.definition().stages[1].probability, 55);
        assert_eq!(draft.number_fault(), None);
    }
}
