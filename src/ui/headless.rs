//! A platform with no display, for rendering the real app into pixels with Slint's software
//! renderer: the screenshot command and the screenshot tests draw through it. Its clock moves
//! only when told, so every animation is finished and every picture comes out the same.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use slint::platform::software_renderer::{MinimalSoftwareWindow, RepaintBufferType};
use slint::platform::{Platform, WindowAdapter, WindowEvent};
use slint::{ComponentHandle, PhysicalSize, PlatformError, Rgb8Pixel};

/// How far the clock moves before each picture: longer than any animation or timer.
const SETTLE: Duration = Duration::from_secs(60);

thread_local! {
    /// The window the platform made last on this thread.
    static WINDOW: RefCell<Option<Rc<MinimalSoftwareWindow>>> = const { RefCell::new(None) };
    /// The platform's clock on this thread.
    static NOW: Cell<Duration> = const { Cell::new(Duration::ZERO) };
    /// Whether this thread runs on the headless platform.
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
}

/// Why a picture could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum HeadlessError {
    /// Another platform (a real window) already runs on this thread.
    #[error("Screenshots are drawn without a display, but a window is already open here.")]
    OtherPlatform,
    /// The window could not be created or shown.
    #[error("The window could not be drawn: {0}")]
    Window(#[from] PlatformError),
    /// No window was created for the app.
    #[error("The app made no window to draw.")]
    NoWindow,
    /// Width, height or scale out of range.
    #[error("A picture of {0}x{1} at scale {2} cannot be drawn; use sizes from 1 to 8192.")]
    Size(u32, u32, f32),
}

/// The headless platform: it makes software-rendered windows and keeps a clock of its own.
struct Headless;

impl Platform for Headless {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, PlatformError> {
        let window = MinimalSoftwareWindow::new(RepaintBufferType::NewBuffer);
        WINDOW.with(|slot| *slot.borrow_mut() = Some(Rc::clone(&window)));
        Ok(window)
    }

    fn duration_since_start(&self) -> Duration {
        NOW.with(Cell::get)
    }
}

/// Puts this thread on the headless platform; call it before making a window.
pub fn install() -> Result<(), HeadlessError> {
    if INSTALLED.with(Cell::get) {
        return Ok(());
    }
    slint::platform::set_platform(Box::new(Headless)).map_err(|_| HeadlessError::OtherPlatform)?;
    INSTALLED.with(|flag| flag.set(true));
    Ok(())
}

/// A picture: 8-bit RGB pixels, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Width in physical pixels.
    pub width: u32,
    /// Height in physical pixels.
    pub height: u32,
    /// Red, green and blue of each pixel, three bytes each.
    pub rgb: Vec<u8>,
}

/// Draws `component`, made on the headless platform, at `width` x `height` logical pixels
/// times `scale`, after its animations and timers have run out.
pub fn capture(
    component: &impl ComponentHandle,
    width: u32,
    height: u32,
    scale: f32,
) -> Result<Frame, HeadlessError> {
    let physical = |logical: u32| (logical as f32 * scale).round() as u32;
    let (pixels_wide, pixels_high) = (physical(width), physical(height));
    let sane = |pixels: u32| (1..=8192).contains(&pixels);
    if !(scale.is_finite() && sane(pixels_wide) && sane(pixels_high)) {
        return Err(HeadlessError::Size(width, height, scale));
    }
    let window = WINDOW
        .with(|slot| slot.borrow().clone())
        .ok_or(HeadlessError::NoWindow)?;

    window.dispatch_event(WindowEvent::ScaleFactorChanged {
        scale_factor: scale,
    });
    window.set_size(PhysicalSize::new(pixels_wide, pixels_high));
    component.show()?;

    // Twice: the first pass lays out lists, whose rows then draw in the second.
    let mut pixels = vec![Rgb8Pixel::default(); (pixels_wide * pixels_high) as usize];
    for _ in 0..2 {
        NOW.with(|now| now.set(now.get() + SETTLE));
        slint::platform::update_timers_and_animations();
        window.request_redraw();
        window.draw_if_needed(|renderer| {
            renderer.render(&mut pixels, pixels_wide as usize);
        });
    }
    component.hide()?;

    let rgb = pixels.iter().flat_map(|p| [p.r, p.g, p.b]).collect();
    Ok(Frame {
        width: pixels_wide,
        height: pixels_high,
        rgb,
    })
}
