package org.hrgateway.federation;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.federation.Peers.Peer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which cities a province call asks, and the asking (ADR 0015): every peer at once, each within the
 * call's deadline, answers kept in the order the cities were chosen.
 */
@ApplicationScoped
public class ProvinceFanOut {

    /** The parameter that names the cities to ask, overriding the default. */
    public static final String TARGET_CITY = "target-city";

    /** The cities chosen: whether the home city is one, the peers, and how they were chosen (for the outcome). */
    public record Chosen(boolean home, List<Peer> peers, String how) {
    }

    private final Peers peers;
    private final PeerClient client;
    private final RecordLocator locator;
    private final String residentIdSystem;

    @Inject
    public ProvinceFanOut(Peers peers, PeerClient client, RecordLocator locator, GatewayConfig config) {
        this(peers, client, locator, config.federation().residentIdSystem());
    }

    ProvinceFanOut(Peers peers, PeerClient client, RecordLocator locator, String residentIdSystem) {
        this.peers = peers;
        this.client = client;
        this.locator = locator;
        this.residentIdSystem = residentIdSystem;
    }

    /**
     * The cities to ask: those `target-city` names when given; else, when the call names residents
     * (`system|value` of the resident id) and the record locator is on and current, this city and the
     * cities the locator names for them; else every city, saying why.
     */
    public Uni<Chosen> choose(List<String> targetCity, List<String[]> residents) {
        if (targetCity != null && !targetCity.isEmpty()) {
            return Uni.createFrom().item(choose(targetCity));
        }
        if (locator == null || !locator.enabled()) {
            return Uni.createFrom().item(choose(null));
        }
        if (residents.isEmpty()) {
            return Uni.createFrom().item(new Chosen(true, peers.all(), "every configured city: the call names no resident id"));
        }
        return locator.cities(residents).map(named -> named
                .map(cities -> new Chosen(true, peers.all().stream().filter(peer -> cities.contains(peer.city())).toList(),
                        "named by the record locator"))
                .orElseGet(() -> new Chosen(true, peers.all(),
                        "every configured city: the record locator is not current, NATS has not been reached lately")));
    }

    /**
     * The residents a search names: `system|value` tokens with the resident id's system, in a
     * Patient's `identifier` or `resident-id`, or in a chain ending in one (`subject:Patient.identifier`).
     */
    public List<String[]> residents(String type, Map<String, List<String>> params) {
        List<String[]> residents = new ArrayList<>();
        params.forEach((name, values) -> {
            String bare = name.contains(":") && !name.contains(".") ? name.substring(0, name.indexOf(':')) : name;
            boolean names = (type.equals("Patient") && (bare.equals("identifier") || bare.equals("resident-id")))
                    || name.endsWith(".identifier") || name.endsWith(".resident-id");
            if (!names) {
                return;
            }
            for (String value : values) {
                for (String token : value.split("(?<!\\\\),")) {
                    int bar = token.indexOf('|');
                    if (bar > 0 && token.substring(0, bar).equals(residentIdSystem) && bar + 1 < token.length()) {
                        residents.add(new String[]{residentIdSystem, unescape(token.substring(bar + 1))});
                    }
                }
            }
        });
        return residents;
    }

    public String homeCity() {
        return peers.ownCity().orElse("home");
    }

    /**
     * The cities `target-city` names (`all`, or codes separated by commas, repeated or not); every
     * city when absent. An unknown code is a 400 naming the known ones.
     */
    public Chosen choose(List<String> targetCity) {
        if (targetCity == null || targetCity.isEmpty()) {
            return new Chosen(true, peers.all(), "every configured city");
        }
        Set<String> named = new LinkedHashSet<>();
        for (String value : targetCity) {
            for (String code : value.split(",")) {
                if (!code.isBlank()) {
                    named.add(code.strip());
                }
            }
        }
        if (named.isEmpty()) {
            throw new InvalidRequestException(TARGET_CITY + " is empty: give `all` or city codes separated by commas");
        }
        if (named.contains("all")) {
            if (named.size() > 1) {
                throw new InvalidRequestException(TARGET_CITY + "=all cannot be combined with city codes");
            }
            return new Chosen(true, peers.all(), "target-city=all");
        }
        boolean home = false;
        List<Peer> chosen = new ArrayList<>();
        for (String code : named) {
            if (code.equals(homeCity())) {
                home = true;
                continue;
            }
            chosen.add(peers.get(code).orElseThrow(() -> new InvalidRequestException(TARGET_CITY + ": '" + code
                    + "' is not a city this gateway knows; known: " + known())));
        }
        return new Chosen(home, chosen, TARGET_CITY + "=" + String.join(",", named));
    }

    /** GET `relative` from each peer, all at once; one answer per peer, in order, never a failure. */
    public Uni<List<PeerAnswer>> ask(List<Peer> asked, String relative, ProvinceCall call) {
        if (asked.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<PeerAnswer>> calls = new ArrayList<>(asked.size());
        asked.forEach(peer -> calls.add(client.get(peer, relative, call)));
        return Uni.combine().all().unis(calls).with(PeerAnswer.class, List::copyOf);
    }

    /** A search value without FHIR's escapes (`\,` `\|` `\$` `\\`). */
    private static String unescape(String value) {
        return value.replaceAll("\\\\([,|$\\\\])", "$1");
    }

    /** A search's parameters as a query string (`name=value&...`), values percent-encoded. */
    public static String query(Map<String, List<String>> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> {
            query.append(query.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(value));
        }));
        return query.toString();
    }

    private static String encode(String text) {
        // Keep FHIR's structural characters readable in logs; encode what a URL cannot carry.
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":")
                .replace("%2C", ",");
    }

    private String known() {
        List<String> codes = new ArrayList<>();
        peers.ownCity().ifPresent(codes::add);
        peers.all().forEach(peer -> codes.add(peer.city()));
        return String.join(", ", codes);
    }

    /** Whether a province base is served: this gateway knows its city. */
    public Optional<String> city() {
        return peers.ownCity();
    }
}
