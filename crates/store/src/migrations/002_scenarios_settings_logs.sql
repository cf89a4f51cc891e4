-- Planner scenarios saved per client; the plan is the planner's own JSON file format.
CREATE TABLE scenarios (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id),
    name        TEXT NOT NULL,
    plan_json   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX scenarios_live_name ON scenarios(client_id, name COLLATE NOCASE) WHERE deleted_at IS NULL;

-- Access-log imports: what the real OAI-AdsBot received, as the log summary JSON.
CREATE TABLE log_imports (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(id),
    file_name    TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    report_json  TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX log_imports_client ON log_imports(client_id, imported_at);

-- Small app preferences (export folder, agency name); never secrets.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
