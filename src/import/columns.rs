//! A file's columns as one format names them: which field each header stands for, which are
//! unknown, and one row's values read through that map, keeping every value nothing used.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::conventions::Conventions;
use super::detect::fold;
use super::fields;
use super::table::RawRow;
use crate::process::Money;

/// A value Stride knows how to place; each format maps its own header names onto these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    /// The record's id in the source system.
    ExternalId,
    /// The source system's deleted flag.
    Deleted,
    /// Given name.
    FirstName,
    /// Family name.
    LastName,
    /// The whole name, used when there is no family name.
    FullName,
    /// Job title.
    JobTitle,
    /// E-mail address.
    Email,
    /// Business phone.
    Phone,
    /// Mobile phone, used when there is no business phone.
    MobilePhone,
    /// Company name, or an account id in Salesforce leads.
    Company,
    /// The account id of an opportunity.
    AccountId,
    /// Lead source.
    Source,
    /// Hot, Warm or Cold.
    Rating,
    /// The record's status.
    Status,
    /// The finer status reason.
    StatusReason,
    /// The lead was converted to an opportunity.
    Converted,
    /// Topic, or an opportunity's name.
    Topic,
    /// Free text, imported as notes.
    Description,
    /// When the record was created.
    CreatedAt,
    /// When the record entered its current stage.
    StageChangedAt,
    /// The stage name.
    Stage,
    /// Amount or estimated value.
    Amount,
    /// Win probability in percent.
    Probability,
    /// Expected or actual close date.
    CloseDate,
    /// The opportunity is closed.
    Closed,
    /// The opportunity is won.
    Won,
    /// Why an opportunity was lost.
    LossReason,
    /// Purchase timeframe step.
    PurchaseTimeframe,
    /// Purchase process step.
    PurchaseProcess,
    /// Estimated budget step, as an amount or a budget word.
    Budget,
    /// Identify decision maker step.
    DecisionMaker,
    /// Capture summary step.
    Summary,
}

impl Field {
    /// How the field is named to the user in an import preview.
    pub fn label(self) -> &'static str {
        match self {
            Field::ExternalId => "id in the source system",
            Field::Deleted => "deleted flag",
            Field::FirstName => "first name",
            Field::LastName => "last name",
            Field::FullName => "full name",
            Field::JobTitle => "job title",
            Field::Email => "e-mail",
            Field::Phone => "phone",
            Field::MobilePhone => "mobile phone",
            Field::Company => "company",
            Field::AccountId => "account",
            Field::Source => "source",
            Field::Rating => "rating",
            Field::Status => "status",
            Field::StatusReason => "status reason",
            Field::Converted => "converted flag",
            Field::Topic => "topic",
            Field::Description => "notes",
            Field::CreatedAt => "created",
            Field::StageChangedAt => "stage entered",
            Field::Stage => "stage",
            Field::Amount => "value",
            Field::Probability => "probability",
            Field::CloseDate => "close date",
            Field::Closed => "closed flag",
            Field::Won => "won flag",
            Field::LossReason => "loss reason",
            Field::PurchaseTimeframe => "purchase timeframe step",
            Field::PurchaseProcess => "purchase process step",
            Field::Budget => "estimated budget step",
            Field::DecisionMaker => "decision maker step",
            Field::Summary => "summary step",
        }
    }
}

/// The meaning of each column of one file.
#[derive(Debug)]
pub(super) struct Columns {
    /// The field of each column, or `None` for a column Stride has no field for.
    fields: Vec<Option<Field>>,
    /// The name each column's values are kept under in a record's extra fields.
    keys: Vec<String>,
    /// How the file writes dates and amounts.
    conventions: Conventions,
}

impl Columns {
    /// Maps headers onto fields through a table of folded header names; when two columns
    /// name the same field, the first wins and the other is unknown.
    pub fn new(headers: &[String], known: &[(&str, Field)]) -> Self {
        let mut fields: Vec<Option<Field>> = Vec::with_capacity(headers.len());
        let mut keys: Vec<String> = Vec::with_capacity(headers.len());

        for (index, header) in headers.iter().enumerate() {
            let folded = fold(header);
            let field = known
                .iter()
                .find(|(name, _)| *name == folded)
                .map(|(_, field)| *field)
                .filter(|field| !fields.contains(&Some(*field)));
            fields.push(field);

            let base = if header.is_empty() {
                format!("Column {}", index + 1)
            } else {
                header.clone()
            };
            let mut key = base.clone();
            let mut copy = 2;
            while keys.contains(&key) {
                key = format!("{base} ({copy})");
                copy += 1;
            }
            keys.push(key);
        }

        Columns {
            fields,
            keys,
            conventions: Conventions::default(),
        }
    }

    /// The same map, reading dates and amounts with the file's conventions.
    pub fn with(mut self, conventions: Conventions) -> Self {
        self.conventions = conventions;
        self
    }

    /// The positions of the columns holding any of these fields.
    pub fn positions(&self, wanted: &[Field]) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|&at| self.fields[at].is_some_and(|f| wanted.contains(&f)))
            .collect()
    }

    /// Which header goes to which field, in file order; `None` for a column kept as extra.
    pub fn mapping(&self) -> Vec<(String, Option<Field>)> {
        self.keys
            .iter()
            .cloned()
            .zip(self.fields.iter().copied())
            .collect()
    }

    /// The names of the columns Stride has no field for, in file order.
    pub fn unknown(&self) -> Vec<String> {
        self.fields
            .iter()
            .zip(&self.keys)
            .filter(|(f, _)| f.is_none())
            .map(|(_, k)| k.clone())
            .collect()
    }

    /// Whether some column holds this field.
    pub fn has(&self, field: Field) -> bool {
        self.fields.contains(&Some(field))
    }

    /// One row read through this map.
    pub fn row<'a>(&'a self, raw: &'a RawRow) -> Row<'a> {
        Row {
            columns: self,
            raw,
            extra: BTreeMap::new(),
            problems: Vec::new(),
        }
    }

    fn index(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }
}

/// One row's values by field, collecting the values no field takes.
#[derive(Debug)]
pub(super) struct Row<'a> {
    columns: &'a Columns,
    raw: &'a RawRow,
    extra: BTreeMap<String, String>,
    problems: Vec<String>,
}

impl<'a> Row<'a> {
    /// The row's line in the file.
    pub fn line(&self) -> usize {
        self.raw.line
    }

    /// The field's value, trimmed; `None` when the column is missing or the value empty.
    pub fn text(&self, field: Field) -> Option<&'a str> {
        let index = self.columns.index(field)?;
        let value = self.raw.values.get(index)?.trim();
        (!value.is_empty()).then_some(value)
    }

    /// How the file writes dates and amounts.
    pub fn conventions(&self) -> Conventions {
        self.columns.conventions
    }

    /// Whether the file has a column for this field, empty or not.
    pub fn has(&self, field: Field) -> bool {
        self.columns.has(field)
    }

    /// The field's value, or an empty string.
    pub fn string(&self, field: Field) -> String {
        self.text(field).unwrap_or_default().to_string()
    }

    /// Keeps the field's value among the extra fields, because nothing could use it.
    pub fn keep(&mut self, field: Field) {
        if let (Some(index), Some(value)) = (self.columns.index(field), self.text(field)) {
            self.extra
                .insert(self.columns.keys[index].clone(), value.to_string());
        }
    }

    /// Keeps the field's value among the extra fields and notes why it was not used.
    pub fn refuse(&mut self, field: Field, why: &str) {
        if let (Some(index), Some(value)) = (self.columns.index(field), self.text(field)) {
            self.problems
                .push(format!("{} \"{value}\" {why}", self.columns.keys[index]));
        }
        self.keep(field);
    }

    /// The field's value read by `read`; an unreadable value is kept and noted as `what`.
    pub fn parse<T>(
        &mut self,
        field: Field,
        what: &str,
        read: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let value = self.text(field)?;
        let parsed = read(value);
        if parsed.is_none() {
            self.refuse(field, &format!("is not {what}"));
        }
        parsed
    }

    /// The field's date, read in the file's day/month order.
    pub fn date(&mut self, field: Field) -> Option<NaiveDate> {
        let order = self.columns.conventions.dates;
        let what = self.date_kind("a date");
        self.parse(field, &what, |t| fields::date_in(t, order))
    }

    /// The field's date and time, read in the file's day/month order.
    pub fn timestamp(&mut self, field: Field) -> Option<DateTime<Utc>> {
        let order = self.columns.conventions.dates;
        let what = self.date_kind("a date and time");
        self.parse(field, &what, |t| fields::timestamp_in(t, order))
    }

    /// The field's amount, read with the file's decimal mark.
    pub fn money(&mut self, field: Field) -> Option<Money> {
        let mark = self.columns.conventions.decimal;
        let what = match mark {
            Some(mark) => format!("an amount with a {mark}, as the rest of the file has"),
            None => "an amount".to_string(),
        };
        self.parse(field, &what, |t| fields::money_in(t, mark))
    }

    /// What a date is expected to look like, naming the file's order when it has one.
    fn date_kind(&self, what: &str) -> String {
        match self.columns.conventions.dates {
            Some(order) => format!("{what} in {order} order, as the rest of the file has"),
            None => what.to_string(),
        }
    }

    /// Values nothing used, by column name, and the notes on values that could not be read.
    pub fn finish(mut self) -> (BTreeMap<String, String>, Vec<String>) {
        let unknown = self
            .columns
            .fields
            .iter()
            .zip(&self.columns.keys)
            .zip(&self.raw.values);
        for ((field, key), value) in unknown {
            if field.is_none() && !value.trim().is_empty() {
                self.extra.insert(key.clone(), value.trim().to_string());
            }
        }
        (self.extra, self.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: [(&str, Field); 2] = [("lastname", Field::LastName), ("amount", Field::Amount)];

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn unknown_columns_are_listed_once_with_unique_names() {
        let columns = Columns::new(
            &headers(&["Last Name", "Gender__c", "", "Gender__c", "LastName"]),
            &KNOWN,
        );
        assert_eq!(
            columns.unknown(),
            ["Gender__c", "Column 3", "Gender__c (2)", "LastName"]
        );
        assert!(columns.has(Field::LastName));
        assert!(!columns.has(Field::Amount));
    }

    #[test]
    fn a_row_keeps_unknown_and_unreadable_values() {
        let columns = Columns::new(
            &headers(&["LastName", "Amount", "Gender__c", "Note"]),
            &KNOWN,
        );
        let raw = RawRow {
            line: 7,
            values: headers(&[" Lee ", "lots", "male", " "]),
        };
        let mut row = columns.row(&raw);

        assert_eq!(row.line(), 7);
        assert_eq!(row.text(Field::LastName), Some("Lee"));
        assert_eq!(row.text(Field::Topic), None);
        assert_eq!(
            row.parse(Field::Amount, "an amount", |t| t.parse::<i64>().ok()),
            None
        );
        let (extra, problems) = row.finish();

        let expected: BTreeMap<String, String> = [("Amount", "lots"), ("Gender__c", "male")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(extra, expected);
        assert_eq!(problems, ["Amount \"lots\" is not an amount"]);
    }
}
