//! Temporary shim until the UI lands.
use crate::controller::Controller;
/// Opens the app.
pub fn run(_controller: Controller) -> anyhow::Result<()> {
    anyhow::bail!("no ui yet")
}
