//! `preflight audits comments ID [TEXT]`: what colleagues noted about an audit, and adding a note.

use crate::args::{DbArg, Format};
use crate::output::{existing_writable, open_store, print_json};
use crate::Failure;
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct CommentsArgs {
    /// The audit's number (see `preflight audits list`).
    pub id: i64,
    /// A comment to add, recorded under this machine's author.
    pub text: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(args: CommentsArgs) -> Result<ExitCode, Failure> {
    let store = match &args.text {
        Some(text) => {
            let store = existing_writable(&args.db)?;
            store.add_comment(args.id, text)?;
            store
        }
        None => open_store(&args.db)?,
    };
    store.audit_summary(args.id)?;
    let comments = store.comments(args.id)?;
    match args.format {
        Format::Json => print_json(&comments)?,
        Format::Text => {
            if comments.is_empty() {
                println!("No comments on audit {} yet.", args.id);
            }
            for c in &comments {
                let by = c.created_by.as_deref().unwrap_or("someone");
                println!(
                    "{} — {by}:\n  {}",
                    c.created_at,
                    c.body.replace('\n', "\n  ")
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
