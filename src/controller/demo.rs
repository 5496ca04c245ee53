//! Filling a database with demo records, for demos and benchmarks.

use tracing::info;

use super::error::AppResult;
use super::Controller;
use crate::demo::{self, DemoOptions, DemoReport};

impl Controller {
    /// Adds realistic demo leads and opportunities in one transaction; see [`crate::demo`].
    pub fn add_demo_records(&self, options: &DemoOptions) -> AppResult<DemoReport> {
        let report = demo::fill(&self.store, &self.process(), options, self.now())?;
        info!(
            leads = report.leads,
            opportunities = report.opportunities,
            seed = options.seed,
            "added demo records"
        );
        Ok(report)
    }
}
