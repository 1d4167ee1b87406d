package org.hrgateway.interaction;

import org.hl7.fhir.r4.model.Resource;
import org.hrgateway.search.index.ResourceIndex;

/** A parsed resource with its index values, ready to be written inside a database transaction. */
public record Prepared(Resource resource, ResourceIndex index) {
}
