package org.hrgateway.validation.compiled;

/**
 * Thrown where a profile or an instance uses something the compiled validator does not model
 * (type slicing, contained resources, narrative XHTML, ...): HAPI's validator then judges instead,
 * so the verdict never rests on a rule the fast path skipped.
 */
class OutsideFastPath extends RuntimeException {

    OutsideFastPath(String reason) {
        super(reason, null, false, false);
    }
}
