package io.lakelens.lake;

import io.lakelens.LakeLensException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where a report the user names may be written: no {@code ..} segments, a name its writer knows
 * the format of, an existing folder, not a folder or a link itself, and never inside one of the
 * lake's tables (so a table folder only ever holds what Delta wrote).
 */
public final class ReportTarget {
    private ReportTarget() {
    }

    /**
     * Checks {@code requested} and returns it absolute.
     *
     * @param example a file name for the messages, e.g. {@code audit.html}
     * @param format  refuses a name whose extension the writer does not know
     */
    public static Path check(Path requested, Path lakeRoot, String example, Consumer<Path> format) {
        if (requested == null || requested.toString().isBlank()) {
            throw new LakeLensException("Name the report file, e.g. --out " + example + ".");
        }
        for (Path part : requested) {
            if (part.toString().equals("..")) {
                throw new LakeLensException("The report path " + requested + " contains '..'; give the folder directly.");
            }
        }
        Path file = requested.toAbsolutePath().normalize();
        format.accept(file);
        Path parent = file.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new LakeLensException("The folder " + parent + " does not exist; create it first or choose another.");
        }
        if (Files.isDirectory(file)) {
            throw new LakeLensException(file + " is a folder; name a file inside it, e.g. " + file.resolve(example) + ".");
        }
        if (Files.isSymbolicLink(file)) {
            throw new LakeLensException(file + " is a link; write the report to a regular file.");
        }
        Path root = lakeRoot == null ? null : lakeRoot.toAbsolutePath().normalize();
        for (Path dir = parent; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("_delta_log"))) {
                throw new LakeLensException("The report path " + file + " is inside the Delta table folder " + dir
                        + "; write it elsewhere so the table stays untouched.");
            }
            if (dir.equals(root)) {
                break;
            }
        }
        return file;
    }
}
