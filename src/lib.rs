//! Stride: a touch-first sales-process app. Leads move through the company's process bar
//! to become opportunities and close, offline, with everything in one SQLite file.
//!
//! Layers: [`process`] holds the pure rules, [`store`] persists them in SQLite,
//! [`controller`] runs commands through both, and the UI and CLI talk only to the controller.

pub mod import;
pub mod process;
pub mod store;
