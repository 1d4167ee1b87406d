package org.hrgateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP forwarder between the gateway and its database that can fail like a network or a failover
 * does: {@link #cut()} closes every open connection and refuses new ones until {@link #restore()}.
 */
public final class TcpProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private NetServer server;

    public TcpProxy(String targetHost, int targetPort) throws Exception {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = listen(0);
        this.port = server.actualPort();
    }

    public int port() {
        return port;
    }

    /** Drops every connection and refuses new ones, as a database that went away. */
    public void cut() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        for (NetSocket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Accepts connections again on the same port. */
    public void restore() throws Exception {
        server = listen(port);
    }

    private NetServer listen(int on) throws Exception {
        return vertx.createNetServer().connectHandler(client -> {
            client.pause();
            vertx.createNetClient().connect(targetPort, targetHost).onComplete(connected -> {
                if (connected.failed()) {
                    client.close();
                    return;
                }
                NetSocket database = connected.result();
                open.add(client);
                open.add(database);
                client.closeHandler(closed -> database.close());
                database.closeHandler(closed -> client.close());
                client.pipeTo(database);
                database.pipeTo(client);
                client.resume();
            });
        }).listen(on, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
