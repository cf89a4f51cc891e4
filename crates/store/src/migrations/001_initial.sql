-- Clients own landing pages; audit runs belong to a client (or to none, for ad-hoc CLI checks).
-- Rows are soft-deleted (deleted_at) so a delete can be undone.
CREATE TABLE clients (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX clients_live_name ON clients(name COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE landing_pages (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id),
    url         TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX landing_pages_live_url ON landing_pages(client_id, url) WHERE deleted_at IS NULL;

-- A run is 'running' while pages are written, then 'complete' or 'cancelled' in one final
-- update. A run still 'running' when the database is next opened was interrupted.
CREATE TABLE audit_runs (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER REFERENCES clients(id),
    status          TEXT NOT NULL CHECK (status IN ('running', 'complete', 'cancelled', 'interrupted')),
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    page_count      INTEGER NOT NULL,
    schema_version  INTEGER NOT NULL,
    generator       TEXT NOT NULL,
    summary_json    TEXT,
    limits_json     TEXT NOT NULL,
    -- last write while running: a run that stops writing for long was interrupted
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX audit_runs_client ON audit_runs(client_id, started_at);

-- One row per page of a run: the findings and the raw artifacts, as report JSON.
CREATE TABLE page_results (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES audit_runs(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    url         TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    page_json   TEXT NOT NULL,
    UNIQUE (run_id, position)
);
