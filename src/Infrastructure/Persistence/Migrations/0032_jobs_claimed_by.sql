-- Which node holds (or last held) a job: an operator looking at a stuck or failed job, or at what a
-- node was doing when it died, needs the node's name; a new claim overwrites it.
ALTER TABLE jobs ADD COLUMN claimed_by varchar(200) NULL;
