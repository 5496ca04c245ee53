//! A small pipeline for the UI tests, one record in each state the app shows, and opening a
//! record from its list tab as a person would, on a phone or beside the list.

use std::error::Error;

use i_slint_backend_testing::AccessibleRole;
use stride::controller::{Controller, LeadForm, QualifyChoice};
use stride::process::{DisqualifyReason, RecordId};
use stride::ui::AppWindow;

use super::{all, find, press, tap};

/// The records [`seed`] writes.
pub struct Pipeline {
    /// An open lead whose company is already an account, so Qualify asks first.
    pub lead: RecordId,
    /// An open opportunity at Develop, from the lead "Warehouse scanners".
    pub opportunity: RecordId,
    /// An opportunity closed as won.
    pub won: RecordId,
    /// A disqualified lead.
    pub disqualified: RecordId,
}

/// The open lead's title.
pub const LEAD: &str = "Office printers";
/// The open opportunity's title.
pub const OPPORTUNITY: &str = "Warehouse scanners";
/// The won opportunity's title.
pub const WON: &str = "Fleet trackers";
/// The disqualified lead's title.
pub const DISQUALIFIED: &str = "Desk chairs";

fn new_lead(
    controller: &Controller,
    topic: &str,
    last_name: &str,
    company: &str,
) -> Result<RecordId, Box<dyn Error>> {
    let form = LeadForm {
        topic: topic.into(),
        first_name: "Ines".into(),
        last_name: last_name.into(),
        company: company.into(),
        estimated_value: "12500".into(),
        ..LeadForm::default()
    };
    Ok(controller.create_lead(&form)?)
}

fn qualify(controller: &Controller, lead: RecordId) -> Result<RecordId, Box<dyn Error>> {
    let choice = QualifyChoice {
        account: None,
        contact: None,
        new_account: true,
    };
    Ok(controller.qualify(lead, &choice)?.opportunity)
}

/// Writes one record in each state through the controller.
pub fn seed(controller: &Controller) -> Result<Pipeline, Box<dyn Error>> {
    let first = new_lead(controller, OPPORTUNITY, "Moreau", "Tailspin Toys")?;
    let opportunity = qualify(controller, first)?;
    let lead = new_lead(controller, LEAD, "Okafor", "Tailspin Toys")?;
    let sold = new_lead(controller, WON, "Berg", "Contoso")?;
    let won = qualify(controller, sold)?;
    // Closing as won passes every gate ahead, whatever steps the test made required.
    controller.set_step_text(won, "customer_need", "Sturdy chairs")?;
    controller.close_won(won, None, None)?;
    let disqualified = new_lead(controller, DISQUALIFIED, "Lee", "Fabrikam")?;
    controller.disqualify(disqualified, DisqualifyReason::Lost)?;
    Ok(Pipeline {
        lead,
        opportunity,
        won,
        disqualified,
    })
}

/// Opens the record titled `title` from the list tab `tab`: on a phone it goes Back to the
/// list first. Where the tab holds two rows of that title (a qualified lead beside its
/// opportunity), the one whose description mentions `status` is taken.
pub fn open_record(
    window: &AppWindow,
    tab: &str,
    title: &str,
    status: &str,
) -> Result<(), Box<dyn Error>> {
    if all(window, "Back", AccessibleRole::Button).len() == 1 {
        tap(window, "Back")?;
    }
    press(&find(window, tab, AccessibleRole::Tab)?);
    let rows = all(window, title, AccessibleRole::ListItem);
    let row = rows
        .iter()
        .find(|row| {
            row.accessible_description()
                .is_some_and(|text| text.contains(status))
        })
        .ok_or_else(|| format!("no {title:?} row in {tab} says {status:?}"))?;
    press(row);
    Ok(())
}
