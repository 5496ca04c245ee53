//! Screenshot tests: the real app drawn without a display, at phone, tablet and desktop sizes,
//! light and dark, compared with reviewed reference pictures in `tests/screenshots/` at a
//! small colour tolerance. Drawing is deterministic: a fixed clock, demo records from a fixed
//! seed, and the bundled font.
//!
//! To take new references after a deliberate change to the look, run
//! `STRIDE_UPDATE_REFERENCES=1 cargo test --test screenshots`: each picture is written beside
//! its reference as `NAME.new.png` and the run fails until the new pictures are looked at and
//! renamed over the old ones (`NAME.png`) and committed.

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use stride::controller::{Controller, FixedClock};
use stride::demo::DemoOptions;
use stride::ui::headless::Frame;
use stride::ui::look::ThemeMode;
use stride::ui::screenshot::{self, Shot, ShotSpec};
use stride::ui::Look;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// How far apart two channels of a pixel may be and still count as the same colour.
const CHANNEL_TOLERANCE: u8 = 16;

/// How many pixels in a million may differ by more than that, for anti-aliasing that rounds
/// differently elsewhere. Drawing is bit-exact on one machine, and one changed word in a
/// phone picture already changes a few hundred pixels.
const DIFFERENT_PER_MILLION: usize = 50;

/// A small demo pipeline on a fixed clock, in `dir`.
fn demo(dir: &Path) -> Result<Rc<Controller>, Box<dyn std::error::Error>> {
    let noon = Utc
        .with_ymd_and_hms(2026, 6, 1, 12, 0, 0)
        .single()
        .ok_or("no such time")?;
    let controller =
        Controller::with_clock(&dir.join("shots.db"), Arc::new(FixedClock::new(noon)))?;
    controller.add_demo_records(&DemoOptions {
        leads: 14,
        opportunities: 5,
        seed: 4,
    })?;
    Ok(Rc::new(controller))
}

fn spec(shot: Shot, width: u32, height: u32, theme: ThemeMode) -> ShotSpec {
    ShotSpec {
        shot,
        record: None,
        width,
        height,
        scale: 1.0,
        look: Look {
            theme,
            kiosk: false,
            language: stride::i18n::Language::English,
        },
    }
}

/// How many different colours a picture holds.
fn colours(frame: &Frame) -> usize {
    let mut seen: Vec<[u8; 3]> = frame
        .rgb
        .chunks_exact(3)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

#[test]
fn a_phone_screenshot_has_the_asked_size_and_shows_something() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut shot = spec(Shot::List, 390, 844, ThemeMode::Light);
    shot.scale = 2.0;

    let frame = screenshot::render(demo(dir.path())?, &shot)?;
    let file = dir.path().join("list.png");
    screenshot::write_png(&frame, &file)?;
    let read = screenshot::read_png(&file)?;

    assert_eq!((read.width, read.height), (780, 1688));
    assert_eq!(read, frame);
    // Text, badges and buttons: a blank or one-colour picture has a handful at most.
    assert!(colours(&frame) > 50, "only {} colours", colours(&frame));
    Ok(())
}

#[test]
fn dark_mode_draws_dark_surfaces_and_light_mode_light_ones() -> TestResult {
    let dir = tempfile::tempdir()?;
    let controller = demo(dir.path())?;
    let brightness = |frame: &Frame| {
        let sum: u64 = frame.rgb.iter().map(|&c| u64::from(c)).sum();
        sum / frame.rgb.len() as u64
    };

    let light = screenshot::render(
        Rc::clone(&controller),
        &spec(Shot::Record, 390, 844, ThemeMode::Light),
    )?;
    let dark = screenshot::render(controller, &spec(Shot::Record, 390, 844, ThemeMode::Dark))?;

    assert!(
        brightness(&light) > 180,
        "light mode averages {}",
        brightness(&light)
    );
    assert!(
        brightness(&dark) < 80,
        "dark mode averages {}",
        brightness(&dark)
    );
    Ok(())
}

/// The reviewed pictures: a few per screen class.
fn references() -> Vec<(&'static str, ShotSpec)> {
    vec![
        (
            "phone-list-light",
            spec(Shot::List, 390, 844, ThemeMode::Light),
        ),
        (
            "phone-record-dark",
            spec(Shot::Record, 390, 844, ThemeMode::Dark),
        ),
        (
            "tablet-record-light",
            spec(Shot::Record, 800, 1280, ThemeMode::Light),
        ),
        (
            "tablet-disqualify-dark",
            spec(Shot::Disqualify, 1280, 800, ThemeMode::Dark),
        ),
        (
            "desktop-record-high-contrast",
            spec(Shot::Record, 1920, 1080, ThemeMode::HighContrast),
        ),
        (
            "tablet-close-won-high-contrast",
            spec(Shot::CloseWon, 800, 1280, ThemeMode::HighContrast),
        ),
    ]
}

fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/screenshots")
}

/// How many pixels differ beyond the tolerance, or `None` when the sizes differ.
fn differing_pixels(a: &Frame, b: &Frame) -> Option<usize> {
    if (a.width, a.height) != (b.width, b.height) {
        return None;
    }
    let far = |x: &[u8], y: &[u8]| {
        x.iter()
            .zip(y)
            .any(|(p, q)| p.abs_diff(*q) > CHANNEL_TOLERANCE)
    };
    Some(
        a.rgb
            .chunks_exact(3)
            .zip(b.rgb.chunks_exact(3))
            .filter(|(x, y)| far(x, y))
            .count(),
    )
}

#[test]
fn screens_match_their_reviewed_references() -> TestResult {
    let dir = tempfile::tempdir()?;
    let controller = demo(dir.path())?;
    let update = std::env::var_os("STRIDE_UPDATE_REFERENCES").is_some_and(|v| v == "1");
    let mut problems = Vec::new();
    std::fs::create_dir_all(reference_dir())?;

    for (name, shot) in references() {
        let frame = screenshot::render(Rc::clone(&controller), &shot)?;
        let reference = reference_dir().join(format!("{name}.png"));
        let fresh = reference_dir().join(format!("{name}.new.png"));
        let verdict = if update {
            Some("taken anew".to_string())
        } else if !reference.exists() {
            Some("has no reference yet".to_string())
        } else {
            let old = screenshot::read_png(&reference)?;
            let allowed = frame.rgb.len() / 3 * DIFFERENT_PER_MILLION / 1_000_000;
            let differing = differing_pixels(&old, &frame);
            eprintln!("{name}: {differing:?} pixels differ, {allowed} allowed");
            match differing {
                None => Some(format!("is {}x{} now", frame.width, frame.height)),
                Some(count) if count > allowed => Some(format!("differs in {count} pixels")),
                Some(_) => None,
            }
        };
        match verdict {
            Some(why) => {
                screenshot::write_png(&frame, &fresh)?;
                problems.push(format!("{name} {why}; review {}", fresh.display()));
            }
            None if fresh.exists() => std::fs::remove_file(&fresh)?,
            None => {}
        }
    }

    assert!(
        problems.is_empty(),
        "screenshots to review (rename NAME.new.png to NAME.png and commit once they look \
         right):\n{}",
        problems.join("\n")
    );
    Ok(())
}
