//! A demo lead's details, typed into the lead form as a salesperson would: a person at one of
//! a shared set of companies, with a topic, source, rating, value and expected close date.

use chrono::{DateTime, Duration, Utc};
use fastrand::Rng;

use super::story::pick;
use super::words::{
    COMPANY_FORMS, COMPANY_HEADS, COMPANY_TRADES, FIRST_NAMES, JOB_TITLES, LAST_NAMES, REMARKS,
    TOPICS,
};
use crate::controller::{AppResult, LeadForm};
use crate::process::record::LEAD_SOURCES;
use crate::process::{Rating, Record};

/// A company leads can work at, with the domain of its e-mail addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    /// The name as typed.
    pub name: String,
    /// The e-mail domain, such as `cedar-logistics.example`.
    pub domain: String,
}

/// `count` distinct companies, from which leads are drawn so that several share one.
pub fn companies(rng: &mut Rng, count: usize) -> Vec<Company> {
    let distinct = COMPANY_HEADS.len() * COMPANY_TRADES.len();
    let mut order: Vec<usize> = (0..distinct).collect();
    rng.shuffle(&mut order);
    (0..count)
        .map(|n| {
            let index = order[n % distinct];
            let head = COMPANY_HEADS[index / COMPANY_TRADES.len()];
            let trade = COMPANY_TRADES[index % COMPANY_TRADES.len()];
            // Past the distinct pairs, a branch number tells companies apart.
            let branch = match n / distinct {
                0 => String::new(),
                round => format!(" {}", round + 1),
            };
            let words = format!("{head} {trade}{branch}");
            Company {
                name: format!("{words}{}", pick(rng, &COMPANY_FORMS)),
                domain: format!("{}.example", words.to_lowercase().replace(' ', "-")),
            }
        })
        .collect()
}

/// A new open lead at `first_stage`, created at `created`, filled in through the lead form.
pub fn new_lead(
    rng: &mut Rng,
    company: &Company,
    first_stage: &str,
    created: DateTime<Utc>,
) -> AppResult<Record> {
    let first_name = pick(rng, &FIRST_NAMES);
    let last_name = pick(rng, &LAST_NAMES);
    let topic = match rng.u8(..10) {
        0..=5 => format!("{} {}", rng.u16(2..200), pick(rng, &TOPICS)),
        6 => pick(rng, &TOPICS).to_string(),
        _ => String::new(),
    };
    let form = LeadForm {
        topic,
        first_name: first_name.to_string(),
        last_name: last_name.to_string(),
        company: company.name.clone(),
        job_title: pick(rng, &JOB_TITLES).to_string(),
        email: if rng.u8(..10) < 9 {
            format!("{}.{}@{}", first_name, last_name, company.domain).to_lowercase()
        } else {
            String::new()
        },
        phone: phone(rng),
        source: if rng.u8(..10) < 9 {
            pick(rng, &LEAD_SOURCES).to_string()
        } else {
            String::new()
        },
        rating: match rng.u8(..10) {
            0..=2 => Rating::Hot.label().to_string(),
            3..=5 => Rating::Warm.label().to_string(),
            6..=8 => Rating::Cold.label().to_string(),
            _ => String::new(),
        },
        estimated_value: if rng.u8(..10) < 8 {
            format!("{}", rng.u32(1..250) * 1_000 + rng.u32(0..10) * 100)
        } else {
            String::new()
        },
        notes: if rng.u8(..10) < 3 {
            pick(rng, &REMARKS).to_string()
        } else {
            String::new()
        },
    };
    let mut record = Record::new_lead(first_stage, created);
    form.apply_to(&mut record)?;
    if rng.u8(..10) < 6 {
        record.estimated_close = Some(created.date_naive() + Duration::days(rng.i64(20..240)));
    }
    Ok(record)
}

/// A business phone number in one of a few national forms.
fn phone(rng: &mut Rng) -> String {
    match rng.u8(..4) {
        0 => format!("+1 555 {:03} {:04}", rng.u16(100..1000), rng.u16(..10_000)),
        1 => format!("+44 20 7946 {:04}", rng.u16(..10_000)),
        2 => format!("+49 30 {:08}", rng.u32(..100_000_000)),
        _ => format!("(555) {:03}-{:04}", rng.u16(100..1000), rng.u16(..10_000)),
    }
}
