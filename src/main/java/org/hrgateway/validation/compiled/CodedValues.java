package org.hrgateway.validation.compiled;

import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.ValidationSupportContext;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Code checks asked of a terminology chain built like HAPI's validator's (its own instance), with
 * the answers kept: a lab feed repeats a few hundred codes, and each costs the chain a value set walk.
 */
final class CodedValues {

    private static final int MAX_REMEMBERED = 50_000;
    private static final int MAX_KEY_LENGTH = 512;
    /** The "system" of a bare code, whose system the value set supplies. */
    private static final String BARE = "\u0000bare";

    private final IValidationSupport support;
    /** value set (or "" for the code system alone) → system → code → answer; no key is built per lookup. */
    private final Map<String, Map<String, Map<String, Optional<String>>>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger remembered = new AtomicInteger();

    CodedValues(IValidationSupport support) {
        this.support = support;
    }

    /**
     * Why the code is not in the value set, or empty when it is. A Coding without a system is not
     * in any value set; a bare `code` has its system inferred from the value set.
     */
    Optional<String> problemInValueSet(String valueSet, String system, String code, boolean bareCode) {
        return remembered(valueSet, bareCode ? BARE : String.valueOf(system), code,
                () -> notInValueSet(support.validateCode(new ValidationSupportContext(support), options(bareCode),
                        system, code, null, valueSet), system, code, valueSet));
    }

    /** Why the code is not valid in its code system, when the chain knows that code system; else empty. */
    Optional<String> problemInCodeSystem(String system, String code) {
        return remembered("", system, code,
                () -> invalidInCodeSystem(support.validateCode(new ValidationSupportContext(support), options(false),
                        system, code, null, null), system, code));
    }

    private Optional<String> remembered(String valueSet, String system, String code, Supplier<Optional<String>> ask) {
        if (code == null || system.length() + code.length() > MAX_KEY_LENGTH) {
            return ask.get(); // a client's oversized code is answered, not kept
        }
        Map<String, Optional<String>> byCode = answers
                .computeIfAbsent(valueSet, any -> new ConcurrentHashMap<>())
                .computeIfAbsent(system, any -> new ConcurrentHashMap<>());
        Optional<String> answer = byCode.get(code);
        if (answer == null) {
            answer = ask.get();
            if (remembered.incrementAndGet() > MAX_REMEMBERED) {
                answers.clear();
                remembered.set(0);
            }
            byCode.put(code, answer);
        }
        return answer;
    }

    private static ConceptValidationOptions options(boolean inferSystem) {
        return new ConceptValidationOptions().setInferSystem(inferSystem);
    }

    /**
     * Membership is yes or no, whatever the severity the chain gives: a LOINC code outside the
     * package's fragment comes back as a warning, and HAPI's validator still fails a required
     * binding on it.
     */
    private static Optional<String> notInValueSet(CodeValidationResult result, String system, String code, String valueSet) {
        if (result == null) {
            // No support could expand the value set: HAPI's validator only warns then.
            throw new OutsideFastPath("value set " + valueSet + " cannot be checked in memory");
        }
        if (result.isOk()) {
            return Optional.empty();
        }
        String message = result.getMessage();
        return Optional.of(message != null ? message : "The code " + system + "#" + code + " is not in " + valueSet);
    }

    /** Only errors count: an unknown code in a fragment code system (LOINC here) is a warning. */
    private static Optional<String> invalidInCodeSystem(CodeValidationResult result, String system, String code) {
        if (result == null || result.isOk() || result.getSeverity() == null
                || result.getSeverity().ordinal() > IValidationSupport.IssueSeverity.ERROR.ordinal()) {
            return Optional.empty();
        }
        String message = result.getMessage();
        return Optional.of(message != null ? message : "The code " + system + "#" + code + " is not valid");
    }
}
