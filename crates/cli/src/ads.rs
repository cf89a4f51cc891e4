//! `preflight ads`: what OpenAI's Ads API says about the account's ads, read only. The key comes
//! from an environment variable or, for a client connected with `preflight ads connect`, from
//! the system keychain — never from the command line (where the shell's history and process
//! lists would keep it).

use crate::args::{DbArg, Format};
use crate::Failure;
use clap::{Args, Subcommand};
use preflight_ads::{reason, AdDestination, AdsError};
use preflight_session::ads_import::{self, check_key, keep_ads, read_ads};
use preflight_session::ads_reconcile::{reconcile, Agreement};
use preflight_session::audits::load_audit;
use preflight_session::Store;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AdsCommand {
    /// Check the key: the ad account it belongs to and its status.
    Check(AdsArgs),
    /// Keep the key in the environment variable for a client, in the system keychain, once
    /// OpenAI accepts it; later commands with --client use it.
    Connect(AdsArgs),
    /// Forget a client's kept key (its imported ads stay).
    Disconnect(AdsArgs),
    /// Every ad with its destination, the URL a click carries, and OpenAI's review and
    /// serving issues.
    List(AdsArgs),
    /// Keep every ad of the account with the client and add its landing pages to the client's
    /// pages; importing again updates the ads instead of adding them twice.
    Import(AdsArgs),
    /// Each ad's review beside a saved audit's verdict on its landing page (by default the
    /// client's newest audit): agree, explainable, stale or disagree. Exit code 1 when any
    /// ad is not in agreement.
    Match(AdsMatchArgs),
}

#[derive(Args)]
pub struct AdsMatchArgs {
    #[command(flatten)]
    pub api: AdsArgs,
    /// The audit (default: the client's newest).
    #[arg(long, value_name = "ID")]
    pub audit: Option<i64>,
    /// Use the ads kept by the last `preflight ads import` instead of asking the API.
    #[arg(long)]
    pub saved: bool,
}

#[derive(Args)]
pub struct AdsArgs {
    /// The client whose key (kept by `preflight ads connect`) and pages to use.
    #[arg(long, value_name = "NAME")]
    pub client: Option<String>,
    /// The environment variable that holds the Ads API key; when it is set it wins over a
    /// kept key.
    #[arg(long, value_name = "NAME", default_value = "OPENAI_ADS_API_KEY")]
    pub key_env: String,
    /// The Ads API's address, for a proxy or a test server (default: the app's setting, else
    /// OpenAI's).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub db: DbArg,
}

pub fn run(command: AdsCommand) -> Result<ExitCode, Failure> {
    let runtime = tokio::runtime::Runtime::new()?;
    match command {
        AdsCommand::Check(args) => {
            let ctx = Context::open(&args, false)?;
            let account = runtime.block_on(check_key(&ctx.key(&args)?, &ctx.base_url))?;
            match args.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&account)?),
                Format::Text => println!(
                    "The key works: ad account {} ({}), status {}.",
                    account.name.as_deref().unwrap_or("without a name"),
                    account.id,
                    account.status.as_deref().unwrap_or("not given"),
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        AdsCommand::Connect(args) => {
            let ctx = Context::open(&args, true)?;
            let (store, client_id, name) = ctx.client()?;
            let key = env_key(&args).ok_or_else(|| {
                Failure(format!(
                    "put the key in the {} environment variable, then run this again",
                    args.key_env
                ))
            })?;
            let account = runtime.block_on(check_key(&key, &ctx.base_url))?;
            let keeper = ads_import::save_key(store, client_id, &key)?;
            println!(
                "{name} is connected to ad account {} ({}); the key is kept in {}.",
                account.name.as_deref().unwrap_or("without a name"),
                account.id,
                keeper.label()
            );
            Ok(ExitCode::SUCCESS)
        }
        AdsCommand::Disconnect(args) => {
            let ctx = Context::open(&args, true)?;
            let (store, client_id, name) = ctx.client()?;
            if ads_import::remove_key(store, client_id)? {
                println!("The Ads API key of {name} was removed from the keychain.");
            } else {
                println!("No Ads API key was kept for {name}.");
            }
            Ok(ExitCode::SUCCESS)
        }
        AdsCommand::List(args) => {
            let ctx = Context::open(&args, false)?;
            let ads = runtime.block_on(read_ads(&ctx.key(&args)?, &ctx.base_url))?;
            match args.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&ads)?),
                Format::Text => print_text(&ads),
            }
            Ok(ExitCode::SUCCESS)
        }
        AdsCommand::Import(args) => {
            let ctx = Context::open(&args, true)?;
            let ads = runtime.block_on(read_ads(&ctx.key(&args)?, &ctx.base_url))?;
            let (store, client_id, name) = ctx.client()?;
            let counts = keep_ads(store, client_id, &ads)?;
            match args.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&counts)?),
                Format::Text => println!(
                    "{} ads of {name}: {} new, {} updated, {} unchanged, {} no longer in the account; {} landing pages added.",
                    ads.len(), counts.added, counts.updated, counts.unchanged, counts.gone, counts.pages_added
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        AdsCommand::Match(args) => {
            let ctx = Context::open(&args.api, true)?;
            let (store, client_id, name) = ctx.client()?;
            let audit_id = match args.audit {
                Some(id) => id,
                None => store
                    .list_audits(Some(client_id))?
                    .first()
                    .map(|a| a.id)
                    .ok_or_else(|| {
                        Failure(format!(
                            "{name} has no saved audit; run `preflight check … --save --client` first"
                        ))
                    })?,
            };
            let audit = load_audit(store, audit_id)?;
            let ads = if args.saved {
                ads_import::saved_ads(store, client_id)?
            } else {
                runtime.block_on(read_ads(&ctx.key(&args.api)?, &ctx.base_url))?
            };
            let matched = reconcile(&ads, &audit);
            match args.api.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&matched)?),
                Format::Text => {
                    println!("OpenAI's review of each ad beside audit {audit_id}:");
                    for m in &matched {
                        println!(
                            "  {} ({})  {}",
                            m.ad.ad.name,
                            m.ad.ad.id,
                            m.agreement.label()
                        );
                        println!("    {}", m.line);
                    }
                }
            }
            let all_agree = matched.iter().all(|m| m.agreement == Agreement::Agree);
            Ok(if all_agree {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// The database and client a command works on, and the API's address.
struct Context {
    store: Option<Store>,
    client: Option<(i64, String)>,
    base_url: String,
}

impl Context {
    /// Opens the database when the command names a client (or `needs_client`, which then
    /// requires one).
    fn open(args: &AdsArgs, needs_client: bool) -> Result<Context, Failure> {
        if needs_client && args.client.is_none() {
            return Err(Failure("name the client with --client NAME".into()));
        }
        let mut ctx = Context {
            store: None,
            client: None,
            base_url: args.base_url.clone().unwrap_or_default(),
        };
        if let Some(name) = &args.client {
            let path = args.db.setting();
            let store = preflight_session::open_store(&path)?;
            let client = store
                .client_by_name(name)?
                .ok_or_else(|| Failure(format!("there is no client named \"{name}\"")))?;
            if ctx.base_url.is_empty() {
                ctx.base_url = ads_import::base_url(&store)?;
            }
            ctx.client = Some((client.id, client.name));
            ctx.store = Some(store);
        }
        if ctx.base_url.is_empty() {
            ctx.base_url = std::env::var(ads_import::ADS_API_BASE_URL_ENV)
                .ok()
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| preflight_ads::DEFAULT_BASE_URL.to_string());
        }
        Ok(ctx)
    }

    fn client(&self) -> Result<(&Store, i64, &str), Failure> {
        match (&self.store, &self.client) {
            (Some(store), Some((id, name))) => Ok((store, *id, name)),
            _ => Err(Failure("name the client with --client NAME".into())),
        }
    }

    /// The key from the environment, else the client's kept key.
    fn key(&self, args: &AdsArgs) -> Result<String, Failure> {
        if let Some(key) = env_key(args) {
            return Ok(key);
        }
        match (&self.store, &self.client) {
            (Some(store), Some((id, _))) => Ok(ads_import::kept_key(store, *id)?),
            _ => Err(Failure(format!(
                "{} Put it in the {} environment variable, or connect a client with `preflight ads connect --client NAME`.",
                AdsError::NoKey, args.key_env
            ))),
        }
    }
}

fn env_key(args: &AdsArgs) -> Option<String> {
    std::env::var(&args.key_env)
        .ok()
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
}

fn print_text(ads: &[AdDestination]) {
    if ads.is_empty() {
        println!("The account has no ads.");
        return;
    }
    for ad in ads {
        println!(
            "{} › {} › {} ({})",
            ad.campaign.name, ad.ad_group.name, ad.ad.name, ad.ad.id
        );
        match (&ad.click_url, &ad.target_url) {
            (Some(click), _) => println!("  click URL  {click}"),
            (None, Some(target)) => println!("  destination  {target}"),
            (None, None) => println!("  destination  from the product feed"),
        }
        let review = ad.review.status.as_deref().unwrap_or("not given");
        match ad.review.reason.as_deref() {
            Some(code) => println!(
                "  review     {review}: {}",
                reason(code).map_or(code.to_string(), |r| format!("{} ({code})", r.meaning))
            ),
            None => println!("  review     {review}"),
        }
        if let Some(shot) = &ad.review.screenshot_url {
            println!("  OpenAI's screenshot  {shot}");
        }
        for code in &ad.serving_issues {
            let meaning = preflight_ads::serving_issue(code).map(|e| e.meaning.as_str());
            println!("  not serving: {}", meaning.unwrap_or(code));
        }
    }
}
