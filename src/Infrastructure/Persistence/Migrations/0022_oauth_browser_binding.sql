-- Login CSRF (security review): a provider sign-in is bound to the frontend that started it. The start
-- hands that frontend a secret (binding) kept in its own storage; only its hash is kept here, and the
-- login code is swapped for tokens only with it. Sign-ins started before this migration have none and
-- cannot be finished (they expire within 10 minutes anyway).
ALTER TABLE oauth_pending_logins ADD COLUMN binding_hash varchar(64) NULL;
