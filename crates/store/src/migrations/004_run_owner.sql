-- Who runs an audit: the machine's name and the owner file the running process keeps locked
-- (see the store's owner module). A `running` run whose owner on this machine has ended was
-- interrupted; for a run from another machine, or one without an owner, the idle rule holds.
ALTER TABLE audit_runs ADD COLUMN owner_host TEXT;
ALTER TABLE audit_runs ADD COLUMN owner_token TEXT;
