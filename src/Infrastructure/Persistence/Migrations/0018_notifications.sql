-- Notifications kept for users who were offline (issue 11): mentions, track processing, and what later
-- features send through IUserNotifier. Read ones are pruned after 90 days.
CREATE TABLE notifications (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind        varchar(40) NOT NULL,
    payload     jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    read_at     timestamptz NULL
);
CREATE INDEX ix_notifications_user ON notifications (user_id, id DESC);
CREATE INDEX ix_notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
