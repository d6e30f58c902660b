-- Reports (one mechanism for every kind of target) and the runtime settings every node reads.
CREATE TABLE reports (
    id              uuid PRIMARY KEY,
    reporter_id     uuid          NOT NULL REFERENCES users (id),
    target_type     varchar(40)   NOT NULL,
    target_id       uuid          NOT NULL,
    reason          varchar(20)   NOT NULL CHECK (reason IN ('spam', 'abuse', 'copyright', 'impersonation', 'other')),
    details         varchar(2000) NULL,
    status          varchar(16)   NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
    created_at      timestamptz   NOT NULL,
    resolved_at     timestamptz   NULL,
    resolved_by     uuid          NULL,
    resolution      varchar(20)   NULL CHECK (resolution IN ('dismiss', 'hide_content', 'suspend_user')),
    resolution_note varchar(2000) NULL,
    CHECK ((status = 'open') = (resolution IS NULL))
);
-- One open report per reporter and target; a closed one does not stop a new report.
CREATE UNIQUE INDEX ux_reports_open_per_reporter_target ON reports (reporter_id, target_type, target_id) WHERE status = 'open';
CREATE INDEX ix_reports_status_created ON reports (status, created_at DESC);
CREATE INDEX ix_reports_target ON reports (target_type, target_id);

-- A single row (id = 1); absent until an admin first saves, the defaults in code apply until then.
CREATE TABLE runtime_settings (
    id                      smallint    PRIMARY KEY CHECK (id = 1),
    registration_open       boolean     NOT NULL,
    free_upload_quota_bytes bigint      NOT NULL CHECK (free_upload_quota_bytes >= 0),
    pro_upload_quota_bytes  bigint      NOT NULL CHECK (pro_upload_quota_bytes >= 0),
    max_upload_bytes        bigint      NOT NULL CHECK (max_upload_bytes > 0),
    maintenance_mode        boolean     NOT NULL,
    updated_at              timestamptz NOT NULL,
    updated_by              uuid        NULL
);

-- The dashboard's new users today and the analytics' signups per day.
CREATE INDEX ix_users_created_at ON users (created_at);
-- Logins per day (and the audit filter by action).
CREATE INDEX ix_audit_events_action ON audit_events (action, occurred_at DESC);
