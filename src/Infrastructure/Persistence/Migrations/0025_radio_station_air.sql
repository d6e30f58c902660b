-- Which node conducts each station on air (issue 12: a node that dies hands its stations to another).
-- The conductor holds a lease it renews; it alone cues tracks (so history, requests and plays are written
-- once), and it publishes what is on air so other nodes' encoders follow the same track from the same
-- moment. A lease that lapses while a station is on air is taken over by another node.
CREATE TABLE radio_station_air (
    station_id      uuid         PRIMARY KEY REFERENCES radio_stations (id) ON DELETE CASCADE,
    node            varchar(64)  NOT NULL,
    lease_until     timestamptz  NOT NULL,
    on_air          jsonb        NULL,
    skip_requested  boolean      NOT NULL DEFAULT false
);
CREATE INDEX ix_radio_station_air_lease ON radio_station_air (lease_until);
