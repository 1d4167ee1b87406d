package org.hrgateway.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.search.IndexedResidents;
import org.hrgateway.telemetry.GatewayMetrics;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The record locator (ADR 0015, point 5): which cities hold a Patient record for a resident id.
 *
 * <p>Every gateway keeps the whole province's locator in its own `locator` table, so that a province
 * call looks it up locally. It is fed by NATS JetStream: each city's outbox (`locator_outbox`, filled
 * by a trigger in the transaction that indexes a Patient's resident id) is published by this relay to
 * the stream as `(HMAC of the resident id, city)` and deleted once the stream acknowledged it; each
 * city's durable consumer applies the stream to its table. NATS or a peer being down delays, never
 * loses: the outbox keeps rows until acknowledged, the durable consumer resumes where it stopped.
 * The facts only ever add ("city C holds resident R"), so applying one twice changes nothing.
 *
 * <p>The relay and the consumer are two plain threads that block on NATS and wait for the reactive
 * pool: no Vert.x thread ever waits here.
 */
@Startup
@ApplicationScoped
public class RecordLocator {

    private static final Logger LOG = Logger.getLogger(RecordLocator.class);
    /** A fact's JSON, `{"resident": <HMAC, base64>, "city": "heze"}`. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NATS_WAIT = Duration.ofSeconds(5);
    private static final Duration FETCH_WAIT = Duration.ofMillis(100);

    private final Optional<Settings> settings;
    private final Pool pool;
    private volatile Connection connection;
    private volatile boolean running = true;
    /** When the consumer last reached the stream and found nothing more to apply. */
    private volatile Instant caughtUp = Instant.EPOCH;
    private final List<Thread> threads = new ArrayList<>();
    private static final Duration BACKLOG_CHECK = Duration.ofSeconds(5);
    private volatile long backlog;
    private long backlogCounted = System.nanoTime() - BACKLOG_CHECK.toNanos();

    /** What the locator runs with, when it is on. */
    private record Settings(String natsUrl, ResidentKey key, String city, String stream, String subject,
                            Duration relayInterval, int batch, Duration staleAfter) {
    }

    @Inject
    public RecordLocator(GatewayConfig config, Pool pool, GatewayMetrics metrics) {
        this.pool = pool;
        GatewayConfig.Federation.Locator locator = config.federation().locator();
        if (locator.natsUrl().isEmpty()) {
            this.settings = Optional.empty();
            start("hr-locator-trigger", () -> keepTrying(() -> outboxFilled(false)));
            return;
        }
        String city = config.city().orElseThrow(() -> new IllegalStateException(
                "hr.city must name this gateway's city when hr.federation.locator.nats-url is set"));
        ResidentKey key = locator.keyFile().map(Path::of).map(ResidentKey::read).orElseThrow(() -> new IllegalStateException(
                "hr.federation.locator.key-file must name the province's HMAC key when hr.federation.locator.nats-url is set"));
        this.settings = Optional.of(new Settings(locator.natsUrl().get(), key, city, locator.stream(), locator.subject(),
                locator.relayInterval(), locator.batch(), locator.staleAfter()));
        metrics.gauge("hr.locator.outbox.backlog", "Resident ids waiting to be published to the locator's stream"
                + " (about: the span of the outbox's sequence numbers)", () -> backlog);
        metrics.gauge("hr.locator.current", "1 when the locator is relied on, 0 when province calls ask every city",
                () -> current() ? 1 : 0);
        start("hr-locator-relay", () -> {
            keepTrying(() -> outboxFilled(true));
            relay();
        });
        start("hr-locator-consumer", this::consume);
    }

    public boolean enabled() {
        return settings.isPresent();
    }

    /**
     * The cities holding a Patient record for any of `residents` (`system|value` pairs), when the
     * locator is on and current; empty when it cannot be relied on (off, or NATS not reached lately).
     */
    public Uni<Optional<Set<String>>> cities(List<String[]> residents) {
        if (settings.isEmpty() || !current()) {
            return Uni.createFrom().item(Optional.empty());
        }
        Buffer[] hashes = residents.stream()
                .map(resident -> Buffer.buffer(settings.get().key().of(resident[0], resident[1])))
                .toArray(Buffer[]::new);
        return pool.preparedQuery("select distinct city from locator where resident = any($1)")
                .execute(Tuple.of(hashes))
                .map(rows -> {
                    Set<String> cities = new LinkedHashSet<>();
                    for (Row row : rows) {
                        cities.add(row.getString(0));
                    }
                    return Optional.of(cities);
                });
    }

    /** Whether the consumer reached the stream and had caught up within `stale-after`. */
    public boolean current() {
        return settings.isPresent() && Duration.between(caughtUp, Instant.now()).compareTo(settings.get().staleAfter()) < 0;
    }

    /**
     * Queues every resident id this city holds for publication again (after a locator was lost, or a
     * city joined): the relay sends them, every city applies them. Returns how many were queued.
     */
    public Uni<Long> rebuild() {
        return pool.query(IndexedResidents.QUEUE_ALL)
                .execute()
                .map(rows -> (long) rows.rowCount());
    }

    /**
     * The outbox trigger runs only where a relay empties the outbox: turned off (and the outbox
     * emptied) on a gateway without a locator, so that it does not grow forever; turned on again when
     * a locator is configured, and then every resident id held is queued, since Patients stored
     * meanwhile were not. A no-op when the trigger is already as it should be.
     */
    private void outboxFilled(boolean on) {
        Boolean enabled = pool.query(IndexedResidents.TRIGGER_ON)
                .execute().map(rows -> rows.iterator().next().getBoolean(0)).await().atMost(NATS_WAIT);
        if (enabled == on) {
            return;
        }
        if (on) {
            pool.withTransaction(sql -> sql.query(IndexedResidents.ENABLE_TRIGGER).execute()
                            .chain(() -> sql.query(IndexedResidents.QUEUE_ALL).execute()))
                    .await().atMost(Duration.ofMinutes(10));
            LOG.info("Record locator: the outbox trigger is on, and every resident id held here was queued");
        } else {
            pool.withTransaction(sql -> sql.query(IndexedResidents.DISABLE_TRIGGER).execute()
                            .chain(() -> sql.query("truncate locator_outbox").execute()))
                    .await().atMost(NATS_WAIT.multipliedBy(6));
            LOG.info("Record locator: off (no hr.federation.locator.nats-url); its outbox trigger is off too");
        }
    }

    /** Runs `step` until it succeeds (the database may not be up yet at start), or the gateway stops. */
    private void keepTrying(Runnable step) {
        while (running) {
            try {
                step.run();
                return;
            } catch (RuntimeException notYet) {
                LOG.debugf("Record locator: %s; trying again", notNow(notYet));
                pause(NATS_WAIT);
            }
        }
    }

    private static String notNow(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        threads.forEach(Thread::interrupt);
        Connection open = connection;
        if (open != null) {
            try {
                open.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Publishes the outbox, oldest first, and deletes what the stream acknowledged; again and again.
     * Rows are read, published and deleted in three steps, so that no transaction stays open while
     * NATS is waited for: two replicas of a city may publish the same rows, which the stream's
     * message ids make one.
     */
    private void relay() {
        Settings s = settings.orElseThrow();
        boolean published = false;
        while (running) {
            int sent;
            try {
                countBacklog();
                JetStream stream = connected().jetStream();
                io.vertx.mutiny.sqlclient.RowSet<Row> rows = pool.preparedQuery(
                                "select seq, system, code from locator_outbox order by seq limit $1")
                        .execute(Tuple.of(s.batch())).await().atMost(NATS_WAIT);
                List<Long> acknowledged = publish(stream, s, rows);
                if (!acknowledged.isEmpty()) {
                    pool.preparedQuery("delete from locator_outbox where seq = any($1)")
                            .execute(Tuple.of(acknowledged.toArray(new Long[0]))).await().atMost(NATS_WAIT);
                    published = true;
                }
                sent = acknowledged.size();
                if (published && sent < s.batch()) {
                    published = !truncatedWhenEmpty();
                }
            } catch (Exception notNow) {
                if (running) {
                    LOG.warnf("Record locator: the outbox could not be published now (%s); it is kept and tried again",
                            notNow.getMessage());
                    pause(NATS_WAIT);
                }
                continue;
            }
            if (sent < s.batch()) {
                pause(s.relayInterval());
            }
        }
    }

    /**
     * The outbox's length for the backlog gauge, looked at every {@link #BACKLOG_CHECK} whether or not
     * NATS is reached (a backlog grows while it is not): the span of its sequence numbers, which
     * two index lookups give however long it is, where a count would read every row.
     */
    private void countBacklog() {
        if (System.nanoTime() - backlogCounted < BACKLOG_CHECK.toNanos()) {
            return;
        }
        backlogCounted = System.nanoTime();
        backlog = pool.query("select coalesce(max(seq) - min(seq) + 1, 0) as span from locator_outbox").execute()
                .await().atMost(NATS_WAIT).iterator().next().getLong("span");
    }

    /** Publishes each row (blocking: this is the relay's own thread); the rows acknowledged, in order. */
    private static List<Long> publish(JetStream stream, Settings s, io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Long> seqs = new ArrayList<>();
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (Row row : rows) {
            byte[] resident = s.key().of(row.getString(1), row.getString(2));
            String hex = ResidentKey.hex(resident);
            byte[] body = JSON.createObjectNode().put("resident", resident).put("city", s.city()).toString()
                    .getBytes(StandardCharsets.UTF_8);
            // The message id makes a republished fact (two replicas, a retry) one message in the stream.
            acks.add(stream.publishAsync(s.subject() + "." + hex.substring(0, 2), body,
                    PublishOptions.builder().expectedStream(s.stream()).messageId(s.city() + ":" + hex).build()));
            seqs.add(row.getLong(0));
        }
        try {
            CompletableFuture.allOf(acks.toArray(new CompletableFuture[0])).get(NATS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception notAcknowledged) {
            throw new IllegalStateException("the stream did not acknowledge: " + notAcknowledged, notAcknowledged);
        }
        return seqs;
    }

    /** Applies the stream to the `locator` table, a batch at a time, acknowledging what was applied. */
    private void consume() {
        Settings s = settings.orElseThrow();
        JetStreamSubscription subscription = null;
        while (running) {
            try {
                if (subscription == null || !subscription.isActive()) {
                    subscription = connected().jetStream().subscribe(s.subject() + ".>", PullSubscribeOptions.builder()
                            .stream(s.stream()).durable("locator-" + s.city()).build());
                }
                // A short wait: fetch returns only when the batch is full or the wait is over, so the wait
                // is how late a lone fact can be applied (bench/RESULTS.md, locator freshness).
                List<Message> messages = subscription.fetch(s.batch(), FETCH_WAIT);
                if (!messages.isEmpty()) {
                    apply(messages);
                    messages.forEach(Message::ack);
                }
                // An empty fetch while NATS reconnects proves nothing: only a connected one counts.
                if (messages.size() < s.batch() && connection.getStatus() == Connection.Status.CONNECTED) {
                    caughtUp = Instant.now();
                }
            } catch (Exception notNow) {
                if (running) {
                    LOG.warnf("Record locator: the stream cannot be read now (%s); trying again", notNow.getMessage());
                    subscription = null;
                    pause(NATS_WAIT);
                }
            }
        }
    }

    private void apply(List<Message> messages) {
        List<Buffer> residents = new ArrayList<>();
        List<String> cities = new ArrayList<>();
        for (Message message : messages) {
            JsonNode fact;
            try {
                fact = JSON.readTree(message.getData());
            } catch (IOException notJson) {
                fact = JSON.nullNode();
            }
            String city = fact.path("city").asText("");
            if (!fact.path("resident").isTextual() || !Peers.CITY.matcher(city).matches()) {
                LOG.warnf("Record locator: a message that is not a locator fact was skipped (%d bytes)", message.getData().length);
                continue;
            }
            try {
                residents.add(Buffer.buffer(fact.path("resident").binaryValue()));
            } catch (IOException notBase64) {
                LOG.warn("Record locator: a message whose resident is not base64 was skipped");
                continue;
            }
            cities.add(city);
        }
        if (residents.isEmpty()) {
            return;
        }
        pool.preparedQuery("insert into locator (resident, city) select * from unnest($1::bytea[], $2::text[])"
                        + " on conflict do nothing")
                .execute(Tuple.of(residents.toArray(new Buffer[0]), cities.toArray(new String[0])))
                .await().atMost(NATS_WAIT.multipliedBy(3));
    }

    /**
     * Autovacuum may be off: a queue emptied after use is truncated rather than left to bloat. Only
     * when no writer holds the table (`nowait`), so that no Patient write waits for it. Whether it did.
     */
    private boolean truncatedWhenEmpty() {
        Boolean truncated = pool.withTransaction(sql -> sql.query("lock table locator_outbox in access exclusive mode nowait")
                        .execute()
                        .chain(() -> sql.query("select exists (select 1 from locator_outbox)").execute())
                        .chain(rows -> rows.iterator().next().getBoolean(0) ? Uni.createFrom().item(false)
                                : sql.query("truncate locator_outbox").execute().map(ignored -> true)))
                .onFailure().recoverWithItem(false)
                .await().atMost(NATS_WAIT);
        return Boolean.TRUE.equals(truncated);
    }

    /** The connection, made (and the stream made, when missing) on first use; NATS reconnects it itself. */
    private synchronized Connection connected() throws Exception {
        if (connection != null && connection.getStatus() == Connection.Status.CONNECTED) {
            return connection;
        }
        if (connection == null) {
            Settings s = settings.orElseThrow();
            connection = Nats.connect(new Options.Builder().servers(s.natsUrl().split(",")).connectionName("hr-gateway-" + s.city())
                    .connectionTimeout(NATS_WAIT).maxReconnects(-1).reconnectWait(Duration.ofSeconds(1))
                    // The loops say what failed; jnats's own listener would log every reconnect attempt as SEVERE.
                    .errorListener(new ErrorListener() {
                    })
                    .connectionListener((nats, event) -> LOG.infof("Record locator: NATS %s", event))
                    .build());
            ensureStream(connection.jetStreamManagement(), s);
            LOG.infof("Record locator: connected to %s, stream %s", s.natsUrl(), s.stream());
        }
        if (connection.getStatus() != Connection.Status.CONNECTED) {
            throw new IllegalStateException("NATS is " + connection.getStatus());
        }
        return connection;
    }

    private static void ensureStream(JetStreamManagement management, Settings s) throws Exception {
        try {
            management.getStreamInfo(s.stream());
        } catch (JetStreamApiException missing) {
            try {
                management.addStream(StreamConfiguration.builder().name(s.stream()).subjects(s.subject() + ".>")
                        .storageType(StorageType.File).duplicateWindow(Duration.ofMinutes(2)).build());
            } catch (JetStreamApiException madeMeanwhile) {
                management.getStreamInfo(s.stream()); // another city made it first
            }
        }
    }

    private void start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
