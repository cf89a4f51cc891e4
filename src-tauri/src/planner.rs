//! The ROAS planner in the window: presets, computing a plan off the UI thread, lag tables from
//! a CRM export, and scenarios saved per client.

use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::worker::{blocking, with_state};
use preflight_planner::{LagImport, Plan, PlanField, PlanReport, Preset};
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

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
    /// Who saved it first, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub created_by: Option<String>,
}

#[tauri::command]
pub async fn plan_presets() -> Vec<Preset> {
    preflight_planner::presets()
}

/// The plan fields with their labels, help, kinds, units and allowed values: the form reads
/// them instead of keeping its own.
#[tauri::command]
pub async fn plan_fields() -> Vec<PlanField> {
    preflight_planner::plan_fields().to_vec()
}

/// Computes every layer, the uncertainty bands and the tornado. Runs on a worker thread so the
/// window stays responsive; the window drops answers to superseded requests. Without `draws`
/// and `seed` it uses the planner's defaults, as the command line and the PDF export do.
#[tauri::command]
pub async fn compute_plan(
    plan: Plan,
    draws: Option<u32>,
    seed: Option<u64>,
) -> AppResult<PlanReport> {
    let draws = draws.map_or(preflight_planner::DEFAULT_DRAWS, |d| d as usize);
    let seed = seed.unwrap_or(preflight_planner::DEFAULT_SEED);
    blocking(move || report_with(&plan, draws, seed)).await
}

/// The report the app shows and exports for a plan: the planner's default draws and seed.
pub(crate) fn report(plan: &Plan) -> AppResult<PlanReport> {
    report_with(
        plan,
        preflight_planner::DEFAULT_DRAWS,
        preflight_planner::DEFAULT_SEED,
    )
}

fn report_with(plan: &Plan, draws: usize, seed: u64) -> AppResult<PlanReport> {
    preflight_planner::plan_report(plan, draws, seed)
        .map_err(|e| AppError::new("invalid_plan", e.message.clone()).with_field(e.field))
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
        created_by: saved.created_by,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use preflight_planner::{plan_report, DEFAULT_DRAWS, DEFAULT_SEED};

    fn ranged_plan() -> Plan {
        Plan::from_json(
            r#"{ "spend": 10000, "cpc": {"low": 3, "likely": 4, "high": 6},
                 "cvr": {"low": 0.02, "likely": 0.03, "high": 0.045}, "value": 120,
                 "margin": 0.4, "cannibalization": {"low": 0.1, "likely": 0.25, "high": 0.4} }"#,
        )
        .unwrap()
    }

    #[tokio::test]
    async fn the_command_gives_the_planners_default_report() {
        let plan = ranged_plan();
        let expected = plan_report(&plan, DEFAULT_DRAWS, DEFAULT_SEED).unwrap();
        let computed = compute_plan(plan.clone(), None, None).await.unwrap();
        let sim = computed.simulation.as_ref().unwrap();
        assert_eq!((sim.draws, sim.seed), (DEFAULT_DRAWS, DEFAULT_SEED));
        assert_eq!(computed, expected);
        // The PDF export computes through the same call.
        assert_eq!(report(&plan).unwrap(), expected);
        // And the comparison can fail: another seed gives other ranges.
        let other = compute_plan(plan, None, Some(DEFAULT_SEED + 1))
            .await
            .unwrap();
        assert_ne!(other.simulation, expected.simulation);
    }

    #[tokio::test]
    async fn a_bad_plan_names_its_field() {
        let mut plan = ranged_plan();
        plan.currency = Some("euro".into());
        let error = compute_plan(plan, None, None).await.unwrap_err();
        assert_eq!(error.code, "invalid_plan");
        assert_eq!(error.field.as_deref(), Some("currency"));
    }

    #[tokio::test]
    async fn the_field_catalogue_reaches_the_window() {
        let fields = plan_fields().await;
        assert_eq!(fields, preflight_planner::plan_fields());
        assert!(fields
            .iter()
            .any(|f| f.id == "spend" && f.label == "Budget"));
    }
}
