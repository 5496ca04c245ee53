//! Binds Qualify: required steps still empty are asked for first in the missing-steps
//! sheet; then possible duplicate accounts and contacts are offered in a sheet before the
//! lead is qualified; without any, the lead is qualified at once. The page then follows the
//! lead to its new opportunity.

use std::rc::Rc;

use slint::{ComponentHandle, ModelRc, VecModel};

use super::generated::{AppWindow, PartyOption, QualifyAdapter, SheetKind};
use super::shell::Ui;
use super::{list, missing_steps, record};
use crate::controller::QualifyChoice;
use crate::i18n;
use crate::store::ListFilter;

/// Connects the qualify sheet's confirm callback.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let ui = Rc::clone(ui);
    window.global::<QualifyAdapter>().on_confirm(move || {
        let choice = ui.window().map(|window| {
            let adapter = window.global::<QualifyAdapter>();
            let pick = |id: i32| (id >= 0).then_some(i64::from(id));
            let account = pick(adapter.get_account_choice());
            QualifyChoice {
                account,
                contact: pick(adapter.get_contact_choice()),
                new_account: account.is_none(),
            }
        });
        if let Some(choice) = choice {
            qualify(&ui, &choice);
        }
    });
}

/// Starts qualifying the open lead: asks for its empty required steps first, if any.
pub(super) fn start(ui: &Ui) {
    let Some(id) = ui.state().open else {
        return;
    };
    let Some(missing) = ui.report(ui.controller.qualify_missing(id)) else {
        ui.refresh();
        return;
    };
    if !missing.is_empty() {
        missing_steps::open_before(ui, &missing, missing_steps::Then::Qualify);
        return;
    }
    offer(ui, id);
}

/// Offers the possible duplicates, or qualifies at once when there are none.
fn offer(ui: &Ui, id: crate::process::RecordId) {
    let Some(options) = ui.report(ui.controller.qualify_options(id)) else {
        ui.refresh();
        return;
    };
    if options.accounts.is_empty() && options.contacts.is_empty() {
        qualify(
            ui,
            &QualifyChoice {
                account: options.linked_account,
                contact: None,
                new_account: options.linked_account.is_none(),
            },
        );
        return;
    }
    let Some(window) = ui.window() else {
        return;
    };

    let id_of = |id: i64| i32::try_from(id).unwrap_or(-1);
    let accounts: Vec<PartyOption> = options
        .accounts
        .iter()
        .map(|a| PartyOption {
            id: id_of(a.id),
            name: a.name.as_str().into(),
            detail: i18n::tr("Existing account").into(),
        })
        .collect();
    let contacts: Vec<PartyOption> = options
        .contacts
        .iter()
        .map(|c| PartyOption {
            id: id_of(c.id),
            name: c.person.full_name().into(),
            detail: c.person.email.as_str().into(),
        })
        .collect();

    let adapter = window.global::<QualifyAdapter>();
    adapter.set_company(options.company.as_str().into());
    adapter.set_person(options.person.as_str().into());
    adapter.set_accounts(ModelRc::new(VecModel::from(accounts)));
    adapter.set_contacts(ModelRc::new(VecModel::from(contacts)));
    // The account the lead already belongs to is the likely answer; anything else is a choice.
    let preselected = options.linked_account.map_or(-1, id_of);
    adapter.set_account_choice(preselected);
    adapter.set_contact_choice(-1);
    ui.set_sheet(SheetKind::Qualify);
}

fn qualify(ui: &Ui, choice: &QualifyChoice) {
    let Some(id) = ui.state().open else {
        return;
    };
    ui.set_sheet(SheetKind::None);
    let Some(qualified) = ui.report(ui.controller.qualify(id, choice)) else {
        // The lead may have changed elsewhere; show it as it now is.
        ui.refresh();
        return;
    };

    list::show_tab(ui, ListFilter::OpenOpportunities);
    record::open(ui, qualified.opportunity);
    ui.show_notice(if qualified.already {
        "This lead was already qualified; here is its opportunity."
    } else {
        "Lead qualified. Continue on the new opportunity."
    });
}
