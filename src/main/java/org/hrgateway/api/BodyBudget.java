package org.hrgateway.api;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The request-body bytes the gateway works on at once. A body costs several times its size while it
 * is parsed, checked, indexed and stored, and a city pod has a memory limit: eight 9 MB uploads at
 * once would exhaust a 256 MB heap. A request whose body does not fit waits, unread (its connection
 * paused), until earlier ones finish, in arrival order; one that waits too long is told to retry.
 * A body as large as the largest accepted always fits once the gateway is idle.
 */
final class BodyBudget {

    /** A request waiting for room; {@code admit} runs on the request's own Vert.x context. */
    private record Waiter(long bytes, Context context, Runnable admit) {
    }

    private final long capacity;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private long inUse;

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /** A place in the queue. */
    interface Wait {
        /** Leaves the queue; false when the request was admitted already (it must then release). */
        boolean cancel();
    }

    /**
     * Runs {@code admit} once {@code bytes} fit (at once when they do now, on the caller's thread).
     * Whoever was admitted calls {@link #release} with the same bytes when done.
     */
    Wait acquire(long bytes, Runnable admit) {
        long wanted = Math.min(bytes, capacity);
        Waiter waiter;
        synchronized (this) {
            if (waiting.isEmpty() && inUse + wanted <= capacity) {
                inUse += wanted;
                waiter = null;
            } else {
                waiter = new Waiter(wanted, Vertx.currentContext(), admit);
                waiting.addLast(waiter);
            }
        }
        if (waiter == null) {
            admit.run();
            return () -> false;
        }
        return () -> cancel(waiter);
    }

    /** Gives back what {@link #acquire} took for a request, and admits those that now fit. */
    void release(long bytes) {
        long released = Math.min(bytes, capacity);
        synchronized (this) {
            inUse -= released;
        }
        admitThoseThatFit();
    }

    private void admitThoseThatFit() {
        Deque<Waiter> admitted = new ArrayDeque<>();
        synchronized (this) {
            while (!waiting.isEmpty() && inUse + waiting.peekFirst().bytes() <= capacity) {
                Waiter next = waiting.pollFirst();
                inUse += next.bytes();
                admitted.add(next);
            }
        }
        for (Waiter waiter : admitted) {
            waiter.context().runOnContext(ignored -> waiter.admit().run());
        }
    }

    /** True when the waiter was still waiting (and is no more); those behind it may fit now. */
    private boolean cancel(Waiter waiter) {
        boolean removed = false;
        synchronized (this) {
            for (Iterator<Waiter> it = waiting.iterator(); it.hasNext() && !removed; ) {
                if (it.next() == waiter) {
                    it.remove();
                    removed = true;
                }
            }
        }
        if (removed) {
            admitThoseThatFit();
        }
        return removed;
    }

    synchronized long inUse() {
        return inUse;
    }
}
