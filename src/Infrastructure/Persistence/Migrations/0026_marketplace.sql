-- Marketplace (issue 13): one category tree (shared with the gear catalog), listings with their images and
-- watchers, offers negotiated in turns with their history, the transactions accepted offers open, and ratings.
-- Money is numeric(12,2) with an ISO 4217 code; nothing here ever moves it.

CREATE TABLE categories (
    id          uuid         PRIMARY KEY,
    parent_id   uuid         NULL REFERENCES categories (id),
    name        varchar(60)  NOT NULL,
    slug        varchar(60)  NOT NULL,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL
);
CREATE UNIQUE INDEX ux_categories_slug ON categories (slug);
CREATE INDEX ix_categories_parent ON categories (parent_id);

-- The starting tree. Fixed ids, so the gear catalog's seed and tests can name them.
INSERT INTO categories (id, parent_id, name, slug, created_at, updated_at) VALUES
    ('0193a000-0000-7000-8000-000000000100', NULL, 'Instruments', 'instruments', now(), now()),
    ('0193a000-0000-7000-8000-000000000101', '0193a000-0000-7000-8000-000000000100', 'Guitars', 'guitars', now(), now()),
    ('0193a000-0000-7000-8000-000000000102', '0193a000-0000-7000-8000-000000000100', 'Basses', 'basses', now(), now()),
    ('0193a000-0000-7000-8000-000000000103', '0193a000-0000-7000-8000-000000000100', 'Keyboards and synths', 'keyboards-and-synths', now(), now()),
    ('0193a000-0000-7000-8000-000000000104', '0193a000-0000-7000-8000-000000000100', 'Drums', 'drums', now(), now()),
    ('0193a000-0000-7000-8000-000000000200', NULL, 'Studio', 'studio', now(), now()),
    ('0193a000-0000-7000-8000-000000000201', '0193a000-0000-7000-8000-000000000200', 'Audio interfaces', 'audio-interfaces', now(), now()),
    ('0193a000-0000-7000-8000-000000000202', '0193a000-0000-7000-8000-000000000200', 'Microphones', 'microphones', now(), now()),
    ('0193a000-0000-7000-8000-000000000203', '0193a000-0000-7000-8000-000000000200', 'Monitors', 'monitors', now(), now()),
    ('0193a000-0000-7000-8000-000000000204', '0193a000-0000-7000-8000-000000000200', 'Headphones', 'headphones', now(), now()),
    ('0193a000-0000-7000-8000-000000000205', '0193a000-0000-7000-8000-000000000200', 'Outboard', 'outboard', now(), now()),
    ('0193a000-0000-7000-8000-000000000300', NULL, 'Software', 'software', now(), now()),
    ('0193a000-0000-7000-8000-000000000301', '0193a000-0000-7000-8000-000000000300', 'Plugins', 'plugins', now(), now()),
    ('0193a000-0000-7000-8000-000000000302', '0193a000-0000-7000-8000-000000000300', 'Sample packs', 'sample-packs', now(), now()),
    ('0193a000-0000-7000-8000-000000000400', NULL, 'Music', 'music', now(), now()),
    ('0193a000-0000-7000-8000-000000000401', '0193a000-0000-7000-8000-000000000400', 'Track licences', 'track-licences', now(), now());

CREATE TABLE listings (
    id             uuid           PRIMARY KEY,
    seller_id      uuid           NOT NULL REFERENCES users (id),
    title          varchar(120)   NOT NULL,
    description    varchar(5000)  NULL,
    kind           varchar(16)    NOT NULL CHECK (kind IN ('sale', 'trade', 'sale_or_trade')),
    price          numeric(12,2)  NULL CHECK (price > 0),
    currency       char(3)        NULL,
    condition      varchar(16)    NOT NULL CHECK (condition IN ('new', 'like_new', 'good', 'fair', 'for_parts')),
    category_id    uuid           NOT NULL REFERENCES categories (id),
    tags           text[]         NOT NULL DEFAULT '{}',
    location       varchar(100)   NULL,
    track_id       uuid           NULL REFERENCES tracks (id) ON DELETE SET NULL,
    status         varchar(16)    NOT NULL CHECK (status IN ('draft', 'active', 'reserved', 'sold', 'archived')),
    hidden_at      timestamptz    NULL,
    hidden_reason  varchar(500)   NULL,
    created_at     timestamptz    NOT NULL,
    updated_at     timestamptz    NOT NULL,
    published_at   timestamptz    NULL,
    expires_at     timestamptz    NULL,
    CHECK ((price IS NULL) = (currency IS NULL)),
    CHECK (kind = 'trade' OR price IS NOT NULL)
);
-- The market as buyers browse it: what is on sale (active, not hidden), by category and price, or newest first.
CREATE INDEX ix_listings_market_category_price ON listings (category_id, price, id) WHERE status = 'active' AND hidden_at IS NULL;
CREATE INDEX ix_listings_market_price ON listings (price, id) WHERE status = 'active' AND hidden_at IS NULL;
CREATE INDEX ix_listings_market_published ON listings (published_at DESC, id DESC) WHERE status = 'active' AND hidden_at IS NULL;
CREATE INDEX ix_listings_market_expires ON listings (expires_at, id) WHERE status = 'active' AND hidden_at IS NULL;
CREATE INDEX ix_listings_seller ON listings (seller_id, created_at DESC);
CREATE INDEX ix_listings_tags ON listings USING gin (tags);

CREATE TABLE listing_images (
    id          uuid         PRIMARY KEY,
    listing_id  uuid         NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    position    integer      NOT NULL,
    width       integer      NOT NULL,
    height      integer      NOT NULL,
    created_at  timestamptz  NOT NULL
);
CREATE INDEX ix_listing_images_listing ON listing_images (listing_id, position);

CREATE TABLE listing_watches (
    user_id     uuid         NOT NULL REFERENCES users (id),
    listing_id  uuid         NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    created_at  timestamptz  NOT NULL,
    PRIMARY KEY (user_id, listing_id)
);
CREATE INDEX ix_listing_watches_listing ON listing_watches (listing_id);

CREATE TABLE offers (
    id                   uuid           PRIMARY KEY,
    listing_id           uuid           NOT NULL REFERENCES listings (id),
    buyer_id             uuid           NOT NULL REFERENCES users (id),
    seller_id            uuid           NOT NULL REFERENCES users (id),
    status               varchar(16)    NOT NULL CHECK (status IN ('pending', 'countered', 'accepted', 'rejected', 'withdrawn', 'expired')),
    amount               numeric(12,2)  NULL,
    currency             char(3)        NULL,
    offered_listing_ids  uuid[]         NOT NULL DEFAULT '{}',
    turn                 varchar(8)     NOT NULL CHECK (turn IN ('buyer', 'seller')),
    expires_at           timestamptz    NOT NULL,
    transaction_id       uuid           NULL,
    closed_reason        varchar(1000)  NULL,
    created_at           timestamptz    NOT NULL,
    updated_at           timestamptz    NOT NULL
);
-- One open negotiation per buyer and listing.
CREATE UNIQUE INDEX ux_offers_open_per_buyer ON offers (listing_id, buyer_id) WHERE status IN ('pending', 'countered');
CREATE INDEX ix_offers_listing ON offers (listing_id);
CREATE INDEX ix_offers_offered_listings ON offers USING gin (offered_listing_ids);
CREATE INDEX ix_offers_buyer ON offers (buyer_id, updated_at DESC);
CREATE INDEX ix_offers_seller ON offers (seller_id, updated_at DESC);

CREATE TABLE offer_moves (
    id                   uuid           PRIMARY KEY,
    offer_id             uuid           NOT NULL REFERENCES offers (id) ON DELETE CASCADE,
    sequence             integer        NOT NULL,
    kind                 varchar(16)    NOT NULL CHECK (kind IN ('offer', 'counter', 'accept', 'reject', 'withdraw', 'expire')),
    by_party             varchar(8)     NULL CHECK (by_party IN ('buyer', 'seller')),
    amount               numeric(12,2)  NULL,
    currency             char(3)        NULL,
    offered_listing_ids  uuid[]         NOT NULL DEFAULT '{}',
    message              varchar(1000)  NULL,
    created_at           timestamptz    NOT NULL,
    UNIQUE (offer_id, sequence)
);

CREATE TABLE market_transactions (
    id                          uuid           PRIMARY KEY,
    offer_id                    uuid           NOT NULL UNIQUE REFERENCES offers (id),
    listing_id                  uuid           NOT NULL REFERENCES listings (id),
    buyer_id                    uuid           NOT NULL REFERENCES users (id),
    seller_id                   uuid           NOT NULL REFERENCES users (id),
    amount                      numeric(12,2)  NULL,
    currency                    char(3)        NULL,
    bartered_listing_ids        uuid[]         NOT NULL DEFAULT '{}',
    status                      varchar(16)    NOT NULL CHECK (status IN ('open', 'shipped', 'completed', 'cancelled')),
    shipped_at                  timestamptz    NULL,
    completed_at                timestamptz    NULL,
    cancelled_at                timestamptz    NULL,
    buyer_cancel_requested_at   timestamptz    NULL,
    seller_cancel_requested_at  timestamptz    NULL,
    created_at                  timestamptz    NOT NULL,
    updated_at                  timestamptz    NOT NULL
);
CREATE INDEX ix_market_transactions_buyer ON market_transactions (buyer_id, created_at DESC);
CREATE INDEX ix_market_transactions_seller ON market_transactions (seller_id, created_at DESC);

CREATE TABLE ratings (
    id              uuid           PRIMARY KEY,
    transaction_id  uuid           NOT NULL REFERENCES market_transactions (id) ON DELETE CASCADE,
    rater_id        uuid           NOT NULL REFERENCES users (id),
    ratee_id        uuid           NOT NULL REFERENCES users (id),
    score           smallint       NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment         varchar(1000)  NULL,
    created_at      timestamptz    NOT NULL,
    UNIQUE (transaction_id, rater_id)
);
CREATE INDEX ix_ratings_ratee ON ratings (ratee_id, created_at DESC);
