//! The history strip in the window's language: each event's time written as the language
//! writes dates, and its words looked up in the catalog; names of stages and steps are the
//! process's own.

use chrono::Local;

use super::error_text::action_text;
use crate::controller::{EventKind, HistoryEvent, HistoryView};
use crate::i18n::{self, tr, tr_with};

/// One event, like "02.03.2026 09:00 ann: Wieder öffnen: Kunde hat angerufen".
pub(super) fn event_line(event: &HistoryEvent) -> String {
    let local = event.at.with_timezone(&Local);
    let when = format!(
        "{} {}",
        i18n::date(local.date_naive()),
        local.format("%H:%M")
    );
    let who = if event.by.is_empty() {
        tr("someone")
    } else {
        event.by.clone()
    };
    match &event.what {
        EventKind::Reason { action, reason } => {
            format!("{when} {who}: {}: {reason}", action_text(action))
        }
        EventKind::Step {
            label,
            filled: true,
        } => {
            format!("{when} {who}: {}", tr_with("completed {}", &[label]))
        }
        EventKind::Step {
            label,
            filled: false,
        } => format!("{when} {who}: {}", tr_with("cleared {}", &[label])),
    }
}

/// The stages as one line: "Qualify 2 d · Develop 5 h (2 visits)".
pub(super) fn stage_line(history: &HistoryView) -> String {
    history
        .stages
        .iter()
        .map(|s| {
            if s.visits > 1 {
                let visits = s.visits.to_string();
                tr_with(
                    "{} {} ({} visits)",
                    &[&s.name, &time_text(&s.time), &visits],
                )
            } else {
                format!("{} {}", s.name, time_text(&s.time))
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A time in a stage, like "3 d 4 h", with each unit in the current language; words that are
/// not a number and a known unit stay as they are.
fn time_text(time: &str) -> String {
    let words: Vec<&str> = time.split(' ').collect();
    words
        .chunks(2)
        .map(|pair| match pair {
            [count, "d"] => tr_with("{} d", &[count]),
            [count, "h"] => tr_with("{} h", &[count]),
            [count, "min"] => tr_with("{} min", &[count]),
            other => other.join(" "),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::i18n::{set_current, Language};

    #[test]
    fn german_events_write_the_date_day_first_and_the_words_in_german(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 3, 2, 12, 0, 0)
            .single()
            .ok_or("no such time")?;
        let day = at.with_timezone(&Local).format("%d.%m.%Y").to_string();
        let step = HistoryEvent {
            at,
            by: String::new(),
            what: EventKind::Step {
                label: "Budget".into(),
                filled: true,
            },
        };
        let reopen = HistoryEvent {
            at,
            by: "ann".into(),
            what: EventKind::Reason {
                action: "Reopen".into(),
                reason: "called back".into(),
            },
        };
        set_current(Language::German);
        let (step_line, reopen_line) = (event_line(&step), event_line(&reopen));
        set_current(Language::English);
        assert!(step_line.starts_with(&day), "{step_line}");
        assert!(
            step_line.ends_with("jemand: Budget ausgefüllt"),
            "{step_line}"
        );
        assert!(
            reopen_line.ends_with("ann: Wieder öffnen: called back"),
            "{reopen_line}"
        );
        Ok(())
    }

    #[test]
    fn stage_times_write_their_units_in_the_language() {
        set_current(Language::German);
        let german = [time_text("3 d 4 h"), time_text("5 min"), time_text("odd")];
        set_current(Language::English);
        assert_eq!(german, ["3 T 4 Std.", "5 Min.", "odd"]);
        assert_eq!(time_text("3 d 4 h"), "3 d 4 h");
    }
}
