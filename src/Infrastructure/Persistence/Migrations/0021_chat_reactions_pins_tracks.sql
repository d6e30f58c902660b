-- Chat messages (issue 11): a message may point at a track (gone with the track), room moderators pin
-- messages, members react with emoji (one row per user and emoji), and a room may mask profanity.
ALTER TABLE chat_messages
    ADD COLUMN track_id  uuid        NULL REFERENCES tracks (id) ON DELETE SET NULL,
    ADD COLUMN pinned_at timestamptz NULL,
    ADD COLUMN pinned_by uuid        NULL REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX ix_chat_messages_pins ON chat_messages (room_id, pinned_at DESC) WHERE pinned_at IS NOT NULL;

CREATE TABLE chat_reactions (
    message_id  uuid        NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    emoji       varchar(32) NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
);

ALTER TABLE chat_rooms ADD COLUMN mask_profanity boolean NOT NULL DEFAULT false;
