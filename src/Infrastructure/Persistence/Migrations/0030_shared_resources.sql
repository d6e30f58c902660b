-- Shared resources (issue 15): files musicians share (samples, presets, stems, projects, documents) with numbered
-- versions, grants per user, and downloads counted once per user, version and day. Searchable like the other kinds
-- (a generated search_vector, 0028) and tagged like tracks and listings (tags.resource_count, 0029).
CREATE TABLE shared_resources (
    id               uuid           PRIMARY KEY,
    owner_id         uuid           NOT NULL REFERENCES users (id),
    title            varchar(120)   NOT NULL,
    description      varchar(5000)  NULL,
    kind             varchar(16)    NOT NULL CHECK (kind IN ('sample', 'preset', 'stem', 'project', 'document', 'other')),
    tags             text[]         NOT NULL DEFAULT '{}',
    visibility       varchar(10)    NOT NULL CHECK (visibility IN ('public', 'private', 'shared')),
    latest_version   integer        NOT NULL CHECK (latest_version >= 1),
    versions_created integer        NOT NULL CHECK (versions_created >= latest_version),
    download_count   bigint         NOT NULL DEFAULT 0 CHECK (download_count >= 0),
    hidden_at        timestamptz    NULL,
    hidden_reason    varchar(500)   NULL,
    created_at       timestamptz    NOT NULL,
    updated_at       timestamptz    NOT NULL,
    search_vector    tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('veza_search', title), 'A')
        || setweight(to_tsvector('veza_search', veza_words(tags) || ' ' || kind), 'B')
        || setweight(to_tsvector('veza_search', coalesce(description, '')), 'C')) STORED
);
CREATE INDEX ix_shared_resources_owner ON shared_resources (owner_id, created_at DESC);
CREATE INDEX ix_shared_resources_public_new ON shared_resources (created_at DESC, id DESC) WHERE visibility = 'public' AND hidden_at IS NULL;
CREATE INDEX ix_shared_resources_tags ON shared_resources USING gin (tags);
CREATE INDEX ix_shared_resources_search ON shared_resources USING gin (search_vector);
CREATE INDEX ix_shared_resources_title_trgm ON shared_resources USING gin (veza_fold(title) gin_trgm_ops);

CREATE TABLE shared_resource_versions (
    resource_id       uuid           NOT NULL REFERENCES shared_resources (id) ON DELETE CASCADE,
    number            integer        NOT NULL CHECK (number >= 1),
    storage_key       varchar(200)   NOT NULL,
    file_name         varchar(200)   NOT NULL,
    format            varchar(16)    NOT NULL,
    content_type      varchar(100)   NOT NULL,
    bytes             bigint         NOT NULL CHECK (bytes > 0),
    sha256            char(64)       NOT NULL,
    changelog         varchar(2000)  NULL,
    created_by        uuid           NOT NULL,
    created_at        timestamptz    NOT NULL,
    duration_seconds  double precision NULL,
    waveform_key      varchar(220)   NULL,
    PRIMARY KEY (resource_id, number)
);

CREATE TABLE shared_resource_permissions (
    resource_id  uuid         NOT NULL REFERENCES shared_resources (id) ON DELETE CASCADE,
    user_id      uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    level        varchar(10)  NOT NULL CHECK (level IN ('view', 'download', 'edit')),
    granted_at   timestamptz  NOT NULL,
    PRIMARY KEY (resource_id, user_id)
);
-- "Shared with me" and the visibility check walk grants by user.
CREATE INDEX ix_shared_resource_permissions_user ON shared_resource_permissions (user_id, resource_id);

-- One row per user, version and day a download was counted: the primary key is what makes it once.
CREATE TABLE shared_resource_downloads (
    resource_id  uuid     NOT NULL REFERENCES shared_resources (id) ON DELETE CASCADE,
    version      integer  NOT NULL,
    user_id      uuid     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day          date     NOT NULL,
    PRIMARY KEY (resource_id, version, user_id, day)
);

ALTER TABLE tags ADD COLUMN resource_count integer NOT NULL DEFAULT 0 CHECK (resource_count >= 0);
ALTER TABLE tags DROP COLUMN usage_count;
ALTER TABLE tags ADD COLUMN usage_count integer GENERATED ALWAYS AS (track_count + listing_count + resource_count) STORED;
CREATE INDEX ix_tags_usage ON tags (usage_count DESC, name);
