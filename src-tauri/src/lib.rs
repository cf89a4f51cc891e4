//! The desktop shell: opens the database, registers the commands and hands progress events to the
//! window. Everything it does is delegated to the engine (`preflight-audit`) and the store.

mod ads;
mod audits;
pub mod bindings;
mod capi;
mod commands;
mod comments;
mod dialogs;
mod error;
mod exports;
mod grid;
mod journeys;
mod logs;
mod monitor;
mod page_import;
mod pixel;
mod planner;
mod progress;
mod readiness;
mod replays;
mod robots;
mod run_guard;
mod sandbox;
mod startup;
mod state;
mod utm;
mod window_size;
mod worker;
mod workspace;

pub use error::AppError;
pub use monitor::run_headless_if_asked;

use state::AppState;

pub fn run() {
    startup::mark_process_start();
    // A panic in one page's check becomes a finding on that page, not a message on the console.
    preflight_audit::crash::install_panic_hook();
    // PREFLIGHT_DB, else this computer's team workspace, else its own file.
    let db_path = preflight_session::workspace::database_setting();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            use tauri::Manager;
            monitor::start_timer(app.handle().clone());
            // A team workspace is connected to while the window already shows.
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                use tauri::Emitter;
                if handle.state::<AppState>().finish_connecting() {
                    let _ = handle.emit(workspace::DATABASE_OPENED_EVENT, ());
                }
            });
            if let (Some((w, h)), Some(window)) =
                (window_size::from_env(), app.get_webview_window("main"))
            {
                let _ = window.set_size(tauri::LogicalSize::new(w, h));
            }
            Ok(())
        })
        .manage(AppState::starting(db_path))
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_clients,
            commands::create_client,
            commands::rename_client,
            commands::delete_client,
            commands::restore_client,
            commands::parse_urls,
            commands::add_pages,
            commands::list_pages,
            commands::delete_page,
            commands::restore_page,
            page_import::preview_sitemap_pages,
            page_import::preview_sitemap_file_pages,
            page_import::preview_export_pages,
            page_import::add_previewed_page_urls,
            commands::get_audit,
            commands::audit_summary,
            commands::delete_audit,
            commands::restore_audit,
            robots::test_robots,
            robots::lint_robots,
            robots::fetch_site_robots,
            audits::start_audit,
            audits::cancel_audit,
            audits::run_defaults,
            planner::plan_presets,
            planner::plan_fields,
            planner::compute_plan,
            planner::import_lag_csv,
            planner::list_scenarios,
            planner::save_scenario,
            planner::delete_scenario,
            planner::restore_scenario,
            utm::parse_utm_list,
            utm::check_utm,
            utm::cancel_utm_check,
            utm::import_utm_csv,
            utm::import_sitemap_file,
            utm::import_sitemap_url,
            utm::utm_template,
            utm::recommended_utm_scheme,
            exports::export_settings,
            exports::save_export_settings,
            exports::export_audit,
            exports::export_page_grid,
            grid::audit_page_rows,
            exports::compare_audits,
            exports::comparison::export_comparison,
            exports::export_utm_csv,
            exports::export_utm_template,
            exports::export_plan_pdf,
            ads::ads_connection,
            ads::ads_api_address,
            ads::set_ads_api_address,
            ads::connect_ads,
            ads::disconnect_ads,
            ads::import_ads,
            ads::list_ads,
            ads::what_openai_saw,
            logs::import_access_log,
            logs::cancel_log_import,
            logs::list_log_imports,
            logs::get_log_import,
            logs::delete_log_import,
            logs::restore_log_import,
            readiness::readiness_overview,
            readiness::audit_readiness,
            readiness::list_audits,
            dialogs::choose_file,
            dialogs::choose_files,
            dialogs::choose_save_path,
            dialogs::choose_folder,
            startup::ui_ready,
            pixel::list_funnels,
            pixel::event_mapping_table,
            pixel::browser_status,
            pixel::client_funnel,
            pixel::set_client_funnel,
            pixel::set_audit_funnel,
            journeys::start_journey,
            journeys::finish_journey,
            journeys::discard_journey,
            journeys::delete_journey,
            journeys::restore_journey,
            comments::list_comments,
            comments::add_comment,
            comments::delete_comment,
            comments::restore_comment,
            replays::replay_journey,
            replays::cancel_replay,
            sandbox::browser_sandbox_setting,
            sandbox::set_browser_sandbox_setting,
            monitor::monitor_schedule,
            monitor::save_monitor_schedule,
            monitor::remove_monitor_schedule,
            monitor::resume_monitor_schedule,
            monitor::list_monitor_changes,
            monitor::alert_channels,
            monitor::add_webhook_channel,
            monitor::add_email_channel,
            monitor::remove_alert_channel,
            monitor::send_test_alert,
            monitor::alert_deliveries,
            monitor::alert_settings,
            monitor::save_alert_preferences,
            monitor::save_smtp_settings,
            monitor::os_scheduler_status,
            monitor::install_os_scheduler,
            monitor::uninstall_os_scheduler,
            capi::capi_overview,
            capi::capi_validate,
            capi::capi_cancel,
            capi::capi_pair,
            capi::capi_save_key,
            capi::capi_remove_key,
            capi::capi_set_endpoint,
            capi::capi_live_check,
            capi::capi_samples,
            workspace::workspace_status,
            workspace::connect_workspace,
            workspace::copy_local_into_workspace,
            workspace::disconnect_workspace,
            workspace::set_display_name,
            workspace::data_revision,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Preflight");
}
