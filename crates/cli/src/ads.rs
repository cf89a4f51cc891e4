//! `preflight ads`: what OpenAI's Ads API says about the account's ads, read only. The key is
//! read from an environment variable, never from the command line (where it would be kept in
//! the shell's history and shown in process lists).

use crate::args::Format;
use crate::Failure;
use clap::{Args, Subcommand};
use preflight_ads::{fetch_destinations, reason, AdDestination, AdsClient, ClientOptions};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AdsCommand {
    /// Check the key: the ad account it belongs to and its status.
    Check(AdsArgs),
    /// Every ad with its destination, the URL a click carries, and OpenAI's review and
    /// serving issues.
    List(AdsArgs),
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
