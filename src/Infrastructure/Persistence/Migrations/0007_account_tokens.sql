-- Account security, shared part: one-time account tokens, verified addresses, and the two admin switches
-- (require a verified address to publish; require a second factor for admins).
CREATE TABLE account_tokens (
    id            uuid         PRIMARY KEY,
    user_id       uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose       varchar(32)  NOT NULL CHECK (purpose IN ('email_verification', 'password_reset', 'email_change', 'magic_link', 'mfa_challenge', 'oauth_login')),
    token_hash    varchar(64)  NOT NULL,
    payload       varchar(320) NULL,
    created_at    timestamptz  NOT NULL,
    expires_at    timestamptz  NOT NULL,
    redeemed_at   timestamptz  NULL,
    superseded_at timestamptz  NULL
);
CREATE UNIQUE INDEX ux_account_tokens_hash ON account_tokens (token_hash);
-- Superseding looks up a user's usable tokens of one purpose.
CREATE INDEX ix_account_tokens_user_purpose ON account_tokens (user_id, purpose) WHERE redeemed_at IS NULL AND superseded_at IS NULL;
-- The purge of old tokens.
CREATE INDEX ix_account_tokens_expires_at ON account_tokens (expires_at);

ALTER TABLE users ADD COLUMN email_verified_at timestamptz NULL;

ALTER TABLE runtime_settings
    ADD COLUMN require_verified_email boolean NOT NULL DEFAULT false,
    ADD COLUMN require_mfa_for_admins boolean NOT NULL DEFAULT false;
