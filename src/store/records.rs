//! Loading and saving leads and opportunities, with their step values.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{named_params, OptionalExtension, Row};

use super::codec::{from_json, to_json, word};
use super::error::{StoreError, StoreResult};
use super::processes::DEFAULT_PROCESS_ID;
use super::Tx;
use crate::process::{Links, Money, Person, Record, RecordId, RecordKind, StepValue};

const COLUMNS: &str = "id, kind, topic, first_name, last_name, job_title, email, phone, company,
    source, rating, estimated_value, estimated_close, probability, status, reason, stage,
    stage_entered_at, notes, account_id, contact_id, origin_lead_id, opportunity_id, close,
    external_id, extra, created_at, probability_by_hand";

impl Tx<'_> {
    /// The record with this id, with its step values.
    pub fn record(&self, id: RecordId) -> StoreResult<Record> {
        let sql = format!("SELECT {COLUMNS} FROM records WHERE id = ?1");
        let record = self.tx.query_row(&sql, [id.0], read_row).optional()?;
        let mut record = record.ok_or(StoreError::NotFound(id))??;
        record.steps = self.steps(id)?;
        Ok(record)
    }

    /// The id of the record of this kind imported with this external id, if any.
    pub fn record_by_external_id(
        &self,
        kind: RecordKind,
        external_id: &str,
    ) -> StoreResult<Option<RecordId>> {
        let id = self
            .tx
            .query_row(
                "SELECT id FROM records WHERE kind = ?1 AND external_id = ?2",
                [kind.as_str(), external_id],
                |row| row.get(0),
            )
            .optional()?;
        Ok(id.map(RecordId))
    }

    /// Saves a new record and its steps, returning the id it was given.
    pub fn insert_record(&self, record: &Record, now: DateTime<Utc>) -> StoreResult<RecordId> {
        let id = self.insert_record_row(record, now)?;
        self.save_steps(id, &BTreeMap::new(), &record.steps, now)?;
        Ok(id)
    }

    /// Saves a new record's row without its steps, with `updated_at` as its last change.
    pub(super) fn insert_record_row(
        &self,
        record: &Record,
        updated_at: DateTime<Utc>,
    ) -> StoreResult<RecordId> {
        // A new record follows the newest version of the default process until told otherwise.
        let sql = format!(
            "INSERT INTO records (kind, topic, first_name, last_name, job_title, email,
                phone, company, source, rating, estimated_value, estimated_close, probability,
                status, reason, stage, stage_entered_at, notes, account_id, contact_id,
                origin_lead_id, opportunity_id, close, external_id, extra, created_at, updated_at,
                probability_by_hand, process_id)
            VALUES (:kind, :topic, :first_name, :last_name, :job_title, :email, :phone, :company,
                :source, :rating, :estimated_value, :estimated_close, :probability, :status,
                :reason, :stage, :stage_entered_at, :notes, :account_id, :contact_id,
                :origin_lead_id, :opportunity_id, :close, :external_id, :extra, :created_at,
                :updated_at, :probability_by_hand, {DEFAULT_PROCESS_ID})"
        );
        self.write_record(&sql, record, None, updated_at)?;
        Ok(RecordId(self.tx.last_insert_rowid()))
    }

    /// Saves every field and step of an existing record.
    pub fn update_record(&self, record: &Record, now: DateTime<Utc>) -> StoreResult<()> {
        let before = self.steps(record.id)?;
        let sql = "UPDATE records SET kind = :kind, topic = :topic, first_name = :first_name,
                last_name = :last_name, job_title = :job_title, email = :email, phone = :phone,
                company = :company, source = :source, rating = :rating,
                estimated_value = :estimated_value, estimated_close = :estimated_close,
                probability = :probability, status = :status, reason = :reason, stage = :stage,
                stage_entered_at = :stage_entered_at, notes = :notes, account_id = :account_id,
                contact_id = :contact_id, origin_lead_id = :origin_lead_id,
                opportunity_id = :opportunity_id, close = :close, external_id = :external_id,
                extra = :extra, created_at = :created_at, updated_at = :updated_at,
                probability_by_hand = :probability_by_hand
            WHERE id = :id";
        let changed = self.write_record(sql, record, Some(record.id), now)?;
        if changed == 0 {
            return Err(StoreError::NotFound(record.id));
        }
        self.save_steps(record.id, &before, &record.steps, now)
    }

    fn write_record(
        &self,
        sql: &str,
        r: &Record,
        id: Option<RecordId>,
        now: DateTime<Utc>,
    ) -> StoreResult<usize> {
        let close = r.close.as_ref().map(to_json).transpose()?;
        let extra = to_json(&r.extra)?;
        let (kind, status, reason) = (r.kind.as_str(), r.status.as_str(), r.reason.as_str());
        let rating = r.rating.map(|rating| rating.as_str());
        let estimated_value = r.estimated_value.map(Money::minor);
        let origin_lead = r.links.origin_lead.map(|id| id.0);
        let opportunity = r.links.opportunity.map(|id| id.0);
        let mut statement = self.tx.prepare_cached(sql)?;
        let mut params = named_params! {
            ":kind": kind,
            ":topic": r.topic,
            ":first_name": r.person.first_name,
            ":last_name": r.person.last_name,
            ":job_title": r.person.job_title,
            ":email": r.person.email,
            ":phone": r.person.phone,
            ":company": r.company,
            ":source": r.source,
            ":rating": rating,
            ":estimated_value": estimated_value,
            ":estimated_close": r.estimated_close,
            ":probability": r.probability,
            ":status": status,
            ":reason": reason,
            ":stage": r.stage,
            ":stage_entered_at": r.stage_entered_at,
            ":notes": r.notes,
            ":account_id": r.links.account,
            ":contact_id": r.links.contact,
            ":origin_lead_id": origin_lead,
            ":opportunity_id": opportunity,
            ":close": close,
            ":external_id": r.external_id,
            ":extra": extra,
            ":created_at": r.created_at,
            ":updated_at": now,
            ":probability_by_hand": r.probability_by_hand,
        }
        .to_vec();
        let id_param = id.map(|id| id.0);
        if id.is_some() {
            params.push((":id", &id_param));
        }
        Ok(statement.execute(params.as_slice())?)
    }

    fn steps(&self, id: RecordId) -> StoreResult<BTreeMap<String, StepValue>> {
        let mut statement = self
            .tx
            .prepare_cached("SELECT step, value FROM step_values WHERE record_id = ?1")?;
        let rows = statement.query_map([id.0], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut steps = BTreeMap::new();
        for row in rows {
            let (key, text) = row?;
            steps.insert(key, from_json(&text, "step value")?);
        }
        Ok(steps)
    }

    fn save_steps(
        &self,
        id: RecordId,
        before: &BTreeMap<String, StepValue>,
        after: &BTreeMap<String, StepValue>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let mut remove = self
            .tx
            .prepare_cached("DELETE FROM step_values WHERE record_id = ?1 AND step = ?2")?;
        for key in before.keys().filter(|key| !after.contains_key(*key)) {
            remove.execute(rusqlite::params![id.0, key])?;
        }
        let mut upsert = self.tx.prepare_cached(
            "INSERT INTO step_values (record_id, step, value, set_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (record_id, step) DO UPDATE SET value = excluded.value,
                 set_at = excluded.set_at",
        )?;
        for (key, value) in after
            .iter()
            .filter(|(key, value)| before.get(*key) != Some(value))
        {
            upsert.execute(rusqlite::params![id.0, key, to_json(value)?, now])?;
        }
        Ok(())
    }
}

fn read_row(row: &Row<'_>) -> rusqlite::Result<StoreResult<Record>> {
    let text = |name: &str| row.get::<_, String>(name);
    let kind = text("kind")?;
    let rating: Option<String> = row.get("rating")?;
    let close: Option<String> = row.get("close")?;
    let status = text("status")?;
    let reason = text("reason")?;
    let extra = text("extra")?;
    let probability: i64 = row.get("probability")?;
    let parts = (|| -> StoreResult<Record> {
        Ok(Record {
            id: RecordId(row.get("id")?),
            kind: word(&kind)?,
            topic: text("topic")?,
            person: Person {
                first_name: text("first_name")?,
                last_name: text("last_name")?,
                job_title: text("job_title")?,
                email: text("email")?,
                phone: text("phone")?,
            },
            company: text("company")?,
            source: text("source")?,
            rating: rating.as_deref().map(word).transpose()?,
            estimated_value: row
                .get::<_, Option<i64>>("estimated_value")?
                .map(Money::from_minor),
            estimated_close: row.get("estimated_close")?,
            probability: u8::try_from(probability)
                .map_err(|_| StoreError::Corrupt(format!("probability {probability}")))?,
            probability_by_hand: row.get("probability_by_hand")?,
            status: word(&status)?,
            reason: word(&reason)?,
            stage: text("stage")?,
            stage_entered_at: row.get("stage_entered_at")?,
            steps: BTreeMap::new(),
            notes: text("notes")?,
            links: Links {
                account: row.get("account_id")?,
                contact: row.get("contact_id")?,
                origin_lead: row.get::<_, Option<i64>>("origin_lead_id")?.map(RecordId),
                opportunity: row.get::<_, Option<i64>>("opportunity_id")?.map(RecordId),
            },
            close: close
                .as_deref()
                .map(|c| from_json(c, "close details"))
                .transpose()?,
            external_id: row.get("external_id")?,
            extra: from_json(&extra, "imported fields")?,
            created_at: row.get("created_at")?,
        })
    })();
    Ok(parts)
}
