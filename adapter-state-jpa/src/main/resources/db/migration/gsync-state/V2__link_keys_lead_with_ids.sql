-- Link keys lead with the id column: H2 seeks an IN list only on an index's first column (with user_id first it
-- read all of a user's links for every lookup); MariaDB serves "user_id = ? AND crm_id IN (...)" from
-- (crm_id, user_id) as well. user_id alone gets its own index. Settings bodies may outgrow 4000 characters
-- (many calendars). Tables are rebuilt and renamed because ALTER of keys and types is not portable.

CREATE TABLE ${prefix}link_v2 (
    user_id        VARCHAR(128)  NOT NULL,
    crm_id         VARCHAR(512)  NOT NULL,
    google_id      VARCHAR(512)  NOT NULL,
    kind           VARCHAR(8)    NOT NULL,
    origin         VARCHAR(8)    NOT NULL,
    crm_version    VARCHAR(1024) NOT NULL,
    google_version VARCHAR(1024) NOT NULL,
    crm_base       VARCHAR(2000) NOT NULL,
    google_base    VARCHAR(2000) NOT NULL,
    PRIMARY KEY (crm_id, user_id),
    CONSTRAINT ${prefix}link_google_key UNIQUE (google_id, user_id)
)${tableOptions};

INSERT INTO ${prefix}link_v2 (user_id, crm_id, google_id, kind, origin, crm_version, google_version, crm_base, google_base)
    SELECT user_id, crm_id, google_id, kind, origin, crm_version, google_version, crm_base, google_base FROM ${prefix}link;

DROP TABLE ${prefix}link;

ALTER TABLE ${prefix}link_v2 RENAME TO ${prefix}link;

CREATE INDEX ${prefix}link_user ON ${prefix}link (user_id);

CREATE TABLE ${prefix}settings_v2 (
    user_id    VARCHAR(128) NOT NULL,
    body       ${longText}  NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (user_id)
)${tableOptions};

INSERT INTO ${prefix}settings_v2 (user_id, body, updated_at) SELECT user_id, body, updated_at FROM ${prefix}settings;

DROP TABLE ${prefix}settings;

ALTER TABLE ${prefix}settings_v2 RENAME TO ${prefix}settings;
