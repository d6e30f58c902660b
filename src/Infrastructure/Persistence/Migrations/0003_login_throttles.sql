-- Brute-force state moves off the account row: failures are counted per submitted login (whether or
-- not an account has it) and per login and address, so an attacker can neither lock the owner out
-- nor learn which accounts exist from the lock. Keys are SHA-256 hashes: no mistyped login is kept.
CREATE TABLE login_throttles (
    id                uuid PRIMARY KEY,
    key_hash          char(64)    NOT NULL UNIQUE,
    scope             varchar(20) NOT NULL,
    failures          integer     NOT NULL DEFAULT 0,
    window_started_at timestamptz NULL,
    lock_count        integer     NOT NULL DEFAULT 0,
    last_locked_at    timestamptz NULL,
    locked_until      timestamptz NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX ix_login_throttles_updated_at ON login_throttles (updated_at);

ALTER TABLE users
    DROP COLUMN failed_login_count,
    DROP COLUMN first_failed_login_at,
    DROP COLUMN lock_count,
    DROP COLUMN locked_until;

-- "Has this account signed in from this address lately?" (the per-login policy spares such addresses).
CREATE INDEX ix_sessions_user_address ON sessions (user_id, ip_address, created_at);
