-- Tags across kinds (issue 15): one count per kind of item (tracks, listings), and usage_count their sum, computed by
-- PostgreSQL (a generated column: nothing can let it drift from the counts it sums). Listings' tags are counted from
-- now on, backfilled here. Counts are of items, whatever their visibility, as the tracks' count always was.
ALTER TABLE tags
    ADD COLUMN track_count   integer NOT NULL DEFAULT 0 CHECK (track_count >= 0),
    ADD COLUMN listing_count integer NOT NULL DEFAULT 0 CHECK (listing_count >= 0);
UPDATE tags SET track_count = usage_count;

-- Dropping the stored column drops ix_tags_usage with it; the index is made again on the generated one.
ALTER TABLE tags DROP COLUMN usage_count;
ALTER TABLE tags ADD COLUMN usage_count integer GENERATED ALWAYS AS (track_count + listing_count) STORED;
CREATE INDEX ix_tags_usage ON tags (usage_count DESC, name);

INSERT INTO tags (name, track_count, listing_count, created_at)
SELECT tag, 0, count(*), now() FROM listings, unnest(tags) AS tag GROUP BY tag
ON CONFLICT (name) DO UPDATE SET listing_count = EXCLUDED.listing_count;
