//! The records a salesperson works on (leads and opportunities), their statuses and reasons,
//! and the typed values that steps hold. Every persisted enum maps to a stable string.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::money::Money;

/// Identifies a lead or an opportunity; leads and opportunities share one id space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordId(pub i64);

impl RecordId {
    /// The id of a record the store has not saved yet.
    pub const UNSAVED: RecordId = RecordId(0);
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Error for a stored or typed word that names no known value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a known {what}; use one of: {known}")]
pub struct UnknownValue {
    /// What was being parsed, such as "status".
    pub what: &'static str,
    /// The text that did not match.
    pub value: String,
    /// The words that would have matched, as typed on the command line.
    pub known: String,
}

/// Declares an enum with a stable storage word and a display label for each variant.
macro_rules! word_enum {
    (
        $(#[$meta:meta])* $name:ident, $what:literal {
            $($(#[$vmeta:meta])* $variant:ident => $word:literal, $label:literal;)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable word stored in the database and used on the command line.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }

            /// The words a salesperson sees.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            /// Accepts the stored word or the label, ignoring case, spaces, dashes and underscores.
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                let wanted = fold_word(text);
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| fold_word(v.as_str()) == wanted || fold_word(v.label()) == wanted)
                    .ok_or_else(|| UnknownValue {
                        what: $what,
                        value: text.to_string(),
                        known: $name::ALL
                            .iter()
                            .map(|v| v.as_str().replace('_', "-"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
            }
        }
    };
}

fn fold_word(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

word_enum!(
    /// Whether a record is a lead or an opportunity.
    RecordKind, "record kind" {
        /// A prospect not yet qualified.
        Lead => "lead", "Lead";
        /// A qualified chance of a sale.
        Opportunity => "opportunity", "Opportunity";
    }
);

word_enum!(
    /// Where a record stands; the one source for badges, the bar and the command bar.
    Status, "status" {
        /// Being worked on.
        Open => "open", "Open";
        /// A lead turned into an opportunity; read-only from then on.
        Qualified => "qualified", "Qualified";
        /// A lead that will not be pursued.
        Disqualified => "disqualified", "Disqualified";
        /// An opportunity closed as a sale.
        Won => "won", "Won";
        /// An opportunity closed without a sale.
        Lost => "lost", "Lost";
    }
);

impl Status {
    /// Whether the record can no longer be edited until a command reopens it.
    pub fn is_closed(self) -> bool {
        self != Status::Open
    }
}

word_enum!(
    /// The status reason: a finer word for why a record has its status.
    Reason, "status reason" {
        /// Open lead nobody has contacted yet.
        New => "new", "New";
        /// Open lead that has been reached.
        Contacted => "contacted", "Contacted";
        /// Lead turned into an opportunity.
        Qualified => "qualified", "Qualified";
        /// Disqualified: the sale went elsewhere.
        Lost => "lost", "Lost";
        /// Disqualified: nobody could be reached.
        CannotContact => "cannot_contact", "Cannot contact";
        /// Disqualified: the prospect lost interest.
        NoLongerInterested => "no_longer_interested", "No longer interested";
        /// Disqualified lead or lost opportunity: the need went away.
        Canceled => "canceled", "Canceled";
        /// Open opportunity being worked.
        InProgress => "in_progress", "In progress";
        /// Open opportunity paused.
        OnHold => "on_hold", "On hold";
        /// Won opportunity.
        Won => "won", "Won";
        /// Lost opportunity: a competitor won.
        OutSold => "out_sold", "Out-sold";
    }
);

impl Reason {
    /// The status this reason belongs to for a record of this kind.
    pub fn status_for(self, kind: RecordKind) -> Option<Status> {
        use Reason::*;
        match (kind, self) {
            (RecordKind::Lead, New | Contacted) => Some(Status::Open),
            (RecordKind::Lead, Qualified) => Some(Status::Qualified),
            (RecordKind::Lead, Lost | CannotContact | NoLongerInterested | Canceled) => {
                Some(Status::Disqualified)
            }
            (RecordKind::Opportunity, InProgress | OnHold) => Some(Status::Open),
            (RecordKind::Opportunity, Won) => Some(Status::Won),
            (RecordKind::Opportunity, Canceled | OutSold) => Some(Status::Lost),
            _ => None,
        }
    }
}

word_enum!(
    /// Why a lead is disqualified.
    DisqualifyReason, "disqualify reason" {
        /// The sale went elsewhere.
        Lost => "lost", "Lost";
        /// Nobody could be reached.
        CannotContact => "cannot_contact", "Cannot contact";
        /// The prospect lost interest.
        NoLongerInterested => "no_longer_interested", "No longer interested";
        /// The need went away.
        Canceled => "canceled", "Canceled";
    }
);

impl From<DisqualifyReason> for Reason {
    fn from(reason: DisqualifyReason) -> Self {
        match reason {
            DisqualifyReason::Lost => Reason::Lost,
            DisqualifyReason::CannotContact => Reason::CannotContact,
            DisqualifyReason::NoLongerInterested => Reason::NoLongerInterested,
            DisqualifyReason::Canceled => Reason::Canceled,
        }
    }
}

word_enum!(
    /// Why an opportunity is lost.
    LostReason, "lost reason" {
        /// The customer dropped the need.
        Canceled => "canceled", "Canceled";
        /// A competitor won.
        OutSold => "out_sold", "Out-sold";
    }
);

impl From<LostReason> for Reason {
    fn from(reason: LostReason) -> Self {
        match reason {
            LostReason::Canceled => Reason::Canceled,
            LostReason::OutSold => Reason::OutSold,
        }
    }
}

word_enum!(
    /// How warm a lead is.
    Rating, "rating" {
        /// Ready to buy.
        Hot => "hot", "Hot";
        /// Interested.
        Warm => "warm", "Warm";
        /// Not interested yet.
        Cold => "cold", "Cold";
    }
);

/// Lead sources offered in the lead form; imported records may carry others.
pub const LEAD_SOURCES: [&str; 10] = [
    "Advertisement",
    "Employee referral",
    "External referral",
    "Partner",
    "Public relations",
    "Seminar",
    "Trade show",
    "Web",
    "Word of mouth",
    "Other",
];

/// The value a step holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum StepValue {
    /// Mark complete.
    Check(bool),
    /// Free text.
    Text(String),
    /// A calendar date.
    Date(NaiveDate),
    /// An amount of money.
    Money(Money),
    /// A whole number.
    Number(i64),
    /// One option of a choice list.
    Choice(String),
    /// The id of a linked account or contact.
    Link(i64),
}

impl StepValue {
    /// Whether the value counts as filled for a required step.
    pub fn is_filled(&self) -> bool {
        match self {
            StepValue::Check(done) => *done,
            StepValue::Text(text) | StepValue::Choice(text) => !text.trim().is_empty(),
            StepValue::Date(_)
            | StepValue::Money(_)
            | StepValue::Number(_)
            | StepValue::Link(_) => true,
        }
    }
}

/// The person behind a lead or the contact of an opportunity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Job title.
    pub job_title: String,
    /// E-mail address.
    pub email: String,
    /// Business phone.
    pub phone: String,
}

/// Whether the text has the shape of an e-mail address: a name, `@`, and a domain with a dot,
/// with no spaces. The same rule holds for the lead form and for imports.
pub fn looks_like_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

impl Person {
    /// First and last name joined, or an empty string.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name.trim(), self.last_name.trim())
            .trim()
            .to_string()
    }
}

/// How a closed opportunity was closed; kept in history after a reopen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum CloseInfo {
    /// Closed as won.
    Won {
        /// What the customer actually pays.
        revenue: Money,
        /// When the sale closed.
        date: NaiveDate,
    },
    /// Closed as lost.
    Lost {
        /// Why it was lost.
        reason: LostReason,
        /// Who won instead, if known.
        competitor: String,
        /// Anything worth remembering.
        note: String,
        /// When it was closed.
        date: NaiveDate,
    },
}

/// Links between a record and the other records of the sale.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Links {
    /// The account of an opportunity.
    pub account: Option<i64>,
    /// The contact of an opportunity.
    pub contact: Option<i64>,
    /// The lead an opportunity was qualified from.
    pub origin_lead: Option<RecordId>,
    /// The opportunity a qualified lead became.
    pub opportunity: Option<RecordId>,
}

/// A lead or an opportunity with its place in the process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Its id; [`RecordId::UNSAVED`] until the store saves it.
    pub id: RecordId,
    /// Lead or opportunity.
    pub kind: RecordKind,
    /// The topic (what the sale is about).
    pub topic: String,
    /// The person: the lead itself, or the opportunity's contact as qualified.
    pub person: Person,
    /// Company name.
    pub company: String,
    /// Where the lead came from.
    pub source: String,
    /// How warm the lead is.
    pub rating: Option<Rating>,
    /// Estimated value or revenue.
    pub estimated_value: Option<Money>,
    /// Estimated close date.
    pub estimated_close: Option<NaiveDate>,
    /// Win probability in percent.
    pub probability: u8,
    /// Whether the probability was set by hand rather than taken from the stage.
    #[serde(default)]
    pub probability_by_hand: bool,
    /// Open, Qualified, Disqualified, Won or Lost.
    pub status: Status,
    /// The finer status reason.
    pub reason: Reason,
    /// Key of the current stage.
    pub stage: String,
    /// When the current stage was entered.
    pub stage_entered_at: DateTime<Utc>,
    /// Step values by step key; a missing key is an empty step.
    pub steps: BTreeMap<String, StepValue>,
    /// Free notes; they carry over on qualify.
    pub notes: String,
    /// Links to account, contact, origin lead and resulting opportunity.
    pub links: Links,
    /// How the opportunity was closed, while it is closed.
    pub close: Option<CloseInfo>,
    /// Id in the system it was imported from, used to avoid duplicates on re-import.
    pub external_id: Option<String>,
    /// Imported fields Stride has no place for, kept by column name so nothing is lost.
    pub extra: BTreeMap<String, String>,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
}

impl Record {
    /// A new open lead at the first stage of the process.
    pub fn new_lead(first_stage: &str, now: DateTime<Utc>) -> Self {
        Record {
            id: RecordId::UNSAVED,
            kind: RecordKind::Lead,
            topic: String::new(),
            person: Person::default(),
            company: String::new(),
            source: String::new(),
            rating: None,
            estimated_value: None,
            estimated_close: None,
            probability: 0,
            probability_by_hand: false,
            status: Status::Open,
            reason: Reason::New,
            stage: first_stage.to_string(),
            stage_entered_at: now,
            steps: BTreeMap::new(),
            notes: String::new(),
            links: Links::default(),
            close: None,
            external_id: None,
            extra: BTreeMap::new(),
            created_at: now,
        }
    }

    /// The name a list shows: topic, else the person, else the company.
    pub fn title(&self) -> String {
        [
            self.topic.trim().to_string(),
            self.person.full_name(),
            self.company.trim().to_string(),
        ]
        .into_iter()
        .find(|text| !text.is_empty())
        .unwrap_or_else(|| format!("{} {}", self.kind.label(), self.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_enum_round_trips_through_its_word_and_label() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(*status));
            assert_eq!(status.label().parse::<Status>(), Ok(*status));
        }
        for reason in Reason::ALL {
            assert_eq!(reason.as_str().parse::<Reason>(), Ok(*reason));
            assert_eq!(reason.label().parse::<Reason>(), Ok(*reason));
        }
        for kind in RecordKind::ALL {
            assert_eq!(kind.as_str().parse::<RecordKind>(), Ok(*kind));
        }
        assert_eq!("Out-Sold".parse::<LostReason>(), Ok(LostReason::OutSold));
        assert!("maybe".parse::<Status>().is_err());
    }

    #[test]
    fn each_reason_belongs_to_exactly_the_statuses_in_the_product_table() {
        use Reason::*;
        let lead = |r: Reason| r.status_for(RecordKind::Lead);
        let opp = |r: Reason| r.status_for(RecordKind::Opportunity);
        assert_eq!(lead(New), Some(Status::Open));
        assert_eq!(lead(Contacted), Some(Status::Open));
        assert_eq!(lead(Qualified), Some(Status::Qualified));
        for r in [Lost, CannotContact, NoLongerInterested, Canceled] {
            assert_eq!(lead(r), Some(Status::Disqualified));
        }
        assert_eq!(opp(InProgress), Some(Status::Open));
        assert_eq!(opp(OnHold), Some(Status::Open));
        assert_eq!(opp(Won), Some(Status::Won));
        assert_eq!(opp(Canceled), Some(Status::Lost));
        assert_eq!(opp(OutSold), Some(Status::Lost));
        assert_eq!(lead(Won), None);
        assert_eq!(opp(New), None);
        for reason in DisqualifyReason::ALL {
            assert_eq!(lead(Reason::from(*reason)), Some(Status::Disqualified));
        }
        for reason in LostReason::ALL {
            assert_eq!(opp(Reason::from(*reason)), Some(Status::Lost));
        }
    }

    #[test]
    fn a_step_is_filled_only_with_a_real_value() {
        assert!(!StepValue::Check(false).is_filled());
        assert!(StepValue::Check(true).is_filled());
        assert!(!StepValue::Text("  ".into()).is_filled());
        assert!(StepValue::Text("budget approved".into()).is_filled());
        assert!(StepValue::Money(Money::from_minor(0)).is_filled());
    }

    #[test]
    fn an_unknown_word_lists_the_words_that_would_do() {
        let error = "bogus".parse::<DisqualifyReason>().err();
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some(
                "'bogus' is not a known disqualify reason; use one of: lost, cannot-contact, \
                 no-longer-interested, canceled"
            )
        );
        assert_eq!(
            "Cannot contact".parse(),
            Ok(DisqualifyReason::CannotContact)
        );
    }
}
