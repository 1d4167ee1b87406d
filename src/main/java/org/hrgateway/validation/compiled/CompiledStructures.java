package org.hrgateway.validation.compiled;

import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.r4.model.StructureDefinition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled StructureDefinitions by canonical URL: the package's profiles and extensions, and the R4
 * core types values are checked against when a profile does not constrain their children. Each is
 * compiled once, on first need; one that cannot be compiled is remembered as such.
 */
final class CompiledStructures {

    private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";

    private final IValidationSupport support;
    private final Map<String, Object> byUrl = new ConcurrentHashMap<>();

    CompiledStructures(IValidationSupport support) {
        this.support = support;
    }

    /** The structure at `url`; null when no definition is known; {@link OutsideFastPath} when not compilable. */
    CompiledStructure byUrl(String url) {
        Object compiled = lookUp(url);
        if (compiled instanceof OutsideFastPath outside) {
            throw outside;
        }
        return compiled == null ? null : (CompiledStructure) compiled;
    }

    /** Whether a definition exists at `url`, compilable or not. */
    boolean known(String url) {
        return lookUp(url) != null;
    }

    /**
     * Known definitions are compiled once and kept; unknown URLs (a client may send any number of
     * them) are asked of the chain each time and not kept.
     */
    private Object lookUp(String url) {
        Object compiled = byUrl.get(url);
        if (compiled == null) {
            compiled = compile(url);
            if (compiled != null) {
                Object raced = byUrl.putIfAbsent(url, compiled);
                compiled = raced != null ? raced : compiled;
            }
        }
        return compiled;
    }

    /** The core definition of a datatype or resource type, e.g. "Quantity". */
    CompiledStructure type(String code) {
        CompiledStructure type = byUrl(CORE + code);
        if (type == null) {
            throw new OutsideFastPath("no definition of type " + code);
        }
        return type;
    }

    private Object compile(String url) {
        if (!(support.fetchStructureDefinition(url) instanceof StructureDefinition definition)) {
            return null;
        }
        try {
            return StructureCompiler.compile(definition);
        } catch (OutsideFastPath outside) {
            return outside;
        } catch (RuntimeException e) {
            return new OutsideFastPath(url + " does not compile: " + e);
        }
    }
}
