-- Who made each audit, journey, scenario, log import and Conversions API check: the display name
-- set on the machine that made it, else the database login or the account's user name. Rows
-- from before have none.
ALTER TABLE audit_runs ADD COLUMN created_by TEXT;
ALTER TABLE journeys ADD COLUMN created_by TEXT;
ALTER TABLE scenarios ADD COLUMN created_by TEXT;
ALTER TABLE log_imports ADD COLUMN created_by TEXT;
ALTER TABLE capi_checks ADD COLUMN created_by TEXT;
