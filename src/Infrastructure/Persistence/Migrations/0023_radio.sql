-- Community radio (issue 12): stations with their DJs and chat room, listener requests and votes, and
-- what played (with how many listened). Tracks gain the owner's consent to radio play (on by default).
ALTER TABLE tracks ADD COLUMN allow_radio boolean NOT NULL DEFAULT true;

CREATE TABLE radio_stations (
    id                     uuid          PRIMARY KEY,
    owner_id               uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_room_id           uuid          NOT NULL REFERENCES chat_rooms (id),
    name                   varchar(80)   NOT NULL,
    slug                   varchar(40)   NOT NULL,
    description            varchar(1000) NULL,
    genre                  varchar(40)   NULL,
    visibility             varchar(16)   NOT NULL CHECK (visibility IN ('public', 'unlisted')),
    rotation_playlist_ids  uuid[]        NOT NULL DEFAULT '{}',
    rotation_tags          text[]        NOT NULL DEFAULT '{}',
    no_repeat_window       integer       NOT NULL DEFAULT 20,
    created_at             timestamptz   NOT NULL,
    updated_at             timestamptz   NOT NULL
);
CREATE UNIQUE INDEX ux_radio_stations_slug ON radio_stations (slug);

CREATE TABLE radio_station_members (
    station_id  uuid         NOT NULL REFERENCES radio_stations (id) ON DELETE CASCADE,
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        varchar(16)  NOT NULL CHECK (role IN ('owner', 'dj')),
    added_at    timestamptz  NOT NULL,
    PRIMARY KEY (station_id, user_id)
);
CREATE INDEX ix_radio_station_members_user ON radio_station_members (user_id);

CREATE TABLE radio_requests (
    id            uuid         PRIMARY KEY,
    station_id    uuid         NOT NULL REFERENCES radio_stations (id) ON DELETE CASCADE,
    track_id      uuid         NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    requested_by  uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    timestamptz  NOT NULL,
    priority      integer      NOT NULL DEFAULT 0,
    status        varchar(16)  NOT NULL CHECK (status IN ('pending', 'played', 'removed')),
    ended_at      timestamptz  NULL
);
CREATE INDEX ix_radio_requests_pending ON radio_requests (station_id) WHERE status = 'pending';
CREATE INDEX ix_radio_requests_station_time ON radio_requests (station_id, created_at DESC);

CREATE TABLE radio_request_votes (
    request_id  uuid         NOT NULL REFERENCES radio_requests (id) ON DELETE CASCADE,
    user_id     uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz  NOT NULL,
    PRIMARY KEY (request_id, user_id)
);

CREATE TABLE radio_plays (
    id                uuid          PRIMARY KEY,
    station_id        uuid          NOT NULL REFERENCES radio_stations (id) ON DELETE CASCADE,
    track_id          uuid          NULL REFERENCES tracks (id) ON DELETE SET NULL,
    title             varchar(200)  NOT NULL,
    artist            varchar(200)  NOT NULL,
    request_id        uuid          NULL,
    started_at        timestamptz   NOT NULL,
    duration_seconds  double precision NULL,
    listeners         integer       NOT NULL DEFAULT 0
);
CREATE INDEX ix_radio_plays_station ON radio_plays (station_id, started_at DESC);
