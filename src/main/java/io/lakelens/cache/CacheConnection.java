package io.lakelens.cache;

import io.lakelens.LakeLensException;
import io.lakelens.lake.Errors;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One shared Lettuce connection to the cache (plus one for pub/sub), or none. Lettuce
 * connections are thread-safe; LakeLens keeps exactly one. Commands time out after
 * {@link CacheSettings#commandTimeout()} and are rejected at once while disconnected, so an
 * outage turns into fast misses; the client reconnects by itself. Status listeners run on a
 * LakeLens thread, never on Lettuce's event loop. Thread-safe.
 */
public final class CacheConnection implements AutoCloseable {
    private final CacheStatus mode;
    private final String description;
    private final Optional<String> warning;
    private final RedisClient client;
    private final ClientResources resources;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final EmbeddedRedis owned;
    private final List<Consumer<CacheStatus>> listeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, String>> messageListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private volatile boolean connected;

    private CacheConnection(CacheStatus mode, String description, Optional<String> warning, RedisClient client,
                            ClientResources resources, StatefulRedisConnection<String, byte[]> connection,
                            StatefulRedisPubSubConnection<String, String> pubsub, EmbeddedRedis owned) {
        this.mode = mode;
        this.description = description;
        this.warning = warning;
        this.client = client;
        this.resources = resources;
        this.connection = connection;
        this.pubsub = pubsub;
        this.owned = owned;
        this.connected = connection != null && connection.isOpen();
        this.notifier = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lakelens-cache-events");
            t.setDaemon(true);
            return t;
        });
    }

    /** No cache: every lookup misses. {@code why} is shown once to the user when it is a problem. */
    public static CacheConnection none(String description, Optional<String> warning) {
        return new CacheConnection(CacheStatus.NONE, description, warning, null, null, null, null, null);
    }

    /**
     * Connects to a Redis. Fails with a one-line {@link LakeLensException} when it cannot be
     * reached or refuses the credentials.
     *
     * @param mode  {@link CacheStatus#EXTERNAL} or {@link CacheStatus#EMBEDDED}
     * @param owned an embedded Redis to stop on {@link #close()}, or null
     */
    public static CacheConnection connect(String url, CacheStatus mode, String description, EmbeddedRedis owned,
                                          CacheSettings settings) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new LakeLensException("'" + safeUrl(url) + "' is not a Redis URL (" + Errors.abbreviate(Errors.rootMessage(e))
                    + "); use redis://[:password@]host:port[/db] or rediss://….");
        }
        // the handshake (HELLO/AUTH) runs under the URI timeout: give it the connect budget, not
        // the command budget, or a cold JVM fails to connect to a healthy Redis
        uri.setTimeout(settings.connectTimeout());
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), settings.reconnectMaxDelay(), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build())
                .build());
        StatefulRedisConnection<String, byte[]> conn = null;
        try {
            conn = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri);
            StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub(StringCodec.UTF8, uri);
            CacheConnection c = new CacheConnection(mode, description, Optional.empty(), client, resources, conn, ps, owned);
            c.listen();
            return c;
        } catch (RuntimeException e) {
            if (conn != null) {
                conn.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            resources.shutdown(0, 1, TimeUnit.SECONDS);
            throw new LakeLensException(explain(uri, e), e);
        }
    }

    private static String explain(RedisURI uri, Throwable e) {
        String root = Errors.rootMessage(e);
        String where = display(uri);
        String lower = String.valueOf(root).toLowerCase();
        if (lower.contains("wrongpass") || lower.contains("noauth") || lower.contains("invalid password")
                || lower.contains("invalid username-password")) {
            return "Redis at " + where + " refused the credentials (" + Errors.abbreviate(root) + ")";
        }
        return "Redis at " + where + " cannot be reached (" + Errors.abbreviate(root) + ")";
    }

    /** A URL without its password, for messages. */
    public static String display(RedisURI uri) {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    static String safeUrl(String url) {
        return url == null ? "" : url.replaceAll("//[^@/]*@", "//***@");
    }

    private void listen() {
        RedisConnectionStateListener state = new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
                changed(true);
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
                changed(false);
            }
        };
        connection.addListener(state);
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                notifier.execute(() -> messageListeners.forEach(l -> l.accept(channel, message)));
            }
        });
    }

    private void changed(boolean nowConnected) {
        if (connected == nowConnected) {
            return;
        }
        connected = nowConnected;
        CacheStatus s = status();
        notifier.execute(() -> listeners.forEach(l -> l.accept(s)));
    }

    /** The configured kind (external / embedded / none), whether or not it answers now. */
    public CacheStatus mode() {
        return mode;
    }

    /** {@link #mode()} while connected, {@link CacheStatus#DOWN} while not, NONE without a cache. */
    public CacheStatus status() {
        if (mode == CacheStatus.NONE) {
            return CacheStatus.NONE;
        }
        return connected && connection.isOpen() ? mode : CacheStatus.DOWN;
    }

    /** One line for `lakelens health` and the status bar; never contains a password. */
    public String description() {
        return description;
    }

    /** Why LakeLens runs without the cache it was asked to use, if it does. */
    public Optional<String> warning() {
        return warning;
    }

    /** Called with the new status when the connection drops or comes back, on a LakeLens thread. */
    public void addStatusListener(Consumer<CacheStatus> listener) {
        listeners.add(listener);
    }

    public void removeStatusListener(Consumer<CacheStatus> listener) {
        listeners.remove(listener);
    }

    /** The async commands of the shared connection; only when {@link #mode()} is not NONE. */
    public RedisAsyncCommands<String, byte[]> async() {
        if (connection == null) {
            throw new IllegalStateException("No cache connection");
        }
        return connection.async();
    }

    /** Subscribes to a channel; the listener gets (channel, message) on a LakeLens thread. */
    public void subscribe(String channel, BiConsumer<String, String> listener) {
        if (pubsub == null) {
            return;
        }
        messageListeners.add(listener);
        pubsub.async().subscribe(channel);
    }

    /** Publishes without waiting; a lost message costs only a slower version re-check elsewhere. */
    public void publish(String channel, String message) {
        if (pubsub != null && status().isUp()) {
            pubsub.async().publish(channel, message);
        }
    }

    /** The Redis this process started and will stop, if any (tests kill and restart it). */
    public Optional<EmbeddedRedis> embedded() {
        return Optional.ofNullable(owned);
    }

    @Override
    public void close() {
        try {
            if (pubsub != null) {
                pubsub.close();
            }
            if (connection != null) {
                connection.close();
            }
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                resources.shutdown(0, 2, TimeUnit.SECONDS);
            }
        } finally {
            notifier.shutdownNow();
            if (owned != null) {
                owned.close();
            }
        }
    }
}
