package io.lakelens.search;

import io.lakelens.cli.Main;
import io.lakelens.lake.AsOf;
import io.lakelens.lake.s3.LocalS3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny lake in a bucket of a real S3-compatible server (S3Proxy on loopback over a temporary
 * folder): generated, listed, searched on both routes, its history, a diff, an optimize and a
 * vacuum dry run, all through s3a://; and the one-line errors for a wrong endpoint, missing
 * credentials and a missing bucket.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class S3LakeTest {
    @TempDir
    static Path dir;
    static LocalS3Server server;
    static String lake = "s3a://lakes/tiny";

    @BeforeAll
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    static void generate() {
        server = LocalS3Server.start(dir.resolve("blobs"), 0, dir.resolve("s3proxy.log"));
        server.createBucket("lakes");
        // The SDK's standard JVM properties: credentials never come from LakeLens's arguments.
        System.setProperty("aws.accessKeyId", "lakelens-test");
        System.setProperty("aws.secretAccessKey", "lakelens-test-secret");
        System.setProperty("lakelens.s3.state", dir.resolve("state").toString());
        Run r = run("generate", "--dataset", "tiny");
        assertEquals(0, r.code(), r.err() + r.out());
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("lakelens.s3.state");
        if (server != null) {
            server.close();
        }
    }

    record Run(int code, String out, String err) {
    }

    static Run runOn(String lakeUri, String endpoint, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of(args), Stream.of("--lake", lakeUri, "--s3-endpoint", endpoint, "--no-redis"))
                .toArray(String[]::new);
        int code = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return runOn(lake, server.endpoint().toString(), args);
    }

    static long objects(String table) {
        try (Stream<Path> files = Files.walk(dir.resolve("blobs").resolve("lakes").resolve("tiny").resolve(table))) {
            return files.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void generatedTablesAreObjectsInTheBucketAndListWithTheSingleWriterNote() {
        assertTrue(objects("market_data") > 0);
        Run r = run("tables");
        assertEquals(0, r.code(), r.err());
        for (String t : List.of("market_data", "trading_transactions", "portfolio_holdings", "market_events")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(t) && l.contains(" ok")), r.out());
        }
        assertTrue(r.out().contains("4 tables, 0 unreadable"), r.out());
        assertTrue(r.out().contains("one process at a time"), r.out());
    }

    @Test
    void searchGivesTheSamePageOnTheKernelAndTheSparkRoute() {
        Path root = io.lakelens.Config.parseLake(lake, java.util.Map.of(), server.endpoint().toString());
        try (SearchHarness h = new SearchHarness(root, SearchSettings.defaults().withTermIndexMinBytes(0), false)) {
            SearchRequest req = SearchRequest.of("technology").withPageSize(20);
            SearchResult kernel = h.service.readByRoute(req, Route.Choice.KERNEL);
            SearchResult spark = h.service.readByRoute(req, Route.Choice.SPARK);
            assertEquals(java.util.Optional.of("kernel"), kernel.route());
            assertEquals(java.util.Optional.of("spark"), spark.route());
            assertTrue(kernel.totalMatches() > 0, "technology rows");
            assertEquals(kernel.totalMatches(), spark.totalMatches());
            assertEquals(kernel.rows(), spark.rows());
        }
        Run cli = run("search", "--table", "market_data", "--page-size", "10", "technology");
        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("route kernel"), cli.out());
    }

    @Test
    void historyAndDiffReadTheLogInTheBucket() {
        Run h = run("history", "market_data");
        assertEquals(0, h.code(), h.err());
        assertTrue(h.out().contains("CREATE TABLE AS SELECT"), h.out());
        assertTrue(h.out().contains("MERGE"), h.out());
        Run d = run("diff", "market_data", "--from", "3", "--limit", "5");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("changed"), d.out());
        Run old = run("search", "--table", "market_data", "--as-of", "0", "--page-size", "10", "");
        assertEquals(0, old.code(), old.err());
        assertTrue(old.out().contains("version 0"), old.out());
    }

    @Test
    void optimizeCompactsInTheBucketAndTheVacuumDryRunDeletesNothing() {
        Run before = run("tables");
        long objectsBefore = objects("trading_transactions");
        Run v = run("vacuum", "trading_transactions", "--dry-run", "--retain", "0h", "--force-short-retention");
        assertEquals(0, v.code(), v.err());
        assertEquals(objectsBefore, objects("trading_transactions"), "a dry run deletes nothing");
        Run o = run("optimize", "trading_transactions", "--reason", "compact in the bucket");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("→ 1 files"), o.out());
        Run hist = run("history", "trading_transactions");
        assertTrue(hist.out().contains("OPTIMIZE"), hist.out());
        assertFalse(before.out().isBlank());
    }

    @Test
    void aWrongEndpointIsOneClearLine() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run r = runOn("s3a://wrong-endpoint/lake", "http://127.0.0.1:" + closed, "tables");
        assertEquals(1, r.code(), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("Cannot reach the S3 store at http://127.0.0.1:" + closed), r.err());
    }

    @Test
    void aMissingBucketIsOneClearLine() {
        Run r = runOn("s3a://no-such-bucket/lake", server.endpoint().toString(), "tables");
        assertEquals(1, r.code(), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("The bucket 'no-such-bucket' does not exist"), r.err());
    }

    @Test
    void missingCredentialsAreOneClearLine() {
        String id = System.clearProperty("aws.accessKeyId");
        String secret = System.clearProperty("aws.secretAccessKey");
        String profileFile = System.setProperty("aws.sharedCredentialsFile", dir.resolve("no-credentials").toString());
        try {
            server.createBucket("no-credentials");
            Run r = runOn("s3a://no-credentials/lake", server.endpoint().toString(), "tables");
            assertEquals(1, r.code(), r.out());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("No S3 credentials"), r.err());
        } finally {
            System.setProperty("aws.accessKeyId", id);
            System.setProperty("aws.secretAccessKey", secret);
            if (profileFile == null) {
                System.clearProperty("aws.sharedCredentialsFile");
            } else {
                System.setProperty("aws.sharedCredentialsFile", profileFile);
            }
        }
    }

    @Test
    void aTableNameNeverLeavesTheLakePrefix() {
        Run r = run("history", "../other");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().startsWith("lakelens: "), r.err());
    }
}
