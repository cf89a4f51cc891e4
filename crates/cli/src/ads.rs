//! `preflight ads`: what OpenAI's Ads API says about the account's ads, read only. The key is
//! read from an environment variable, never from the command line (where it would be kept in
//! the shell's history and shown in process lists).

use crate::args::{DbArg, Format};
use crate::Failure;
use clap::{Args, Subcommand};
use preflight_ads::{fetch_destinations, reason, AdDestination, AdsClient, ClientOptions};
use preflight_session::ads_reconcile::{reconcile, Agreement};
use preflight_session::audits::load_audit;
use preflight_store::default_db_path;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AdsCommand {
    /// Check the key: the ad account it belongs to and its status.
    Check(AdsArgs),
    /// Every ad with its destination, the URL a click carries, and OpenAI's review and
    /// serving issues.
    List(AdsArgs),
    /// Each ad's review beside a saved audit's verdict on its landing page (by default the
    /// client's newest audit): agree, explainable, stale or disagree. Exit code 1 when any
    /// ad is not in agreement.
    Match(AdsMatchArgs),
}

#[derive(Args)]
pub struct AdsMatchArgs {
    #[command(flatten)]
    pub api: AdsArgs,
    #[arg(long, value_name = "NAME")]
    pub client: String,
    /// The audit (default: the client's newest).
    #[arg(long, value_name = "ID")]
    pub audit: Option<i64>,
    #[command(flatten)]
    pub db: DbArg,
}

#[derive(Args)]
pub struct AdsArgs {
    /// The environment variable that holds the Ads API key.
    #[arg(long, value_name = "NAME", default_value = "OPENAI_ADS_API_KEY")]
    pub key_env: String,
    /// The Ads API's address (for a proxy or a test server).
    #[arg(long, value_name = "URL", default_value = preflight_ads::DEFAULT_BASE_URL)]
    pub base_url: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(command: AdsCommand) -> Result<ExitCode, Failure> {
    let runtime = tokio::runtime::Runtime::new()?;
    match command {
        AdsCommand::Check(args) => {
            let client = client(&args)?;
            let account = runtime.block_on(client.ad_account())?;
            match args.format {
                Format::Json => println!(
                    "{}",
                    serde_json::json!({
                        "id": account.id,
                        "name": account.name,
                        "status": account.status,
                    })
                ),
                Format::Text => println!(
                    "The key works: ad account {} ({}), status {}.",
                    account.name.as_deref().unwrap_or("without a name"),
                    account.id,
                    account.status.as_deref().unwrap_or("not given"),
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        AdsCommand::List(args) => {
            let client = client(&args)?;
            let ads = runtime.block_on(fetch_destinations(&client))?;
            match args.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&ads)?),
                Format::Text => print_text(&ads),
            }
            Ok(ExitCode::SUCCESS)
        }
        AdsCommand::Match(args) => {
            let path = args.db.db.clone().unwrap_or_else(default_db_path);
            let store = preflight_session::open_store(&path)?;
            let client_id = store
                .client_by_name(&args.client)?
                .ok_or_else(|| Failure(format!("there is no client named \"{}\"", args.client)))?
                .id;
            let audit_id = match args.audit {
                Some(id) => id,
                None => store
                    .list_audits(Some(client_id))?
                    .first()
                    .map(|a| a.id)
                    .ok_or_else(|| {
                        Failure(format!(
                            "{} has no saved audit; run `preflight check … --save --client` first",
                            args.client
                        ))
                    })?,
            };
            let audit = load_audit(&store, audit_id)?;
            let ads = runtime.block_on(fetch_destinations(&client(&args.api)?))?;
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

fn client(args: &AdsArgs) -> Result<AdsClient, Failure> {
    let key = std::env::var(&args.key_env).unwrap_or_default();
    let options = ClientOptions {
        base_url: args.base_url.clone(),
        ..ClientOptions::default()
    };
    Ok(AdsClient::new(&key, options)?)
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
