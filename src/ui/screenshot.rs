//! Screenshots of the real app, drawn without a display: which screen to show at which size,
//! scale and look, and the PNG files they are saved as. The README's pictures and the
//! screenshot tests come from here.

use std::fs::File;
use std::io::{BufWriter, Cursor};
use std::path::Path;
use std::rc::Rc;

use slint::platform::{Key, WindowEvent};
use slint::{ComponentHandle, Model};

use super::generated::{AppWindow, FocusedField};
use super::headless::{self, Frame, HeadlessError};
use super::look::{self, Look};
use super::shell::Ui;
use super::{dialogs, filters, form, list, record};
use crate::controller::Controller;
use crate::process::RecordId;
use crate::store::ListFilter;

/// Which screen a screenshot shows; also the values of `stride screenshot --screen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shot {
    /// The list of open leads; on wide windows the record page beside it is empty.
    List,
    /// A record's page (the list beside it on wide windows).
    Record,
    /// The new lead form.
    Form,
    /// The list's filter sheet.
    Filters,
    /// The disqualify sheet over a lead.
    Disqualify,
    /// The close-as-won sheet over an opportunity.
    CloseWon,
    /// The close-as-lost sheet over an opportunity.
    CloseLost,
    /// The process editor on the process new leads follow, at its first stage with branches.
    ProcessEditor,
    /// The new lead form with the focus in its first field; in kiosk mode the on-screen
    /// keyboard shows under it.
    Typing,
}

/// What to draw: the screen, the record on it, and the window's size, scale and look.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShotSpec {
    /// The screen.
    pub shot: Shot,
    /// The record to open; by default the first of the list that suits the screen.
    pub record: Option<RecordId>,
    /// Width in logical pixels.
    pub width: u32,
    /// Height in logical pixels.
    pub height: u32,
    /// Physical pixels per logical pixel.
    pub scale: f32,
    /// Theme and kiosk mode.
    pub look: Look,
}

/// Why a screenshot could not be taken or saved.
#[derive(Debug, thiserror::Error)]
pub enum ScreenshotError {
    /// Drawing failed.
    #[error(transparent)]
    Draw(#[from] HeadlessError),
    /// The screen needs a record and the database has none that suits it.
    #[error("There is no {0} to show; give one with --record ID or add some with stride demo.")]
    NoRecord(&'static str),
    /// Tab never reached a field of the lead form.
    #[error("The lead form's first field could not be given the focus for the picture.")]
    NoField,
    /// The PNG could not be written or read.
    #[error("Cannot save or read the picture {path}: {reason}")]
    File {
        /// The file.
        path: String,
        /// What went wrong.
        reason: String,
    },
}

/// Draws the app on `controller` as `spec` says. The thread is put on the headless platform,
/// so it must not run a real window.
pub fn render(controller: Rc<Controller>, spec: &ShotSpec) -> Result<Frame, ScreenshotError> {
    headless::install()?;
    // The lists and messages the Rust side fills in while assembling speak the language too.
    crate::i18n::set_current(spec.look.language);
    let (window, ui) = super::assemble(controller).map_err(HeadlessError::from)?;
    look::apply(&window, spec.look);
    show(&ui, spec)?;
    if spec.shot == Shot::Typing {
        focus_form_field(&window, spec)?;
    }
    let frame = headless::capture(&window, spec.width, spec.height, spec.scale)?;
    drop(window);
    Ok(frame)
}

/// Brings up the screen `spec` names.
fn show(ui: &Ui, spec: &ShotSpec) -> Result<(), ScreenshotError> {
    let opportunity = matches!(spec.shot, Shot::CloseWon | Shot::CloseLost);
    if opportunity && spec.record.is_none() {
        list::show_tab(ui, ListFilter::OpenOpportunities);
    }
    let kind = if opportunity {
        "open opportunity"
    } else {
        "open lead"
    };
    let wanted = || {
        spec.record
            .or_else(|| first_row(ui))
            .ok_or(ScreenshotError::NoRecord(kind))
    };
    match spec.shot {
        Shot::List => {}
        Shot::Record => record::open(ui, wanted()?),
        Shot::Form | Shot::Typing => form::open_new(ui),
        Shot::Filters => filters::open(ui),
        Shot::ProcessEditor => super::process_editor_branches::open_at_first_branch(ui),
        Shot::Disqualify => {
            record::open(ui, wanted()?);
            dialogs::open_disqualify(ui);
        }
        Shot::CloseWon => {
            record::open(ui, wanted()?);
            dialogs::open_close_won(ui);
        }
        Shot::CloseLost => {
            record::open(ui, wanted()?);
            dialogs::open_close_lost(ui);
        }
    }
    Ok(())
}

/// The most Tab presses it may take to reach the form's first field.
const MAX_TABS: usize = 80;

/// Where the form's fields start at the least, in logical pixels from the window's left edge:
/// right of the list's search box, which sits closer to the edge.
const FORM_LEFT: f32 = 20.0;

/// Shows the window at the spec's size and presses Tab until a field of the lead form has the
/// focus, as a person would reach it with a keyboard.
fn focus_form_field(window: &AppWindow, spec: &ShotSpec) -> Result<(), ScreenshotError> {
    let handle = window.window();
    handle.dispatch_event(WindowEvent::ScaleFactorChanged {
        scale_factor: spec.scale,
    });
    handle.set_size(slint::LogicalSize::new(
        spec.width as f32,
        spec.height as f32,
    ));
    window.show().map_err(HeadlessError::from)?;
    let focused = window.global::<FocusedField>();
    for _ in 0..MAX_TABS {
        let tab: slint::SharedString = Key::Tab.into();
        handle.dispatch_event(WindowEvent::KeyPressed { text: tab.clone() });
        handle.dispatch_event(WindowEvent::KeyReleased { text: tab });
        if focused.get_active() && focused.get_x() > FORM_LEFT {
            return Ok(());
        }
    }
    Err(ScreenshotError::NoField)
}

/// The record in the list's first row.
fn first_row(ui: &Ui) -> Option<RecordId> {
    ui.rows.row_data(0).map(|row| RecordId(i64::from(row.id)))
}

/// Saves `frame` as an 8-bit RGB PNG at `path`.
pub fn write_png(frame: &Frame, path: &Path) -> Result<(), ScreenshotError> {
    let failed = |reason: String| ScreenshotError::File {
        path: path.display().to_string(),
        reason,
    };
    let file = File::create(path).map_err(|e| failed(e.to_string()))?;
    let mut encoder = png::Encoder::new(BufWriter::new(file), frame.width, frame.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let mut writer = encoder.write_header().map_err(|e| failed(e.to_string()))?;
    writer
        .write_image_data(&frame.rgb)
        .map_err(|e| failed(e.to_string()))?;
    writer.finish().map_err(|e| failed(e.to_string()))
}

/// Reads an 8-bit RGB PNG that [`write_png`] saved.
pub fn read_png(path: &Path) -> Result<Frame, ScreenshotError> {
    let failed = |reason: String| ScreenshotError::File {
        path: path.display().to_string(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| failed(e.to_string()))?;
    let mut reader = png::Decoder::new(Cursor::new(bytes))
        .read_info()
        .map_err(|e| failed(e.to_string()))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| failed("the picture is too large".into()))?;
    let mut rgb = vec![0; size];
    let info = reader
        .next_frame(&mut rgb)
        .map_err(|e| failed(e.to_string()))?;
    if info.color_type != png::ColorType::Rgb || info.bit_depth != png::BitDepth::Eight {
        return Err(failed("not an 8-bit RGB picture".into()));
    }
    rgb.truncate(info.buffer_size());
    Ok(Frame {
        width: info.width,
        height: info.height,
        rgb,
    })
}
