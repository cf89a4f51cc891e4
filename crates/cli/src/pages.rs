//! `preflight pages add`: a client's landing pages from a sitemap or an ads-manager export, with
//! the same preview as the app (new pages, pages the client has, repeats, unusable entries).

use crate::args::{DbArg, Format};
use crate::Failure;
use clap::{Args, Subcommand};
use preflight_session::page_import::{
    add_previewed_pages, build_preview, read_export, walk_sitemaps, PagesPreview, SitemapStart,
};
use preflight_utm::ColumnChoice;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum PagesCommand {
    /// Add landing pages to a client from a sitemap or an ads-manager export.
    Add(PagesAddArgs),
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["sitemap", "csv"])))]
pub struct PagesAddArgs {
    /// The client (created when it does not exist yet).
    #[arg(long, value_name = "NAME")]
    pub client: String,
    /// A sitemap's address or a sitemap file (.xml or .xml.gz); an index's sitemaps are read too.
    #[arg(long, value_name = "URL|FILE")]
    pub sitemap: Option<String>,
    /// An ads-manager export (CSV or tab-separated text).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// The export's landing-page column: its header, or its number counted from 1.
    #[arg(long, value_name = "C", requires = "csv")]
    pub column: Option<String>,
    /// Show what would be added without adding it.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(command: PagesCommand) -> Result<ExitCode, Failure> {
    match command {
        PagesCommand::Add(args) => add(args),
    }
}

fn add(args: PagesAddArgs) -> Result<ExitCode, Failure> {
    let path = args.db.setting();
    let mut store = preflight_session::open_store(&path)?;
    // The client is created only when pages are added to it.
    let client = store.client_by_name(&args.client)?;
    let existing: Vec<String> = match &client {
        Some(c) => store.list_pages(c.id)?.into_iter().map(|p| p.url).collect(),
        None => Vec::new(),
    };
    let preview = if let Some(file) = &args.csv {
        let bytes = read(file)?;
        let column = args.column.as_ref().map(|c| match c.parse::<u32>() {
            Ok(n) if n >= 1 => ColumnChoice::Index(n - 1),
            _ => ColumnChoice::Header(c.clone()),
        });
        let (entries, columns) = read_export(&bytes, column)?;
        let mut preview = build_preview(&existing, &file.display().to_string(), entries);
        preview.columns = Some(columns);
        preview
    } else {
        let source = args.sitemap.clone().unwrap_or_default();
        let start = if Path::new(&source).is_file() {
            SitemapStart::File {
                name: source.clone(),
                bytes: read(Path::new(&source))?,
            }
        } else {
            SitemapStart::Url(source.clone())
        };
        let entries = tokio::runtime::Runtime::new()?.block_on(walk_sitemaps(start))?;
        build_preview(&existing, source.trim(), entries)
    };
    if preview.needs_column() {
        let names: Vec<String> = preview
            .columns
            .iter()
            .flat_map(|c| c.candidates.iter().take(6))
            .map(|c| format!("{} \"{}\"", c.index + 1, c.header))
            .collect();
        return Err(Failure(format!(
            "{}: no column clearly holds the landing-page addresses; choose one with --column (columns: {})",
            preview.source,
            names.join(", ")
        )));
    }
    let added = if args.dry_run || preview.new_pages.is_empty() {
        0
    } else {
        let id = match &client {
            Some(c) => c.id,
            None => store.find_or_create_client(&args.client)?.id,
        };
        add_previewed_pages(&mut store, id, &preview.urls())?
            .added
            .len()
    };
    match args.format {
        Format::Json => {
            let out =
                serde_json::json!({ "client": args.client, "preview": preview, "added": added });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Text => print_text(&preview, &args.client, added, args.dry_run),
    }
    Ok(ExitCode::SUCCESS)
}

fn read(file: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(file).map_err(|e| Failure(format!("cannot read {}: {e}", file.display())))
}

fn print_text(p: &PagesPreview, client: &str, added: usize, dry_run: bool) {
    let repeated = p.repeated.len() as u64 + p.repeated_not_listed;
    let skipped = p.skipped.len() as u64 + p.skipped_not_listed;
    println!(
        "{}: {} new, {} already in {client}, {repeated} listed more than once, {skipped} not a web address.",
        p.source,
        p.new_pages.len(),
        p.already_added.len()
    );
    for page in &p.new_pages {
        println!("  + {}", page.url);
    }
    for s in &p.skipped {
        let place = if s.place.is_empty() {
            String::new()
        } else {
            format!("{}: ", s.place)
        };
        eprintln!("  ! {place}\"{}\": {}", s.text, s.reason);
    }
    for note in &p.notes {
        eprintln!("note: {note}");
    }
    if dry_run {
        println!("Nothing added (--dry-run).");
    } else {
        println!(
            "Added {added} {} to {client}.",
            if added == 1 { "page" } else { "pages" }
        );
    }
}
