//! Drives the Stride window headless, by accessible label, the way a person would: a lead
//! from the form to closed as won, the phone's list and Back, every command sheet, and the
//! label and size of every control. Each action is checked twice: in the controller's saved
//! state and in what the window shows.

mod ui_support;

use std::path::Path;

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use stride::controller::LeadForm;
use stride::process::{CloseInfo, Money, RecordKind, Status};
use stride::store::ListFilter;
use ui_support::{
    all, choose, find, only_row, open_app, open_new_lead, press, settle, shown_value, stage_of,
    tab_count, tap, texts_labelled, toast, type_into, wait_for, won_revenue, TestResult,
    SALESFORCE,
};

#[test]
fn a_lead_goes_from_the_form_to_closed_as_won() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(
        dir.path(),
        &["purchase_timeframe", "customer_need"],
        1280.0,
        800.0,
    )?;

    // A lead form with a bad e-mail shows the message next to the field and saves nothing.
    tap(&window, "New lead")?;
    type_into(&window, "Topic", "Office printers")?;
    type_into(&window, "Email", "ann at example")?;
    tap(&window, "Save lead")?;
    let email = find(&window, "Email", AccessibleRole::TextInput)?;
    assert_eq!(
        email.accessible_description().as_deref(),
        Some("Enter an e-mail address like name@example.com.")
    );
    assert_eq!(
        ElementHandle::find_by_accessible_label(&window, "Enter a last name or a company.").count(),
        1
    );
    assert_eq!(controller.counts()?.open_leads, 0);

    type_into(&window, "Email", "ann@example.com")?;
    type_into(&window, "Last name", "Lindqvist")?;
    type_into(&window, "Company", "Fabrikam")?;
    type_into(&window, "Estimated value", "12500")?;
    tap(&window, "Save lead")?;
    let lead = only_row(&controller, ListFilter::OpenLeads)?;
    assert_eq!(
        (lead.title.as_str(), lead.company.as_str()),
        ("Office printers", "Fabrikam")
    );
    assert_eq!(shown_value(&window, "Record title")?, "Office printers");
    assert_eq!(
        all(&window, "Office printers", AccessibleRole::ListItem).len(),
        1
    );

    // Qualify asks for the required Purchase timeframe first; Cancel changes nothing.
    tap(&window, "Qualify")?;
    assert_eq!(
        all(
            &window,
            "Fill in to qualify dialog",
            AccessibleRole::Groupbox
        )
        .len(),
        1
    );
    tap(&window, "Cancel")?;
    assert_eq!(controller.page(lead.id)?.record.status, Status::Open);
    assert!(controller.page(lead.id)?.record.steps.is_empty());

    // Fill the steps in place: a choice, an amount and a check.
    choose(&window, "Purchase timeframe", "This quarter")?;
    type_into(&window, "Estimated budget", "15000")?;
    press(&find(
        &window,
        "Identify decision maker",
        AccessibleRole::Checkbox,
    )?);
    let steps = controller.page(lead.id)?.record.steps;
    assert_eq!(steps.len(), 3, "steps saved: {steps:?}");
    let timeframe = find(&window, "Purchase timeframe", AccessibleRole::Combobox)?;
    assert_eq!(
        timeframe.accessible_value().as_deref(),
        Some("This quarter")
    );
    let budget = find(&window, "Estimated budget", AccessibleRole::TextInput)?;
    assert_eq!(budget.accessible_value().as_deref(), Some("15,000.00"));
    let decision = find(&window, "Identify decision maker", AccessibleRole::Checkbox)?;
    assert_eq!(decision.accessible_checked(), Some(true));

    // Qualify: no duplicates in a fresh database, so the opportunity opens at once.
    tap(&window, "Qualify")?;
    assert_eq!(controller.page(lead.id)?.record.status, Status::Qualified);
    let opportunity = only_row(&controller, ListFilter::OpenOpportunities)?;
    assert_eq!(opportunity.kind, RecordKind::Opportunity);
    assert_eq!(stage_of(&controller, opportunity.id)?, "develop");
    assert_eq!(shown_value(&window, "Record title")?, "Office printers");
    assert_eq!(shown_value(&window, "Record status")?, "Open · In progress");

    // Next stage with Customer need empty asks for just that step; Cancel changes nothing.
    tap(&window, "Next stage")?;
    let sheet = all(
        &window,
        "Fill in to move on dialog",
        AccessibleRole::Groupbox,
    );
    assert_eq!(sheet.len(), 1);
    assert_eq!(
        all(&window, "Customer need", AccessibleRole::TextInput).len(),
        2
    );
    tap(&window, "Cancel")?;
    assert!(all(
        &window,
        "Fill in to move on dialog",
        AccessibleRole::Groupbox
    )
    .is_empty());
    assert_eq!(stage_of(&controller, opportunity.id)?, "develop");

    type_into(&window, "Customer need", "Forty printers on three floors")?;
    tap(&window, "Next stage")?;
    assert_eq!(stage_of(&controller, opportunity.id)?, "propose");
    let message = toast(&window).unwrap_or_default();
    assert!(
        !message.starts_with("Fill in"),
        "no refusal shows: {message}"
    );
    tap(&window, "Next stage")?;
    assert_eq!(stage_of(&controller, opportunity.id)?, "close");
    let close = find(&window, "Stage Close", AccessibleRole::Tab)?;
    assert_eq!(
        close.accessible_description().as_deref(),
        Some("current stage")
    );
    assert!(all(&window, "Next stage", AccessibleRole::Button).is_empty());

    // Close as won with the revenue typed in the sheet.
    tap(&window, "Close as won")?;
    type_into(&window, "Actual revenue", "14,000")?;
    tap(&window, "Confirm close as won")?;
    let won = controller.page(opportunity.id)?.record;
    assert_eq!(won.status, Status::Won);
    assert_eq!(won.probability, 100);
    assert_eq!(shown_value(&window, "Record status")?, "Won");
    assert_eq!(
        toast(&window).as_deref(),
        Some("Opportunity closed as won.")
    );
    assert!(all(&window, "Close as won", AccessibleRole::Button).is_empty());
    assert_eq!(
        all(&window, "Reopen opportunity", AccessibleRole::Button).len(),
        1
    );
    assert_eq!(controller.counts()?.closed, 2);
    assert_eq!(
        won.close.as_ref().and_then(won_revenue),
        Some(Money::from_minor(1_400_000))
    );
    let header_value = ElementHandle::find_by_accessible_label(&window, "14,000.00").count();
    assert!(header_value >= 1, "the won revenue shows in the header");
    Ok(())
}

#[test]
fn a_phone_shows_one_screen_at_a_time_with_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 390.0, 844.0)?;
    tap(&window, "Import")?;
    type_into(&window, "File path", &format!("{SALESFORCE}/Lead.csv"))?;
    tap(&window, "Preview")?;
    tap(&window, "Import 60 records")?;
    wait_for(|| controller.counts().is_ok_and(|c| c.open_leads == 60))?;
    wait_for(|| all(&window, "Skipped rows", AccessibleRole::Text).len() == 1)?;
    tap(&window, "Done")?;
    let leads = find(&window, "Leads", AccessibleRole::Tab)?;
    assert_eq!(leads.accessible_value().as_deref(), Some("60"));
    assert!(all(&window, "Back", AccessibleRole::Button).is_empty());

    let first = controller.list(ListFilter::OpenLeads)?.remove(0);
    press(&find(&window, &first.title, AccessibleRole::ListItem)?);
    assert_eq!(shown_value(&window, "Record title")?, first.title);
    assert!(
        all(&window, &first.title, AccessibleRole::ListItem).is_empty(),
        "list is hidden"
    );

    tap(&window, "Back")?;
    assert!(all(&window, "Back", AccessibleRole::Button).is_empty());
    assert_eq!(
        all(&window, &first.title, AccessibleRole::ListItem).len(),
        1
    );
    Ok(())
}

#[test]
fn every_control_has_a_label_and_a_touch_sized_target() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    controller.import(&Path::new(SALESFORCE).join("Lead.csv"))?;
    press(&find(&window, "Opportunities", AccessibleRole::Tab)?);
    press(&find(&window, "Leads", AccessibleRole::Tab)?);
    let first = controller.list(ListFilter::OpenLeads)?.remove(0);
    press(&find(&window, &first.title, AccessibleRole::ListItem)?);

    let controls = [
        AccessibleRole::Button,
        AccessibleRole::Checkbox,
        AccessibleRole::Combobox,
        AccessibleRole::TextInput,
        AccessibleRole::Tab,
        AccessibleRole::ListItem,
        AccessibleRole::RadioButton,
    ];
    let mut checked = 0;
    for role in controls {
        let elements = ElementQuery::from_root(&window)
            .match_accessible_role(role)
            .find_all();
        for element in elements {
            let label = element.accessible_label().unwrap_or_default();
            assert!(!label.is_empty(), "a {role:?} has no accessible label");
            let size = element.size();
            assert!(
                size.height >= 48.0 && size.width >= 48.0,
                "{role:?} {label:?} is {}x{} px",
                size.width,
                size.height
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} controls found");
    Ok(())
}

#[test]
fn the_command_bar_offers_only_what_applies_and_each_sheet_saves() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let lead = open_new_lead(&window, &controller, "Okafor", "Northwind")?;
    let offered = |label: &str| all(&window, label, AccessibleRole::Button).len() == 1;
    assert!(offered("Qualify") && offered("Disqualify") && offered("Edit lead"));
    assert!(!offered("Reactivate lead") && !offered("Close as won") && !offered("Next stage"));

    // Edit the lead: the form opens filled in, and the change is saved on the same lead.
    tap(&window, "Edit lead")?;
    let company = find(&window, "Company", AccessibleRole::TextInput)?;
    assert_eq!(company.accessible_value().as_deref(), Some("Northwind"));
    type_into(&window, "Topic", "Rugged tablets")?;
    tap(&window, "Save changes")?;
    assert_eq!(controller.page(lead)?.record.topic, "Rugged tablets");
    assert_eq!(shown_value(&window, "Record title")?, "Rugged tablets");
    assert_eq!(toast(&window).as_deref(), Some("Lead saved."));

    // Disqualify with a reason from the sheet, then reactivate.
    tap(&window, "Disqualify")?;
    press(&find(
        &window,
        "No longer interested",
        AccessibleRole::RadioButton,
    )?);
    tap(&window, "Confirm disqualify")?;
    let record = controller.page(lead)?.record;
    assert_eq!(
        (record.status, record.reason.label()),
        (Status::Disqualified, "No longer interested")
    );
    assert_eq!(
        shown_value(&window, "Record status")?,
        "Disqualified · No longer interested"
    );
    assert!(offered("Reactivate lead") && !offered("Qualify") && !offered("Edit lead"));
    tap(&window, "Reactivate lead")?;
    assert_eq!(controller.page(lead)?.record.status, Status::Open);

    // Qualify, then close as lost with a competitor, then reopen.
    tap(&window, "Qualify")?;
    let opportunity = only_row(&controller, ListFilter::OpenOpportunities)?.id;
    assert!(offered("Close as won") && offered("Close as lost") && offered("Next stage"));
    assert!(!offered("Qualify") && !offered("Disqualify") && !offered("Reopen opportunity"));
    tap(&window, "Close as lost")?;
    press(&find(&window, "Out-sold", AccessibleRole::RadioButton)?);
    type_into(&window, "Competitor", "Contoso")?;
    tap(&window, "Confirm close as lost")?;
    let lost = controller.page(opportunity)?.record;
    assert_eq!(lost.status, Status::Lost);
    assert!(
        matches!(&lost.close, Some(CloseInfo::Lost { competitor, .. }) if competitor == "Contoso")
    );
    assert_eq!(shown_value(&window, "Record status")?, "Lost · Out-sold");
    assert!(offered("Reopen opportunity") && !offered("Close as lost"));
    tap(&window, "Reopen opportunity")?;
    type_into(&window, "Reason", "They called back")?;
    tap(&window, "Confirm reason")?;
    assert_eq!(controller.page(opportunity)?.record.status, Status::Open);
    assert_eq!(toast(&window).as_deref(), Some("Opportunity reopened."));
    Ok(())
}

/// A lead qualified through the controller, so the tests need no sheet to get one.
fn qualified_lead(
    controller: &stride::controller::Controller,
) -> Result<(stride::process::RecordId, stride::process::RecordId), Box<dyn std::error::Error>> {
    let form = stride::controller::LeadForm {
        first_name: "Ines".into(),
        last_name: "Moreau".into(),
        company: "Tailspin Toys".into(),
        topic: "Warehouse scanners".into(),
        ..Default::default()
    };
    let lead = controller.create_lead(&form)?;
    let choice = stride::controller::QualifyChoice {
        account: None,
        contact: None,
        new_account: true,
    };
    let qualified = controller.qualify(lead, &choice)?;
    Ok((lead, qualified.opportunity))
}

#[test]
fn a_qualified_lead_uses_the_whole_wide_page() -> TestResult {
    a_qualified_lead_uses_the_whole_page_names_its_links_and_opens_its_opportunity(1280.0, 800.0)
}

#[test]
fn a_qualified_lead_uses_the_whole_tall_page() -> TestResult {
    a_qualified_lead_uses_the_whole_page_names_its_links_and_opens_its_opportunity(800.0, 1280.0)
}

fn a_qualified_lead_uses_the_whole_page_names_its_links_and_opens_its_opportunity(
    width: f32,
    height: f32,
) -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], width, height)?;
    let (lead, opportunity) = qualified_lead(&controller)?;
    press(&find(&window, "Closed", AccessibleRole::Tab)?);
    press(&find(
        &window,
        "Warehouse scanners",
        AccessibleRole::ListItem,
    )?);
    assert_eq!(shown_value(&window, "Record status")?, "Qualified");

    // The page column spans the record pane, not just the process bar's minimum.
    let title = find(&window, "Record title", AccessibleRole::Text)?;
    let list = find(&window, "Warehouse scanners", AccessibleRole::ListItem)?;
    let pane = width - list.size().width;
    assert!(
        title.size().width > pane * 0.7,
        "at {width}x{height} the title is {} px wide in a {pane} px pane",
        title.size().width
    );

    // The link steps name what qualifying chose.
    let linked = |label: &str| -> Vec<String> {
        all(&window, label, AccessibleRole::Text)
            .iter()
            .filter_map(|text| text.accessible_value())
            .map(|value| value.to_string())
            .filter(|value| value != label)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(linked("Existing account?"), ["Tailspin Toys"]);
    assert_eq!(linked("Existing contact?"), ["Ines Moreau"]);

    tap(&window, "Open opportunity")?;
    assert_eq!(
        controller.page(opportunity)?.record.kind,
        RecordKind::Opportunity
    );
    assert_eq!(shown_value(&window, "Record status")?, "Open · In progress");
    assert!(all(&window, "Open opportunity", AccessibleRole::Button).is_empty());
    assert_eq!(controller.page(lead)?.record.status, Status::Qualified);
    Ok(())
}

#[test]
fn the_import_sheet_shows_the_whole_report_and_reads_a_copied_path() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let file = dir.path().join("my leads.csv");
    std::fs::write(
        &file,
        "First Name,Last Name,Company,Email,Favourite Colour\n\
         Ann,Lindqvist,Fabrikam,ann@example.com,Blue\n\
         ,,,,Green\n",
    )?;

    // A wrong path keeps what was typed and says why.
    tap(&window, "Import")?;
    let typed = format!("'{}/nowhere.csv'", dir.path().display());
    type_into(&window, "File path", &typed)?;
    tap(&window, "Preview")?;
    assert!(toast(&window).is_some(), "the error shows");
    let field = find(&window, "File path", AccessibleRole::TextInput)?;
    assert_eq!(field.accessible_value().as_deref(), Some(typed.as_str()));

    // A path in quotes, as a file manager copies it, works, and the error goes. The preview
    // comes first and saves nothing; the import runs in the background.
    type_into(&window, "File path", &format!("\"{}\"", file.display()))?;
    tap(&window, "Preview")?;
    assert_eq!(toast(&window), None, "the stale error goes");
    let preview = texts_labelled(&window, "Preview line");
    assert_eq!(
        preview.first().map(String::as_str),
        Some("Would import 1 lead.")
    );
    assert!(
        preview.iter().any(|l| l == "  Last Name -> last name"),
        "{preview:?}"
    );
    assert_eq!(controller.counts()?.open_leads, 0);
    tap(&window, "Import 1 record")?;
    wait_for(|| all(&window, "Skipped rows", AccessibleRole::Text).len() == 1)?;
    assert_eq!(controller.counts()?.open_leads, 1);
    let headline = ElementHandle::find_by_accessible_label(&window, "Imported 1 lead.").count();
    assert!(headline >= 1, "the headline shows");
    assert_eq!(shown_value(&window, "Skipped rows")?, "Skipped 1 row:");
    let skipped = find(&window, "Skipped row", AccessibleRole::Text)?;
    let skipped = skipped.accessible_value().unwrap_or_default().to_string();
    assert!(
        skipped.starts_with("Line 3: "),
        "skipped row reads {skipped:?}"
    );
    let notes: Vec<String> = all(&window, "Import note", AccessibleRole::Text)
        .iter()
        .map(|note| note.accessible_value().unwrap_or_default().to_string())
        .collect();
    assert!(
        notes.iter().any(|note| note.contains("Favourite Colour")),
        "notes: {notes:?}"
    );
    tap(&window, "Done")?;
    assert!(all(&window, "Skipped row", AccessibleRole::Text).is_empty());
    Ok(())
}

#[test]
fn the_import_sheet_asks_for_the_date_order_when_the_file_cannot_tell() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let file = dir.path().join("dates.csv");
    std::fs::write(
        &file,
        "Topic,Last Name,Est. Close Date\nChairs,Berg,03/04/2025\nDesks,Lee,05/06/2025\n",
    )?;

    tap(&window, "Import")?;
    type_into(&window, "File path", &file.display().to_string())?;
    tap(&window, "Preview")?;
    assert!(texts_labelled(&window, "Preview line")[0].starts_with("Every date in this file"));
    tap(&window, "Day first (31/12)")?;
    let preview = texts_labelled(&window, "Preview line");
    assert_eq!(preview[0], "Would import 2 leads.");
    assert!(preview[1].contains("dates day/month/year"), "{preview:?}");

    tap(&window, "Import 2 records")?;
    wait_for(|| controller.counts().is_ok_and(|c| c.open_leads == 2))?;
    wait_for(|| all(&window, "Skipped rows", AccessibleRole::Text).len() == 1)?;
    Ok(())
}

#[test]
fn a_refused_command_reloads_the_page_and_the_counts() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let lead = open_new_lead(&window, &controller, "Okafor", "Northwind")?;
    let leads = || tab_count(&window, "Leads");
    assert_eq!(leads()?.as_deref(), Some("1"));

    // Another window disqualifies the lead; this one still edits a step.
    controller.disqualify(lead, stride::process::DisqualifyReason::Lost)?;
    type_into(&window, "Estimated budget", "15000")?;
    assert!(toast(&window).is_some(), "the refusal shows");
    assert_eq!(
        shown_value(&window, "Record status")?,
        "Disqualified · Lost"
    );
    assert_eq!(leads()?.as_deref(), Some("0"));
    assert_eq!(
        all(&window, "Reactivate lead", AccessibleRole::Button).len(),
        1
    );

    // Reactivated elsewhere: Reactivate here is refused and the page shows the open lead.
    controller.reactivate(lead)?;
    tap(&window, "Reactivate lead")?;
    assert_eq!(all(&window, "Qualify", AccessibleRole::Button).len(), 1);
    assert_eq!(leads()?.as_deref(), Some("1"));

    // Disqualified elsewhere again: Qualify here is refused, through its own path.
    controller.disqualify(lead, stride::process::DisqualifyReason::Lost)?;
    tap(&window, "Qualify")?;
    assert!(toast(&window).is_some(), "the refusal shows");
    assert_eq!(
        shown_value(&window, "Record status")?,
        "Disqualified · Lost"
    );
    assert!(all(&window, "Qualify", AccessibleRole::Button).is_empty());
    Ok(())
}

#[test]
fn later_stages_read_as_not_yet_and_cannot_be_ticked() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let (_, opportunity) = qualified_lead(&controller)?;
    press(&find(&window, "Opportunities", AccessibleRole::Tab)?);
    press(&find(
        &window,
        "Warehouse scanners",
        AccessibleRole::ListItem,
    )?);

    press(&find(&window, "Stage Propose", AccessibleRole::Tab)?);
    let note = "Available when the record reaches this stage.";
    assert_eq!(
        ElementHandle::find_by_accessible_label(&window, note).count(),
        1
    );
    let later = find(&window, "Identify sales team", AccessibleRole::Checkbox)?;
    assert_eq!(later.accessible_enabled(), Some(false));
    press(&later);
    assert!(controller.page(opportunity)?.record.steps.is_empty());
    Ok(())
}

#[test]
fn close_as_lost_waits_for_a_reason_like_the_command_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    qualified_lead(&controller)?;
    press(&find(&window, "Opportunities", AccessibleRole::Tab)?);
    press(&find(
        &window,
        "Warehouse scanners",
        AccessibleRole::ListItem,
    )?);

    tap(&window, "Close as lost")?;
    let out_sold = find(&window, "Out-sold", AccessibleRole::RadioButton)?;
    let canceled = find(&window, "Canceled", AccessibleRole::RadioButton)?;
    assert_eq!(out_sold.accessible_checked(), Some(false));
    assert_eq!(canceled.accessible_checked(), Some(false));
    let confirm = find(&window, "Confirm close as lost", AccessibleRole::Button)?;
    assert_eq!(confirm.accessible_enabled(), Some(false));
    press(&confirm);
    assert_eq!(shown_value(&window, "Record status")?, "Open · In progress");

    press(&out_sold);
    assert_eq!(confirm.accessible_enabled(), Some(true));
    tap(&window, "Confirm close as lost")?;
    assert_eq!(shown_value(&window, "Record status")?, "Lost · Out-sold");
    Ok(())
}

#[test]
fn typing_in_the_lead_form_is_not_lost_by_tapping_the_list() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    tap(&window, "New lead")?;
    type_into(&window, "Last name", "Lindqvist")?;
    tap(&window, "Save lead")?;
    let saved = only_row(&controller, ListFilter::OpenLeads)?;

    tap(&window, "New lead")?;
    type_into(&window, "Company", "Contoso")?;
    press(&find(&window, &saved.title, AccessibleRole::ListItem)?);
    assert_eq!(
        toast(&window).as_deref(),
        Some("The lead form has unsaved changes: save or cancel it first.")
    );
    let company = find(&window, "Company", AccessibleRole::TextInput)?;
    assert_eq!(company.accessible_value().as_deref(), Some("Contoso"));

    tap(&window, "Cancel")?;
    press(&find(&window, &saved.title, AccessibleRole::ListItem)?);
    assert_eq!(shown_value(&window, "Record title")?, saved.title);
    Ok(())
}

#[test]
fn typing_in_the_search_box_narrows_every_tab_and_clearing_brings_all_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    // Tall enough that the filter sheet shows every choice without scrolling.
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 1600.0)?;
    let people = [
        ("Berger", "Alpine", ""),
        ("Bauer", "Coho", ""),
        ("Klein", "Alpine", "Cold"),
    ];
    for (last, company, rating) in people {
        let form = LeadForm {
            last_name: last.into(),
            company: company.into(),
            rating: rating.into(),
            ..LeadForm::default()
        };
        controller.create_lead(&form)?;
    }
    let leads_count = || tab_count(&window, "Leads");
    press(&find(&window, "Leads", AccessibleRole::Tab)?);
    assert_eq!(leads_count()?.as_deref(), Some("3"));

    type_into(&window, "Search records", "alp")?;
    assert_eq!(leads_count()?.as_deref(), Some("2"));
    assert_eq!(all(&window, "Berger", AccessibleRole::ListItem).len(), 1);
    assert!(all(&window, "Bauer", AccessibleRole::ListItem).is_empty());

    type_into(&window, "Search records", "alpine klein")?;
    assert_eq!(leads_count()?.as_deref(), Some("1"));

    type_into(&window, "Search records", "zzz")?;
    assert_eq!(leads_count()?.as_deref(), Some("0"));

    // While typing goes on, only the tab on screen is counted; the others follow a pause.
    let closed_count = || tab_count(&window, "Closed");
    find(&window, "Search records", AccessibleRole::TextInput)?.set_accessible_value("alpin");
    settle();
    assert_eq!(leads_count()?.as_deref(), Some("2"));
    assert_eq!(closed_count()?.as_deref(), Some("counting"));
    i_slint_backend_testing::mock_elapsed_time(std::time::Duration::from_millis(250));
    assert_eq!(closed_count()?.as_deref(), Some("0"));
    type_into(&window, "Search records", "zzz")?;
    let empty = ElementQuery::from_root(&window)
        .match_accessible_role(AccessibleRole::Text)
        .find_all()
        .into_iter()
        .filter(|text| {
            text.accessible_label()
                .is_some_and(|label| label.starts_with("Nothing here matches"))
        })
        .count();
    assert!(empty > 0, "an empty search says so");

    type_into(&window, "Search records", "")?;
    assert_eq!(leads_count()?.as_deref(), Some("3"));
    assert_eq!(all(&window, "Bauer", AccessibleRole::ListItem).len(), 1);
    tap(&window, "Sort: Recently changed first")?;
    let sorted = all(&window, "Sort: Largest value first", AccessibleRole::Button);
    assert_eq!(sorted.len(), 1);

    // A filter applies to every tab with the search; clearing it brings all back.
    tap(&window, "Filters")?;
    press(&find(&window, "Cold", AccessibleRole::RadioButton)?);
    tap(&window, "Show results")?;
    assert_eq!(leads_count()?.as_deref(), Some("1"));
    assert_eq!(all(&window, "Klein", AccessibleRole::ListItem).len(), 1);
    tap(&window, "Filters · 1")?;
    tap(&window, "Clear filters")?;
    assert_eq!(leads_count()?.as_deref(), Some("3"));
    Ok(())
}
