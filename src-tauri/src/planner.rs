//! The ROAS planner in the window: presets, computing a plan off the UI thread, lag tables from
//! a CRM export, and scenarios saved per client.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::worker::{blocking, with_state};
use preflight_planner::{LagImport, Plan, PlanReport, Preset};
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

/// Draws the window asks for by default: enough for stable bands, quick enough to recompute as
/// the user types.
const DEFAULT_DRAWS: usize = 20_000;
const DEFAULT_SEED: u64 = 2026;

/// A saved scenario with its plan.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedScenario {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub client_id: i64,
    pub name: String,
    pub plan: Plan,
    pub updated_at: String,
}

#[tauri::command]
pub async fn plan_presets() -> Vec<Preset> {
    preflight_planner::presets()
}

/// Computes every layer, the uncertainty bands and the tornado. Runs on a worker thread so the
/// window stays responsive; the window drops answers to superseded requests.
#[tauri::command]
pub async fn compute_plan(
    plan: Plan,
    draws: Option<u32>,
    seed: Option<u64>,
) -> AppResult<PlanReport> {
    let draws = draws.map_or(DEFAULT_DRAWS, |d| d as usize);
    let seed = seed.unwrap_or(DEFAULT_SEED);
    blocking(move || {
        preflight_planner::plan_report(&plan, draws, seed)
            .map_err(|e| AppError::new("invalid_plan", e.message.clone()).with_field(e.field))
    })
    .await
}

/// Builds a lag table from a CRM export (click date, conversion date per row).
#[tauri::command]
pub async fn import_lag_csv(text: String) -> AppResult<LagImport> {
    blocking(move || {
        preflight_planner::lag_table_from_csv(&text).map_err(|e| {
            let error = AppError::new("invalid_csv", e.to_string());
            match e.column {
                Some(column) => error.with_field(column),
                None => error,
            }
        })
    })
    .await
}

#[tauri::command]
pub async fn list_scenarios(app: AppHandle, client_id: i64) -> AppResult<Vec<SavedScenario>> {
    with_state(&app, move |state| {
        state
            .store()?
            .list_scenarios(client_id)?
            .into_iter()
            .map(typed)
            .collect()
    })
    .await
}

/// Creates a scenario (`id` absent) or replaces one.
#[tauri::command]
pub async fn save_scenario(
    app: AppHandle,
    client_id: i64,
    id: Option<i64>,
    name: String,
    plan: Plan,
) -> AppResult<SavedScenario> {
    with_state(&app, move |state: &AppState| {
        let plan = serde_json::to_value(&plan)
            .map_err(|e| AppError::new("internal", format!("The plan could not be saved: {e}")))?;
        let store = state.store()?;
        let saved = match id {
            Some(id) => store.update_scenario(id, &name, &plan)?,
            None => store.create_scenario(client_id, &name, &plan)?,
        };
        typed(saved)
    })
    .await
}

#[tauri::command]
pub async fn delete_scenario(app: AppHandle, id: i64) -> AppResult<()> {
    with_state(&app, move |state| Ok(state.store()?.delete_scenario(id)?)).await
}

#[tauri::command]
pub async fn restore_scenario(app: AppHandle, id: i64) -> AppResult<SavedScenario> {
    with_state(&app, move |state| {
        typed(state.store()?.restore_scenario(id)?)
    })
    .await
}

fn typed(saved: preflight_store::Scenario) -> AppResult<SavedScenario> {
    let plan: Plan = serde_json::from_value(saved.plan).map_err(|e| {
        AppError::new(
            "corrupt_record",
            format!(
                "The saved scenario \"{}\" could not be read: {e}",
                saved.name
            ),
        )
    })?;
    Ok(SavedScenario {
        id: saved.id,
        client_id: saved.client_id,
        name: saved.name,
        plan,
        updated_at: saved.updated_at,
    })
}
