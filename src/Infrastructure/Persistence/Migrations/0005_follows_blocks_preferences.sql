-- Follows and blocks between users, per-user preferences (jsonb), and the indexes behind user search.

CREATE TABLE follows (
    id           uuid PRIMARY KEY,
    follower_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    followee_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    CONSTRAINT ux_follows_pair UNIQUE (follower_id, followee_id),
    CONSTRAINT ck_follows_not_self CHECK (follower_id <> followee_id)
);
-- Followers of a user, newest first (the pair index serves "following").
CREATE INDEX ix_follows_followee ON follows (followee_id, created_at DESC);

CREATE TABLE blocks (
    id          uuid PRIMARY KEY,
    blocker_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    CONSTRAINT ux_blocks_pair UNIQUE (blocker_id, blocked_id),
    CONSTRAINT ck_blocks_not_self CHECK (blocker_id <> blocked_id)
);
CREATE INDEX ix_blocks_blocked ON blocks (blocked_id, blocker_id);

-- Absent row = defaults. The document: {notifications: {<kind>: {in_app, email}}, privacy: {...}, audio: {...}}.
CREATE TABLE user_preferences (
    user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    preferences jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- User search: contains (3+ characters) through trigram indexes, prefix (any length) through
-- pattern-ops b-trees, on exactly the expressions the queries compare.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX ix_users_username_trgm ON users USING gin (normalized_username gin_trgm_ops);
CREATE INDEX ix_users_display_name_trgm ON users USING gin (lower(display_name) gin_trgm_ops);
CREATE INDEX ix_users_username_prefix ON users (normalized_username text_pattern_ops);
CREATE INDEX ix_users_display_name_prefix ON users (lower(display_name) text_pattern_ops);
