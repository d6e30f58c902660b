-- The audio library: tracks and what processing made of them, tags with their usage counts, likes,
-- playlists. Files live in storage under keys the server builds (tracks/{id}/...); rows hold no paths
-- from user input.
CREATE TABLE tracks (
    id                    uuid          PRIMARY KEY,
    owner_id              uuid          NOT NULL REFERENCES users (id),
    title                 varchar(200)  NOT NULL,
    title_from_file_name  boolean       NOT NULL,
    description           varchar(5000) NULL,
    genre                 varchar(50)   NULL,
    album                 varchar(200)  NULL,
    credited_artist       varchar(200)  NULL,
    tags                  text[]        NOT NULL DEFAULT '{}',
    visibility            varchar(10)   NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private')),
    status                varchar(12)   NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    failure               varchar(20)   NULL,
    original_key          varchar(200)  NOT NULL,
    original_format       varchar(12)   NOT NULL,
    original_bytes        bigint        NOT NULL CHECK (original_bytes >= 0),
    content_hash          char(64)      NOT NULL,
    stored_bytes          bigint        NOT NULL CHECK (stored_bytes >= 0),
    duration              interval      NULL,
    codec                 varchar(32)   NULL,
    bitrate_kbps          integer       NULL,
    sample_rate           integer       NULL,
    channels              integer       NULL,
    has_mp3128            boolean       NOT NULL DEFAULT false,
    has_mp3320            boolean       NOT NULL DEFAULT false,
    has_hls               boolean       NOT NULL DEFAULT false,
    has_waveform          boolean       NOT NULL DEFAULT false,
    loudness_lufs         double precision NULL,
    true_peak_db          double precision NULL,
    track_gain_db         double precision NULL,
    artwork_version       uuid          NULL,
    artwork_uploaded      boolean       NOT NULL DEFAULT false,
    play_count            bigint        NOT NULL DEFAULT 0,
    like_count            bigint        NOT NULL DEFAULT 0,
    hidden_at             timestamptz   NULL,
    hidden_reason         varchar(2000) NULL,
    created_at            timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL,
    processed_at          timestamptz   NULL,
    CHECK ((status = 'failed') = (failure IS NOT NULL))
);
-- The same owner uploading the same bytes again is a duplicate (409 with the existing id).
CREATE UNIQUE INDEX ux_tracks_owner_content_hash ON tracks (owner_id, content_hash);
CREATE INDEX ix_tracks_owner_created ON tracks (owner_id, created_at DESC);
-- The public catalogue, newest first; tag and genre filters.
CREATE INDEX ix_tracks_listed_created ON tracks (created_at DESC) WHERE visibility = 'public' AND status = 'ready' AND hidden_at IS NULL;
CREATE INDEX ix_tracks_tags ON tracks USING gin (tags);
CREATE INDEX ix_tracks_genre ON tracks (lower(genre));

-- Per-step progress of a track's processing, for its owner's progress view.
CREATE TABLE track_processing_steps (
    track_id     uuid         NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    step         varchar(20)  NOT NULL,
    state        varchar(12)  NOT NULL CHECK (state IN ('pending', 'running', 'done', 'skipped', 'failed')),
    started_at   timestamptz  NULL,
    finished_at  timestamptz  NULL,
    detail       varchar(500) NULL,
    PRIMARY KEY (track_id, step)
);

-- Every tag in use and how many tracks carry it, kept right in the same transaction as each change.
CREATE TABLE tags (
    name         varchar(30) PRIMARY KEY,
    usage_count  integer     NOT NULL CHECK (usage_count >= 0),
    created_at   timestamptz NOT NULL
);
CREATE INDEX ix_tags_usage ON tags (usage_count DESC, name);
CREATE INDEX ix_tags_name_prefix ON tags (name text_pattern_ops);

CREATE TABLE track_likes (
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    track_id    uuid        NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (user_id, track_id)
);
CREATE INDEX ix_track_likes_track ON track_likes (track_id);
CREATE INDEX ix_track_likes_user_created ON track_likes (user_id, created_at DESC);

CREATE TABLE playlists (
    id           uuid          PRIMARY KEY,
    owner_id     uuid          NOT NULL REFERENCES users (id),
    title        varchar(200)  NOT NULL,
    description  varchar(5000) NULL,
    visibility   varchar(10)   NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private')),
    track_count  integer       NOT NULL DEFAULT 0 CHECK (track_count BETWEEN 0 AND 1000),
    created_at   timestamptz   NOT NULL,
    updated_at   timestamptz   NOT NULL
);
CREATE INDEX ix_playlists_owner_created ON playlists (owner_id, created_at DESC);

CREATE TABLE playlist_tracks (
    playlist_id  uuid        NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    track_id     uuid        NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    position     integer     NOT NULL CHECK (position >= 0),
    added_at     timestamptz NOT NULL,
    PRIMARY KEY (playlist_id, track_id)
);
CREATE INDEX ix_playlist_tracks_track ON playlist_tracks (track_id);
