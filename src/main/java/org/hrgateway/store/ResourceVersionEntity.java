package org.hrgateway.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One historical version; `content` is null for a delete. */
@Entity
@Table(name = "resource_version")
public class ResourceVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "resource_pk", nullable = false)
    public Long resourcePk;

    @Column(name = "res_type", nullable = false)
    public String resType;

    @Column(name = "res_id", nullable = false)
    public String resId;

    @Column(name = "version_id", nullable = false)
    public int versionId;

    @Column(name = "last_updated", nullable = false)
    public OffsetDateTime lastUpdated;

    @Column(nullable = false)
    public String method;

    public String content;
}
