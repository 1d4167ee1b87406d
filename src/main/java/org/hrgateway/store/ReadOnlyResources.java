package org.hrgateway.store;

import org.hl7.fhir.r4.model.Resource;

/**
 * Resources that the gateway publishes and clients may not change (the profile package's
 * conformance resources). The store asks before every write; {@link ResourceStore#install} is the
 * one way around it.
 */
public interface ReadOnlyResources {

    /**
     * Throws a 405 when `type/id` is read-only, a 409 when `resource` claims the canonical URL of a
     * read-only resource under another id; `resource` is null for a delete.
     */
    void checkWritable(String type, String id, Resource resource);
}
