-- A message the event bus will never take (larger than NATS's max_payload) is set aside as a dead letter
-- instead of being retried for ever: the relay publishes in order, so one such message would hold back every
-- event after it on every node. Dead letters stay for an operator to read (last_error says why, the
-- outbox_dead_letters gauge and its alert say there are some); they are not backlog.
-- Only the column: adding a nullable column rewrites nothing, while rebuilding ix_outbox_messages_unsent would
-- scan every row ever sent and hold back event writes meanwhile. That index still serves the relay (dead
-- letters are a handful among the unsent rows).
ALTER TABLE outbox_messages ADD COLUMN dead_at timestamptz NULL;
