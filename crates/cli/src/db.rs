//! `preflight db`: where this machine's audits are kept (a local file or a team workspace on a
//! PostgreSQL server), connecting to a workspace, who work is recorded as, and copying
//! everything between a file and a workspace.

use crate::args::{DbArg, Format};
use crate::output::{existing_writable, print_json};
use crate::Failure;
use clap::{Args, Subcommand};
use preflight_session::workspace;
use preflight_store::Location;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum DbCommand {
    /// Where audits are kept, the data format, who work is recorded as, and what is there.
    Status(StatusArgs),
    /// Work in a team workspace from now on, on this machine: the address (postgres://user@
    /// host:5432/database, with sslmode=… if needed) is kept in this machine's settings, the
    /// password (read from standard input) in the system keychain.
    Connect(ConnectArgs),
    /// Go back to the local file on this machine: the workspace keeps everything, and this
    /// machine forgets the workspace's password.
    Disconnect,
    /// Set (or with no name, clear) the name work from this machine is recorded under.
    Author(AuthorArgs),
    /// Copy every client, audit, journey, scenario, import and setting from one database into
    /// another (a file into a workspace, or back), then check the counts. Safe to run again: it
    /// adds only what is new.
    Copy(CopyArgs),
}

#[derive(Args)]
pub struct StatusArgs {
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct ConnectArgs {
    /// The workspace's address, postgres://user@host:5432/database.
    pub address: String,
    /// Read the password from standard input (otherwise the address's own, or the one kept).
    #[arg(long)]
    pub password_stdin: bool,
}

#[derive(Args)]
pub struct AuthorArgs {
    /// The name, such as "Dana (North Star)".
    pub name: Option<String>,
}

#[derive(Args)]
pub struct CopyArgs {
    /// The database to copy from: a file or a postgres:// address.
    #[arg(long, value_name = "PATH|URL")]
    pub from: PathBuf,
    /// The database to copy into (created if it is a file that does not exist yet).
    #[arg(long, value_name = "PATH|URL")]
    pub to: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(command: DbCommand) -> Result<ExitCode, Failure> {
    match command {
        DbCommand::Status(args) => status(args),
        DbCommand::Connect(args) => connect(args),
        DbCommand::Disconnect => {
            workspace::disconnect()?;
            println!("This machine now keeps audits in its local file; it forgot the workspace's password.");
            Ok(ExitCode::SUCCESS)
        }
        DbCommand::Author(args) => {
            let mut settings = workspace::machine_settings();
            settings.display_name = args.name.filter(|n| !n.trim().is_empty());
            workspace::save_machine_settings(&settings)?;
            match &settings.display_name {
                Some(name) => println!("Work from this machine is recorded as “{name}”."),
                None => println!("Work from this machine is recorded under the login's name."),
            }
            Ok(ExitCode::SUCCESS)
        }
        DbCommand::Copy(args) => copy(args),
    }
}

#[derive(serde::Serialize)]
struct Status {
    kind: &'static str,
    location: String,
    data_format: u32,
    author: Option<String>,
    clients: usize,
    audits: usize,
}

fn status(args: StatusArgs) -> Result<ExitCode, Failure> {
    let store = existing_writable(&args.db)?;
    let status = Status {
        kind: if store.location().is_server() {
            "team workspace"
        } else {
            "local file"
        },
        location: store.path().display().to_string(),
        data_format: preflight_store::LATEST_VERSION,
        author: store.author().map(str::to_string),
        clients: store.list_clients()?.len(),
        audits: store.list_audits(None)?.len(),
    };
    match args.format {
        Format::Json => print_json(&status)?,
        _ => {
            println!("{}: {}", capitalised(status.kind), status.location);
            println!("Data format: {}", status.data_format);
            if let Some(author) = &status.author {
                println!("Work is recorded as: {author}");
            }
            println!("Clients: {}, audits: {}", status.clients, status.audits);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn connect(args: ConnectArgs) -> Result<ExitCode, Failure> {
    let password = if args.password_stdin {
        if std::io::stdin().is_terminal() {
            eprintln!("Type the workspace password, then press Enter:");
        }
        let mut text = String::new();
        std::io::stdin().take(4 * 1024).read_to_string(&mut text)?;
        Some(text.trim_end_matches(['\r', '\n']).to_string())
    } else {
        None
    };
    let connected = workspace::connect(&args.address, password.as_deref())?;
    println!("Connected to the team workspace {}.", connected.address);
    if connected.empty {
        println!(
            "It holds no client yet. To bring this machine's audits, run: preflight db copy --from {} --to {}",
            preflight_store::default_db_path().display(),
            connected.address
        );
    } else {
        println!("It holds {} clients.", connected.clients);
    }
    Ok(ExitCode::SUCCESS)
}

fn copy(args: CopyArgs) -> Result<ExitCode, Failure> {
    if let Location::File(path) = Location::parse(&args.from)? {
        if !path.exists() {
            return Err(Failure(format!(
                "there is no database at {}",
                path.display()
            )));
        }
    }
    let from = preflight_session::open_store(&args.from)?;
    let to = preflight_session::open_store(&args.to)?;
    let report = workspace::copy(&from, &to)?;
    match args.format {
        Format::Json => print_json(&report)?,
        _ => {
            println!("Copied {} → {}", from.path().display(), to.path().display());
            println!(
                "{:<18} {:>8} {:>8} {:>14} {:>14}",
                "", "source", "copied", "already there", "changed there"
            );
            for t in &report.tables {
                println!(
                    "{:<18} {:>8} {:>8} {:>14} {:>14}",
                    t.table, t.source, t.copied, t.already_there, t.changed_there
                );
            }
            println!("Counts checked: every row of the source is in the destination.");
        }
    }
    Ok(ExitCode::SUCCESS)
}
