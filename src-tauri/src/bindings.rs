//! TypeScript types for the window, generated from the Rust types that cross the IPC boundary.
//! `ui/src/bindings.ts` is committed; a test fails when it is stale. Regenerate with
//! `UPDATE_BINDINGS=1 cargo test -p preflight-desktop --lib bindings`.

use std::collections::BTreeMap;
use ts_rs::{Config, TypeVisitor, TS};

struct Collect<'a> {
    cfg: &'a Config,
    decls: &'a mut BTreeMap<String, String>,
}

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_none() {
            return;
        }
        let name = T::ident(self.cfg);
        if self.decls.contains_key(&name) {
            return;
        }
        self.decls
            .insert(name, format!("export {}", T::decl(self.cfg)));
        T::visit_dependencies(self);
    }
}

/// The whole bindings file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut decls = BTreeMap::new();
    let mut collect = Collect {
        cfg: &cfg,
        decls: &mut decls,
    };
    collect.visit::<crate::commands::AppInfo>();
    collect.visit::<preflight_store::ClientSummary>();
    collect.visit::<preflight_session::ClientStatus>();
    collect.visit::<preflight_store::LandingPage>();
    collect.visit::<preflight_store::AuditSummary>();
    collect.visit::<preflight_audit::AuditReport>();
    collect.visit::<crate::commands::AddPagesOutcome>();
    collect.visit::<preflight_session::page_import::PagesPreview>();
    collect.visit::<preflight_robots::RobotsTest>();
    collect.visit::<preflight_robots::RobotsLint>();
    collect.visit::<preflight_session::robots::FetchedRobots>();
    collect.visit::<crate::audits::AuditProgress>();
    collect.visit::<crate::audits::RunDefaults>();
    collect.visit::<crate::error::AppError>();
    collect.visit::<preflight_planner::Preset>();
    collect.visit::<preflight_planner::PlanField>();
    collect.visit::<preflight_planner::PlanReport>();
    collect.visit::<preflight_planner::LagImport>();
    collect.visit::<crate::planner::SavedScenario>();
    collect.visit::<preflight_utm::UrlList>();
    collect.visit::<preflight_utm::UtmReport>();
    collect.visit::<crate::utm::UtmCheck>();
    collect.visit::<crate::utm::UtmProgress>();
    collect.visit::<preflight_utm::CsvImport>();
    collect.visit::<preflight_utm::Sitemap>();
    collect.visit::<preflight_utm::TemplateOutput>();
    collect.visit::<crate::exports::ExportFormat>();
    collect.visit::<crate::exports::ExportSettings>();
    collect.visit::<preflight_report::Comparison>();
    collect.visit::<preflight_session::ads_import::AdsConnection>();
    collect.visit::<preflight_session::ads_import::AdsApiAddress>();
    collect.visit::<preflight_session::ads_import::CheckedAccount>();
    collect.visit::<preflight_store::AdImportCounts>();
    collect.visit::<preflight_ads::AdDestination>();
    collect.visit::<preflight_report::WhatOpenAiSaw>();
    collect.visit::<crate::logs::LogImport>();
    collect.visit::<crate::logs::LogProgress>();
    collect.visit::<preflight_store::LogImportSummary>();
    collect.visit::<preflight_store::Comment>();
    collect.visit::<preflight_session::AuditListing>();
    collect.visit::<preflight_readiness::Readiness>();
    collect.visit::<preflight_readiness::GridColumn>();
    collect.visit::<preflight_readiness::PageRow>();
    collect.visit::<crate::pixel::EventMapping>();
    collect.visit::<crate::pixel::BrowserStatus>();
    collect.visit::<crate::audits::AuditOptions>();
    collect.visit::<crate::journeys::JourneyUpdate>();
    collect.visit::<crate::replays::ReplayUpdate>();
    collect.visit::<preflight_session::monitor::ScheduleStatus>();
    collect.visit::<preflight_session::monitor::ChangeListing>();
    collect.visit::<preflight_session::monitor::AlertChannel>();
    collect.visit::<preflight_session::monitor::ChannelDelivery>();
    collect.visit::<preflight_session::monitor::DeliveryListing>();
    collect.visit::<preflight_session::monitor::ScheduledRun>();
    collect.visit::<crate::monitor::AlertSettings>();
    collect.visit::<preflight_monitor::os_scheduler::InstallState>();
    collect.visit::<preflight_monitor::deliver::SmtpSettings>();
    collect.visit::<preflight_session::capi::CapiOverview>();
    collect.visit::<preflight_session::capi::PairingRecord>();
    collect.visit::<preflight_capi::CapiValidation>();
    collect.visit::<preflight_capi::Pairing>();
    collect.visit::<preflight_capi::live::LiveAnswer>();
    collect.visit::<preflight_capi::samples::Samples>();
    collect.visit::<crate::capi::CapiProgress>();
    collect.visit::<crate::workspace::WorkspaceStatus>();
    collect.visit::<crate::workspace::WorkspaceConnected>();
    collect.visit::<preflight_store::CopyReport>();
    let mut out = String::from(
        "// Generated from the Rust types by `UPDATE_BINDINGS=1 cargo test -p preflight-desktop --lib bindings`.\n// Do not edit by hand.\n\n",
    );
    for decl in decls.values() {
        out.push_str(decl);
        out.push_str("\n\n");
    }
    out.push_str(&constants());
    out.push_str(&grid_constants());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Values the window reads rather than keeping copies of its own: each finding status's words
/// and where it sorts, as `preflight_model::Status` defines them.
fn constants() -> String {
    use preflight_document::report::{RunStatus, Verdict};
    use preflight_model::Status;
    use preflight_readiness::ItemStatus;
    format!(
        "/** Each finding status in words (`Status::label`). */\n\
         export const STATUS_LABEL: Record<Status, string> = {{ {} }};\n\n\
         /** Where each status sorts, most urgent (0) first (`Status::rank`). */\n\
         export const STATUS_RANK: Record<Status, number> = {{ {} }};\n\n\
         /** Each page verdict in words (`Verdict::label`). */\n\
         export const VERDICT_LABEL: Record<Verdict, string> = {{ {} }};\n\n\
         /** How a run ended, in words (`RunStatus::label`). */\n\
         export const RUN_STATUS_LABEL: Record<RunStatus, string> = {{ {} }};\n\n\
         /** Each checklist answer in words (`ItemStatus::label`). */\n\
         export const ITEM_STATUS_LABEL: Record<ItemStatus, string> = {{ {} }};\n",
        table(&Status::ALL, |s| serde_json::json!(s.label()).to_string()),
        table(&Status::ALL, |s| s.rank().to_string()),
        table(&Verdict::ALL, |v| serde_json::json!(v.label()).to_string()),
        table(&RunStatus::ALL, |r| serde_json::json!(r.label())
            .to_string()),
        table(&ItemStatus::ALL, |i| serde_json::json!(i.label())
            .to_string()),
    )
}

/// The page grid's columns and the words of its answers, as `preflight_readiness::grid`
/// defines them; the grid and its CSV read the same table.
fn grid_constants() -> String {
    use preflight_readiness::{GridColumn, PixelAnswer, RobotsAnswer, UtmAnswer};
    let columns = GridColumn::ALL
        .iter()
        .map(|c| {
            format!(
                "{{ key: {}, label: {} }}",
                serde_json::json!(c),
                serde_json::json!(c.label())
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "\n/** The page grid's columns, in order, with their headings (`GridColumn::label`). */\n\
         export const GRID_COLUMNS: {{ key: GridColumn; label: string }}[] = [{columns}];\n\n\
         /** robots.txt's answer for a page, in words (`RobotsAnswer::label`). */\n\
         export const ROBOTS_ANSWER_LABEL: Record<RobotsAnswer, string> = {{ {} }};\n\n\
         /** Whether the pixel works on a page, in words (`PixelAnswer::label`). */\n\
         export const PIXEL_ANSWER_LABEL: Record<PixelAnswer, string> = {{ {} }};\n\n\
         /** Whether tracking parameters survive a page's redirects, in words (`UtmAnswer::label`). */\n\
         export const UTM_ANSWER_LABEL: Record<UtmAnswer, string> = {{ {} }};\n",
        table(&RobotsAnswer::ALL, |v| serde_json::json!(v.label()).to_string()),
        table(&PixelAnswer::ALL, |v| serde_json::json!(v.label()).to_string()),
        table(&UtmAnswer::ALL, |v| serde_json::json!(v.label()).to_string()),
    )
}

/// `key: value` pairs of a TypeScript record, one per value of a closed set.
fn table<T: serde::Serialize + Copy>(all: &[T], value: impl Fn(T) -> String) -> String {
    all.iter()
        .map(|v| format!("{}: {}", serde_json::json!(v), value(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn bindings_are_current() {
        // Read when the test runs: a test binary reused from another checkout of the same
        // sources must compare against this checkout's file.
        let root = std::env::var("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_string());
        let path = Path::new(&root).join("ui/src/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p preflight-desktop --lib bindings` and commit it"
        );
    }
}
