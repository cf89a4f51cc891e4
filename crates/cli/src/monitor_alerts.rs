//! `preflight monitor alerts`: where a client's alerts go. A webhook's address carries its
//! token and the SMTP password is a password: both are read from an environment variable or
//! standard input (never the command line, which shells and process lists keep) and kept in the
//! system keychain.

use crate::args::DbArg;
use crate::output::{client_id, writable};
use crate::Failure;
use clap::{Args, Subcommand, ValueEnum};
use preflight_monitor::deliver::{RetryPolicy, SmtpSecurity, SmtpSettings, WebhookFormat};
use preflight_session::monitor::alerts;
use std::io::BufRead;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AlertsCommand {
    /// Add an incoming webhook; its address is read from --url-env, else from standard input.
    AddWebhook(WebhookArgs),
    /// Send alerts by e-mail to these addresses (through the SMTP server set with `smtp`).
    AddEmail(EmailArgs),
    /// A client's alert channels.
    List(ClientOnly),
    /// Remove a channel (and its kept address).
    Remove(RemoveArgs),
    /// Send a test alert to every channel of a client and say how each went.
    Test(ClientOnly),
    /// The SMTP server alerts are e-mailed through; the password is read from --password-env.
    Smtp(SmtpArgs),
    /// Minutes after an alert during which a client is not alerted again (default 60).
    Quiet(QuietArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    Slack,
    Teams,
    Generic,
}

#[derive(Args)]
pub struct WebhookArgs {
    #[arg(long, value_name = "NAME")]
    pub client: String,
    #[arg(long, value_enum)]
    pub kind: Kind,
    /// The environment variable holding the webhook's address.
    #[arg(long, value_name = "NAME", default_value = "PREFLIGHT_WEBHOOK_URL")]
    pub url_env: String,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct EmailArgs {
    #[arg(long, value_name = "NAME")]
    pub client: String,
    /// Addresses, separated by commas.
    #[arg(long, value_name = "ADDRESSES")]
    pub to: String,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct ClientOnly {
    #[arg(long, value_name = "NAME")]
    pub client: String,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct RemoveArgs {
    /// The channel's id (see `alerts list`).
    #[arg(long, value_name = "ID")]
    pub id: i64,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Security {
    Starttls,
    Tls,
    None,
}

#[derive(Args)]
pub struct SmtpArgs {
    #[arg(long)]
    pub host: String,
    #[arg(long, default_value_t = 587)]
    pub port: u16,
    #[arg(long, value_enum, default_value = "starttls")]
    pub security: Security,
    #[arg(long)]
    pub username: Option<String>,
    /// The sender, e.g. "Preflight <alerts@agency.example>".
    #[arg(long)]
    pub from: String,
    /// The environment variable holding the password (kept in the keychain when set).
    #[arg(long, value_name = "NAME", default_value = "PREFLIGHT_SMTP_PASSWORD")]
    pub password_env: String,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct QuietArgs {
    pub minutes: u32,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(command: AlertsCommand) -> Result<ExitCode, Failure> {
    match command {
        AlertsCommand::AddWebhook(args) => {
            let store = writable(&args.db)?;
            let client = client_id(&store, &args.client)?;
            let url = match std::env::var(&args.url_env)
                .ok()
                .filter(|v| !v.trim().is_empty())
            {
                Some(url) => url,
                None => {
                    eprintln!("Paste the webhook's address, then press Enter:");
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    line
                }
            };
            let format = match args.kind {
                Kind::Slack => WebhookFormat::Slack,
                Kind::Teams => WebhookFormat::Teams,
                Kind::Generic => WebhookFormat::Generic,
            };
            let channel = alerts::add_webhook(&store, client, format, &url)?;
            println!(
                "Added {} (channel {}); its address is kept in the keychain.",
                channel.label, channel.id
            );
        }
        AlertsCommand::AddEmail(args) => {
            let store = writable(&args.db)?;
            let channel = alerts::add_email(&store, client_id(&store, &args.client)?, &args.to)?;
            println!("Added {} (channel {}).", channel.label, channel.id);
        }
        AlertsCommand::List(args) => {
            let store = writable(&args.db)?;
            let channels = alerts::channels(&store, client_id(&store, &args.client)?)?;
            if channels.is_empty() {
                println!("No alert channel yet: add one with `preflight monitor alerts add-webhook` or `add-email`.");
            }
            for c in channels {
                println!("{}  {}", c.id, c.label);
            }
        }
        AlertsCommand::Remove(args) => {
            let store = writable(&args.db)?;
            alerts::remove_channel(&store, args.id)?;
            println!("Removed channel {}.", args.id);
        }
        AlertsCommand::Test(args) => return test(args),
        AlertsCommand::Smtp(args) => {
            let store = writable(&args.db)?;
            let settings = SmtpSettings {
                host: args.host,
                port: args.port,
                security: match args.security {
                    Security::Starttls => SmtpSecurity::StartTls,
                    Security::Tls => SmtpSecurity::Tls,
                    Security::None => SmtpSecurity::None,
                },
                username: args.username,
                from: args.from,
            };
            let password = std::env::var(&args.password_env).ok();
            let view = alerts::save_smtp(&store, settings, password.as_deref())?;
            let kept = view
                .password_kept_in
                .map_or("no password kept", |k| k.label());
            println!("Saved the SMTP server ({kept}).");
        }
        AlertsCommand::Quiet(args) => {
            let store = writable(&args.db)?;
            alerts::set_quiet_minutes(&store, args.minutes)?;
            println!("Quiet period: {} minutes.", args.minutes);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Sends a test alert to every channel; exit code 1 when one failed.
fn test(args: ClientOnly) -> Result<ExitCode, Failure> {
    let store = writable(&args.db)?;
    let client = client_id(&store, &args.client)?;
    let targets = alerts::targets(&store, client)?;
    if targets.is_empty() {
        return Err(Failure(format!("{} has no alert channel yet", args.client)));
    }
    let alert = alerts::test_alert(&store, &args.client)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let deliveries = runtime.block_on(alerts::send(targets, &alert, &RetryPolicy::default()));
    alerts::record(&store, client, None, &deliveries, true)?;
    let mut failed = false;
    for d in &deliveries {
        match &d.report.error {
            None => println!("Sent: {}", d.channel.label),
            Some(error) => {
                failed = true;
                println!("Not sent: {}: {error}", d.channel.label);
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
