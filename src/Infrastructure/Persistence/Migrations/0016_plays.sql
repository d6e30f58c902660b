-- Play counting (docs/decisions/0025). play_progress is each listener's listening to a track in the
-- current 30-minute window (what the byte routes served, what the player reported, when it last
-- counted); plays is the log of counted plays: the history of signed-in listeners and the daily figures.
-- A track's play_count moves in the same statement as its plays row.
CREATE TABLE play_progress (
    id                 uuid             PRIMARY KEY,
    track_id           uuid             NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    listener           varchar(64)      NOT NULL,
    user_id            uuid             NULL REFERENCES users (id) ON DELETE CASCADE,
    window_started_at  timestamptz      NOT NULL,
    last_heard_at      timestamptz      NOT NULL,
    served_seconds     double precision NOT NULL CHECK (served_seconds >= 0),
    reported_seconds   double precision NOT NULL CHECK (reported_seconds >= 0),
    counted_at         timestamptz      NULL,
    CONSTRAINT ux_play_progress_track_listener UNIQUE (track_id, listener)
);
CREATE INDEX ix_play_progress_last_heard ON play_progress (last_heard_at);
CREATE INDEX ix_play_progress_user ON play_progress (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE plays (
    id          uuid        PRIMARY KEY,
    track_id    uuid        NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    user_id     uuid        NULL REFERENCES users (id) ON DELETE SET NULL,
    source      varchar(10) NOT NULL CHECK (source IN ('stream', 'radio')),
    listeners   integer     NOT NULL CHECK (listeners >= 1),
    played_at   timestamptz NOT NULL,
    in_history  boolean     NOT NULL
);
CREATE INDEX ix_plays_history ON plays (user_id, played_at DESC, id DESC) WHERE in_history;
CREATE INDEX ix_plays_track_played ON plays (track_id, played_at);
CREATE INDEX ix_plays_played ON plays (played_at);
