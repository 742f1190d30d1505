package io.lakelens.cli;

import io.lakelens.AppContext;
import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.data.DatasetSize;
import io.lakelens.data.LakeGenerator;
import io.lakelens.data.Tables;
import io.lakelens.lake.s3.LocalS3Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "s3-demo", mixinStandardHelpOptions = true,
        description = {"Start a local S3-compatible server (S3Proxy, on 127.0.0.1) storing its buckets in a folder, "
                + "generate a tiny lake into s3a://demo/lake there (once), print the commands that open it, and keep "
                + "the server running until Ctrl-C. Offline; the server accepts any credentials. Never touches --lake."})
public final class S3DemoCommand extends LakeCommand {
    static final String LAKE = "s3a://demo/lake";

    @Option(names = "--port", defaultValue = "9000", description = "Port of the server on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder holding the buckets (default ~/.lakelens/s3-demo).")
    Path dir;

    @Option(names = "--dataset", paramLabel = "SIZE", defaultValue = "tiny",
            description = "Dataset generated into the bucket the first time (default ${DEFAULT-VALUE}).")
    String dataset;

    private String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    protected Config config(Config fromOptions, boolean lakeGiven) {
        if (port < 1 || port > 65535) {
            throw new LakeLensException("--port must be between 1 and 65535, not " + port + ".");
        }
        return fromOptions.withLake(Config.parseLake(LAKE, System.getenv(), endpoint()));
    }

    @Override
    protected int run(AppContext ctx) {
        DatasetSize size = DatasetSize.parse(dataset);
        Path data = dir != null ? dir : Path.of(System.getProperty("user.home"), ".lakelens", "s3-demo");
        boolean ownCredentials = System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null;
        if (ownCredentials) {
            // The demo server accepts any key; this process signs with a demo one like the printed commands.
            System.setProperty("aws.accessKeyId", "demo");
            System.setProperty("aws.secretAccessKey", "demo-secret");
        }
        out().println("Starting a local S3 server on " + endpoint() + " over " + data + " …");
        out().flush();
        try (LocalS3Server server = LocalS3Server.start(data, port, data.resolveSibling(data.getFileName() + ".log"))) {
            server.createBucket("demo");
            if (ctx.engine().tableNames().stream().noneMatch(Tables.GENERATED::contains)) {
                out().println("Generating a " + size.label() + " lake into " + LAKE + " …");
                out().flush();
                new LakeGenerator(ctx.engine()).generate(size, 42, progress()::update);
                progress().clear();
                // Leave the lake to the commands the user runs next (one writing process at a time).
                io.lakelens.lake.s3.S3Lakes.releaseWriter(ctx.config().lakeRoot());
            }
            String opts = "--lake " + LAKE + " --s3-endpoint " + endpoint();
            out().println("The lake " + LAKE + " is ready. In another terminal:");
            out().println("  export AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo-secret");
            out().println("  ./lakelens tables " + opts);
            out().println("  ./lakelens search " + opts + " --table market_data technology");
            out().println("  ./lakelens " + opts + "        # the window");
            out().println(io.lakelens.lake.s3.S3Lakes.SINGLE_WRITER_NOTE);
            out().println("Press Ctrl-C to stop the server (the buckets stay in " + data + ").");
            out().flush();
            server.waitFor();
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        }
    }
}
