package org.hrgateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** The current version of one resource; `content` is the compact JSON sent to clients as it is. */
@Entity
@Table(name = "resource")
public class ResourceEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long pk;

    @Column(name = "res_type", nullable = false)
    public String resType;

    @Column(name = "res_id", nullable = false)
    public String resId;

    @Column(name = "version_id", nullable = false)
    public int versionId;

    @Column(name = "last_updated", nullable = false)
    public OffsetDateTime lastUpdated;

    @Column(nullable = false)
    public boolean deleted;

    public String content;
}
