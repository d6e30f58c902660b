-- TOTP second factor (RFC 6238), one row per enrolled user: the secret encrypted at rest (AES-256-GCM,
-- base64 of nonce|ciphertext|tag, with the id of the key that sealed it, for rotation), pending until a
-- first code confirms it (enabled_at), the last step a code was accepted for (no code works twice), and
-- the SHA-256 hashes of the unused recovery codes (120 random bits each). See docs/decisions/0016.
CREATE TABLE mfa_enrolments (
    user_id              uuid         PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_key_id        varchar(16)  NOT NULL,
    secret_ciphertext    varchar(200) NOT NULL,
    created_at           timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL,
    enabled_at           timestamptz  NULL,
    last_accepted_step   bigint       NULL,
    recovery_code_hashes text[]       NOT NULL DEFAULT '{}'
);
