-- Live DJs (issue 12): a station's owner and DJs each get a source secret (only its hash kept) to
-- stream live into the station with any Icecast-compatible encoder.
ALTER TABLE radio_station_members ADD COLUMN source_secret_hash varchar(64) NULL;
