-- Sign-in with outside providers (Google, GitHub, Discord): links between accounts and provider accounts,
-- sign-ins sent to a provider and not back yet, and accounts without a password (made through a provider).
CREATE TABLE user_identities (
    id           uuid          PRIMARY KEY,
    user_id      uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider     varchar(16)   NOT NULL CHECK (provider IN ('google', 'github', 'discord')),
    subject      varchar(255)  NOT NULL,
    email        varchar(320)  NULL,
    linked_at    timestamptz   NOT NULL,
    last_used_at timestamptz   NULL
);
-- One user per provider account; one link per provider per user.
CREATE UNIQUE INDEX ux_user_identities_provider_subject ON user_identities (provider, subject);
CREATE UNIQUE INDEX ux_user_identities_user_provider ON user_identities (user_id, provider);

-- Found by the hash of the state the provider sends back; single use, 10 minutes.
CREATE TABLE oauth_pending_logins (
    id            uuid          PRIMARY KEY,
    state_hash    varchar(64)   NOT NULL,
    provider      varchar(16)   NOT NULL CHECK (provider IN ('google', 'github', 'discord')),
    code_verifier varchar(128)  NOT NULL,
    redirect_uri  varchar(2048) NOT NULL,
    created_at    timestamptz   NOT NULL,
    expires_at    timestamptz   NOT NULL,
    consumed_at   timestamptz   NULL
);
CREATE UNIQUE INDEX ux_oauth_pending_logins_state_hash ON oauth_pending_logins (state_hash);
CREATE INDEX ix_oauth_pending_logins_expires_at ON oauth_pending_logins (expires_at);

ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
