-- Profiles, account status (suspension, ban, deletion) and plan on the account row; avatars in a
-- table of their own (written by the avatar feature, read by every profile query).
ALTER TABLE users
    ADD COLUMN display_name  varchar(50)  NULL,
    ADD COLUMN first_name    varchar(50)  NULL,
    ADD COLUMN last_name     varchar(50)  NULL,
    ADD COLUMN bio           varchar(500) NULL,
    ADD COLUMN location      varchar(100) NULL,
    ADD COLUMN links         text[]       NOT NULL DEFAULT '{}',
    ADD COLUMN status        varchar(16)  NOT NULL DEFAULT 'active'
                             CHECK (status IN ('active', 'suspended', 'banned', 'deleted')),
    ADD COLUMN status_reason text         NULL,
    ADD COLUMN status_until  timestamptz  NULL,
    ADD COLUMN plan          varchar(16)  NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro')),
    ADD COLUMN deleted_at    timestamptz  NULL;

-- One row per user with an avatar; version changes with every upload (it is the ETag and the file name).
CREATE TABLE user_avatars (
    user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    version      uuid        NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- The audit trail says what an action was about (user:{id}, report:{id}, settings), for the admin filter.
ALTER TABLE audit_events ADD COLUMN target varchar(100) NULL;
CREATE INDEX ix_audit_events_target ON audit_events (target, occurred_at DESC) WHERE target IS NOT NULL;
