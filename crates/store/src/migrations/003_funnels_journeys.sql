-- The conversion funnel an audit is measured against (a funnel id; NULL when none is chosen).
-- Coverage itself is derived from the pages and journeys whenever the audit is read.
ALTER TABLE audit_runs ADD COLUMN funnel TEXT;

-- Journeys: a funnel clicked through in a browser while every pixel call was recorded, saved
-- with an audit as the journey report JSON.
CREATE TABLE journeys (
    id           INTEGER PRIMARY KEY,
    run_id       INTEGER NOT NULL REFERENCES audit_runs(id) ON DELETE CASCADE,
    start_url    TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    report_json  TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX journeys_run ON journeys(run_id, started_at);
