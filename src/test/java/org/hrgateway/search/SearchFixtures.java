package org.hrgateway.search;

import org.hrgateway.support.Fixtures;

/** The search scenarios' fixtures (fixtures/search/), with every `${name}` placeholder given a value. */
final class SearchFixtures {

    private SearchFixtures() {
    }

    /** `namesAndValues` alternate: placeholder name, value, ... Every placeholder of the fixture must be given. */
    static String load(String name, String... namesAndValues) {
        String text = Fixtures.load("search/" + name, "${unique}");
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("${" + namesAndValues[i] + "}", namesAndValues[i + 1]);
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException("Fixture " + name + " still has a placeholder: " + text);
        }
        return text;
    }
}
