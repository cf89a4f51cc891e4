-- Monitoring. A client has at most one schedule; its settings are the caller's record as JSON.
-- Slots count from anchor_at; last_slot is the latest slot run, so no slot runs twice.
CREATE TABLE schedules (
    client_id     INTEGER PRIMARY KEY REFERENCES clients(id),
    config_json   TEXT NOT NULL,
    paused_reason TEXT,
    anchor_at     TEXT NOT NULL,
    last_slot     TEXT,
    last_run_id   INTEGER,
    last_outcome  TEXT,
    updated_at    TEXT NOT NULL
);

-- A client being audited by a schedule: one holder at a time, until it lets go or expires.
CREATE TABLE monitor_locks (
    client_id  INTEGER PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- What changed between two audits of a client, one row per change (the caller's record).
CREATE TABLE change_events (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(id),
    older_run_id INTEGER NOT NULL,
    newer_run_id INTEGER NOT NULL,
    worse        INTEGER NOT NULL,
    event_json   TEXT NOT NULL,
    detected_at  TEXT NOT NULL
);
CREATE INDEX change_events_client ON change_events (client_id, id);

-- Where a client's alerts go. The record never holds a webhook address or a password: those
-- are in the operating system's keychain.
CREATE TABLE alert_channels (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id),
    config_json TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX alert_channels_client ON alert_channels (client_id);

-- Each alert sent (or held back by the quiet period, or failed), for the app to show.
CREATE TABLE alert_deliveries (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL,
    channel_id   INTEGER,
    newer_run_id INTEGER,
    outcome      TEXT NOT NULL,
    report_json  TEXT NOT NULL,
    at           TEXT NOT NULL
);
CREATE INDEX alert_deliveries_client ON alert_deliveries (client_id, id);
