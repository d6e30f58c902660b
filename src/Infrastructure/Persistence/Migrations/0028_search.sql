-- Search (issue 15): one weighted full-text vector per searchable kind (title A, tags B, description C), kept
-- by PostgreSQL itself (generated columns), so a change is searchable in the transaction that made it. The
-- veza_search configuration is 'simple' (names and titles are not stemmed) with accents folded by unaccent, so
-- "beyonce" matches "Beyoncé" and ts_headline marks "Beyoncé" in the original text. Trigram indexes on the
-- folded titles catch typos. Queries are recorded for analytics, without who asked.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TEXT SEARCH CONFIGURATION veza_search (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION veza_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

-- unaccent() is only STABLE (its dictionary could change); generated columns and indexes need IMMUTABLE. The
-- dictionary is named explicitly, so the wrapper's result depends on its argument alone.
CREATE FUNCTION veza_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

-- array_to_string() is only STABLE (element output functions in general); for text[] it depends on its
-- argument alone.
CREATE FUNCTION veza_words(value text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT array_to_string(value, ' ') $$;

ALTER TABLE tracks ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('veza_search', (title)), 'A')
    || setweight(to_tsvector('veza_search', (coalesce(credited_artist, '') || ' ' || veza_words(tags) || ' ' || coalesce(genre, ''))), 'B')
    || setweight(to_tsvector('veza_search', (coalesce(description, ''))), 'C')) STORED;
CREATE INDEX ix_tracks_search ON tracks USING gin (search_vector);
CREATE INDEX ix_tracks_title_trgm ON tracks USING gin (veza_fold(title) gin_trgm_ops);

ALTER TABLE users ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('veza_search', (username || ' ' || coalesce(display_name, ''))), 'A')
    || setweight(to_tsvector('veza_search', (coalesce(bio, ''))), 'C')) STORED;
CREATE INDEX ix_users_search ON users USING gin (search_vector);
CREATE INDEX ix_users_name_trgm ON users USING gin (veza_fold(username || ' ' || coalesce(display_name, '')) gin_trgm_ops);

ALTER TABLE playlists ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('veza_search', (title)), 'A')
    || setweight(to_tsvector('veza_search', (coalesce(description, ''))), 'C')) STORED;
CREATE INDEX ix_playlists_search ON playlists USING gin (search_vector);
CREATE INDEX ix_playlists_title_trgm ON playlists USING gin (veza_fold(title) gin_trgm_ops);

ALTER TABLE listings ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('veza_search', (title)), 'A')
    || setweight(to_tsvector('veza_search', (veza_words(tags))), 'B')
    || setweight(to_tsvector('veza_search', (coalesce(description, ''))), 'C')) STORED;
CREATE INDEX ix_listings_search ON listings USING gin (search_vector);
CREATE INDEX ix_listings_title_trgm ON listings USING gin (veza_fold(title) gin_trgm_ops);

ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('veza_search', (name)), 'A')
    || setweight(to_tsvector('veza_search', (brand || ' ' || coalesce(model, ''))), 'B')
    || setweight(to_tsvector('veza_search', (coalesce(description, ''))), 'C')) STORED;
CREATE INDEX ix_products_fts ON products USING gin (search_vector);
CREATE INDEX ix_products_name_trgm ON products USING gin (veza_fold(name) gin_trgm_ops);

ALTER TABLE chat_rooms ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('veza_search', (name)), 'A')
    || setweight(to_tsvector('veza_search', (coalesce(description, ''))), 'C')) STORED;
CREATE INDEX ix_chat_rooms_search ON chat_rooms USING gin (search_vector);
CREATE INDEX ix_chat_rooms_name_trgm ON chat_rooms USING gin (veza_fold(name) gin_trgm_ops);

-- Autocomplete: folded prefixes through pattern-ops b-trees, on exactly the expressions the queries compare.
CREATE INDEX ix_tracks_title_prefix ON tracks (veza_fold(title) text_pattern_ops) WHERE visibility = 'public' AND status = 'ready' AND hidden_at IS NULL;
CREATE INDEX ix_products_name_prefix ON products (veza_fold(name) text_pattern_ops) WHERE status = 'active';

CREATE TABLE search_queries (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query         varchar(100) NOT NULL,
    types         varchar(100) NOT NULL,
    result_count  integer      NOT NULL,
    created_at    timestamptz  NOT NULL
);
CREATE INDEX ix_search_queries_created ON search_queries (created_at);
