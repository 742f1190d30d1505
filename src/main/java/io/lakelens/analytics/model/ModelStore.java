package io.lakelens.analytics.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;
import io.lakelens.lake.Errors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Saved risk models under the lake's {@code .lakelens/models/{name}/}: the MLlib pipeline in
 * {@code pipeline/} and what it was trained on in {@code model.json}. A model appears whole or
 * not at all (written beside, then renamed into place), and a read-only lake refuses saves.
 * Thread-safe for reads; saves of one name should not race (the last one wins).
 */
public final class ModelStore {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final String INFO = "model.json";
    private static final String PIPELINE = "pipeline";

    /** A model read back: its record and its fitted pipeline. */
    public record Saved(ModelInfo info, PipelineModel pipeline) {
    }

    private final Path root;
    private final boolean readOnly;

    public ModelStore(Path lakeRoot, boolean readOnly) {
        this.root = LakeStateFolder.of(lakeRoot).resolve("models");
        this.readOnly = readOnly;
    }

    /** Names are letters, digits, '.', '_' and '-' (not starting with a dot), so a model never lands outside its folder. */
    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
            throw new LakeLensException("'" + Errors.abbreviate(String.valueOf(name)) + "' is not a model name; use letters, digits, "
                    + "'.', '_' and '-' (up to 64), e.g. risk-gbt.");
        }
    }

    public Path folder(String name) {
        checkName(name);
        return root.resolve(name);
    }

    /** The saved models' records, newest first; unreadable folders are left out. */
    public List<ModelInfo> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<ModelInfo> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Path info = d.resolve(INFO);
                if (d.getFileName().toString().startsWith(".") || !Files.isRegularFile(info)) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(info.toFile(), ModelInfo.class));
                } catch (IOException | RuntimeException ignored) {
                    // a half-copied or foreign folder is not a model
                }
            }
        } catch (IOException e) {
            throw new LakeLensException("Cannot list the models in " + root + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ModelInfo::trainedAt).reversed());
        return out;
    }

    /** The record of a saved model, or a clear error naming the saved ones. */
    public ModelInfo info(String name) {
        Path info = folder(name).resolve(INFO);
        if (!Files.isRegularFile(info)) {
            List<String> names = list().stream().map(ModelInfo::name).toList();
            throw new LakeLensException("No model '" + name + "' in " + root + (names.isEmpty()
                    ? "; train one with `lakelens model train`." : "; saved models: " + String.join(", ", names) + "."));
        }
        try {
            return JSON.readValue(info.toFile(), ModelInfo.class);
        } catch (IOException | RuntimeException e) {
            throw new LakeLensException("The model record " + info + " is unreadable (" + Errors.abbreviate(Errors.rootMessage(e))
                    + "); train the model again.", e);
        }
    }

    /** A saved model with its pipeline, ready to predict. */
    public Saved load(String name, SparkSession spark) {
        ModelInfo info = info(name);
        try {
            MlRuntime.quietBlas();
            return new Saved(info, PipelineModel.read().session(spark).load(folder(name).resolve(PIPELINE).toString()));
        } catch (Exception e) { // Spark's loaders throw checked exceptions undeclared
            throw new LakeLensException("The model '" + name + "' cannot be loaded (" + Errors.abbreviate(Errors.rootMessage(e))
                    + "); train it again.", e);
        }
    }

    /** Saves (or replaces) a model; it appears in one rename. */
    void save(ModelInfo info, PipelineModel pipeline, SparkSession spark) {
        if (readOnly) {
            throw new LakeLensException("The lake is open read-only; the model cannot be saved in it (open it without --read-only).");
        }
        Path target = folder(info.name());
        Path tmp = root.resolve(".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(root);
            pipeline.write().session(spark).save(tmp.resolve(PIPELINE).toString());
            JSON.writeValue(tmp.resolve(INFO).toFile(), info);
            Path old = null;
            if (Files.exists(target)) {
                old = root.resolve(".old-" + UUID.randomUUID());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                delete(old);
            }
        } catch (Exception e) { // IOException, and Spark's writer throws checked exceptions undeclared
            delete(tmp);
            throw new LakeLensException("Cannot save the model in " + target + ": " + Errors.abbreviate(Errors.rootMessage(e)), e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover hidden folder is harmless: list() skips it
        }
    }
}
