package org.hrgateway.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A gateway's Prometheus metrics (/q/metrics), read as an operator's Prometheus would. */
public final class Metrics {

    private Metrics() {
    }

    /** The text `root` (`http://127.0.0.1:8081`) serves at /q/metrics. */
    public static String scrape(String root) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(root + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/q/metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the samples of `name` whose labels include `labels`; 0 when there is none. */
    public static double value(String scraped, String name, Map<String, String> labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(scraped);
        double sum = 0;
        while (sample.find()) {
            String found = sample.group(1) == null ? "" : sample.group(1);
            if (labels.entrySet().stream().allMatch(label -> found.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                sum += Double.parseDouble(sample.group(2));
            }
        }
        return sum;
    }
}
