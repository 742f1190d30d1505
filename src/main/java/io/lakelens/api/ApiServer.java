package io.lakelens.api;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.delta.exceptions.DeltaConcurrentModificationException;
import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.lake.Errors;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local HTTP API: the JDK's own HTTP server in front of a running {@link AppContext}, so a
 * window or {@code lakelens serve} shares its engine, cache and search service with the API.
 *
 * <p>Safety: it listens on loopback unless {@link ApiOptions#allowRemote()}; every request but
 * {@code GET /api/health} must carry the bearer token ({@link ApiToken}); bodies over
 * {@link ApiOptions#maxBodyBytes()} get 413; at most {@link ApiOptions#maxConcurrent()} requests
 * run at once (others wait, then get 503); no CORS header is sent unless an origin is configured;
 * a write endpoint on a read-only lake gets 409. Errors are {@code {"error", "message"}} with no
 * stack trace; internal errors are logged to {@code <home>/logs/api.log}.
 *
 * <p>Thread-safe; {@link #close()} stops it (the context stays open: its owner closes it).
 */
public final class ApiServer implements AutoCloseable {
    /** Read by the JDK's HTTP server when its first instance starts. */
    private static final String NODELAY = "sun.net.httpserver.nodelay";
    /** Threads beyond the concurrency limit that hold waiting requests (the rest queue unread). */
    private static final int WAITING_ROOM = 16;

    private final AppContext ctx;
    private final ApiOptions options;
    private final ApiToken token;
    private final ApiLog log;
    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final Semaphore slots;
    private final boolean remote;
    private volatile boolean closed;

    private ApiServer(AppContext ctx, ApiOptions options, ApiToken token, HttpServer server, ThreadPoolExecutor executor,
                      boolean remote) {
        this.ctx = ctx;
        this.options = options;
        this.token = token;
        this.log = new ApiLog(options.home().resolve("logs").resolve("api.log"));
        this.server = server;
        this.executor = executor;
        this.slots = new Semaphore(options.maxConcurrent(), true);
        this.remote = remote;
    }

    /**
     * Starts the API over {@code ctx} and returns once it listens.
     *
     * @throws LakeLensException when the address is not loopback and remote access was not allowed,
     *                           the port is taken, or the token file cannot be read or created
     */
    public static ApiServer start(AppContext ctx, ApiOptions options) {
        InetAddress address;
        try {
            address = InetAddress.getByName(options.bind());
        } catch (UnknownHostException e) {
            throw new LakeLensException("Cannot bind the API to '" + options.bind() + "': no such address.");
        }
        boolean remote = !address.isLoopbackAddress();
        if (remote && !options.allowRemote()) {
            throw new LakeLensException("Binding the API to " + options.bind() + " would let other machines reach it; "
                    + "pass --allow-remote to do that on purpose, or leave --bind at 127.0.0.1.");
        }
        ApiToken token = options.token().orElseGet(() -> ApiToken.loadOrCreate(options.home()));
        Endpoints.all(); // finds the command line the endpoints run (fails here, not on the first request)
        // Small answers go out at once: without TCP_NODELAY the JDK server's separate writes of
        // headers and body meet the client's delayed ACK, and every answer waits about 40 ms.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(address, options.port()), 64);
        } catch (BindException e) {
            throw new LakeLensException("Port " + options.port() + " on " + options.bind() + " is taken (" + e.getMessage()
                    + "); choose another with --port.");
        } catch (IOException e) {
            throw new LakeLensException("Cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        AtomicInteger n = new AtomicInteger();
        int threads = options.maxConcurrent() + WAITING_ROOM;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "lakelens-api-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        ApiServer api = new ApiServer(ctx, options, token, http, executor, remote);
        http.createContext("/", api::exchange);
        http.setExecutor(executor);
        http.start();
        api.log.line("START " + api.baseUri() + " lake " + ctx.config().lakeRoot() + (ctx.config().readOnly() ? " read-only" : ""));
        return api;
    }

    /** The address it listens on (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://host:port}, without a trailing slash. */
    public URI baseUri() {
        InetSocketAddress a = address();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /** Whether it listens on an address other machines can reach. */
    public boolean remote() {
        return remote;
    }

    /** The token clients must send. */
    public ApiToken token() {
        return token;
    }

    /** Where the token is kept, unless it is held in memory only. */
    public Optional<Path> tokenFile() {
        return token.file();
    }

    /** The server's log file. */
    public Path logFile() {
        return log.file();
    }

    /** Stops listening, lets running requests finish for up to two seconds, and stops the threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(2);
        executor.shutdownNow();
        log.line("STOP " + baseUri());
        log.close();
    }

    // ---- one exchange

    private void exchange(HttpExchange ex) {
        long t0 = System.nanoTime();
        int status = 500;
        try {
            Endpoints.Response r;
            try {
                r = serve(ex);
            } catch (ApiError e) {
                r = error(e.status(), e.code(), e.getMessage());
            } catch (CommandLine.ParameterException e) {
                r = error(400, "bad_parameter", Endpoints.translate(Errors.firstLine(String.valueOf(e.getMessage()))));
            } catch (LakeLensException e) {
                r = error(400, "bad_request", e.getMessage());
            } catch (RuntimeException | Error e) {
                log.error(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath(), e);
                r = error(500, "internal", "Internal error: " + Errors.abbreviate(Errors.firstLine(String.valueOf(Errors.rootMessage(e))))
                        + " (details in " + log.file() + ").");
            }
            status = r.status();
            send(ex, r);
        } catch (IOException e) {
            // the client went away
        } finally {
            ex.close();
            log.line(ex.getRemoteAddress().getAddress().getHostAddress() + " " + ex.getRequestMethod() + " "
                    + ex.getRequestURI().getRawPath() + " " + status + " " + (System.nanoTime() - t0) / 1_000_000 + "ms");
        }
    }

    private Endpoints.Response serve(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        if (method.equals("OPTIONS")) {
            return preflight(ex);
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        boolean authenticated = token.accepts(auth);
        boolean health = rawPath.equals("/api/health");
        if (!authenticated && (!health || auth != null)) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"lakelens\"");
            throw new ApiError(401, "unauthorized", auth == null
                    ? "Send the API token as 'Authorization: Bearer <token>'; it is in " + tokenHint() + "."
                    : "That token is not this server's; the right one is in " + tokenHint() + ".");
        }
        Route route = route(method, rawPath);
        Map<String, List<String>> params = ApiPaths.query(ex.getRequestURI().getRawQuery());
        byte[] body = body(ex);
        if (route.endpoint().method().equals("POST")) {
            Endpoints.bodyParameters(body).forEach((k, v) -> params.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
        }
        String table = route.table();
        if (route.byParameter()) {
            List<String> names = params.remove("name");
            if (names == null || names.size() != 1 || names.getFirst().isEmpty()) {
                throw new ApiError(400, "bad_table_name", "Name the table once with ?name=.");
            }
            table = names.getFirst();
        }
        Endpoints.Endpoint e = route.endpoint();
        if (e.open() && !authenticated) {
            return e.handler().handle(new Endpoints.Call(ctx, e, null, null, Map.of(), false));
        }
        if (e.write() && ctx.config().readOnly()) {
            throw new ApiError(409, "read_only", "The lake " + ctx.config().lakeRoot() + " is open read-only; "
                    + e.operationId() + " is refused (start the server without --read-only to allow it).");
        }
        boolean acquired;
        try {
            acquired = slots.tryAcquire(options.queueWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "busy", "The server is stopping.");
        }
        if (!acquired) {
            ex.getResponseHeaders().set("Retry-After", "5");
            throw new ApiError(503, "busy", "The server is busy with " + options.maxConcurrent()
                    + " requests; try again shortly.");
        }
        try {
            if (table != null) {
                try {
                    ctx.engine().requireTable(table);
                } catch (LakeLensException notATable) {
                    throw new ApiError(404, "no_such_table", notATable.getMessage());
                }
            }
            return e.handler().handle(new Endpoints.Call(ctx, e, table, route.analysis(), params, true));
        } catch (LakeLensException failure) {
            if (e.write() && conflict(failure)) {
                throw new ApiError(409, "conflict", failure.getMessage());
            }
            throw failure;
        } finally {
            slots.release();
        }
    }

    private String tokenHint() {
        return token.file().map(Path::toString).orElse("the process that started this server");
    }

    /** Which endpoint a path and method name, with the table or analysis taken from the path. */
    private record Route(Endpoints.Endpoint endpoint, String table, String analysis, boolean byParameter) {
    }

    private static Route route(String method, String rawPath) {
        Endpoints.Scope scope;
        String key;
        String table = null;
        String analysis = null;
        boolean byParameter = false;
        Optional<ApiPaths.TableRoute> t = ApiPaths.table(rawPath);
        Optional<String> byName = ApiPaths.tableByParameter(rawPath);
        Optional<String> a = ApiPaths.analysis(rawPath);
        if (t.isPresent()) {
            scope = Endpoints.Scope.TABLE;
            key = t.get().action();
            table = t.get().name();
        } else if (byName.isPresent()) {
            scope = Endpoints.Scope.TABLE;
            key = byName.get();
            byParameter = true;
        } else if (a.isPresent()) {
            scope = Endpoints.Scope.ANALYSIS;
            key = "";
            analysis = a.get();
        } else {
            scope = Endpoints.Scope.FIXED;
            key = rawPath;
        }
        List<Endpoints.Endpoint> matching = Endpoints.all().stream()
                .filter(e -> e.scope() == scope && e.path().equals(key)).toList();
        if (matching.isEmpty()) {
            throw new ApiError(404, "not_found", "No endpoint " + ApiPaths.abbreviate(rawPath) + "; GET /api/openapi.json lists them.");
        }
        for (Endpoints.Endpoint e : matching) {
            if (e.method().equals(method)) {
                return new Route(e, table, analysis, byParameter);
            }
        }
        throw new ApiError(405, "method_not_allowed", ApiPaths.abbreviate(rawPath) + " takes "
                + String.join(" or ", matching.stream().map(Endpoints.Endpoint::method).toList()) + ", not " + method + ".");
    }

    /** Reads the body, refusing one over the limit before reading it when its length is declared. */
    private byte[] body(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > options.maxBodyBytes()) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new ApiError(400, "bad_request", "Content-Length '" + ApiPaths.abbreviate(length) + "' is not a number.");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (InputStream in = ex.getRequestBody()) {
            int r;
            while ((r = in.read(buf)) > 0) {
                if (out.size() + r > options.maxBodyBytes()) {
                    throw tooLarge();
                }
                out.write(buf, 0, r);
            }
        }
        return out.toByteArray();
    }

    private ApiError tooLarge() {
        return new ApiError(413, "body_too_large", "The request body is larger than " + options.maxBodyBytes()
                + " bytes, the most this server accepts (lakelens serve --max-body).");
    }

    private static boolean conflict(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof DeltaConcurrentModificationException || c instanceof OverlappingFileLockException) {
                return true;
            }
        }
        return false;
    }

    // ---- CORS: nothing unless origins are configured

    private Optional<String> allowedOrigin(HttpExchange ex) {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        return origin != null && options.corsOrigins().contains(origin) ? Optional.of(origin) : Optional.empty();
    }

    private Endpoints.Response preflight(HttpExchange ex) {
        Optional<String> origin = allowedOrigin(ex);
        if (origin.isEmpty()) {
            throw new ApiError(405, "method_not_allowed", "OPTIONS is answered only for the origins given with --cors-origin.");
        }
        Headers h = ex.getResponseHeaders();
        h.set("Access-Control-Allow-Methods", "GET, POST");
        h.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
        h.set("Access-Control-Max-Age", "600");
        return new Endpoints.Response(204, "");
    }

    private static Endpoints.Response error(int status, String code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message == null ? code : message.strip());
        return new Endpoints.Response(status, Endpoints.write(m));
    }

    private void send(HttpExchange ex, Endpoints.Response r) throws IOException {
        Headers h = ex.getResponseHeaders();
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        allowedOrigin(ex).ifPresent(o -> {
            h.set("Access-Control-Allow-Origin", o);
            h.set("Vary", "Origin");
        });
        if (r.status() == 204) {
            ex.sendResponseHeaders(204, -1);
            return;
        }
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        h.set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(r.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
