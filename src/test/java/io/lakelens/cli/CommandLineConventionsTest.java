package io.lakelens.cli;

import io.lakelens.TestLakes;
import io.lakelens.lake.JvmFlags;
import io.lakelens.lake.LakeEngine;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Version, exit codes, completion, CSV precision and clean redirected output, through the real command line. */
class CommandLineConventionsTest {
    @TempDir
    static Path lake;

    @BeforeAll
    static void oneTable() {
        LakeEngine engine = TestLakes.engine(lake);
        engine.write("prices", "v0", s -> {
            s.sql("SELECT 'AAA' AS symbol, CAST(123.456789012345 AS DOUBLE) AS price, 0.1D + 0.2D AS sum, "
                    + "CAST(1.0 AS DOUBLE) / 3 AS third, CAST('12345678901234.56789' AS DECIMAL(38,5)) AS amount")
                    .write().format("delta").save(engine.tablePath("prices").toString());
            return null;
        });
    }

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static Run onLake(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--lake", lake.toString(), "--no-redis"));
        return run(all.toArray(String[]::new));
    }

    @Test
    @Timeout(60)
    void versionWorksOnTheRootOnEverySubcommandAndAsACommand() {
        for (String[] args : new String[][]{{"--version"}, {"-V"}, {"version"}, {"tables", "-V"}, {"search", "--version"},
                {"verify", "--version"}, {"verify", "-V"}}) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.out().startsWith("LakeLens "), String.join(" ", args) + " printed: " + r.out());
            assertTrue(r.out().contains("Spark ") && r.out().contains("Delta ") && r.out().contains("Java "), r.out());
        }
    }

    @Test
    @Timeout(60)
    void everyCommandsHelpRendersWithoutAPicocliWarning() {
        // picocli formats help texts: a lone % (as in "30 % of dates") makes it print a warning to
        // the terminal, where the user sees it, and show the raw text
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        PrintStream terminal = System.err;
        List<String> commands = new ArrayList<>();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            Deque<CommandLine> todo = new ArrayDeque<>(List.of(Main.commandLine()));
            while (!todo.isEmpty()) {
                CommandLine cl = todo.pop();
                todo.addAll(cl.getSubcommands().values());
                commands.add(cl.getCommandName());
                assertFalse(cl.getUsageMessage().isBlank());
            }
        } finally {
            System.setErr(terminal);
        }
        assertTrue(commands.size() > 20, commands.toString());
        assertFalse(warnings.toString(StandardCharsets.UTF_8).contains("[picocli WARN]"), warnings.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(60)
    void helpListsTheExitCodesAndUsageErrorsAreUserErrors() {
        for (String[] args : new String[][]{{"--help"}, {"query", "--help"}, {"verify", "--help"}}) {
            Run r = run(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("Exit codes:"), r.out());
            assertTrue(r.out().contains("3   Check failed"), r.out());
        }
        Run unknown = run("no-such-command");
        assertEquals(ExitCode.USER_ERROR, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        Run missing = run("verify");
        assertEquals(ExitCode.USER_ERROR, missing.code());
        assertTrue(missing.err().contains("TABLE"), missing.err());
    }

    @Test
    @Timeout(60)
    void completionPrintsBashAndZshScriptsThatNameTheCommands() {
        Run bash = run("completion", "bash");
        assertEquals(0, bash.code(), bash.err());
        assertTrue(bash.out().contains("complete -F _complete_lakelens") || bash.out().contains("_complete_lakelens lakelens"), bash.out());
        assertTrue(bash.out().contains("verify") && bash.out().contains("--dataset"), "commands and options are completed");
        Run zsh = run("completion", "zsh");
        assertEquals(0, zsh.code(), zsh.err());
        assertTrue(zsh.out().startsWith("#compdef lakelens\n"), zsh.out());
        assertTrue(zsh.out().contains("bashcompinit"), zsh.out());
        Run fish = run("completion", "fish");
        assertEquals(ExitCode.USER_ERROR, fish.code());
        assertEquals("lakelens: No completion for 'fish'; choose bash or zsh.", fish.err().strip());
    }

    @Test
    @Timeout(300)
    void csvOutputKeepsFifteenSignificantDigitsAndDecimalsWhole() throws Exception {
        Run r = onLake("query", "SELECT symbol, price, sum, third, amount FROM prices", "--format", "csv");
        assertEquals(0, r.code(), r.err());
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(r.out())).getRecords();
        assertEquals(List.of("symbol", "price", "sum", "third", "amount"), records.get(0).toList());
        CSVRecord row = records.get(1);
        assertEquals("123.456789012345", row.get(1));
        assertEquals(0.1 + 0.2, Double.parseDouble(row.get(2)), 0.0, row.get(2));
        assertEquals(1.0 / 3, Double.parseDouble(row.get(3)), 0.0, row.get(3));
        assertEquals("12345678901234.56789", row.get(4));
    }

    /** A second JVM generating the tiny dataset: about a minute alone, many more on a loaded machine. */
    @Test
    @Timeout(900)
    void redirectedOutputOfARealProcessHasNoControlCodes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx1g");
        cmd.addAll(JvmFlags.forSpark());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.lakelens.cli.Main", "generate", "--dataset", "tiny",
                "--lake", dir.resolve("lake").toString(), "--no-redis"));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(14, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("generate did not finish in 14 minutes; stderr: " + Files.readString(err));
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(stdout.contains("Generated "), stdout);
        for (String text : List.of(stdout, stderr)) {
            assertFalse(text.contains("\u001b"), "no escape code: " + text);
            assertFalse(text.contains("\r"), "no carriage return: " + text);
        }
        assertFalse(stdout.contains("[ 50%]") || stdout.contains("%] "), "progress never goes to standard output: " + stdout);
    }
}
