package org.hrgateway.federation;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.hrgateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The other cities' gateways this one may ask (ADR 0015): from `hr.federation.peers`, or from
 * `hr.federation.peers-file`, which is looked at every `peers-file-check` and read again when it
 * changed (on Kubernetes a mounted ConfigMap changes under a running pod). A configuration that
 * cannot be read stops the gateway at start with a message naming the property; a peers file that
 * turns bad later keeps the last good list, and says so in the log.
 */
@Startup
@ApplicationScoped
public class Peers {

    private static final Logger LOG = Logger.getLogger(Peers.class);

    /** A city code: lower case, as in `jinan`, `heze`, `zibo-2`. */
    static final Pattern CITY = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** One city's gateway: its code and its FHIR base, without a trailing slash. */
    public record Peer(String city, String baseUrl) {
    }

    private final Optional<String> ownCity;
    private final Optional<Path> file;
    private volatile Map<String, Peer> peers;
    /** The peers file's text as last read, good or bad: a change is a different text. */
    private volatile String fileSeen;
    private final Vertx vertx;
    private long timer = -1;

    @Inject
    public Peers(GatewayConfig config, Vertx vertx) {
        this(config.city(), config.federation().peers(), config.federation().peersFile(),
                config.federation().peersFileCheck(), config.baseUrl(), vertx);
    }

    Peers(Optional<String> ownCity, Optional<String> listed, Optional<String> peersFile, Duration check,
          Optional<String> baseUrl, Vertx vertx) {
        this.vertx = vertx;
        this.ownCity = ownCity;
        ownCity.ifPresent(city -> {
            if (!CITY.matcher(city).matches()) {
                throw new IllegalStateException("hr.city '" + city + "' is not a city code (lower-case letters,"
                        + " digits and '-', starting with a letter)");
            }
        });
        if (listed.isPresent() && peersFile.isPresent()) {
            throw new IllegalStateException("Set hr.federation.peers or hr.federation.peers-file, not both");
        }
        this.file = peersFile.map(Path::of);
        if (file.isPresent()) {
            this.fileSeen = read(file.get());
            this.peers = parse(fileSeen, "\n", ownCity.orElse(null), "hr.federation.peers-file " + file.get());
        } else {
            this.peers = parse(listed.orElse(""), ",", ownCity.orElse(null), "hr.federation.peers");
        }
        if (!peers.isEmpty()) {
            if (ownCity.isEmpty()) {
                throw new IllegalStateException("hr.city must name this gateway's city when peers are configured");
            }
            if (baseUrl.isEmpty()) {
                throw new IllegalStateException("hr.base-url must be this gateway's public FHIR base when peers are"
                        + " configured: the province's answers name each result by its absolute URL");
            }
            LOG.infof("City %s; peers: %s", ownCity.get(), describe(peers));
        }
        file.ifPresent(path -> timer = vertx.setPeriodic(check.toMillis(),
                ignored -> vertx.executeBlocking(() -> reloadIfChanged(path), false)));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** The peers now, in the order configured. */
    public List<Peer> all() {
        return List.copyOf(peers.values());
    }

    public Optional<Peer> get(String city) {
        return Optional.ofNullable(peers.get(city));
    }

    /** This gateway's city, when configured. */
    public Optional<String> ownCity() {
        return ownCity;
    }

    /**
     * Reads the peers file and takes it when its text changed; a bad file, or one that cannot be read
     * for a moment (a ConfigMap being swapped), keeps the last good list. Returns whether it took it.
     */
    boolean reloadIfChanged(Path path) {
        String text;
        try {
            text = read(path);
        } catch (UncheckedIOException unreadable) {
            LOG.warnf("Peers file %s cannot be read now; the last good list stays: %s", path, describe(peers));
            return false;
        }
        if (text.equals(fileSeen)) {
            return false;
        }
        fileSeen = text;
        try {
            peers = parse(text, "\n", ownCity.orElse(null), "hr.federation.peers-file " + path);
            LOG.infof("Peers read again from %s: %s", path, describe(peers));
            return true;
        } catch (RuntimeException bad) {
            LOG.warnf("Peers file %s changed but cannot be used (%s); the last good list stays: %s",
                    path, bad.getMessage(), describe(peers));
            return false;
        }
    }

    /**
     * `code=base-url` entries separated by `separator`; blank entries and `#` comments are skipped.
     * Each code is a city code other than `ownCity`, named once; each base an absolute http(s) URL
     * without query or fragment.
     */
    static Map<String, Peer> parse(String text, String separator, String ownCity, String source) {
        Map<String, Peer> peers = new LinkedHashMap<>();
        for (String raw : text.split(Pattern.quote(separator))) {
            String entry = raw.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalStateException(source + ": '" + entry + "' is not code=base-url");
            }
            String city = entry.substring(0, equals).strip();
            String base = entry.substring(equals + 1).strip();
            if (!CITY.matcher(city).matches()) {
                throw new IllegalStateException(source + ": '" + city + "' is not a city code (lower-case letters,"
                        + " digits and '-', starting with a letter)");
            }
            if (city.equals(ownCity)) {
                throw new IllegalStateException(source + ": '" + city + "' is this gateway's own city (hr.city)");
            }
            if (peers.put(city, new Peer(city, base(base, city, source))) != null) {
                throw new IllegalStateException(source + ": city '" + city + "' is named twice");
            }
        }
        return peers;
    }

    private static String base(String base, String city, String source) {
        try {
            URI uri = new URI(base);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(base, "not an absolute http(s) URL without query or fragment");
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(source + ": the base of '" + city + "', '" + base
                    + "', is not an absolute http(s) URL without query or fragment");
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String describe(Map<String, Peer> peers) {
        List<String> cities = new ArrayList<>();
        peers.values().forEach(peer -> cities.add(peer.city() + "=" + peer.baseUrl()));
        return cities.isEmpty() ? "none" : String.join(", ", cities);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("hr.federation.peers-file " + path + " cannot be read", e);
        }
    }
}
