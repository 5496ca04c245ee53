//! The command line: `stride` opens the app; subcommands run the same controller commands
//! for scripting and support, printing one line per result and one line per error.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

pub use crate::cli_config::ConfigAction;
pub use crate::cli_process::ProcessAction;
use crate::cli_refusals::{record_number, with_fill_hint};
pub use crate::cli_screenshot::{ScreenshotArgs, ThemeArg};
use crate::controller::{self, Controller, LeadForm, QualifyChoice};
use crate::demo::DemoOptions;
use crate::import::{Choices, DateOrder, DecimalMark};
use crate::process::{Money, RecordId};
use crate::store::{self, ListFilter, ListQuery, ListSort};

/// Stride: move leads through your sales process, offline.
#[derive(Debug, Parser)]
#[command(name = "stride", version, about)]
pub struct Cli {
    /// The database file [default: stride.db in your data folder]
    #[arg(long, global = true, env = "STRIDE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The look: light, dark, high-contrast, or as the system is set [default: STRIDE_THEME's,
    /// else the settings file's, else system]
    #[arg(long, global = true, value_enum)]
    pub theme: Option<ThemeArg>,

    /// Kiosk mode: full screen, no window chrome, larger type, no closing by accident
    /// [default: the settings file's]
    #[arg(
        long,
        global = true,
        env = "STRIDE_KIOSK",
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub kiosk: bool,

    /// The app's language, en or de [default: the settings file's, else the system locale's]
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::i18n::Language>,

    /// What to do; without one, the app opens.
    #[command(subcommand)]
    pub command: Option<Action>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Action {
    /// Import a Salesforce, Dynamics 365 or Stride CSV export of leads, opportunities or
    /// accounts.
    Import {
        /// The CSV files, imported in the order given.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Show what would be imported, and how the file is read, without saving anything.
        #[arg(long)]
        preview: bool,
        /// The order of day and month in dates like 03/04/2025, when the file cannot tell.
        #[arg(long, value_enum)]
        dates: Option<DatesArg>,
        /// The decimal mark of amounts like 1.234, when the file cannot tell.
        #[arg(long, value_enum)]
        decimal: Option<DecimalArg>,
    },
    /// Export records to a CSV file that spreadsheets open and `stride import` reads back.
    Export {
        /// The CSV file to write; an existing file there is replaced.
        file: PathBuf,
        /// Which records.
        #[arg(long, value_enum, default_value_t = View::All)]
        view: View,
    },
    /// List records.
    List {
        /// Which records.
        #[arg(long, value_enum, default_value_t = View::All)]
        view: View,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Find records by words in their topic, names, company, e-mail, phone or notes, as
    /// the app's search box does: each word matches the start of a word.
    Search {
        /// The words to find; none lists everything the filters let through.
        words: Vec<String>,
        /// Which records.
        #[arg(long, value_enum, default_value_t = View::All)]
        view: View,
        /// Only records with this status: open, qualified, disqualified, won or lost.
        #[arg(long)]
        status: Option<String>,
        /// Only records in this stage (its name or key).
        #[arg(long)]
        stage: Option<String>,
        /// Only records with this rating: hot, warm or cold.
        #[arg(long)]
        rating: Option<String>,
        /// Only records from this lead source.
        #[arg(long)]
        source: Option<String>,
        /// Only open records whose estimated close date has passed.
        #[arg(long)]
        overdue: bool,
        /// Only open records past their current stage's target number of days.
        #[arg(long)]
        overdue_in_stage: bool,
        /// The order.
        #[arg(long, value_enum, default_value_t = Sort::Recent)]
        sort: Sort,
        /// Show at most this many.
        #[arg(long, default_value_t = 50, value_parser = crate::cli_refusals::count)]
        limit: usize,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one record with its stages and steps.
    Show {
        /// The record id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Create a new lead.
    NewLead {
        /// The lead's details.
        #[command(flatten)]
        fields: LeadFields,
        /// Follow this process (NAME or NAME@VERSION) instead of the one new leads follow.
        #[arg(long)]
        process: Option<String>,
    },
    /// Change the details of an open lead; only the fields given change.
    EditLead {
        /// The lead id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// The details to change; an empty value clears a field.
        #[command(flatten)]
        fields: LeadFields,
    },
    /// Qualify a lead into an opportunity.
    Qualify {
        /// The lead id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// Use this existing account instead of creating one.
        #[arg(long, value_parser = crate::cli_refusals::party_number)]
        account: Option<i64>,
        /// Use this existing contact instead of creating one.
        #[arg(long, value_parser = crate::cli_refusals::party_number)]
        contact: Option<i64>,
    },
    /// Disqualify a lead with a reason.
    Disqualify {
        /// The lead id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// lost, cannot-contact, no-longer-interested or canceled.
        reason: Option<String>,
    },
    /// Make a disqualified lead open again.
    Reactivate {
        /// The lead id.
        #[arg(value_parser = record_number)]
        id: i64,
    },
    /// Move a record to its next stage on its path, or jump ahead to a later one with --to.
    Next {
        /// The record id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// A later stage on the record's path; the steps required on the way must be filled.
        #[arg(long)]
        to: Option<String>,
    },
    /// Move a record back one stage, or to an earlier stage with --to, saying why.
    Back {
        /// The record id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// The earlier stage to go back to.
        #[arg(long)]
        to: Option<String>,
        /// Why the record goes back; kept in its history.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Close an opportunity as won or lost.
    Close {
        /// The opportunity id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// won or lost.
        #[arg(value_enum)]
        outcome: Outcome,
        /// Actual revenue when won [default: the estimate].
        #[arg(long)]
        revenue: Option<String>,
        /// Close date, YYYY-MM-DD [default: today].
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Why it was lost: canceled or out-sold; needed for lost.
        #[arg(long)]
        reason: Option<String>,
        /// Who won instead.
        #[arg(long, default_value = "")]
        competitor: String,
        /// A note on the loss.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Reopen a won or lost opportunity, saying why.
    Reopen {
        /// The opportunity id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// Why it is reopened; kept in its history.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Set an open opportunity's win probability by hand (0 to 100).
    Probability {
        /// The opportunity id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// The probability in percent.
        #[arg(value_parser = crate::cli_refusals::percent)]
        percent: u8,
    },
    /// Show or change settings of this database, such as the user name history records.
    Config {
        /// What to show or change.
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Fill in a step (empty value clears it).
    SetStep {
        /// The record id.
        #[arg(value_parser = record_number)]
        id: i64,
        /// The step key, as `stride show` lists it.
        step: String,
        /// The value: yes/no, text, YYYY-MM-DD, an amount or one of the choices.
        value: String,
    },
    /// Fill the database with realistic demo leads and opportunities.
    Demo {
        /// How many leads, the qualified ones included.
        #[arg(long, default_value_t = 1_000, value_parser = crate::cli_refusals::count)]
        leads: usize,
        /// How many of those leads were qualified into opportunities.
        #[arg(long, default_value_t = 300, value_parser = crate::cli_refusals::count)]
        opportunities: usize,
        /// The same seed always adds the same records.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Copy the database into the backups folder beside it, or to a new file with --to.
    Backup {
        /// Write the copy to this new file instead.
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
    /// Put a backup in place of the database; the current file is moved aside, not deleted.
    Restore {
        /// The backup to restore [default: the newest sound one in the backups folder].
        file: Option<PathBuf>,
        /// List the backups, newest first, instead of restoring.
        #[arg(long, conflicts_with = "file")]
        list: bool,
    },
    /// List, export, import and switch process definitions.
    Process {
        /// What to do with them.
        #[command(subcommand)]
        action: ProcessAction,
    },
    /// Draw the app without a display into a PNG, at a given size, scale and screen.
    Screenshot(ScreenshotArgs),
    /// Mark a step of the process as required (or optional with --off).
    Require {
        /// The step key.
        step: String,
        /// Make the step optional again.
        #[arg(long)]
        off: bool,
    },
}

/// Which records `stride list` shows.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum View {
    /// Open leads.
    Leads,
    /// Open opportunities.
    Opportunities,
    /// Closed records.
    Closed,
    /// Everything.
    All,
}

/// The order `stride search` prints in.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Sort {
    /// Most recently changed first.
    Recent,
    /// Largest estimated value first.
    Value,
    /// Soonest estimated close date first.
    Close,
}

/// The day/month order `stride import --dates` takes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DatesArg {
    /// Day first: 31/12/2025.
    Dmy,
    /// Month first: 12/31/2025.
    Mdy,
}

/// The decimal mark `stride import --decimal` takes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DecimalArg {
    /// 1,234.56.
    Point,
    /// 1.234,56.
    Comma,
}

/// How `stride close` closes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Outcome {
    /// Closed as a sale.
    Won,
    /// Closed without a sale.
    Lost,
}

/// The fields of the lead form, each optional so an edit changes only what is given.
#[derive(Debug, Args)]
pub struct LeadFields {
    /// Topic: what the sale is about.
    #[arg(long)]
    topic: Option<String>,
    /// Given name.
    #[arg(long)]
    first_name: Option<String>,
    /// Family name (or give a company).
    #[arg(long)]
    last_name: Option<String>,
    /// Company name.
    #[arg(long)]
    company: Option<String>,
    /// Job title.
    #[arg(long)]
    job_title: Option<String>,
    /// E-mail address.
    #[arg(long)]
    email: Option<String>,
    /// Phone number.
    #[arg(long)]
    phone: Option<String>,
    /// Lead source, such as Web or Referral.
    #[arg(long)]
    source: Option<String>,
    /// Rating: hot, warm or cold.
    #[arg(long)]
    rating: Option<String>,
    /// Estimated value.
    #[arg(long)]
    value: Option<String>,
    /// Notes.
    #[arg(long)]
    notes: Option<String>,
}

impl LeadFields {
    /// Writes the given fields into the form, leaving the others as they are.
    fn fill(self, form: &mut LeadForm) {
        let pairs = [
            (self.topic, &mut form.topic),
            (self.first_name, &mut form.first_name),
            (self.last_name, &mut form.last_name),
            (self.company, &mut form.company),
            (self.job_title, &mut form.job_title),
            (self.email, &mut form.email),
            (self.phone, &mut form.phone),
            (self.source, &mut form.source),
            (self.rating, &mut form.rating),
            (self.value, &mut form.estimated_value),
            (self.notes, &mut form.notes),
        ];
        for (given, field) in pairs {
            if let Some(value) = given {
                *field = value;
            }
        }
    }
}

/// Runs a subcommand against the controller, writing results to `out`.
pub fn run(controller: &mut Controller, action: Action, out: &mut dyn Write) -> Result<()> {
    match action {
        Action::Import {
            files,
            preview,
            dates,
            decimal,
        } => {
            let choices = Choices {
                dates: dates.map(|d| match d {
                    DatesArg::Dmy => DateOrder::DayFirst,
                    DatesArg::Mdy => DateOrder::MonthFirst,
                }),
                decimal: decimal.map(|d| match d {
                    DecimalArg::Point => DecimalMark::Point,
                    DecimalArg::Comma => DecimalMark::Comma,
                }),
            };
            for file in files {
                let report = if preview {
                    controller.preview_import(&file, choices)?
                } else {
                    controller.import_with(&file, choices, &mut |_, _| {})?
                };
                writeln!(out, "{report}")?;
            }
        }
        Action::Export { file, view } => {
            let count = controller.export(&file, view.into())?;
            let records = if count == 1 { "record" } else { "records" };
            writeln!(out, "Exported {count} {records} to {}.", file.display())?;
        }
        Action::Demo {
            leads,
            opportunities,
            seed,
        } => {
            let options = DemoOptions {
                leads,
                opportunities,
                seed,
            };
            let report = controller.add_demo_records(&options)?;
            writeln!(out, "{report}")?;
        }
        Action::List { view, json } => crate::cli_output::list(controller, view.into(), json, out)?,
        Action::Search {
            words,
            view,
            status,
            stage,
            rating,
            source,
            overdue,
            overdue_in_stage,
            sort,
            limit,
            json,
        } => {
            let query = ListQuery {
                filter: view.into(),
                text: words.join(" "),
                status: status.map(|s| s.parse()).transpose()?,
                stage: stage.map(|s| stage_key(controller, &s)).transpose()?,
                rating: rating.map(|r| r.parse()).transpose()?,
                source,
                overdue_on: overdue.then(|| controller.today()),
                overdue_in_stage_at: overdue_in_stage.then(|| controller.now()),
                sort: match sort {
                    Sort::Recent => ListSort::Recent,
                    Sort::Value => ListSort::Value,
                    Sort::Close => ListSort::CloseDate,
                },
            };
            crate::cli_output::search(controller, &query, limit, json, out)?;
        }
        Action::Show { id, json } => crate::cli_output::show(controller, RecordId(id), json, out)?,
        Action::NewLead { fields, process } => {
            let mut form = LeadForm::default();
            fields.fill(&mut form);
            let id = controller.create_lead_on(&form, process.as_deref())?;
            writeln!(out, "Created lead {id}.")?;
        }
        Action::EditLead { id, fields } => {
            let mut form = controller.lead_form(RecordId(id))?;
            fields.fill(&mut form);
            controller.update_lead(RecordId(id), &form)?;
            writeln!(out, "Lead {id} saved.")?;
        }
        Action::Qualify {
            id,
            account,
            contact,
        } => {
            let choice = QualifyChoice {
                account,
                contact,
                new_account: false,
            };
            let outcome = controller
                .qualify(RecordId(id), &choice)
                .map_err(|error| with_fill_hint(RecordId(id), error))?;
            let verb = if outcome.already {
                "was already qualified as"
            } else {
                "qualified as"
            };
            writeln!(out, "Lead {id} {verb} opportunity {}.", outcome.opportunity)?;
        }
        Action::Disqualify { id, reason } => {
            let reason = crate::cli_refusals::disqualify_reason(reason.as_deref())?;
            controller.disqualify(RecordId(id), reason)?;
            writeln!(out, "Lead {id} disqualified ({reason}).")?;
        }
        Action::Reactivate { id } => {
            controller.reactivate(RecordId(id))?;
            writeln!(out, "Lead {id} is open again.")?;
        }
        Action::Next { id, to } => {
            match to {
                Some(stage) => controller.go_to_stage(RecordId(id), &stage, ""),
                None => controller.next_stage(RecordId(id)),
            }
            .map_err(|error| with_fill_hint(RecordId(id), error))?;
            crate::cli_output::stage_line(controller, RecordId(id), out)?;
        }
        Action::Back { id, to, reason } => {
            let reason = reason_flag(reason, "Going back")?;
            match to {
                Some(stage) => controller.go_to_stage(RecordId(id), &stage, &reason)?,
                None => controller.previous_stage(RecordId(id), &reason)?,
            }
            crate::cli_output::stage_line(controller, RecordId(id), out)?;
        }
        Action::Close {
            id,
            outcome,
            revenue,
            date,
            reason,
            competitor,
            note,
        } => {
            let record = RecordId(id);
            match outcome {
                Outcome::Won => {
                    if reason.is_some() || !competitor.is_empty() || !note.is_empty() {
                        bail!(
                            "--reason, --competitor and --note describe a loss; \
                             leave them out when closing as won."
                        );
                    }
                    let revenue = revenue
                        .map(|text| text.parse::<Money>())
                        .transpose()
                        .context("Actual revenue")?;
                    controller
                        .close_won(record, revenue, date)
                        .map_err(|error| with_fill_hint(record, error))?;
                    writeln!(out, "Opportunity {id} closed as won.")?;
                }
                Outcome::Lost => {
                    if revenue.is_some() {
                        bail!(
                            "--revenue is for a won opportunity; \
                             leave it out when closing as lost."
                        );
                    }
                    let reason = crate::cli_refusals::lost_reason(reason.as_deref())?;
                    controller.close_lost_on(record, reason, &competitor, &note, date)?;
                    writeln!(out, "Opportunity {id} closed as lost ({reason}).")?;
                }
            }
        }
        Action::Reopen { id, reason } => {
            let reason = reason_flag(reason, "Reopening")?;
            controller.reopen(RecordId(id), &reason)?;
            writeln!(out, "Opportunity {id} is open again.")?;
        }
        Action::Probability { id, percent } => {
            controller.set_probability(RecordId(id), percent)?;
            writeln!(
                out,
                "Opportunity {id} now has a probability of {percent}%, set by hand."
            )?;
        }
        Action::Config { action } => crate::cli_config::run(controller, action, out)?,
        Action::SetStep { id, step, value } => {
            controller.set_step_text(RecordId(id), &step, &value)?;
            writeln!(out, "Step {step} of record {id} saved.")?;
        }
        Action::Backup { to } => {
            let path = controller.backup(to.as_deref())?;
            writeln!(out, "Backed up the database to {}.", path.display())?;
        }
        Action::Restore { .. } => {
            bail!("stride restore works on a closed database and cannot run from here.")
        }
        Action::Screenshot(_) => {
            bail!("stride screenshot opens its own view of the database and cannot run from here.")
        }
        Action::Process { action } => crate::cli_process::run(controller, action, out)?,
        Action::Require { step, off } => {
            controller.set_step_required(&step, !off)?;
            let state = if off { "optional" } else { "required" };
            writeln!(out, "Step {step} is now {state}.")?;
        }
    }
    Ok(())
}

/// The reason given with --reason, or an error naming the flag when it is missing.
fn reason_flag(reason: Option<String>, doing: &str) -> Result<String> {
    match reason {
        Some(reason) => Ok(reason),
        None => bail!("{doing} needs a reason: add --reason TEXT saying why."),
    }
}

/// The key of the stage named `name` (or keyed so), or an error listing the stages.
fn stage_key(controller: &Controller, name: &str) -> anyhow::Result<String> {
    let process = controller.process();
    let stages = &process.stages;
    let wanted = name.trim();
    stages
        .iter()
        .find(|stage| {
            stage.key.eq_ignore_ascii_case(wanted) || stage.name.eq_ignore_ascii_case(wanted)
        })
        .map(|stage| stage.key.clone())
        .ok_or_else(|| {
            let known: Vec<&str> = stages.iter().map(|stage| stage.name.as_str()).collect();
            anyhow::anyhow!(
                "there is no stage \"{wanted}\"; the stages are {}",
                known.join(", ")
            )
        })
}

/// Whether `action` changes the database, so the day's automatic backup is taken first.
pub fn writes(action: &Action) -> bool {
    if let Action::Process { action } = action {
        return action.writes();
    }
    if let Action::Config { action } = action {
        return action.writes();
    }
    !matches!(
        action,
        Action::List { .. }
            | Action::Search { .. }
            | Action::Import { preview: true, .. }
            | Action::Export { .. }
            | Action::Show { .. }
            | Action::Backup { .. }
            | Action::Restore { .. }
            | Action::Screenshot(_)
    )
}

/// Runs `stride restore`: lists the backups of `database`, or puts one in its place.
/// It never opens the database, so it works on a damaged one.
pub fn restore(
    database: &Path,
    file: Option<&Path>,
    list: bool,
    out: &mut dyn Write,
) -> Result<()> {
    if list {
        let backups = controller::backups(database)?;
        if backups.is_empty() {
            writeln!(out, "There are no backups of {} yet.", database.display())?;
        }
        for backup in backups {
            let state = match store::backup::check_file(&backup.path) {
                Ok(_) => "sound".to_string(),
                Err(error) => format!("not usable: {error}"),
            };
            writeln!(
                out,
                "{}  {}  {state}",
                backup.taken.format("%Y-%m-%d %H:%M:%S"),
                backup.path.display()
            )?;
        }
        return Ok(());
    }

    let restored = controller::restore(database, file)?;
    write!(
        out,
        "Restored {} from {}.",
        database.display(),
        restored.from.display()
    )?;
    match restored.set_aside {
        Some(aside) => writeln!(
            out,
            " The file it replaced was kept as {}.",
            aside.display()
        )?,
        None => writeln!(out)?,
    }
    Ok(())
}

impl From<View> for ListFilter {
    fn from(view: View) -> Self {
        match view {
            View::Leads => ListFilter::OpenLeads,
            View::Opportunities => ListFilter::OpenOpportunities,
            View::Closed => ListFilter::Closed,
            View::All => ListFilter::All,
        }
    }
}
