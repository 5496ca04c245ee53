//! The German window's import and export: the preview, the import's button, its report and
//! the export notice are German sentences, though the controller writes its report in English
//! for the command line. One test in its own binary, as it points `HOME` (where the export
//! goes) at a temporary folder for the whole process.

#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use stride::i18n::{self, Language};
use ui_support::{all, find, open_app, open_new_lead, settle, shown_value, tap, toast, type_into};
use ui_support::{texts_labelled, wait_for, TestResult};

#[test]
fn the_german_window_previews_imports_and_exports_in_german() -> TestResult {
    let dir = tempfile::tempdir()?;
    std::env::set_var("HOME", dir.path());
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    i18n::select(Language::German);
    settle();

    open_new_lead(&window, &controller, "Wu", "Contoso GmbH")?;
    tap(&window, "Export")?;
    let notice = toast(&window).unwrap_or_default();
    let day = controller.today().to_string();
    let file = dir.path().join(format!("Stride leads {day}.csv"));
    assert_eq!(
        notice,
        format!("1 Datensatz nach {} exportiert.", file.display())
    );
    assert!(file.exists(), "the export is written to {}", file.display());

    let import = dir.path().join("neu.csv");
    std::fs::write(
        &import,
        "First Name,Last Name,Company\nAnn,Lindqvist,Fabrikam\nBo,Berg,Northwind\n",
    )?;
    tap(&window, "Import")?;
    type_into(&window, "Dateipfad", &import.display().to_string())?;
    tap(&window, "Vorschau")?;
    let preview = texts_labelled(&window, "Vorschauzeile");
    assert_eq!(
        preview.first().map(String::as_str),
        Some("Würde 2 Leads importieren.")
    );
    assert!(
        preview
            .iter()
            .any(|line| line.contains("durch Kommas getrennt")),
        "{preview:?}"
    );
    tap(&window, "2 Datensätze importieren")?;
    wait_for(|| all(&window, "Übersprungene Zeilen", AccessibleRole::Text).len() == 1)?;
    let headline = ElementHandle::find_by_accessible_label(&window, "2 Leads importiert.").count();
    assert!(headline >= 1, "the German headline shows");
    assert_eq!(
        shown_value(&window, "Übersprungene Zeilen")?,
        "Keine Zeilen wurden übersprungen."
    );
    find(&window, "Fertig", AccessibleRole::Button)?;
    Ok(())
}
