package org.hrgateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Optional;

/** Everything an operator may tune; each property is listed in the README's configuration table. */
@ConfigMapping(prefix = "hr")
public interface GatewayConfig {

    /**
     * Public FHIR base URL used in Location headers, fullUrls and paging links. When absent it is
     * derived from each request, so the same build runs behind any host name or port.
     */
    Optional<String> baseUrl();

    /** This gateway's city code (e.g. `jinan`), as its peers name it (issue 16, ADR 0015). */
    Optional<String> city();

    Federation federation();

    Dashboard dashboard();

    /** The authority dashboard (`[base]/$recognition-report?_format=html`, docs/dashboard.md). */
    interface Dashboard {

        /** Certifications that end within this many days from today are listed as lapsing. */
        @WithDefault("90")
        int certificationNoticeDays();
    }

    /** The other cities' gateways (docs/adr/0015-federation-design.md). */
    interface Federation {
        /**
         * The other cities as comma-separated `code=base-url` pairs
         * (`heze=http://127.0.0.1:8082/fhir,qingdao=http://127.0.0.1:8083/fhir`).
         */
        Optional<String> peers();

        /** A file with one `code=base-url` pair per line (`#` starts a comment), re-read when it changes. */
        Optional<String> peersFile();

        /** How often the peers file is looked at for a change. */
        @WithDefault("5s")
        Duration peersFileCheck();

        /**
         * The PEM file of the private key (RSA or EC P-256) this gateway signs its peer tokens with; its
         * public key must be in every peer's `hr.security.keys`. Required when peers are configured.
         */
        Optional<String> signingKey();

        /** The `kid` of that key in the peers' JWKS. */
        Optional<String> signingKeyId();

        /** The `iss` of peer tokens, trusted by every peer; this gateway's `hr.base-url` when absent. */
        Optional<String> issuer();

        /** The `aud` of peer tokens; this gateway's own `hr.security.audience` when absent. */
        Optional<String> audience();

        /** How long a peer token is valid; a new one is signed when less than half of it is left. */
        @WithDefault("5m")
        Duration tokenLifetime();

        /** The whole budget of a province call, peers included, unless the caller's X-HR-Deadline is sooner. */
        @WithDefault("2s")
        Duration deadline();

        /** The most one peer may take, within the deadline. */
        @WithDefault("2s")
        Duration peerTimeout();

        /**
         * The identifier system of the resident id that makes one person across cities (the package's
         * `resident-id` SearchParameter reads the same): `$recognize scope=province` on a Patient asks
         * the other cities by it, and by nothing else of the Patient's.
         */
        @WithDefault("http://hr-gateway.org/fhir/sid/resident-id")
        String residentIdSystem();

        /** The types the province base (`[base]/province`) searches across cities. */
        @WithDefault("Observation,DiagnosticReport,Patient")
        List<String> types();

        /** The most matches taken from one city for one province search page. */
        @WithDefault("100")
        int maxPerCity();

        Breaker breaker();

        Locator locator();

        /**
         * The record locator (ADR 0015): which cities hold a Patient record for a resident id, kept in
         * every gateway from a NATS JetStream stream that every city's outbox relay publishes to. Off
         * unless `nats-url` is set; then province calls that name a resident id ask only the cities it
         * names (and this one).
         */
        interface Locator {
            /** The NATS server(s), `nats://host:4222` (comma-separated for a cluster). */
            Optional<String> natsUrl();

            /** A file holding the province's HMAC key (the same in every city; a Secret, never committed). */
            Optional<String> keyFile();

            /** The JetStream stream, made by the first gateway that finds it missing. */
            @WithDefault("HR_LOCATOR")
            String stream();

            /** Subjects are `<subject>.<first byte of the HMAC, hex>`. */
            @WithDefault("hr.locator")
            String subject();

            /** How often the relay looks at the outbox. */
            @WithDefault("200ms")
            Duration relayInterval();

            /** Outbox rows published, or stream messages applied, at a time. */
            @WithDefault("500")
            int batch();

            /** The locator is not relied on after this long without reaching NATS: calls then ask every city. */
            @WithDefault("15s")
            Duration staleAfter();
        }

        /** A circuit breaker per peer: after enough failures the peer is not asked until `delay` has passed. */
        interface Breaker {
            /** Calls looked at before the breaker may open. */
            @WithDefault("4")
            int requestVolume();

            /** The share of failed calls among them that opens it. */
            @WithDefault("0.5")
            double failureRatio();

            /** How long it stays open before one call tries the peer again. */
            @WithDefault("10s")
            Duration delay();
        }
    }

    /** Canonical base of the provincial profile package. */
    @WithDefault("http://hr-gateway.org/fhir")
    String canonicalBase();

    /**
     * A folder holding the provincial profile package (package.json, .index.json, resources); when
     * absent the copy built into the jar is used.
     */
    Optional<String> profilesDir();

    Profiles profiles();

    /** How the profile package is enforced on writes. */
    interface Profiles {

        /**
         * Resource types whose every write must claim a package profile for its type in
         * `meta.profile` (e.g. `Observation,DiagnosticReport`); by default none must, and a resource
         * is validated against the package profiles it claims.
         */
        Optional<List<String>> required();

        /**
         * Which validator judges writes: `compiled` (the fast path compiled from the package's
         * snapshots, HAPI's validator where the fast path does not reach) or `hapi` (HAPI's validator
         * always). `$validate` always uses HAPI's.
         */
        @WithDefault("compiled")
        WriteValidator validator();
    }

    enum WriteValidator { COMPILED, HAPI }

    /** The resource types this gateway serves; adding one here is all it takes. */
    List<String> resourceTypes();

    /**
     * The time zone of dates written without one (a birth date, `2026-11-20`), for search ranges.
     */
    @WithDefault("Asia/Shanghai")
    ZoneId defaultTimezone();

    Limits limits();

    Paging paging();

    Security security();

    /** Bearer tokens (docs/security.md). */
    interface Security {

        /** Off only when asked: the gateway then answers everyone and says so at start. */
        @WithDefault("true")
        boolean enabled();

        /**
         * The keys tokens are verified with: a JWKS document, as a file path or an https URL; it may
         * hold several keys (the identity provider's, each peer gateway's).
         */
        Optional<String> keys();

        /** The accepted `iss` values. */
        Optional<List<String>> trustedIssuers();

        /** When set, a token's `aud` must contain it. */
        Optional<String> audience();

        /** Leeway for `exp`, `nbf` and `iat` between clocks. */
        @WithDefault("60s")
        Duration clockSkew();

        /** A longer Authorization header is refused before it is parsed. */
        @WithDefault("8192")
        int maxTokenBytes();

        /** The identity provider's endpoints, published in SMART discovery. */
        Optional<String> authorizationEndpoint();

        Optional<String> tokenEndpoint();

        Institutions institutions();
    }

    /**
     * Which institution a resource belongs to, for the rule that a hospital writes only its own
     * (docs/security.md): the reference search parameter that names its owner, per resource type.
     */
    interface Institutions {

        /** The Organization identifier system whose value is an institution code (the token's `institution`). */
        @WithDefault("http://hr-gateway.org/fhir/sid/institution-code")
        String identifierSystem();

        /**
         * Type → the reference search parameter naming the Organization that owns a resource of that
         * type, or a PractitionerRole, which stands for its organization; `_id` makes an Organization
         * its own owner. Types not listed are not bound to an institution.
         */
        Map<String, String> owner();

        /**
         * Types whose stored versions only their owner's institution may change, whatever the token:
         * a clinician's recorded decision is not amended by a `system/` token either.
         */
        @WithDefault("DetectedIssue")
        List<String> ownerOnly();
    }

    Audit audit();

    interface Audit {
        /**
         * Every read or search that returns a patient's data leaves AuditEvents (BALP PatientRead /
         * PatientQuery, docs/security.md). Off only to measure what it costs (bench/RESULTS.md).
         */
        @WithDefault("true")
        boolean patientAccess();

        /**
         * How AuditEvents written on the request path become searchable resources (ADR 0014): a
         * background job, throttled while the gateway is busy; every read of the audit trail first
         * stores what is waiting.
         */
        Materialize materialize();

        interface Materialize {
            /** How often the background job looks for waiting events. */
            @WithDefault("1s")
            java.time.Duration interval();

            /** Events stored in one transaction. */
            @WithDefault("500")
            int batch();

            /** Events stored per interval at most while requests keep writing new ones. */
            @WithDefault("500")
            int whileBusy();

            /** Beyond this many waiting events, all are stored at once, busy or not. */
            @WithDefault("10000")
            long maxBacklog();
        }
    }

    Datasource datasource();

    interface Datasource {
        /**
         * A read-only replica for searches and `$recognize`'s read (CloudNativePG's `-ro` service,
         * `postgresql://hr-db-ro:5432/app`), with the primary's credentials unless it names its own;
         * absent, everything goes to the primary. Only for replicas that apply a commit before it
         * returns (`synchronous_commit = remote_apply`), so that a client reads its own writes (ADR 0016).
         */
        Optional<String> readUrl();
    }

    Db db();

    interface Db {
        /**
         * Longest a statement may run before PostgreSQL cancels it (`statement_timeout` of every
         * pooled connection); the request then gets 503 `timeout`. A runaway query must not pin the
         * database for everyone.
         */
        @WithDefault("30s")
        Duration statementTimeout();

        /**
         * How often the gateway looks for tables whose statistics are stale (autovacuum's analyze rule)
         * and analyzes them; `0s` leaves statistics to the database's autovacuum alone.
         */
        @WithDefault("10s")
        Duration analyzeInterval();
    }

    interface Limits {
        /** Largest request body accepted, in bytes; larger bodies get 413. */
        @WithDefault("10485760")
        int maxBodyBytes();

        /** Deepest JSON/XML nesting accepted; deeper bodies get 400. */
        @WithDefault("64")
        int maxDepth();

        /** Most JSON values / XML elements accepted in one body; more get 413. */
        @WithDefault("200000")
        int maxElements();

        /** Most parse/FHIRPath/validation tasks running or queued at once; beyond it requests get 503. */
        @WithDefault("256")
        int maxBlockingTasks();

        /**
         * Longest request target (path and query) accepted, in characters; longer gets 414. The HTTP
         * codec's own limit (`quarkus.http.limits.max-initial-line-length`) must stay above it.
         */
        @WithDefault("8192")
        int maxUrlLength();

        /**
         * Largest request head (all header names and values) accepted, in bytes; larger gets 431.
         * The HTTP codec's own limit (`quarkus.http.limits.max-header-size`) must stay above it.
         */
        @WithDefault("16384")
        int maxHeaderBytes();

        /**
         * Request-body bytes worked on at once; a body that does not fit waits, unread. By default a
         * sixteenth of the heap (a body costs several times its size while it is parsed and stored),
         * and never less than `max-body-bytes`.
         */
        OptionalLong bodyBytesInFlight();

        /** How long a body may wait for room before the request gets 503. */
        @WithDefault("30s")
        Duration maxBodyWait();

        /** Most search parameter values (AND-ed parameters and OR-ed values together) in one search; more get 400. */
        @WithDefault("100")
        int maxSearchValues();

        /** Most entries in one transaction or batch Bundle; more get 413. */
        @WithDefault("1000")
        int maxBundleEntries();
    }

    interface Paging {
        @WithDefault("50")
        int defaultCount();

        @WithDefault("1000")
        int maxCount();
    }
}
