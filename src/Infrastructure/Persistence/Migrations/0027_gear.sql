-- Gear (issue 14): the product catalog admins curate (in the categories the marketplace shares), the units
-- people own with their serials and warranties, and files: a user's (invoices, photos, warranty papers) and the
-- catalog's documents (manuals). Listings may now name the owned gear they sell.

CREATE TABLE products (
    id                    uuid           PRIMARY KEY,
    name                  varchar(200)   NOT NULL,
    category_id           uuid           NOT NULL REFERENCES categories (id),
    brand                 varchar(100)   NOT NULL,
    model                 varchar(100)   NULL,
    description           varchar(10000) NULL,
    price                 numeric(12,2)  NULL CHECK (price > 0),
    currency              char(3)        NULL,
    warranty_months       integer        NOT NULL DEFAULT 0 CHECK (warranty_months BETWEEN 0 AND 240),
    warranty_conditions   varchar(5000)  NULL,
    manufacturer_website  varchar(500)   NULL,
    specifications        jsonb          NOT NULL DEFAULT '{}',
    status                varchar(16)    NOT NULL CHECK (status IN ('active', 'discontinued')),
    created_at            timestamptz    NOT NULL,
    updated_at            timestamptz    NOT NULL,
    CHECK ((price IS NULL) = (currency IS NULL))
);
CREATE INDEX ix_products_category ON products (category_id, name);
CREATE INDEX ix_products_brand ON products (lower(brand), name);
-- Typo-tolerant search (pg_trgm, from 0005) over what people type: name, brand and model in one lower-cased text.
CREATE INDEX ix_products_search ON products USING gin ((lower(name || ' ' || brand || ' ' || coalesce(model, ''))) gin_trgm_ops);

CREATE TABLE user_products (
    id                      uuid           PRIMARY KEY,
    owner_id                uuid           NOT NULL REFERENCES users (id),
    product_id              uuid           NOT NULL REFERENCES products (id),
    version                 varchar(100)   NULL,
    serial_number           varchar(100)   NULL,
    purchase_date           date           NULL,
    purchase_price          numeric(12,2)  NULL CHECK (purchase_price > 0),
    currency                char(3)        NULL,
    warranty_expires        date           NULL,
    notes                   varchar(5000)  NULL,
    status                  varchar(16)    NOT NULL CHECK (status IN ('active', 'sold', 'broken', 'archived')),
    reminder_month_sent_at  timestamptz    NULL,
    reminder_week_sent_at   timestamptz    NULL,
    created_at              timestamptz    NOT NULL,
    updated_at              timestamptz    NOT NULL,
    CHECK ((purchase_price IS NULL) = (currency IS NULL))
);
-- One entry per owner, product and serial (entries without a serial are not duplicates of each other).
CREATE UNIQUE INDEX ux_user_products_serial ON user_products (owner_id, product_id, serial_number);
CREATE INDEX ix_user_products_owner ON user_products (owner_id, created_at DESC);
CREATE INDEX ix_user_products_warranty ON user_products (warranty_expires) WHERE status = 'active' AND warranty_expires IS NOT NULL;

CREATE TABLE gear_files (
    id               uuid          PRIMARY KEY,
    owner_id         uuid          NULL REFERENCES users (id),
    user_product_id  uuid          NULL REFERENCES user_products (id),
    product_id       uuid          NULL REFERENCES products (id),
    type             varchar(16)   NOT NULL CHECK (type IN ('manual', 'warranty', 'invoice', 'image', 'document')),
    format           varchar(8)    NOT NULL CHECK (format IN ('pdf', 'png', 'jpeg', 'webp', 'text')),
    file_name        varchar(200)  NOT NULL,
    content_type     varchar(100)  NOT NULL,
    bytes            bigint        NOT NULL CHECK (bytes > 0),
    storage_key      varchar(200)  NOT NULL,
    thumbnail_key    varchar(200)  NULL,
    page_count       integer       NULL,
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    CHECK ((user_product_id IS NULL) <> (product_id IS NULL)),
    CHECK ((user_product_id IS NULL) = (owner_id IS NULL))
);
CREATE INDEX ix_gear_files_user_product ON gear_files (user_product_id) WHERE user_product_id IS NOT NULL;
CREATE INDEX ix_gear_files_product ON gear_files (product_id) WHERE product_id IS NOT NULL;
CREATE INDEX ix_gear_files_owner ON gear_files (owner_id) WHERE owner_id IS NOT NULL;

ALTER TABLE listings ADD COLUMN user_product_id uuid NULL REFERENCES user_products (id) ON DELETE SET NULL;
