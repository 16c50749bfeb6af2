-- A mass deletion held back for the user to confirm or discard (rule RH in docs/architecture.md): at most one per
-- user, its items as JSON (HeldDeletionText), since they are only ever read and replaced whole.

CREATE TABLE ${prefix}held_deletion (
    user_id VARCHAR(128)  NOT NULL,
    held_at BIGINT        NOT NULL,
    reason  VARCHAR(4000) NOT NULL,
    items   ${longText}   NOT NULL,
    PRIMARY KEY (user_id)
)${tableOptions};
