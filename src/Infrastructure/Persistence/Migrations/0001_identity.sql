-- Accounts, sessions with their refresh-token families, the audit trail and the outbox.
CREATE TABLE users (
    id                    uuid PRIMARY KEY,
    username              varchar(30)  NOT NULL,
    normalized_username   varchar(30)  NOT NULL,
    email                 varchar(254) NOT NULL,
    normalized_email      varchar(254) NOT NULL,
    password_hash         text         NOT NULL,
    role                  varchar(20)  NOT NULL DEFAULT 'user'
                          CHECK (role IN ('user', 'moderator', 'admin', 'super_admin')),
    created_at            timestamptz  NOT NULL,
    updated_at            timestamptz  NOT NULL,
    password_changed_at   timestamptz  NULL,
    last_login_at         timestamptz  NULL,
    failed_login_count    integer      NOT NULL DEFAULT 0,
    first_failed_login_at timestamptz  NULL,
    lock_count            integer      NOT NULL DEFAULT 0,
    locked_until          timestamptz  NULL
);
CREATE UNIQUE INDEX ux_users_normalized_username ON users (normalized_username);
CREATE UNIQUE INDEX ux_users_normalized_email ON users (normalized_email);

CREATE TABLE sessions (
    id                  uuid PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at          timestamptz NOT NULL,
    absolute_expires_at timestamptz NOT NULL,
    last_refreshed_at   timestamptz NOT NULL,
    revoked_at          timestamptz NULL,
    revoked_reason      varchar(40) NULL,
    ip_address          varchar(64) NULL,
    user_agent          varchar(512) NULL
);
CREATE INDEX ix_sessions_user_active ON sessions (user_id) WHERE revoked_at IS NULL;
CREATE INDEX ix_sessions_recently_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;

CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash char(64)    NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    spent_at   timestamptz NULL
);
CREATE UNIQUE INDEX ux_refresh_tokens_token_hash ON refresh_tokens (token_hash);
CREATE INDEX ix_refresh_tokens_session_id ON refresh_tokens (session_id);

-- No foreign key to users: the trail outlives the accounts it mentions.
CREATE TABLE audit_events (
    id            uuid PRIMARY KEY,
    actor_user_id uuid         NULL,
    action        varchar(64)  NOT NULL,
    outcome       varchar(16)  NOT NULL,
    occurred_at   timestamptz  NOT NULL,
    ip_address    varchar(64)  NULL,
    user_agent    varchar(512) NULL,
    detail        text         NULL
);
CREATE INDEX ix_audit_events_actor ON audit_events (actor_user_id, occurred_at DESC);
CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at DESC);

-- Ordered by id: the relay publishes strictly in this order.
CREATE TABLE outbox_messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id      uuid         NOT NULL UNIQUE,
    event_type      varchar(100) NOT NULL,
    payload         jsonb        NOT NULL,
    occurred_at     timestamptz  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NULL,
    last_error      text         NULL,
    sent_at         timestamptz  NULL
);
CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (id) WHERE sent_at IS NULL;
