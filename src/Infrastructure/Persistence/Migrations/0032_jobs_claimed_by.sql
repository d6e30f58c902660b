-- Which node holds (or last held) a job: an operator looking at a stuck or failed job, or at what a
-- node was doing when it died, needs the node's name; a new claim overwrites it. As long as radio leases' node
-- column: NodeIdentity keeps ids within it.
ALTER TABLE jobs ADD COLUMN claimed_by varchar(64) NULL;
