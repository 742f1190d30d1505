package io.lakelens.lake.maintenance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;
import io.lakelens.text.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Compaction policies and the log of their runs, kept in the lake itself
 * ({@code .lakelens/policies.json}, {@code .lakelens/compaction-runs.jsonl}) so they survive a
 * restart and travel with the lake. Thread-safe (synchronized); writes are atomic renames.
 */
public final class PolicyStore {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final int RUNS_KEPT = 500;

    private final Path policies;
    private final Path runs;

    public PolicyStore(Path lakeRoot) {
        Path dir = LakeStateFolder.of(lakeRoot);
        this.policies = dir.resolve("policies.json");
        this.runs = dir.resolve("compaction-runs.jsonl");
    }

    public synchronized List<CompactionPolicy> load() {
        if (!Files.exists(policies)) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(policies.toFile(), new TypeReference<List<CompactionPolicy>>() { }));
        } catch (IOException | RuntimeException e) {
            throw new LakeLensException("The compaction policies in " + policies + " are unreadable (" + e.getMessage()
                    + "); fix or delete the file.", e);
        }
    }

    public synchronized void save(List<CompactionPolicy> list) {
        try {
            AtomicFile.write(policies, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, list));
        } catch (IOException e) {
            throw new LakeLensException("Cannot save compaction policies to " + policies + ": " + e.getMessage(), e);
        }
    }

    public synchronized void append(CompactionRun run) {
        try {
            Files.createDirectories(runs.getParent());
            Files.writeString(runs, JSON.writeValueAsString(run) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LakeLensException("Cannot record a compaction run in " + runs + ": " + e.getMessage(), e);
        }
    }

    /** The most recent runs, newest first; unreadable lines (a crash mid-write) are skipped. */
    public synchronized List<CompactionRun> runs() {
        if (!Files.exists(runs)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(runs, StandardCharsets.UTF_8);
            List<CompactionRun> out = new ArrayList<>();
            for (int i = lines.size() - 1; i >= 0 && out.size() < RUNS_KEPT; i--) {
                try {
                    out.add(JSON.readValue(lines.get(i), CompactionRun.class));
                } catch (IOException ignored) {
                    // a torn last line from a crash
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new LakeLensException("Cannot read compaction runs from " + runs + ": " + e.getMessage(), e);
        }
    }
}
