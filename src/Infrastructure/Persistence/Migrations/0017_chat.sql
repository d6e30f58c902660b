-- Chat rooms, their members and invitations, and room messages (issue 11). A message is stored before it
-- is broadcast; (room, author, client_message_id) makes a retried send idempotent.
CREATE TABLE chat_rooms (
    id               uuid         PRIMARY KEY,
    name             varchar(50)  NOT NULL,
    normalized_name  varchar(50)  NOT NULL,
    description      varchar(500) NULL,
    is_private       boolean      NOT NULL,
    owner_id         uuid         NOT NULL REFERENCES users (id),
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    CONSTRAINT ux_chat_rooms_name UNIQUE (normalized_name)
);

CREATE TABLE chat_members (
    room_id    uuid        NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       varchar(10) NOT NULL CHECK (role IN ('owner', 'moderator', 'member')),
    joined_at  timestamptz NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX ix_chat_members_user ON chat_members (user_id);

CREATE TABLE chat_invitations (
    room_id     uuid        NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    invited_by  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (room_id, user_id)
);

CREATE TABLE chat_messages (
    id                 uuid          PRIMARY KEY,
    room_id            uuid          NOT NULL REFERENCES chat_rooms (id) ON DELETE CASCADE,
    author_id          uuid          NOT NULL REFERENCES users (id),
    content            varchar(4000) NOT NULL,
    client_message_id  varchar(64)   NOT NULL,
    reply_to_id        uuid          NULL REFERENCES chat_messages (id) ON DELETE SET NULL,
    created_at         timestamptz   NOT NULL,
    edited_at          timestamptz   NULL,
    previous_content   varchar(4000) NULL,
    deleted_at         timestamptz   NULL,
    deleted_by         uuid          NULL,
    CONSTRAINT ux_chat_messages_client_id UNIQUE (room_id, author_id, client_message_id)
);
-- Ids are UUIDv7 (time-ordered): paging by id is paging by time.
CREATE INDEX ix_chat_messages_room_id ON chat_messages (room_id, id DESC);

-- Direct messages: one row per message; a conversation is the pair of users in either order.
CREATE TABLE chat_direct_messages (
    id                 uuid          PRIMARY KEY,
    sender_id          uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient_id       uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    content            varchar(4000) NOT NULL,
    client_message_id  varchar(64)   NOT NULL,
    created_at         timestamptz   NOT NULL,
    read_at            timestamptz   NULL,
    CHECK (sender_id <> recipient_id),
    CONSTRAINT ux_chat_direct_messages_client_id UNIQUE (sender_id, client_message_id)
);
CREATE INDEX ix_chat_direct_messages_pair ON chat_direct_messages (LEAST(sender_id, recipient_id), GREATEST(sender_id, recipient_id), id DESC);
CREATE INDEX ix_chat_direct_messages_unread ON chat_direct_messages (recipient_id) WHERE read_at IS NULL;
