-- A message the event bus will never take (larger than NATS's max_payload) is set aside as a dead letter
-- instead of being retried for ever: the relay publishes in order, so one such message would hold back every
-- event after it on every node. Dead letters stay for an operator to read (last_error says why, the
-- outbox_dead_letters gauge and its alert say there are some); they are not backlog.
ALTER TABLE outbox_messages ADD COLUMN dead_at timestamptz NULL;
DROP INDEX ix_outbox_messages_unsent;
CREATE INDEX ix_outbox_messages_unsent ON outbox_messages (id) WHERE sent_at IS NULL AND dead_at IS NULL;
