-- A faithful subset of vtiger 8.4's calendar tables (columns, keys and indexes as read from information_schema
-- of a running 8.4 install: see vtiger-8.4-calendar-columns.tsv / -indexes.tsv). utf8 = utf8mb3, as vtiger.
-- Statements are separated by a line holding only ';'-terminated statements; comments start with '--'.

CREATE TABLE vtiger_users (
  id int(11) NOT NULL AUTO_INCREMENT,
  user_name varchar(255) DEFAULT NULL,
  user_password varchar(200) DEFAULT NULL,
  first_name varchar(30) DEFAULT NULL,
  last_name varchar(30) DEFAULT NULL,
  is_admin varchar(3) DEFAULT '0',
  email1 varchar(100) DEFAULT NULL,
  status varchar(25) DEFAULT NULL,
  date_entered timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted int(1) NOT NULL DEFAULT 0,
  time_zone varchar(200) DEFAULT NULL,
  date_format varchar(200) DEFAULT NULL,
  hour_format varchar(30) DEFAULT 'am/pm',
  reminder_interval varchar(100) DEFAULT NULL,
  calendarsharedtype varchar(100) DEFAULT NULL,
  PRIMARY KEY (id),
  KEY user_user_name_idx (user_name),
  KEY user_user_password_idx (user_password)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_users_seq (id int(11) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_groups (
  groupid int(19) NOT NULL,
  groupname varchar(100) DEFAULT NULL,
  description text,
  PRIMARY KEY (groupid),
  UNIQUE KEY groups_groupname_idx (groupname)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_crmentity (
  crmid int(19) NOT NULL,
  smcreatorid int(19) NOT NULL DEFAULT 0,
  smownerid int(19) NOT NULL DEFAULT 0,
  modifiedby int(19) NOT NULL DEFAULT 0,
  setype varchar(100) DEFAULT NULL,
  description mediumtext,
  createdtime datetime NOT NULL,
  modifiedtime datetime NOT NULL,
  viewedtime datetime DEFAULT NULL,
  status varchar(50) DEFAULT NULL,
  version int(19) NOT NULL DEFAULT 0,
  presence int(1) DEFAULT 1,
  deleted int(1) NOT NULL DEFAULT 0,
  smgroupid int(19) DEFAULT NULL,
  source varchar(100) DEFAULT NULL,
  label varchar(255) DEFAULT NULL,
  PRIMARY KEY (crmid),
  KEY crmentity_smcreatorid_idx (smcreatorid),
  KEY crmentity_modifiedby_idx (modifiedby),
  KEY crmentity_deleted_idx (deleted),
  KEY crm_ownerid_del_setype_idx (smownerid, deleted, setype),
  KEY vtiger_crmentity_labelidx (label)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_crmentity_seq (id int(11) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_activity (
  activityid int(19) NOT NULL DEFAULT 0,
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
  KEY activity_activityid_subject_idx (activityid, subject),
  KEY activity_activitytype_date_start_idx (activitytype, date_start),
  KEY activity_date_start_due_date_idx (date_start, due_date),
  KEY activity_date_start_time_start_idx (date_start, time_start),
  KEY activity_eventstatus_idx (eventstatus),
  KEY activity_status_idx (status),
  CONSTRAINT fk_1_vtiger_activity FOREIGN KEY (activityid) REFERENCES vtiger_crmentity (crmid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_activitycf (
  activityid int(19) NOT NULL DEFAULT 0,
  PRIMARY KEY (activityid),
  CONSTRAINT fk_activityid_vtiger_activitycf FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_crmentity_user_field (
  recordid int(19) NOT NULL,
  userid int(19) NOT NULL,
  starred varchar(100) DEFAULT NULL,
  KEY record_user_idx (recordid, userid),
  CONSTRAINT fk_vtiger_crmentity_user_field_recordid FOREIGN KEY (recordid) REFERENCES vtiger_crmentity (crmid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_salesmanactivityrel (
  smid int(19) NOT NULL DEFAULT 0,
  activityid int(19) NOT NULL DEFAULT 0,
  PRIMARY KEY (smid, activityid),
  KEY salesmanactivityrel_activityid_idx (activityid),
  KEY salesmanactivityrel_smid_idx (smid),
  CONSTRAINT fk_2_vtiger_salesmanactivityrel FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_seactivityrel (
  crmid int(19) NOT NULL,
  activityid int(19) NOT NULL,
  PRIMARY KEY (crmid, activityid),
  KEY seactivityrel_activityid_idx (activityid),
  KEY seactivityrel_crmid_idx (crmid),
  CONSTRAINT fk_2_vtiger_seactivityrel FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- vtiger's FK to vtiger_contactdetails is left out: contacts are not part of this subset
CREATE TABLE vtiger_cntactivityrel (
  contactid int(19) NOT NULL DEFAULT 0,
  activityid int(19) NOT NULL DEFAULT 0,
  PRIMARY KEY (contactid, activityid),
  KEY cntactivityrel_activityid_idx (activityid),
  KEY cntactivityrel_contactid_idx (contactid),
  CONSTRAINT fk_2_vtiger_cntactivityrel FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_invitees (
  activityid int(19) NOT NULL,
  inviteeid int(19) NOT NULL,
  status varchar(50) DEFAULT NULL,
  PRIMARY KEY (activityid, inviteeid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_activity_reminder (
  activity_id int(11) NOT NULL,
  reminder_time int(11) NOT NULL,
  reminder_sent int(2) NOT NULL,
  recurringid int(19) NOT NULL,
  PRIMARY KEY (activity_id, recurringid),
  CONSTRAINT fk_activityid_vtiger_activity_reminder FOREIGN KEY (activity_id) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_activity_reminder_popup (
  reminderid int(19) NOT NULL AUTO_INCREMENT,
  semodule varchar(100) NOT NULL,
  recordid int(19) NOT NULL,
  date_start date NOT NULL,
  time_start varchar(100) NOT NULL,
  status int(2) NOT NULL,
  PRIMARY KEY (reminderid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_recurringevents (
  recurringid int(19) NOT NULL AUTO_INCREMENT,
  activityid int(19) NOT NULL,
  recurringdate date DEFAULT NULL,
  recurringtype varchar(30) DEFAULT NULL,
  recurringfreq int(19) DEFAULT NULL,
  recurringinfo varchar(50) DEFAULT NULL,
  recurringenddate date DEFAULT NULL,
  PRIMARY KEY (recurringid),
  KEY fk_1_vtiger_recurringevents (activityid),
  CONSTRAINT fk_1_vtiger_recurringevents FOREIGN KEY (activityid) REFERENCES vtiger_activity (activityid) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_activity_recurring_info (
  activityid int(19) NOT NULL,
  recurrenceid int(19) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_modtracker_basic (
  id int(20) NOT NULL,
  crmid int(20) DEFAULT NULL,
  module varchar(50) DEFAULT NULL,
  whodid int(20) DEFAULT NULL,
  changedon datetime DEFAULT NULL,
  status int(1) DEFAULT 0,
  PRIMARY KEY (id),
  KEY crmidx (crmid),
  KEY idx (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_modtracker_basic_seq (id int(11) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vtiger_modtracker_detail (
  id int(11) DEFAULT NULL,
  fieldname varchar(100) DEFAULT NULL,
  prevalue text,
  postvalue text,
  KEY idx (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

INSERT INTO vtiger_crmentity_seq (id) VALUES (0);
INSERT INTO vtiger_modtracker_basic_seq (id) VALUES (0);
INSERT INTO vtiger_users_seq (id) VALUES (1);
INSERT INTO vtiger_users (id, user_name, first_name, last_name, is_admin, email1, status, time_zone)
  VALUES (1, 'admin', '', 'Administrator', 'on', 'admin@example.com', 'Active', 'UTC');
