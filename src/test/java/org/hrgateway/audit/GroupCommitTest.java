package org.hrgateway.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit: callers' items share batches, each caller waits for its own, a bad item fails alone. */
class GroupCommitTest {

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @Test
    void givenABatchWithAnItemTheWriterRefuses_whenWritten_thenOnlyThatCallerFails() throws Exception {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String> commit = new GroupCommit<>(vertx, 10, items -> items.contains("bad")
                ? Uni.createFrom().failure(new IllegalArgumentException("refused"))
                : Uni.createFrom().voidItem().invoke(() -> written.addAll(items)),
                failure -> failure instanceof IllegalArgumentException);

        CompletableFuture<Void> first = commit.writeAll(List.of("a", "b")).subscribeAsCompletionStage();
        CompletableFuture<Void> bad = commit.writeAll(List.of("bad")).subscribeAsCompletionStage();
        CompletableFuture<Void> last = commit.writeAll(List.of("c")).subscribeAsCompletionStage();

        first.get(10, TimeUnit.SECONDS);
        last.get(10, TimeUnit.SECONDS);
        ExecutionException refused = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof IllegalArgumentException, refused.toString());
        assertEquals(List.of("a", "b", "c"), written.stream().sorted().toList());
    }

    @Test
    void givenManyCallersAtOnce_whenWritten_thenTheyShareBatchesOfAtMostTheLimit() throws Exception {
        List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
        // Each batch takes a moment, so that callers arriving meanwhile queue for the next one.
        GroupCommit<Integer> commit = new GroupCommit<>(vertx, 8, items -> Uni.createFrom().voidItem()
                .onItem().delayIt().by(java.time.Duration.ofMillis(20))
                .invoke(() -> batches.add(items.size())), failure -> false);

        List<CompletableFuture<Void>> calls = IntStream.range(0, 40)
                .mapToObj(i -> commit.writeAll(List.of(i)).subscribeAsCompletionStage()).toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertEquals(40, batches.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batches.stream().allMatch(size -> size <= 8), batches.toString());
        assertTrue(batches.size() < 40, "shared batches: " + batches);
    }

    @Test
    void givenABatchThatFailsForAnotherReason_whenWritten_thenAllItsCallersFailAndNothingIsWrittenTwice() throws Exception {
        List<List<String>> attempts = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        // The first batch is held until the next callers have queued, then the database "goes away".
        GroupCommit<String> commit = new GroupCommit<>(vertx, 10, items -> {
            attempts.add(items);
            if (items.contains("held")) {
                first.countDown();
                return Uni.createFrom().voidItem().onItem().delayIt().by(java.time.Duration.ofMillis(100));
            }
            return Uni.createFrom().failure(new IllegalStateException("connection lost"));
        }, failure -> failure instanceof IllegalArgumentException);

        CompletableFuture<Void> held = commit.writeAll(List.of("held")).subscribeAsCompletionStage();
        assertTrue(first.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> a = commit.writeAll(List.of("a")).subscribeAsCompletionStage();
        CompletableFuture<Void> b = commit.writeAll(List.of("b")).subscribeAsCompletionStage();

        held.get(10, TimeUnit.SECONDS);
        assertThrows(ExecutionException.class, () -> a.get(10, TimeUnit.SECONDS));
        assertThrows(ExecutionException.class, () -> b.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("held"), List.of("a", "b")), attempts);
    }
}
