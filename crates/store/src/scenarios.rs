//! Planner scenarios saved per client. The plan is kept as the planner's JSON; this crate does
//! not interpret it.

use crate::db::{args, Row};
use crate::{clean_name, Result, Store, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Scenario {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub client_id: i64,
    pub name: String,
    pub plan: serde_json::Value,
    pub created_at: String,
    pub updated_at: String,
    /// Who saved it first (scenarios from before authors were recorded have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub created_by: Option<String>,
}

const COLUMNS: &str = "id, client_id, name, plan_json, created_at, updated_at, created_by";

impl Store {
    pub fn list_scenarios(&self, client_id: i64) -> Result<Vec<Scenario>> {
        self.client(client_id)?;
        let rows = self.db.query_map(
            &format!(
                "SELECT {COLUMNS} FROM scenarios WHERE client_id = ?1 AND deleted_at IS NULL
             ORDER BY name COLLATE NOCASE"
            ),
            args![client_id],
            scenario_row,
        )?;
        rows.into_iter().collect()
    }

    pub fn scenario(&self, id: i64) -> Result<Scenario> {
        self.db
            .query_opt(
                &format!("SELECT {COLUMNS} FROM scenarios WHERE id = ?1 AND deleted_at IS NULL"),
                args![id],
                scenario_row,
            )?
            .ok_or(StoreError::ScenarioNotFound(id))?
    }

    pub fn create_scenario(
        &self,
        client_id: i64,
        name: &str,
        plan: &serde_json::Value,
    ) -> Result<Scenario> {
        let name = clean_name(name, "A scenario")?;
        let tx = self.write_tx()?;
        self.client(client_id)?;
        self.refuse_duplicate(client_id, &name, None)?;
        let now = self.now()?;
        let new_id = self.db.insert(
            "INSERT INTO scenarios (client_id, name, plan_json, created_at, updated_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
            args![
                client_id,
                name,
                serde_json::to_string(plan)?,
                now,
                self.author
            ],
        )?;
        let scenario = self.scenario(new_id)?;
        tx.commit()?;
        Ok(scenario)
    }

    /// Replaces a scenario's name and plan.
    pub fn update_scenario(
        &self,
        id: i64,
        name: &str,
        plan: &serde_json::Value,
    ) -> Result<Scenario> {
        let name = clean_name(name, "A scenario")?;
        let tx = self.write_tx()?;
        let client_id: i64 = self
            .db
            .query_opt(
                "SELECT client_id FROM scenarios WHERE id = ?1 AND deleted_at IS NULL",
                args![id],
                |r| r.get(0),
            )?
            .ok_or(StoreError::ScenarioNotFound(id))?;
        self.refuse_duplicate(client_id, &name, Some(id))?;
        self.db.execute(
            "UPDATE scenarios SET name = ?1, plan_json = ?2, updated_at = ?3 WHERE id = ?4",
            args![name, serde_json::to_string(plan)?, self.now()?, id],
        )?;
        let scenario = self.scenario(id)?;
        tx.commit()?;
        Ok(scenario)
    }

    pub fn delete_scenario(&self, id: i64) -> Result<()> {
        self.soft_delete("scenarios", id, StoreError::ScenarioNotFound(id))
    }

    /// Undoes [`Store::delete_scenario`], unless another live scenario took its name meanwhile.
    pub fn restore_scenario(&self, id: i64) -> Result<Scenario> {
        let tx = self.write_tx()?;
        let row: Option<(i64, String)> = self.db.query_opt(
            "SELECT client_id, name FROM scenarios WHERE id = ?1 AND deleted_at IS NOT NULL",
            args![id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let (client_id, name) = row.ok_or(StoreError::ScenarioNotFound(id))?;
        self.refuse_duplicate(client_id, &name, Some(id))?;
        self.db.execute(
            "UPDATE scenarios SET deleted_at = NULL WHERE id = ?1",
            args![id],
        )?;
        let scenario = self.scenario(id)?;
        tx.commit()?;
        Ok(scenario)
    }

    fn refuse_duplicate(&self, client_id: i64, name: &str, except: Option<i64>) -> Result<()> {
        let other: Option<i64> = self.db.query_opt(
            "SELECT id FROM scenarios WHERE client_id = ?1 AND name = ?2 COLLATE NOCASE
                   AND deleted_at IS NULL AND id IS DISTINCT FROM CAST(?3 AS BIGINT)",
            args![client_id, name, except],
            |r| r.get(0),
        )?;
        match other {
            Some(_) => Err(StoreError::DuplicateScenario(name.to_string())),
            None => Ok(()),
        }
    }
}

fn scenario_row(r: &Row) -> Result<Result<Scenario>> {
    let plan_json: String = r.get(3)?;
    let id = r.get(0)?;
    let client_id = r.get(1)?;
    let name = r.get(2)?;
    let created_at = r.get(4)?;
    let updated_at = r.get(5)?;
    let created_by = r.get(6)?;
    Ok(serde_json::from_str(&plan_json)
        .map_err(StoreError::from)
        .map(|plan| Scenario {
            id,
            client_id,
            name,
            plan,
            created_at,
            updated_at,
            created_by,
        }))
}
