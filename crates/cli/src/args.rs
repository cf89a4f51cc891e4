use clap::{Args, Parser, Subcommand, ValueEnum};
use preflight_audit::fetch::DEFAULT_TIMEOUT;
use preflight_audit::run::{
    AUTO_CONCURRENCY, CONCURRENCY_LIMITS, DEFAULT_INTERVAL, DEFAULT_MAX_SITE_INTERVAL,
    DEFAULT_PER_HOST, INTERVAL_LIMITS_MS, TIMEOUT_LIMITS_SECS,
};
use std::path::PathBuf;

/// Is a landing page ready for ChatGPT Ads? Checks what OpenAI's ad crawler OAI-AdsBot gets.
#[derive(Parser)]
#[command(name = "preflight", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 nothing failing, 1 failing findings, 2 usage or runtime error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check landing pages now (optionally saving the audit).
    Check(CheckArgs),
    /// Saved audits.
    Audits {
        #[command(subcommand)]
        command: AuditsCommand,
    },
    /// Test a robots.txt file offline: may AGENT fetch URL? `robots test` checks many URLs,
    /// `robots lint` lists the file's problems by line.
    Robots(RobotsCommand),
    /// Plan what ChatGPT Ads are worth: the four-layer ROAS model with ranges.
    Plan(PlanArgs),
    /// Check tracking parameters (UTMs) of ad destination URLs.
    Utm(UtmArgs),
    /// Export a saved audit as a PDF for stakeholders, or as CSV / JSON for analysts.
    Export(ExportArgs),
    /// Compare two saved audits: what changed, as a PDF or a CSV.
    Compare(crate::compare::CompareArgs),
    /// Click through a funnel in a browser window while every OpenAI pixel call is checked
    /// live; optionally save it with an audit.
    Journey(JourneyArgs),
    /// A client's landing pages: add them from a sitemap or an ads-manager export.
    Pages {
        #[command(subcommand)]
        command: crate::pages::PagesCommand,
    },
    /// What OpenAI's Ads API says about the account's ads (read only; the key comes from an
    /// environment variable).
    Ads {
        #[command(subcommand)]
        command: crate::ads::AdsCommand,
    },
    /// A web server's access log: what OpenAI's real crawler got, kept with a client.
    Logs {
        #[command(subcommand)]
        command: crate::logs::LogsCommand,
    },
    /// Schedules that re-audit a client's pages, what changed, and alerts.
    Monitor {
        #[command(subcommand)]
        command: crate::monitor::MonitorCommand,
    },
    /// Conversions API: validate server-side event payloads, pair them with the pixel, and
    /// build correct sample requests.
    Capi {
        #[command(subcommand)]
        command: crate::capi::CapiCommand,
    },
    /// Where audits are kept: the local file or a team workspace on a PostgreSQL server;
    /// connect, copy between them, and who work is recorded as.
    Db {
        #[command(subcommand)]
        command: crate::db::DbCommand,
    },
    /// List the conversion funnels and the events each needs.
    Funnels {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

#[derive(Subcommand)]
pub enum AuditsCommand {
    /// List saved audits, newest first.
    List(ListArgs),
    /// Show one saved audit.
    Show(ShowArgs),
    /// An audit's comments, oldest first, with who wrote each; with TEXT, add one.
    Comments(crate::comments::CommentsArgs),
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// What `preflight check` prints.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
    Junit,
}

#[derive(Args)]
pub struct DbArg {
    /// Database: a file, or a team workspace's postgres:// address (default: $PREFLIGHT_DB, else
    /// this machine's workspace, else the app's data folder).
    #[arg(long, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,
}

impl DbArg {
    /// The database setting in force for this command.
    pub fn setting(&self) -> PathBuf {
        self.db
            .clone()
            .unwrap_or_else(preflight_session::workspace::database_setting)
    }
}

#[derive(Args)]
pub struct CheckArgs {
    /// Landing-page URLs (a missing scheme means https).
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
    /// Read more URLs from a file, one per line ("-" for standard input).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// text, json, or junit (JUnit XML: one test case per page, for CI systems).
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Save the audit in the database.
    #[arg(long)]
    pub save: bool,
    /// With --save --client: compare with the client's previous complete audit and exit with
    /// code 3 when something got worse, printing what (see the exit codes in --help).
    #[arg(long, requires = "client")]
    pub fail_on_regression: bool,
    /// With --save: the client to file the audit under (created if new).
    #[arg(long, value_name = "NAME", requires = "save")]
    pub client: Option<String>,
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, value_name = "N", help = concurrency_help(), value_parser = clap::value_parser!(u16).range(*CONCURRENCY_LIMITS.start() as i64..=*CONCURRENCY_LIMITS.end() as i64))]
    pub concurrency: Option<u16>,
    #[arg(long, value_name = "MS", help = interval_help(), default_value_t = DEFAULT_INTERVAL.as_millis() as u32, value_parser = clap::value_parser!(u32).range(*INTERVAL_LIMITS_MS.start() as i64..=*INTERVAL_LIMITS_MS.end() as i64))]
    pub interval: u32,
    /// Seconds allowed for each page fetch.
    #[arg(long, default_value_t = DEFAULT_TIMEOUT.as_secs() as u16, value_parser = clap::value_parser!(u16).range(*TIMEOUT_LIMITS_SECS.start() as i64..=*TIMEOUT_LIMITS_SECS.end() as i64))]
    pub timeout: u16,
    /// No progress lines on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// The conversion funnel to measure the pages against: ecommerce, saas-free-trial,
    /// saas-sales-led, lead-generation or appointments.
    #[arg(long, value_name = "ID")]
    pub funnel: Option<String>,
    /// Also run each page in a headless Chrome or Chromium to record the pixel calls it makes
    /// (tag managers included). Nothing is sent to OpenAI.
    #[arg(long)]
    pub rendered: bool,
    /// With --rendered or a journey: the browser to use (default: $PREFLIGHT_CHROME, else found
    /// on this machine).
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
    /// As root (containers, CI) the browser's sandbox cannot run: allow running pages in a
    /// browser without it anyway. Only for pages you trust; without this, the rendered check
    /// does not run as root.
    #[arg(long)]
    pub allow_unsandboxed_browser: bool,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct JourneyArgs {
    #[command(subcommand)]
    pub command: Option<JourneyCommand>,
    /// The landing page the journey starts on.
    #[arg(value_name = "URL", required = true)]
    pub url: Option<String>,
    /// Save the journey with this saved audit (see `preflight audits list`).
    #[arg(long, value_name = "ID")]
    pub audit: Option<i64>,
    #[command(flatten)]
    pub db: DbArg,
    /// The conversion funnel to measure the journey against.
    #[arg(long, value_name = "ID")]
    pub funnel: Option<String>,
    /// The browser to use (default: $PREFLIGHT_CHROME, else found on this machine).
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
    /// Run the browser without a window, for scripted checks: the journey ends after
    /// --seconds.
    #[arg(long)]
    pub headless: bool,
    /// As root (containers, CI) the browser's sandbox cannot run: allow running the journey's
    /// browser without it anyway. Only for pages you trust.
    #[arg(long)]
    pub allow_unsandboxed_browser: bool,
    /// End the journey after this many seconds (default: when the window is closed or Enter
    /// is pressed).
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub seconds: Option<u32>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Subcommand)]
pub enum JourneyCommand {
    /// Replay a saved journey without a window: each step again, each pixel event checked.
    /// Saved as a new journey of the same audit; exits 1 when a step no longer works.
    Replay(ReplayArgs),
}

#[derive(Args)]
pub struct ReplayArgs {
    /// The saved journey (`preflight audits show ID` lists an audit's journeys).
    #[arg(value_name = "JOURNEY_ID")]
    pub id: i64,
    #[command(flatten)]
    pub db: DbArg,
    /// Only print the result; do not save the replay with the audit.
    #[arg(long)]
    pub no_save: bool,
    /// Longest wait for each step (an element to appear, a page to open), in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..=300))]
    pub step_timeout: u32,
    /// The browser to use (default: $PREFLIGHT_CHROME, else found on this machine).
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
    /// As root (containers, CI) the browser's sandbox cannot run: allow running the replay's
    /// browser without it anyway. Only for pages you trust.
    #[arg(long)]
    pub allow_unsandboxed_browser: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Args)]
pub struct ListArgs {
    /// Only this client's audits.
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct ShowArgs {
    /// The audit's id (see `preflight audits list`).
    pub id: i64,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

/// `preflight robots --file F --url U`, or one of its subcommands.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct RobotsCommand {
    #[command(subcommand)]
    pub action: Option<crate::robots::RobotsAction>,
    #[command(flatten)]
    pub check: Option<RobotsArgs>,
}

#[derive(Args)]
pub struct RobotsArgs {
    /// The robots.txt file to test.
    #[arg(long, value_name = "FILE")]
    pub file: PathBuf,
    /// The crawler's product token.
    #[arg(long, value_name = "TOKEN", default_value = "OAI-AdsBot")]
    pub agent: String,
    /// The exact URL to test, query string included.
    #[arg(long, value_name = "URL")]
    pub url: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Args)]
pub struct PlanArgs {
    /// The plan file (JSON; see docs/planner.md).
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,
    /// Monte Carlo draws for the ranges (0 for point values only). The default is the app's, so
    /// both show the same ranges.
    #[arg(
        long,
        default_value_t = preflight_planner::DEFAULT_DRAWS as u32,
        value_parser = clap::value_parser!(u32).range(0..=preflight_planner::MAX_DRAWS as i64)
    )]
    pub draws: u32,
    /// Random seed: the same seed gives the same numbers. The default is the app's.
    #[arg(long, default_value_t = preflight_planner::DEFAULT_SEED)]
    pub seed: u64,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Also write the plan as a PDF for stakeholders here.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// With --pdf: the client the plan is for.
    #[arg(long, value_name = "NAME", requires = "pdf")]
    pub client: Option<String>,
    /// With --pdf: the scenario's name (default: the plan file's name without its extension).
    #[arg(long, value_name = "NAME", requires = "pdf")]
    pub scenario: Option<String>,
    /// With --pdf: the agency preparing the plan (white label).
    #[arg(long, value_name = "NAME", requires = "pdf")]
    pub agency: Option<String>,
    /// With --pdf: the agency's logo for the cover (PNG, JPEG or SVG).
    #[arg(long, value_name = "FILE", requires = "pdf")]
    pub logo: Option<PathBuf>,
}

#[derive(Args)]
pub struct UtmArgs {
    /// Destination URLs to check.
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
    /// Read URLs from a file: one per line, or a CSV export from an ads manager (.csv).
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// With a CSV file: the column holding the URLs (header name or 1-based number).
    #[arg(long, value_name = "COLUMN", requires = "file")]
    pub column: Option<String>,
    /// Also follow each URL's redirects (as a visitor, with test oppref/olref values) and name
    /// the hop that drops a parameter.
    #[arg(long)]
    pub follow: bool,
    /// The ad account's tracking template (query string template), e.g.
    /// "utm_source=chatgpt&utm_medium=cpc".
    #[arg(long, value_name = "TEMPLATE")]
    pub template_account: Option<String>,
    /// The campaign's tracking template, e.g. "utm_campaign={campaign_id}".
    #[arg(long, value_name = "TEMPLATE")]
    pub template_campaign: Option<String>,
    /// The ad group's tracking template.
    #[arg(long, value_name = "TEMPLATE")]
    pub template_ad_group: Option<String>,
    /// The ad's tracking template, e.g. "utm_content={ad_id}&click_id={oppref}".
    #[arg(long, value_name = "TEMPLATE")]
    pub template_ad: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("target").required(true).multiple(true).args(["pdf", "csv", "json"])))]
pub struct ExportArgs {
    /// The audit's id (see `preflight audits list`).
    pub id: i64,
    /// Write a PDF report here.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// Write the findings as CSV here.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Write the report as JSON here (it validates against docs/report.schema.json).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// With --pdf: also show what changed since this earlier audit.
    #[arg(long, value_name = "ID")]
    pub compare_with: Option<i64>,
    /// With --pdf: the agency preparing the report (white label).
    #[arg(long, value_name = "NAME")]
    pub agency: Option<String>,
    /// With --pdf: the agency's logo for the cover (PNG, JPEG or SVG).
    #[arg(long, value_name = "FILE", requires = "pdf")]
    pub logo: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
}

/// `--concurrency`'s help, from the engine's own figures.
fn concurrency_help() -> String {
    format!(
        "Pages checked at the same time across all sites. Default: {per_host} for every site in the run, at least {min} and at most {max}. Each site still gets at most {per_host} pages at a time and one request every --interval, so this only decides how many sites are checked side by side",
        per_host = DEFAULT_PER_HOST,
        min = AUTO_CONCURRENCY.start(),
        max = AUTO_CONCURRENCY.end(),
    )
}

/// `--interval`'s help, from the engine's own figures.
fn interval_help() -> String {
    format!(
        "Milliseconds between two requests to the same site (robots.txt, each identity, each redirect, each script). A site whose robots.txt sets a longer Crawl-delay for OAI-AdsBot or * gets that delay, up to {} s: OpenAI may ignore Crawl-delay, but the audit is never harsher than the site asks",
        DEFAULT_MAX_SITE_INTERVAL.as_secs()
    )
}
