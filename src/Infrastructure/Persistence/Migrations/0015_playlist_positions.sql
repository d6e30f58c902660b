-- A playlist's positions are 0..n-1, each once (docs/decisions/0023). The aggregate keeps them so and
-- rewrites the positions it moves in one save; the check is deferred to commit, since rows renumbered
-- one by one pass through states where two share a position.
ALTER TABLE playlist_tracks
    ADD CONSTRAINT ux_playlist_tracks_position UNIQUE (playlist_id, position) DEFERRABLE INITIALLY DEFERRED;
