package io.lakelens.analytics.quality;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;
import io.lakelens.lake.Errors;
import io.lakelens.text.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The quality rules set per table, in the lake's {@code .lakelens/quality-rules.json} (one JSON
 * object keyed by table name, so any table name is a key, never a path). Saved atomically;
 * a read-only lake refuses saves. Thread-safe.
 */
public final class RuleStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Path file;
    private final boolean readOnly;

    public RuleStore(Path lakeRoot, boolean readOnly) {
        this.file = LakeStateFolder.of(lakeRoot).resolve("quality-rules.json");
        this.readOnly = readOnly;
    }

    public Path file() {
        return file;
    }

    /** The rules a user set for a table, if any. */
    public synchronized Optional<QualityRules> get(String table) {
        return Optional.ofNullable(all().get(table));
    }

    public synchronized void put(String table, QualityRules rules) {
        if (readOnly) {
            throw new LakeLensException("The lake is open read-only; quality rules cannot be saved in it.");
        }
        Map<String, QualityRules> all = new TreeMap<>(all());
        all.put(table, rules);
        try {
            AtomicFile.write(file, out -> JSON.writeValue(out, all));
        } catch (IOException e) {
            throw new LakeLensException("Cannot save the quality rules in " + file + ": " + e.getMessage(), e);
        }
    }

    private Map<String, QualityRules> all() {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<TreeMap<String, QualityRules>>() { });
        } catch (IOException | RuntimeException e) {
            throw new LakeLensException("The quality rules file " + file + " is unreadable (" + Errors.abbreviate(Errors.rootMessage(e))
                    + "); fix or delete it.", e);
        }
    }
}
