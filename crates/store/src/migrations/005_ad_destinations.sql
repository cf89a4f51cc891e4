-- Ads read from OpenAI's Ads API, one row per ad of a client: the caller's record as JSON,
-- replaced when the ads are imported again. An ad missing from a later import is marked gone.
CREATE TABLE ad_destinations (
    id           INTEGER PRIMARY KEY,
    client_id    INTEGER NOT NULL REFERENCES clients(id),
    ad_id        TEXT NOT NULL,
    page_url     TEXT,
    record_json  TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    gone_at      TEXT,
    UNIQUE (client_id, ad_id)
);
CREATE INDEX ad_destinations_client ON ad_destinations (client_id);
