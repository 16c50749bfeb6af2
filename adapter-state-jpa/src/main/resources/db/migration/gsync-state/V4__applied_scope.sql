-- What each user's last successful run applied (issue 9): the scope-relevant settings as text, so a run after a
-- settings change re-examines everything, and the last day the horizon reached, so later runs read only the days
-- that entered it. Numbered 4 to stay clear of a parallel V3.

CREATE TABLE ${prefix}applied_scope (
    user_id     VARCHAR(128) NOT NULL,
    settings    ${longText}  NOT NULL,
    horizon_end VARCHAR(10)  NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (user_id)
)${tableOptions};
