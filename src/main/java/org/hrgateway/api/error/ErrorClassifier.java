package org.hrgateway.api.error;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import org.hibernate.JDBCException;
import jakarta.ws.rs.WebApplicationException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hrgateway.fhir.Outcomes;

import java.net.ConnectException;
import java.util.Locale;
import java.util.Map;

/**
 * The one table from failure to HTTP status and OperationOutcome issue type. Database failures are
 * recognized by SQLSTATE: a lost connection is 503 (retry later), a concurrent-write clash 409.
 */
public final class ErrorClassifier {

    /** A status and the OperationOutcome that explains it. */
    public record Classified(int status, OperationOutcome outcome, boolean unexpected) {
    }

    private static final Map<Integer, IssueType> ISSUE_BY_STATUS = Map.ofEntries(
            Map.entry(400, IssueType.INVALID),
            Map.entry(401, IssueType.LOGIN),
            Map.entry(403, IssueType.FORBIDDEN),
            Map.entry(404, IssueType.NOTFOUND),
            Map.entry(405, IssueType.NOTSUPPORTED),
            Map.entry(406, IssueType.NOTSUPPORTED),
            Map.entry(409, IssueType.CONFLICT),
            Map.entry(410, IssueType.DELETED),
            Map.entry(412, IssueType.CONFLICT),
            Map.entry(413, IssueType.TOOCOSTLY),
            Map.entry(415, IssueType.NOTSUPPORTED),
            Map.entry(422, IssueType.PROCESSING));

    private ErrorClassifier() {
    }

    public static Classified classify(Throwable error) {
        Throwable root = unwrap(error);
        if (root instanceof BaseServerResponseException fhir) {
            OperationOutcome outcome = fhir.getOperationOutcome() instanceof OperationOutcome given
                    ? given : outcome(fhir.getStatusCode(), fhir.getMessage());
            return new Classified(fhir.getStatusCode(), outcome, false);
        }
        if (root instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return new Classified(status, outcome(status, describe(web, status)), status >= 500);
        }
        if (root instanceof DataFormatException) {
            return new Classified(400, Outcomes.error(IssueType.STRUCTURE, root.getMessage()), false);
        }
        for (Throwable cause = root; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return fromSqlState(pg.getSqlState());
            }
            // Hibernate Reactive rethrows a failed statement as a JDBCException that keeps only the SQLSTATE.
            if (cause instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
                return fromSqlState(jdbc.getSQLState());
            }
            if (isConnectionFailure(cause)) {
                return new Classified(503, Outcomes.error(IssueType.TRANSIENT,
                        "The database is unavailable; nothing was changed. Retry later."), false);
            }
        }
        return new Classified(500, Outcomes.error(IssueType.EXCEPTION,
                "Internal error: " + root.getClass().getSimpleName()), true);
    }

    private static Classified fromSqlState(String sqlState) {
        String state = sqlState == null ? "" : sqlState;
        if (state.equals("23505") || state.equals("40001") || state.equals("40P01")) {
            return new Classified(409, Outcomes.error(IssueType.CONFLICT,
                    "A concurrent write to the same resource won; nothing was changed. Retry the request."), false);
        }
        if (state.equals("57014")) {
            return new Classified(503, Outcomes.error(IssueType.TIMEOUT, "The database did not answer within"
                    + " hr.db.statement-timeout and the statement was cancelled; nothing was changed."
                    + " Narrow the search, or retry later."), false);
        }
        // 08 connection exception, 57P shutdown/crash, 53 insufficient resources, 55000/55006 a
        // prepared statement or object the restarted server no longer has.
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53") || state.startsWith("55")) {
            return new Classified(503, Outcomes.error(IssueType.TRANSIENT,
                    "The database is unavailable; nothing was changed. Retry later."), false);
        }
        return new Classified(500, Outcomes.error(IssueType.EXCEPTION, "Database error " + state), true);
    }

    /**
     * A lost or refused database connection, however the client library words it: Vert.x reports a
     * connection killed under load as a SocketException, a ClosedConnectionException, or a bare
     * NoStackTraceThrowable ("Connection is not active now"); Hibernate Reactive wraps some of them.
     * All mean "nothing was committed, retry" (503), never a server fault.
     */
    private static boolean isConnectionFailure(Throwable cause) {
        if (cause instanceof ConnectException || cause instanceof java.net.SocketException
                || cause instanceof java.nio.channels.ClosedChannelException
                || cause instanceof io.vertx.sqlclient.ClosedConnectionException) {
            return true;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage().toLowerCase(Locale.ROOT);
        boolean aboutConnection = message.contains("connection") || message.contains("pool");
        return aboutConnection && (message.contains("refused") || message.contains("closed") || message.contains("reset")
                || message.contains("not active") || message.contains("failed to connect") || message.contains("timeout")
                || message.contains("timed out"));
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (true) {
            if (current instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
                current = composite.getCauses().get(0);
            } else if ((current instanceof java.util.concurrent.CompletionException
                    || current instanceof java.util.concurrent.ExecutionException) && current.getCause() != null) {
                current = current.getCause();
            } else if (!(current instanceof BaseServerResponseException)
                    && current.getCause() instanceof BaseServerResponseException) {
                current = current.getCause();
            } else {
                return current;
            }
        }
    }

    private static String describe(WebApplicationException web, int status) {
        return switch (status) {
            case 404 -> "No FHIR endpoint at this path";
            case 405 -> "This HTTP method is not supported at this path";
            case 415 -> "Unsupported Content-Type; send application/fhir+json or application/fhir+xml";
            default -> web.getMessage();
        };
    }

    private static OperationOutcome outcome(int status, String message) {
        return Outcomes.error(ISSUE_BY_STATUS.getOrDefault(status, IssueType.EXCEPTION), message);
    }
}
