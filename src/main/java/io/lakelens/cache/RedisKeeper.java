package io.lakelens.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The detached process that runs a lake's shared embedded Redis (see {@link SharedRedis}):
 * starts it, records it, and shuts it down once it has had no client but this one and no
 * command for the idle period, or when its record is replaced. Arguments: lake folder, idle
 * seconds, memory cap in MB.
 */
public final class RedisKeeper {
    private RedisKeeper() {
    }

    public static void main(String[] args) throws Exception {
        // the lake's local state folder, not the lake: a lake in a bucket keeps its state on this
        // computer, and the keeper's small class path has no file system for buckets
        Path state = Path.of(args[0]);
        Duration idle = Duration.ofSeconds(Long.parseLong(args[1]));
        int maxMemoryMb = Integer.parseInt(args[2]);
        Path record = state.resolve(SharedRedis.RECORD);
        EmbeddedRedis redis = EmbeddedRedis.start(maxMemoryMb);
        long me = ProcessHandle.current().pid();
        SharedRedis.Endpoint endpoint = new SharedRedis.Endpoint(redis.port(), redis.password(), redis.pid(), me,
                redis.version(), Instant.now(), false);
        SharedRedis.write(record, endpoint, idle);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(redis, record, me), "lakelens-keeper-stop"));
        log("started Redis " + redis.version() + " on 127.0.0.1:" + redis.port() + " (pid " + redis.pid()
                + ") for the lake whose state is in " + state + "; stops after " + idle.toSeconds() + " s idle");

        long pollMs = Math.max(200, Math.min(5_000, idle.toMillis() / 4));
        long lastBusy = System.nanoTime();
        long lastCommands = -1;
        try (RespClient c = RespClient.open("127.0.0.1", redis.port(), redis.password(), 2_000)) {
            while (true) {
                Thread.sleep(pollMs);
                Optional<SharedRedis.Endpoint> now = SharedRedis.read(record);
                if (now.isEmpty() || now.get().keeperPid() != me) {
                    log("record replaced or removed; stopping");
                    break;
                }
                if (!redis.isAlive()) {
                    log("Redis exited; stopping");
                    break;
                }
                String info = c.callText("INFO");
                int clients = Integer.parseInt(RespClient.infoField(info, "connected_clients"));
                long commands = Long.parseLong(RespClient.infoField(info, "total_commands_processed"));
                // our own INFO is one command per poll; anything more, or another client, is use
                if (clients > 1 || (lastCommands >= 0 && commands - lastCommands > 1)) {
                    lastBusy = System.nanoTime();
                }
                lastCommands = commands;
                if (System.nanoTime() - lastBusy >= idle.toNanos()) {
                    log("idle for " + idle.toSeconds() + " s; stopping");
                    break;
                }
            }
        } catch (IOException e) {
            log("lost Redis (" + e.getMessage() + "); stopping");
        }
        System.exit(0);
    }

    private static void stop(EmbeddedRedis redis, Path record, long me) {
        redis.close();
        Optional<SharedRedis.Endpoint> now = SharedRedis.read(record);
        if (now.isPresent() && now.get().keeperPid() == me) {
            try {
                Files.deleteIfExists(record);
            } catch (IOException ignored) {
                // the next LakeLens finds it unanswered and replaces it
            }
        }
    }

    private static void log(String msg) {
        System.out.println(Instant.now() + " keeper " + ProcessHandle.current().pid() + ": " + msg);
    }
}
