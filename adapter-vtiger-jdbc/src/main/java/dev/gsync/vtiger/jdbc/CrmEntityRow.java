package dev.gsync.vtiger.jdbc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** One vtiger_crmentity row: the record's owner, description, timestamps and soft-delete flag. */
@Entity
@Table(name = "vtiger_crmentity")
public class CrmEntityRow {
    @Id @Column(name = "crmid") Integer crmid;
    @Column(name = "smcreatorid") int smcreatorid;
    @Column(name = "smownerid") int smownerid;
    @Column(name = "modifiedby") int modifiedby;
    @Column(name = "setype") String setype;
    @Column(name = "description") String description;
    @Column(name = "createdtime") LocalDateTime createdtime;
    @Column(name = "modifiedtime") LocalDateTime modifiedtime;
    @Column(name = "viewedtime") LocalDateTime viewedtime;
    @Column(name = "status") String status;
    @Column(name = "version") int version;
    @Column(name = "presence") Integer presence;
    @Column(name = "deleted") int deleted;
    @Column(name = "smgroupid") Integer smgroupid;
    @Column(name = "source") String source;
    @Column(name = "label") String label;

    protected CrmEntityRow() {}

    CrmEntityRow(int crmid) {
        this.crmid = crmid;
    }
}
