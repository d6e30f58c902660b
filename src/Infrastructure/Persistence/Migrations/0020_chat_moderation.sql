-- Room moderation (issue 11): a member muted until a time cannot send; a banned user cannot rejoin.
ALTER TABLE chat_members ADD COLUMN muted_until timestamptz NULL;

CREATE TABLE chat_bans (
    room_id     uuid        NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    banned_by   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
