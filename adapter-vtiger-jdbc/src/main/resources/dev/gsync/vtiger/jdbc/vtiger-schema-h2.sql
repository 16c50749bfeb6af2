-- H2 (MODE=MySQL) variant of vtiger-schema-mariadb.sql, generated from it: same tables, columns and indexes;
-- index names carry their table name because H2 scopes index names per schema, not per table.
CREATE TABLE vtiger_users (
  id int NOT NULL AUTO_INCREMENT,
  user_name varchar(255) DEFAULT NULL,
  user_password varchar(200) DEFAULT NULL,
  first_name varchar(30) DEFAULT NULL,
  last_name varchar(30) DEFAULT NULL,
  is_admin varchar(3) DEFAULT '0',
  email1 varchar(100) DEFAULT NULL,
  status varchar(25) DEFAULT NULL,
  date_entered timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted int NOT NULL DEFAULT 0,
  time_zone varchar(200) DEFAULT NULL,
  date_format varchar(200) DEFAULT NULL,
  hour_format varchar(30) DEFAULT 'am/pm',
  reminder_interval varchar(100) DEFAULT NULL,
  calendarsharedtype varchar(100) DEFAULT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE vtiger_users_seq (id int NOT NULL);

CREATE TABLE vtiger_groups (
  groupid int NOT NULL,
  groupname varchar(100) DEFAULT NULL,
  description clob,
  PRIMARY KEY (groupid)
);

CREATE TABLE vtiger_crmentity (
  crmid int NOT NULL,
  smcreatorid int NOT NULL DEFAULT 0,
  smownerid int NOT NULL DEFAULT 0,
  modifiedby int NOT NULL DEFAULT 0,
  setype varchar(100) DEFAULT NULL,
  description clob,
  createdtime datetime NOT NULL,
  modifiedtime datetime NOT NULL,
  viewedtime datetime DEFAULT NULL,
  status varchar(50) DEFAULT NULL,
  version int NOT NULL DEFAULT 0,
  presence int DEFAULT 1,
  deleted int NOT NULL DEFAULT 0,
  smgroupid int DEFAULT NULL,
  source varchar(100) DEFAULT NULL,
  label varchar(255) DEFAULT NULL,
  PRIMARY KEY (crmid)
);

CREATE TABLE vtiger_crmentity_seq (id int NOT NULL);

CREATE TABLE vtiger_activity (
  activityid int NOT NULL DEFAULT 0,
  subject varchar(255) DEFAULT NULL,
  semodule varchar(20) DEFAULT NULL,
  activitytype varchar(200) NOT NULL,
  date_start date NOT NULL,
  due_date date DEFAULT NULL,
  time_start varchar(50) DEFAULT NULL,
  time_end varchar(50) DEFAULT NULL,
  sendnotification varchar(3) NOT NULL DEFAULT '0',
  duration_hours varchar(200) DEFAULT NULL,
  duration_minutes varchar(200) DEFAULT NULL,
  status varchar(200) DEFAULT NULL,
  eventstatus varchar(200) DEFAULT NULL,
  priority varchar(200) DEFAULT NULL,
  location varchar(150) DEFAULT NULL,
  notime varchar(3) NOT NULL DEFAULT '0',
  visibility varchar(50) NOT NULL DEFAULT 'all',
  recurringtype varchar(200) DEFAULT NULL,
  tags varchar(1) DEFAULT NULL,
  PRIMARY KEY (activityid),
  CONSTRAINT fk_1_vtiger_activity FOREIGN KEY (activityid) REFERENCES vtiger_crmentity (crmid) ON DELETE CASCADE
);

CREATE TABLE vtiger_activitycf (
  activityid int NOT NULL DEFAULT 0,
  PRIMARY KEY (activityid),
  CONSTRAINT fk_activityid_vtiger_activitycf FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
);

CREATE TABLE vtiger_crmentity_user_field (
  recordid int NOT NULL,
  userid int NOT NULL,
  starred varchar(100) DEFAULT NULL,
  CONSTRAINT fk_vtiger_crmentity_user_field_recordid FOREIGN KEY (recordid) REFERENCES vtiger_crmentity (crmid) ON DELETE CASCADE
);

CREATE TABLE vtiger_salesmanactivityrel (
  smid int NOT NULL DEFAULT 0,
  activityid int NOT NULL DEFAULT 0,
  PRIMARY KEY (smid, activityid),
  CONSTRAINT fk_2_vtiger_salesmanactivityrel FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
);

CREATE TABLE vtiger_seactivityrel (
  crmid int NOT NULL,
  activityid int NOT NULL,
  PRIMARY KEY (crmid, activityid),
  CONSTRAINT fk_2_vtiger_seactivityrel FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
);

CREATE TABLE vtiger_cntactivityrel (
  contactid int NOT NULL DEFAULT 0,
  activityid int NOT NULL DEFAULT 0,
  PRIMARY KEY (contactid, activityid),
  CONSTRAINT fk_2_vtiger_cntactivityrel FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
);

CREATE TABLE vtiger_invitees (
  activityid int NOT NULL,
  inviteeid int NOT NULL,
  status varchar(50) DEFAULT NULL,
  PRIMARY KEY (activityid, inviteeid)
);

CREATE TABLE vtiger_activity_reminder (
  activity_id int NOT NULL,
  reminder_time int NOT NULL,
  reminder_sent int NOT NULL,
  recurringid int NOT NULL,
  PRIMARY KEY (activity_id, recurringid),
  CONSTRAINT fk_activityid_vtiger_activity_reminder FOREIGN KEY (activity_id) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
);

CREATE TABLE vtiger_activity_reminder_popup (
  reminderid int NOT NULL AUTO_INCREMENT,
  semodule varchar(100) NOT NULL,
  recordid int NOT NULL,
  date_start date NOT NULL,
  time_start varchar(100) NOT NULL,
  status int NOT NULL,
  PRIMARY KEY (reminderid)
);

CREATE TABLE vtiger_recurringevents (
  recurringid int NOT NULL AUTO_INCREMENT,
  activityid int NOT NULL,
  recurringdate date DEFAULT NULL,
  recurringtype varchar(30) DEFAULT NULL,
  recurringfreq int DEFAULT NULL,
  recurringinfo varchar(50) DEFAULT NULL,
  recurringenddate date DEFAULT NULL,
  PRIMARY KEY (recurringid),
  CONSTRAINT fk_1_vtiger_recurringevents FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
);

CREATE TABLE vtiger_activity_recurring_info (
  activityid int NOT NULL,
  recurrenceid int NOT NULL
);

CREATE TABLE vtiger_modtracker_basic (
  id int NOT NULL,
  crmid int DEFAULT NULL,
  module varchar(50) DEFAULT NULL,
  whodid int DEFAULT NULL,
  changedon datetime DEFAULT NULL,
  status int DEFAULT 0,
  PRIMARY KEY (id)
);

CREATE TABLE vtiger_modtracker_basic_seq (id int NOT NULL);

CREATE TABLE vtiger_modtracker_detail (
  id int DEFAULT NULL,
  fieldname varchar(100) DEFAULT NULL,
  prevalue clob,
  postvalue clob
);

CREATE INDEX vtiger_users_user_user_name_idx ON vtiger_users (user_name);

CREATE INDEX vtiger_users_user_user_password_idx ON vtiger_users (user_password);

CREATE UNIQUE INDEX vtiger_groups_groups_groupname_idx ON vtiger_groups (groupname);

CREATE INDEX vtiger_crmentity_crmentity_smcreatorid_idx ON vtiger_crmentity (smcreatorid);

CREATE INDEX vtiger_crmentity_crmentity_modifiedby_idx ON vtiger_crmentity (modifiedby);

CREATE INDEX vtiger_crmentity_crmentity_deleted_idx ON vtiger_crmentity (deleted);

CREATE INDEX vtiger_crmentity_crm_ownerid_del_setype_idx ON vtiger_crmentity (smownerid, deleted, setype);

CREATE INDEX vtiger_crmentity_vtiger_crmentity_labelidx ON vtiger_crmentity (label);

CREATE INDEX vtiger_activity_activity_activityid_subject_idx ON vtiger_activity (activityid, subject);

CREATE INDEX vtiger_activity_activity_activitytype_date_start_idx ON vtiger_activity (activitytype, date_start);

CREATE INDEX vtiger_activity_activity_date_start_due_date_idx ON vtiger_activity (date_start, due_date);

CREATE INDEX vtiger_activity_activity_date_start_time_start_idx ON vtiger_activity (date_start, time_start);

CREATE INDEX vtiger_activity_activity_eventstatus_idx ON vtiger_activity (eventstatus);

CREATE INDEX vtiger_activity_activity_status_idx ON vtiger_activity (status);

CREATE INDEX vtiger_crmentity_user_field_record_user_idx ON vtiger_crmentity_user_field (recordid, userid);

CREATE INDEX vtiger_salesmanactivityrel_salesmanactivityrel_activityid_idx ON vtiger_salesmanactivityrel (activityid);

CREATE INDEX vtiger_salesmanactivityrel_salesmanactivityrel_smid_idx ON vtiger_salesmanactivityrel (smid);

CREATE INDEX vtiger_seactivityrel_seactivityrel_activityid_idx ON vtiger_seactivityrel (activityid);

CREATE INDEX vtiger_seactivityrel_seactivityrel_crmid_idx ON vtiger_seactivityrel (crmid);

CREATE INDEX vtiger_cntactivityrel_cntactivityrel_activityid_idx ON vtiger_cntactivityrel (activityid);

CREATE INDEX vtiger_cntactivityrel_cntactivityrel_contactid_idx ON vtiger_cntactivityrel (contactid);

CREATE INDEX vtiger_recurringevents_fk_1_vtiger_recurringevents ON vtiger_recurringevents (activityid);

CREATE INDEX vtiger_modtracker_basic_crmidx ON vtiger_modtracker_basic (crmid);

CREATE INDEX vtiger_modtracker_basic_idx ON vtiger_modtracker_basic (id);

CREATE INDEX vtiger_modtracker_detail_idx ON vtiger_modtracker_detail (id);

INSERT INTO vtiger_crmentity_seq (id) VALUES (0);

INSERT INTO vtiger_modtracker_basic_seq (id) VALUES (0);

INSERT INTO vtiger_users_seq (id) VALUES (1);

INSERT INTO vtiger_users (id, user_name, first_name, last_name, is_admin, email1, status, time_zone)
  VALUES (1, 'admin', '', 'Administrator', 'on', 'admin@example.com', 'Active', 'UTC');
