//! The list's Export button: writes the records of the tab on screen to a CSV file in the
//! home folder, named for the tab and the day, and says where it went.

use std::path::PathBuf;
use std::rc::Rc;

use slint::ComponentHandle;

use super::generated::{AppWindow, ListAdapter};
use super::shell::Ui;
use crate::i18n;
use crate::store::ListFilter;

/// Connects the Export button.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let on_export = Rc::clone(ui);
    window
        .global::<ListAdapter>()
        .on_export(move || export(&on_export));
}

fn export(ui: &Ui) {
    let filter = ui.state().filter;
    let folder = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let name = file_name(filter, &ui.controller.today().to_string());
    // A second export the same day gets "(2)", "(3)": the export never writes over a file.
    let path = (1..1000)
        .map(|n| match n {
            1 => folder.join(&name),
            n => folder.join(name.replace(".csv", &format!(" ({n}).csv"))),
        })
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .unwrap_or_else(|| folder.join(&name));
    if let Some(count) = ui.report(ui.controller.export(&path, filter)) {
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        ui.show_notice(&i18n::tr_count_with(
            "Exported {n} record to {}.",
            "Exported {n} records to {}.",
            count,
            &[&path.display().to_string()],
        ));
    }
}

/// "Stride leads 2026-12-04.csv" and the like.
fn file_name(filter: ListFilter, day: &str) -> String {
    let what = match filter {
        ListFilter::OpenLeads => "leads",
        ListFilter::OpenOpportunities => "opportunities",
        ListFilter::Closed => "closed",
        ListFilter::All => "records",
    };
    format!("Stride {what} {day}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_file_for_the_tab_and_the_day() {
        assert_eq!(
            file_name(ListFilter::OpenLeads, "2026-12-04"),
            "Stride leads 2026-12-04.csv"
        );
        assert_eq!(
            file_name(ListFilter::Closed, "2026-12-04"),
            "Stride closed 2026-12-04.csv"
        );
    }
}
