-- Comments on an audit, for a team: who wrote what and when. Deleted comments are kept for undo.
CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES audit_runs(id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT,
    deleted_at  TEXT
);
CREATE INDEX comments_run ON comments (run_id, id);
