package io.lakelens.ui.shell;

import io.lakelens.UserHome;
import io.lakelens.Versions;
import io.lakelens.ui.kit.UiServices;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The About dialog and the diagnostic summary "Report a problem" copies: versions, lake, logs, licences. */
final class About {
    private About() {
    }

    /** Component to version, LakeLens first: the engine's, then JavaFX's and the cache's. */
    static Map<String, String> versions(UiServices services) {
        Map<String, String> m = new LinkedHashMap<>(Versions.all());
        m.put("JavaFX", System.getProperty("javafx.runtime.version", "unknown"));
        m.put("Redis", services.connections().cacheDetailProperty().get());
        return m;
    }

    /** Bundled library to its licence, from {@code io/lakelens/licences.tsv}. */
    static Map<String, String> licences() {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = About.class.getResourceAsStream("/io/lakelens/licences.tsv")) {
            if (in != null) {
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                        .filter(l -> l.contains("\t")).forEach(l -> m.put(l.substring(0, l.indexOf('\t')), l.substring(l.indexOf('\t') + 1)));
            }
        } catch (IOException ignored) {
            // no list: the dialog says so
        }
        return m;
    }

    private static Label name(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    static Alert dialog(Window owner, UiServices services) {
        GridPane facts = new GridPane();
        facts.setId("aboutVersions");
        facts.setHgap(16);
        facts.setVgap(4);
        // The names keep their width; a long value (the Redis line, a deep lake path) is the one cut short.
        facts.getColumnConstraints().addAll(new ColumnConstraints(Region.USE_PREF_SIZE), new ColumnConstraints());
        int row = 0;
        for (Map.Entry<String, String> e : versions(services).entrySet()) {
            facts.addRow(row++, name(e.getKey()), new Label(e.getValue()));
        }
        facts.addRow(row++, name("Lake"), new Label(services.lake().root().toString()));
        facts.addRow(row, name("Log folder"), new Label(UserHome.logFolder().toString()));
        StringBuilder lic = new StringBuilder();
        licences().forEach((k, v) -> lic.append(k).append(" — ").append(v).append('\n'));
        TextArea licences = new TextArea(lic.isEmpty() ? "The licence list is missing from this build." : lic.toString());
        licences.setId("aboutLicences");
        licences.setEditable(false);
        licences.setPrefRowCount(8);
        VBox content = new VBox(12, facts, new Label("Bundled libraries and their licences"), licences);
        content.setId("about");
        Alert alert = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        alert.setTitle("About LakeLens");
        alert.setHeaderText("LakeLens " + Versions.lakelens() + " — a desktop workbench over a local Delta Lake");
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setPrefWidth(640);
        if (owner != null) {
            alert.initOwner(owner);
        }
        return alert;
    }

    /** What "Report a problem" copies: versions, lake, settings file, then the last lines of the log. */
    static String diagnostics(UiServices services, Path settingsFile, int logLines) {
        StringBuilder sb = new StringBuilder("LakeLens diagnostic summary\n\n");
        versions(services).forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        sb.append("OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(" (").append(System.getProperty("os.arch")).append(")\n");
        sb.append("Max heap: ").append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MiB\n");
        sb.append("Lake: ").append(services.lake().root()).append(services.config().readOnly() ? " (read-only)" : "").append('\n');
        sb.append("Spark: ").append(services.connections().sparkDetailProperty().get()).append('\n');
        sb.append("\nSettings (").append(settingsFile).append("):\n");
        try {
            if (settingsFile != null && Files.isRegularFile(settingsFile)) {
                Files.readAllLines(settingsFile).stream().filter(l -> !l.startsWith("#")).forEach(l -> sb.append("  ").append(l).append('\n'));
            } else {
                sb.append("  (none saved)\n");
            }
        } catch (IOException e) {
            sb.append("  (unreadable: ").append(e.getMessage()).append(")\n");
        }
        Path log = UserHome.logFolder().resolve("lakelens.log");
        sb.append("\nLast ").append(logLines).append(" lines of ").append(log).append(":\n");
        try {
            if (Files.isRegularFile(log)) {
                List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
                lines.subList(Math.max(0, lines.size() - logLines), lines.size()).forEach(l -> sb.append(l).append('\n'));
            } else {
                sb.append("(no log yet)\n");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            sb.append("(unreadable: ").append(e.getMessage()).append(")\n");
        }
        return sb.toString();
    }
}
