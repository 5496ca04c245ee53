//! The app window on the demo database, drawn by Slint's software renderer into a 1280x800
//! buffer, as the app draws without a GPU: time to the first frame, frame times while the
//! list scrolls, while records are opened one after another and while a search is typed
//! letter by letter, and peak memory.

use std::error::Error;
use std::rc::Rc;
use std::time::{Duration, Instant};

use slint::platform::software_renderer::{
    MinimalSoftwareWindow, PremultipliedRgbaColor, RepaintBufferType,
};
use slint::platform::{Platform, WindowAdapter, WindowEvent};
use slint::{ComponentHandle, LogicalPosition, PhysicalSize, PlatformError};
use stride::controller::Controller;
use stride::store::ListFilter;
use stride::ui::ListAdapter;

use crate::support::{self, ms, percentile};

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 800;
/// Frames timed while scrolling, and records opened one after another.
const FRAMES: usize = 300;
/// How far one wheel step scrolls, in logical pixels.
const WHEEL_STEP: f32 = 48.0;

/// Hands the app the one window the benchmark draws.
struct BufferPlatform {
    window: Rc<MinimalSoftwareWindow>,
}

impl Platform for BufferPlatform {
    fn create_window_adapter(&self) -> Result<Rc<dyn WindowAdapter>, PlatformError> {
        Ok(self.window.clone())
    }
}

/// The window and the buffer it is drawn into.
struct Screen {
    window: Rc<MinimalSoftwareWindow>,
    buffer: Vec<PremultipliedRgbaColor>,
}

impl Screen {
    /// Runs due timers and draws what changed; true when anything was drawn.
    fn frame(&mut self) -> bool {
        slint::platform::update_timers_and_animations();
        let buffer = &mut self.buffer;
        self.window.draw_if_needed(|renderer| {
            renderer.render(buffer, WIDTH as usize);
        })
    }
}

/// Measures the window; `started` is when the process began running the benchmark.
pub fn run(started: Instant) -> Result<(), Box<dyn Error>> {
    // Start-up is timed from the start of the process, or, when the demo database has to be
    // built first, from when it is ready.
    let started = if support::cached_path().exists() {
        started
    } else {
        support::cached_database()?;
        Instant::now()
    };
    let path = support::cached_path();
    let window = MinimalSoftwareWindow::new(RepaintBufferType::ReusedBuffer);
    slint::platform::set_platform(Box::new(BufferPlatform {
        window: window.clone(),
    }))
    .map_err(|e| format!("cannot set the platform: {e}"))?;
    let mut screen = Screen {
        window: window.clone(),
        buffer: vec![PremultipliedRgbaColor::default(); (WIDTH * HEIGHT) as usize],
    };

    let controller = Rc::new(Controller::open(&path)?);
    let opened = started.elapsed();
    let app = stride::ui::build(Rc::clone(&controller))?;
    app.show()?;
    window.set_size(PhysicalSize::new(WIDTH, HEIGHT));
    let built = started.elapsed();
    if !screen.frame() {
        return Err("the first frame drew nothing".into());
    }
    let first = started.elapsed();
    println!(
        "ui: first frame {} (database open {}, window built and list loaded {}, drawn {})",
        ms(first),
        ms(opened),
        ms(built - opened),
        ms(first - built)
    );

    let (scroll, drawn) = scroll(&mut screen)?;
    println!(
        "ui: scroll frame p50 {} p95 {} over {FRAMES} wheel steps ({drawn} drew)",
        ms(percentile(&scroll, 50.0)),
        ms(percentile(&scroll, 95.0))
    );

    let ids = controller.list(ListFilter::OpenLeads)?;
    let adapter = app.global::<ListAdapter>();
    let mut switch = Vec::with_capacity(FRAMES);
    for row in ids.iter().take(FRAMES) {
        let id = i32::try_from(row.id.0)?;
        let start = Instant::now();
        adapter.invoke_open(id);
        screen.frame();
        switch.push(start.elapsed());
    }
    println!(
        "ui: record switch frame p50 {} p95 {} over {} records",
        ms(percentile(&switch, 50.0)),
        ms(percentile(&switch, 95.0)),
        switch.len()
    );

    let (typed, paused) = type_searches(&mut screen, &adapter);
    println!(
        "ui: search keystroke to frame p50 {} p95 {} max {} over {} keystrokes",
        ms(percentile(&typed, 50.0)),
        ms(percentile(&typed, 95.0)),
        ms(percentile(&typed, 100.0)),
        typed.len()
    );
    println!(
        "ui: other tabs counted after a pause in typing p50 {} max {} over {} words",
        ms(percentile(&paused, 50.0)),
        ms(percentile(&paused, 100.0)),
        paused.len()
    );

    println!(
        "ui: peak RSS {:.1} MiB (opened, scrolled, {} records switched)",
        crate::peak_rss_kib()? as f64 / 1024.0,
        switch.len()
    );
    Ok(())
}

/// Words typed into the search box, one letter per keystroke, each cleared after.
const SEARCHES: [&str; 6] = ["smith", "patel", "laptops", "cedar", "ana", "wagner"];

/// How long the bench waits after a word for the app's pause in typing to pass.
const TYPING_PAUSE: Duration = Duration::from_millis(250);

/// Types each search word letter by letter, drawing a frame after each keystroke, then waits
/// for the pause after which the other tabs are counted. Returns each keystroke's time from
/// the edit to the drawn frame, and each word's frame that counted the other tabs.
fn type_searches(screen: &mut Screen, adapter: &ListAdapter<'_>) -> (Vec<Duration>, Vec<Duration>) {
    let mut keystrokes = Vec::new();
    let mut pauses = Vec::new();
    for word in SEARCHES {
        for end in 1..=word.len() {
            let start = Instant::now();
            adapter.invoke_search_edited(word[..end].into());
            screen.frame();
            keystrokes.push(start.elapsed());
        }
        std::thread::sleep(TYPING_PAUSE);
        let start = Instant::now();
        screen.frame();
        pauses.push(start.elapsed());

        adapter.invoke_search_edited("".into());
        screen.frame();
        std::thread::sleep(TYPING_PAUSE);
        screen.frame();
    }
    (keystrokes, pauses)
}

/// Scrolls the list down one wheel step per frame; returns each frame's time and how many
/// frames drew anything.
fn scroll(screen: &mut Screen) -> Result<(Vec<Duration>, usize), Box<dyn Error>> {
    // Over the list, which sits at the left of a wide window.
    let over_list = LogicalPosition::new(160.0, 500.0);
    screen.window.dispatch_event(WindowEvent::PointerMoved {
        position: over_list,
    });
    screen.frame();
    let mut timings = Vec::with_capacity(FRAMES);
    let mut drawn = 0;
    for _ in 0..FRAMES {
        let start = Instant::now();
        screen.window.dispatch_event(WindowEvent::PointerScrolled {
            position: over_list,
            delta_x: 0.0,
            delta_y: -WHEEL_STEP,
        });
        if screen.frame() {
            drawn += 1;
        }
        timings.push(start.elapsed());
    }
    if drawn == 0 {
        return Err("scrolling the list drew nothing: the pointer missed the list".into());
    }
    Ok((timings, drawn))
}
