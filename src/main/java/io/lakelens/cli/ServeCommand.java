package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.LakeLensException;
import io.lakelens.api.ApiOptions;
import io.lakelens.api.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the lake over a local HTTP API (JSON): each endpoint is the twin of a command "
                + "(search, tables, describe, history, timeline, diff, audit, analyze, query, optimize, health, stats).",
                "Every request but GET /api/health needs 'Authorization: Bearer <token>'; the token is created on first use "
                        + "in ~/.lakelens/api-token (mode 0600). GET /api/openapi.json lists the endpoints. Ctrl+C stops."})
public final class ServeCommand extends LakeCommand {
    @Option(names = "--port", defaultValue = "8081", description = "TCP port (default 8081; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = ApiOptions.DEFAULT_BIND,
            description = "Address to listen on (default 127.0.0.1, this machine only).")
    String bind;

    @Option(names = "--allow-remote", description = "Allow a --bind address other machines can reach.")
    boolean allowRemote;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "A browser origin allowed to call the API, e.g. http://localhost:3000 (repeatable; none by default).")
    List<String> corsOrigins;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "65536",
            description = "Largest request body accepted (default 65536 bytes).")
    int maxBody;

    @Option(names = "--max-concurrent", defaultValue = "8",
            description = "Requests served at once (default 8); others wait up to 30 s, then get 503.")
    int maxConcurrent;

    @Override
    protected int run(AppContext ctx) {
        if (maxBody < 1 || maxConcurrent < 1 || maxConcurrent > 256) {
            throw new LakeLensException("--max-body must be 1 or more and --max-concurrent between 1 and 256.");
        }
        if (port < 0 || port > 65_535) {
            throw new LakeLensException("--port must be between 0 and 65535, not " + port + ".");
        }
        ApiOptions options = ApiOptions.defaults().withPort(port).withBind(bind, allowRemote)
                .withCorsOrigins(corsOrigins == null ? List.of() : corsOrigins)
                .withLimits(maxBody, maxConcurrent, Duration.ofSeconds(30));
        ApiServer server = ApiServer.start(ctx, options);
        ctx.cache().warning().ifPresent(w -> err().println("lakelens: " + w));
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "lakelens-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ctx.engine().start(); // Spark warms up in the background; searches on the Kernel route do not wait for it
        if (server.remote()) {
            err().println("WARNING: the API listens on " + server.baseUri() + ", reachable from other machines. Anyone who has "
                    + "the token can read this lake" + (ctx.config().readOnly() ? "" : " and run OPTIMIZE on it")
                    + ", and the traffic (token included) is not encrypted.");
        }
        out().println("LakeLens API on " + server.baseUri() + "/api/ · lake " + ctx.config().lakeRoot()
                + (ctx.config().readOnly() ? " (read-only)" : "") + " · token in " + server.tokenFile().map(Object::toString).orElse("memory")
                + " · log " + server.logFile() + " · Ctrl+C stops");
        out().println("  curl -H \"Authorization: Bearer $(cat " + server.tokenFile().map(Object::toString).orElse("TOKEN_FILE") + ")\" "
                + server.baseUri() + "/api/tables");
        out().flush();
        err().flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            ctx.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook is what woke us
            }
        }
        return ExitCode.OK;
    }
}
