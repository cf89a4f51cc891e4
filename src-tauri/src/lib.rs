//! The desktop shell: opens the database, registers the commands and hands progress events to the
//! window. Everything it does is delegated to the engine (`preflight-audit`) and the store.

mod audits;
pub mod bindings;
mod commands;
mod error;
mod state;

pub use error::AppError;

use state::AppState;

pub fn run() {
    let db_path = preflight_store::default_db_path();
    tauri::Builder::default()
        .manage(AppState::open(db_path))
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
            commands::list_audits,
            commands::get_audit,
            commands::delete_audit,
            commands::restore_audit,
            commands::check_robots,
            audits::start_audit,
            audits::cancel_audit,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Preflight");
}
