-- gsync sync state. Every name carries ${prefix} so several installations (or a test next to production) can
-- share one database, e.g. vtiger's own. Times are epoch milliseconds in BIGINT: portable, no zone surprises.
-- Ids are VARCHAR(512) and user ids VARCHAR(128) so that the composite keys stay under InnoDB's 3072-byte limit
-- in utf8mb4.

CREATE TABLE ${prefix}settings (
    user_id    VARCHAR(128)  NOT NULL,
    body       VARCHAR(4000) NOT NULL,
    updated_at BIGINT        NOT NULL,
    PRIMARY KEY (user_id)
)${tableOptions};

CREATE TABLE ${prefix}cursor (
    user_id      VARCHAR(128) NOT NULL,
    side         VARCHAR(8)   NOT NULL,
    cursor_value ${longText}  NOT NULL,
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (user_id, side)
)${tableOptions};

CREATE TABLE ${prefix}link (
    user_id        VARCHAR(128)  NOT NULL,
    crm_id         VARCHAR(512)  NOT NULL,
    google_id      VARCHAR(512)  NOT NULL,
    kind           VARCHAR(8)    NOT NULL,
    origin         VARCHAR(8)    NOT NULL,
    crm_version    VARCHAR(1024) NOT NULL,
    google_version VARCHAR(1024) NOT NULL,
    crm_base       VARCHAR(2000) NOT NULL,
    google_base    VARCHAR(2000) NOT NULL,
    PRIMARY KEY (user_id, crm_id),
    CONSTRAINT ${prefix}link_google_uq UNIQUE (user_id, google_id)
)${tableOptions};

CREATE TABLE ${prefix}pending (
    user_id VARCHAR(128) NOT NULL,
    side    VARCHAR(8)   NOT NULL,
    item_id VARCHAR(512) NOT NULL,
    PRIMARY KEY (user_id, side, item_id)
)${tableOptions};

-- sealed = "v1:" + base64(12-byte nonce || AES-256-GCM ciphertext and tag); key_id names the key that sealed it
CREATE TABLE ${prefix}credential (
    user_id    VARCHAR(128) NOT NULL,
    name       VARCHAR(128) NOT NULL,
    key_id     VARCHAR(16)  NOT NULL,
    sealed     ${longText}  NOT NULL,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (user_id, name)
)${tableOptions};

-- reauth_reason set = the user must authorise Google access again
CREATE TABLE ${prefix}user_status (
    user_id       VARCHAR(128)  NOT NULL,
    last_run_at   BIGINT,
    last_error    VARCHAR(4000),
    reauth_reason VARCHAR(1000),
    last_counts   VARCHAR(4000) NOT NULL,
    updated_at    BIGINT        NOT NULL,
    PRIMARY KEY (user_id)
)${tableOptions};

-- one row per sync run of a user: the audit trail, pruned by the retention limits
CREATE TABLE ${prefix}run (
    run_id      VARCHAR(36)   NOT NULL,
    user_id     VARCHAR(128)  NOT NULL,
    started_at  BIGINT        NOT NULL,
    finished_at BIGINT        NOT NULL,
    counts      VARCHAR(4000) NOT NULL,
    report      ${longText}   NOT NULL,
    PRIMARY KEY (run_id)
)${tableOptions};

CREATE INDEX ${prefix}run_user_started ON ${prefix}run (user_id, started_at);
CREATE INDEX ${prefix}run_started ON ${prefix}run (started_at);
