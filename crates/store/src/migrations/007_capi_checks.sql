-- Conversions API checks of a client: a validation of payload files or a pairing with the
-- pixel's events, kept as the caller's record (JSON). The newest of each kind feeds the
-- client's exports.
CREATE TABLE capi_checks (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(id),
    kind         TEXT NOT NULL,
    record_json  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX capi_checks_client ON capi_checks (client_id, kind, id);
