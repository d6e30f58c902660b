-- Background jobs: claimed with FOR UPDATE SKIP LOCKED by the workers of every node. A claim takes a
-- lease; a node that dies leaves the lease to expire and another node takes the job again.
CREATE TABLE jobs (
    id           uuid PRIMARY KEY,
    kind         varchar(100) NOT NULL,
    payload      jsonb        NOT NULL,
    state        varchar(16)  NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'running', 'succeeded', 'dead')),
    attempts     integer      NOT NULL DEFAULT 0,
    run_after    timestamptz  NOT NULL,
    lease_until  timestamptz  NULL,
    last_error   text         NULL,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    completed_at timestamptz  NULL
);
-- What a worker scans: per kind, work that is due or whose lease ran out.
CREATE INDEX ix_jobs_claimable ON jobs (kind, run_after) WHERE state IN ('pending', 'running');

-- Integration events a consumer has handled, so a redelivery (relay retry, broker redelivery, a
-- second node) does nothing twice. Written in the consumer's own transaction.
CREATE TABLE inbox_messages (
    message_id  uuid         NOT NULL,
    consumer    varchar(200) NOT NULL,
    event_type  varchar(100) NOT NULL,
    handled_at  timestamptz  NOT NULL,
    PRIMARY KEY (message_id, consumer)
);
CREATE INDEX ix_inbox_messages_handled_at ON inbox_messages (handled_at);
