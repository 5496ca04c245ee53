//! The qualify flow in a real window: Stride's own binary runs under Xvfb on a temporary
//! database, `xdotool` clicks the lead, Qualify and the sheet's confirm at real screen
//! coordinates, and the command line then reads the lead back as qualified. The
//! coordinates come from laying the same window out headless at the real window's size.
//!
//! It needs `Xvfb` and `xdotool`, so it runs only with `STRIDE_REAL_WINDOW=1` (`.ci/run`
//! sets it); otherwise it says so and passes.

// Each test file uses part of the shared helpers.
#[allow(dead_code)]
mod ui_support;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use ui_support::records::{seed, LEAD};
use ui_support::{find, open_app, press, TestResult};

/// The displays the test may take, as the CI's other jobs leave the low numbers alone.
const DISPLAYS: std::ops::RangeInclusive<u32> = 60..=69;

/// How long the window, the clicks and the saved change may each take to show.
const PATIENCE: Duration = Duration::from_secs(20);

/// A process this test started; dropping it ends that process, and only that one, with
/// SIGTERM so an X server removes its lock file and socket.
struct Started(Child);

impl Started {
    fn stop(&mut self) {
        if matches!(self.0.try_wait(), Ok(Some(_))) {
            return;
        }
        let pid = self.0.id().to_string();
        let asked = Command::new("kill").args(["-TERM", &pid]).status();
        if !asked.is_ok_and(|status| status.success()) {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The X server this test started on display `number`; once it has ended, a lock file it
/// could not remove (when it had to be killed), still naming its pid, goes with its socket.
struct XServer {
    server: Started,
    number: u32,
}

impl Drop for XServer {
    fn drop(&mut self) {
        let pid = self.server.0.id().to_string();
        self.server.stop();
        let lock = format!("/tmp/.X{}-lock", self.number);
        let ours = std::fs::read_to_string(&lock).is_ok_and(|text| text.trim() == pid);
        if ours {
            let _ = std::fs::remove_file(&lock);
            let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{}", self.number));
        }
    }
}

/// The first display between 60 and 69 with no X server's lock file or socket.
fn free_display() -> Result<u32, String> {
    DISPLAYS
        .into_iter()
        .find(|n| {
            !Path::new(&format!("/tmp/.X{n}-lock")).exists()
                && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
        })
        .ok_or_else(|| "every display from :60 to :69 is taken".to_string())
}

/// Waits until `ready` holds, or fails saying `what` did not happen.
fn wait_until(what: &str, mut ready: impl FnMut() -> bool) -> Result<(), String> {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        if ready() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("{what} within {} s", PATIENCE.as_secs()))
}

/// Runs a command to its end and returns its standard output, failing on a non-zero exit.
fn output(command: &mut Command) -> Result<String, Box<dyn Error>> {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output()?;
    if !status.success() {
        let err = String::from_utf8_lossy(&stderr);
        return Err(format!("{command:?} failed ({status}): {err}").into());
    }
    Ok(String::from_utf8(stdout)?)
}

/// Runs `xdotool` on `display`.
fn xdotool(display: &str, args: &[&str]) -> Result<String, Box<dyn Error>> {
    output(Command::new("xdotool").env("DISPLAY", display).args(args))
}

/// The centre of an element, in the window's logical px (which are pixels at scale 1).
fn centre(element: &ElementHandle) -> (f32, f32) {
    let at = element.absolute_position();
    let size = element.size();
    (at.x + size.width / 2.0, at.y + size.height / 2.0)
}

/// Where the lead's row, Qualify and the sheet's Qualify lead are in a window of this size,
/// laid out headless on a copy of the database.
fn targets(db: &Path, width: f32, height: f32) -> Result<[(f32, f32); 3], Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    std::fs::copy(db, dir.path().join("ui.db"))?;
    let (window, _controller) = open_app(dir.path(), &[], width, height)?;
    let row = find(&window, LEAD, AccessibleRole::ListItem)?;
    let row_at = centre(&row);
    press(&row);
    let qualify = find(&window, "Qualify", AccessibleRole::Button)?;
    let qualify_at = centre(&qualify);
    press(&qualify);
    let confirm_at = centre(&find(&window, "Qualify lead", AccessibleRole::Button)?);
    Ok([row_at, qualify_at, confirm_at])
}

/// What `stride show` prints about a record.
fn show(db: &Path, id: stride::process::RecordId) -> Result<String, Box<dyn Error>> {
    let stride = env!("CARGO_BIN_EXE_stride");
    output(
        Command::new(stride)
            .arg("--db")
            .arg(db)
            .arg("show")
            .arg(id.to_string()),
    )
}

#[test]
fn a_lead_is_qualified_by_clicks_in_a_real_window() -> TestResult {
    if std::env::var("STRIDE_REAL_WINDOW").as_deref() != Ok("1") {
        eprintln!("real-window test skipped: set STRIDE_REAL_WINDOW=1 (needs Xvfb, xdotool)");
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let db: PathBuf = dir.path().join("real.db");
    let lead = {
        let controller = stride::controller::Controller::open(&db)?;
        seed(&controller)?.lead
    };
    assert!(
        show(&db, lead)?.contains("Status: Open"),
        "the lead starts open"
    );

    let number = free_display()?;
    let display = format!(":{number}");
    let xvfb = Command::new("Xvfb")
        .args([&display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let _xvfb = XServer {
        server: Started(xvfb),
        number,
    };
    wait_until("Xvfb did not start", || {
        xdotool(&display, &["getdisplaygeometry"]).is_ok()
    })?;

    let mut app = Started(
        Command::new(env!("CARGO_BIN_EXE_stride"))
            .arg("--db")
            .arg(&db)
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env("XDG_DATA_HOME", dir.path())
            .stdout(Stdio::null())
            .spawn()?,
    );
    let pid = app.0.id().to_string();
    let mut window = String::new();
    wait_until("the app's window did not show", || {
        if let Ok(Some(status)) = app.0.try_wait() {
            panic!("the app ended before its window showed: {status}");
        }
        let found = xdotool(&display, &["search", "--onlyvisible", "--pid", &pid]);
        window = found
            .unwrap_or_default()
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        !window.is_empty()
    })?;
    let geometry = xdotool(&display, &["getwindowgeometry", "--shell", &window])?;
    let size = |name: &str| -> Result<f32, String> {
        geometry
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|value| value.parse().ok())
            .ok_or_else(|| format!("no {name} in {geometry:?}"))
    };
    let (width, height) = (size("WIDTH=")?, size("HEIGHT=")?);

    // Each click lands where the headless layout of the same size puts its target. The
    // window draws a frame after each change; it gets time for one before the next click.
    let click = |(x, y): (f32, f32)| -> Result<(), Box<dyn Error>> {
        std::thread::sleep(Duration::from_millis(600));
        let (x, y) = (x.round().to_string(), y.round().to_string());
        xdotool(
            &display,
            &["mousemove", "--window", &window, &x, &y, "click", "1"],
        )?;
        Ok(())
    };
    let [row, qualify, confirm] = targets(&db, width, height)?;
    click(row)?;
    click(qualify)?;
    std::thread::sleep(Duration::from_millis(600));
    assert!(
        show(&db, lead)?.contains("Status: Open"),
        "Qualify asks first: the company is already an account"
    );
    click(confirm)?;

    let mut shown = String::new();
    wait_until("the lead was not qualified", || {
        shown = show(&db, lead).unwrap_or_default();
        shown.contains("Status: Qualified")
    })
    .map_err(|e| format!("{e}; stride show printed:\n{shown}"))?;
    drop(app);
    Ok(())
}
