//! Creating and editing leads from the lead form: validation field by field, then one write.

use std::rc::Rc;

use tracing::info;

use super::error::{AppError, AppResult};
use super::Controller;
use crate::process::{
    looks_like_email, name_too_long, Change, Money, Rating, Record, RecordId, RecordKind, Status,
};

/// The lead form as typed, every field as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadForm {
    /// What the sale is about.
    pub topic: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Company name.
    pub company: String,
    /// Job title.
    pub job_title: String,
    /// E-mail address.
    pub email: String,
    /// Business phone.
    pub phone: String,
    /// Lead source.
    pub source: String,
    /// Hot, Warm, Cold or empty.
    pub rating: String,
    /// Estimated value as typed.
    pub estimated_value: String,
    /// Free notes.
    pub notes: String,
}

impl LeadForm {
    /// The form filled from a record.
    pub fn from_record(record: &Record) -> Self {
        LeadForm {
            topic: record.topic.clone(),
            first_name: record.person.first_name.clone(),
            last_name: record.person.last_name.clone(),
            company: record.company.clone(),
            job_title: record.person.job_title.clone(),
            email: record.person.email.clone(),
            phone: record.person.phone.clone(),
            source: record.source.clone(),
            rating: record
                .rating
                .map(|r| r.label().to_string())
                .unwrap_or_default(),
            estimated_value: record
                .estimated_value
                .map(|v| v.to_string())
                .unwrap_or_default(),
            notes: record.notes.clone(),
        }
    }

    /// Copies the form onto a record, or returns every field error at once.
    pub fn apply_to(&self, record: &mut Record) -> AppResult<()> {
        let mut errors: Vec<(String, String)> = Vec::new();
        let mut fail = |field: &str, message: &str| errors.push((field.into(), message.into()));

        if self.last_name.trim().is_empty() && self.company.trim().is_empty() {
            fail("last_name", "Enter a last name or a company.");
        }
        for (field, text) in [
            ("topic", &self.topic),
            ("first_name", &self.first_name),
            ("last_name", &self.last_name),
            ("company", &self.company),
        ] {
            if name_too_long(text) {
                fail(
                    field,
                    "Keep this to 200 characters; longer text goes in the notes.",
                );
            }
        }
        let email = self.email.trim();
        if !email.is_empty() && !looks_like_email(email) {
            fail("email", "Enter an e-mail address like name@example.com.");
        }
        let phone = self.phone.trim();
        if !phone.is_empty() && !phone.chars().any(|c| c.is_ascii_digit()) {
            fail("phone", "A phone number needs digits.");
        }
        let rating = match self.rating.trim() {
            "" => None,
            text => match text.parse::<Rating>() {
                Ok(rating) => Some(rating),
                Err(_) => {
                    fail("rating", "Choose Hot, Warm or Cold.");
                    None
                }
            },
        };
        let value = match self.estimated_value.trim() {
            "" => None,
            text => match text.parse::<Money>() {
                Ok(amount) if amount.is_negative() => {
                    fail("estimated_value", "The estimated value cannot be negative.");
                    None
                }
                Ok(amount) => Some(amount),
                Err(e) => {
                    fail("estimated_value", &e.to_string());
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(AppError::Form(errors));
        }

        record.topic = self.topic.trim().to_string();
        record.person.first_name = self.first_name.trim().to_string();
        record.person.last_name = self.last_name.trim().to_string();
        record.person.job_title = self.job_title.trim().to_string();
        record.person.email = email.to_string();
        record.person.phone = phone.to_string();
        record.company = self.company.trim().to_string();
        record.source = self.source.trim().to_string();
        record.rating = rating;
        record.estimated_value = value;
        record.notes = self.notes.trim_end().to_string();
        Ok(())
    }
}

impl Controller {
    /// Creates an open lead at the first stage of the process new leads follow.
    pub fn create_lead(&self, form: &LeadForm) -> AppResult<RecordId> {
        self.create_lead_on(form, None)
    }

    /// Creates an open lead at the first stage of the process `NAME` (its newest version) or
    /// `NAME@VERSION`; with `None`, of the process new leads follow.
    pub fn create_lead_on(&self, form: &LeadForm, wanted: Option<&str>) -> AppResult<RecordId> {
        let now = self.now();
        let (process, process_id) = match wanted {
            Some(wanted) => {
                let stored = self.stored_process(wanted)?;
                (Rc::new(stored.definition), stored.id)
            }
            None => (self.process(), self.process_id.get()),
        };
        let first = process.first_stage_of(RecordKind::Lead).ok_or_else(|| {
            AppError::invalid(
                "Process",
                format!("{} has no lead stage to start a lead at", process.name),
            )
        })?;
        let mut record = Record::new_lead(&first.key, now);
        form.apply_to(&mut record)?;

        let id = self.store.write(|tx| {
            let id = tx.insert_record(&record, now)?;
            tx.set_record_process(id, process_id)?;
            let changes = [
                Change::Created,
                Change::StatusChanged {
                    status: record.status,
                    reason: record.reason,
                    close: None,
                },
                Change::StageEntered {
                    stage: record.stage.clone(),
                },
            ];
            tx.append_history(id, now, &self.user, &changes)?;
            Ok::<_, AppError>(id)
        })?;
        info!(record = %id, stage = %record.stage, process = %process.name, "lead created");
        Ok(id)
    }

    /// The lead form filled from a lead.
    pub fn lead_form(&self, id: RecordId) -> AppResult<LeadForm> {
        let record = self.store.read(|tx| tx.record(id))?;
        Ok(LeadForm::from_record(&record))
    }

    /// Saves the lead form onto an open lead; its status and stage do not change.
    pub fn update_lead(&self, id: RecordId, form: &LeadForm) -> AppResult<()> {
        let now = self.now();
        self.store.write(|tx| {
            let mut record = tx.record(id)?;
            if record.kind != RecordKind::Lead || record.status != Status::Open {
                return Err(AppError::invalid(
                    "Lead",
                    format!(
                        "only an open lead can be edited; this {} is {}",
                        record.kind.label().to_lowercase(),
                        record.status.label().to_lowercase()
                    ),
                ));
            }
            form.apply_to(&mut record)?;
            tx.update_record(&record, now)?;
            Ok(())
        })?;
        info!(record = %id, "lead details saved");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn every_field_error_is_reported_at_once() {
        let form = LeadForm {
            email: "ann at example".into(),
            estimated_value: "lots".into(),
            rating: "Lukewarm".into(),
            phone: "call me".into(),
            ..LeadForm::default()
        };
        let mut record = Record::new_lead("qualify", Utc::now());
        let Err(AppError::Form(errors)) = form.apply_to(&mut record) else {
            panic!("the form should be refused");
        };
        let fields: Vec<_> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            ["last_name", "email", "phone", "rating", "estimated_value"]
        );
        assert_eq!(record, Record::new_lead("qualify", record.created_at));
    }

    #[test]
    fn a_valid_form_fills_the_record() {
        let form = LeadForm {
            topic: " New printers ".into(),
            last_name: "O’Neil".into(),
            email: "ann@example.com".into(),
            rating: "warm".into(),
            estimated_value: "12,500".into(),
            ..LeadForm::default()
        };
        let mut record = Record::new_lead("qualify", Utc::now());
        assert!(form.apply_to(&mut record).is_ok());
        assert_eq!(record.topic, "New printers");
        assert_eq!(record.rating, Some(Rating::Warm));
        assert_eq!(record.estimated_value, Some(Money::from_minor(1_250_000)));
        assert_eq!(LeadForm::from_record(&record).estimated_value, "12,500.00");
    }
}
