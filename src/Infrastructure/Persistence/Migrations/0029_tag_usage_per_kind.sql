-- Tags across kinds (issue 15): usage_count becomes the count over every kind of item, with one column per kind
-- beside it; listings' tags are counted from now on (and backfilled here). Counts are of items, whatever their
-- visibility, as the tracks' count always was.
ALTER TABLE tags
    ADD COLUMN track_count   integer NOT NULL DEFAULT 0 CHECK (track_count >= 0),
    ADD COLUMN listing_count integer NOT NULL DEFAULT 0 CHECK (listing_count >= 0);
UPDATE tags SET track_count = usage_count;

INSERT INTO tags (name, usage_count, track_count, listing_count, created_at)
SELECT tag, count(*), 0, count(*), now() FROM listings, unnest(tags) AS tag GROUP BY tag
ON CONFLICT (name) DO UPDATE SET listing_count = EXCLUDED.listing_count, usage_count = tags.usage_count + EXCLUDED.listing_count;
