package org.hrgateway.validation.compiled;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.validation.instance.utils.FHIRPathExpressionFixer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each character loop accepts exactly what its regex accepts. */
class PrimitiveFormatTest {

    /** Whitespace of every kind Java's regex tells apart, plus ordinary and non-ASCII characters. */
    private static final char[] ALPHABET = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2028', 'a', 'Z', '0',
            '-', '.', ':', '/', '中', '\uD83D', '\uDE00'};

    @Test
    void givenEveryShortString_whenChecked_thenLoopsAgreeWithTheirRegexes() {
        for (String regex : List.of(PrimitiveFormat.STRING, PrimitiveFormat.CODE, PrimitiveFormat.URI)) {
            Predicate<String> loop = PrimitiveFormat.of(regex);
            Pattern pattern = Pattern.compile(regex);
            allStrings("", 4, text -> assertEquals(pattern.matcher(text).matches(), loop.test(text),
                    () -> regex + " on " + escaped(text)));
        }
    }

    @Test
    void givenRandomLongerStrings_whenChecked_thenLoopsAgreeWithTheirRegexes() {
        Random random = new Random(17);
        for (String regex : List.of(PrimitiveFormat.STRING, PrimitiveFormat.CODE, PrimitiveFormat.URI)) {
            Predicate<String> loop = PrimitiveFormat.of(regex);
            Pattern pattern = Pattern.compile(regex);
            for (int n = 0; n < 20_000; n++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(12);
                for (int i = 0; i < length; i++) {
                    // Mostly letters, so that whitespace lands between words as in real codes.
                    text.append(random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : 'x');
                }
                assertEquals(pattern.matcher(text).matches(), loop.test(text.toString()), () -> regex + " on " + escaped(text.toString()));
            }
        }
    }

    @Test
    void givenR4Definitions_whenTheirRegexesAreRead_thenTheLoopsCoverStringCodeAndUri() {
        // The loops are keyed by regex text: if a HAPI release changed it, they would silently not apply.
        FhirContext context = FhirContext.forR4Cached();
        assertEquals(PrimitiveFormat.STRING, regexOf(context, "string"));
        assertEquals(PrimitiveFormat.CODE, regexOf(context, "code"));
        assertEquals(PrimitiveFormat.URI, regexOf(context, "uri"));
    }

    private static String regexOf(FhirContext context, String type) {
        StructureDefinition definition = (StructureDefinition) context.getValidationSupport()
                .fetchStructureDefinition("http://hl7.org/fhir/StructureDefinition/" + type);
        return definition.getSnapshot().getElement().stream()
                .filter(element -> element.getPath().equals(type + ".value"))
                .flatMap(element -> element.getType().stream())
                .map(ref -> ref.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/regex"))
                .filter(extension -> extension != null)
                .map(extension -> FHIRPathExpressionFixer.fixRegex(extension.getValue().primitiveValue()))
                .findFirst().orElseThrow();
    }

    private static void allStrings(String prefix, int maxLength, java.util.function.Consumer<String> check) {
        check.accept(prefix);
        if (prefix.length() == maxLength) {
            return;
        }
        for (char c : ALPHABET) {
            allStrings(prefix + c, maxLength, check);
        }
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }
}
