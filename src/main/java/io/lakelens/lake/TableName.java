package io.lakelens.lake;

import io.lakelens.LakeLensException;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The name of a table: its folder's path relative to the lake root, written with {@code /}
 * ({@code trades}, {@code sales/2024/Daily-Prices}, {@code warehouse/finance.db/trades}). Any
 * character a file system allows in a folder name is allowed, except control characters (they
 * would break the one-line messages and listings that show names). The text is canonical:
 * empty and {@code .} segments are dropped and a trailing {@code /} is ignored, so one folder
 * has one name; {@code ..} and absolute paths are refused, so a name alone never leaves the
 * lake (links are checked where the name meets the disk, in {@link LakeEngine#tablePath}).
 * Immutable.
 *
 * @param path the canonical relative path, segments joined by {@code /}
 */
public record TableName(String path) implements Comparable<TableName> {
    /** LakeLens's own folder at the lake root (locks, policies): never a table. */
    public static final String OWN_FOLDER = ".lakelens";
    /** LakeLens's own bookkeeping tables in the lake (integrity checksums) are not analyst tables. */
    public static final String INTERNAL_PREFIX = "_lakelens_";
    private static final int MAX_LENGTH = 1024;

    public TableName {
        if (!path.equals(canonical(path))) {
            throw new IllegalArgumentException("Not a canonical table name: " + path);
        }
    }

    /** Parses a name as a user or a listing gives it, or fails with one clear line. */
    public static TableName of(String text) {
        return new TableName(canonical(text));
    }

    /** True when {@code text} is a valid table name. */
    public static boolean isValid(String text) {
        try {
            canonical(text);
            return true;
        } catch (LakeLensException e) {
            return false;
        }
    }

    private static String canonical(String text) {
        if (text == null || text.isBlank()) {
            throw new LakeLensException("A table name is empty; `lakelens tables` lists the tables.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new LakeLensException("'" + Errors.abbreviate(text) + "' is too long for a table name (at most "
                    + MAX_LENGTH + " characters).");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new LakeLensException("'" + printable(text) + "' is not a table name: it holds a control character "
                        + "(U+" + String.format(Locale.ROOT, "%04X", (int) c) + ").");
            }
        }
        String slashed = File.separatorChar == '\\' ? text.replace('\\', '/') : text;
        if (slashed.startsWith("/") || File.separatorChar == '\\' && slashed.matches("(?s)[A-Za-z]:.*")) {
            throw new LakeLensException("'" + Errors.abbreviate(text) + "' is not a table name: a table is named by its path "
                    + "inside the lake (e.g. sales/2024/orders), not by an absolute path.");
        }
        List<String> kept = new ArrayList<>();
        for (String segment : slashed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                throw new LakeLensException("'" + Errors.abbreviate(text) + "' is not a table name: '..' would reach outside "
                        + "the lake.");
            }
            kept.add(segment);
        }
        if (kept.isEmpty()) {
            throw new LakeLensException("'" + Errors.abbreviate(text) + "' is not a table name; `lakelens tables` lists the tables.");
        }
        if (kept.getFirst().equals(OWN_FOLDER)) {
            throw new LakeLensException("'" + Errors.abbreviate(text) + "' is inside LakeLens's own folder " + OWN_FOLDER
                    + ", which holds no analyst tables.");
        }
        return String.join("/", kept);
    }

    private static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return Errors.abbreviate(sb.toString());
    }

    /** The folder names from the root down. */
    public List<String> segments() {
        return List.of(path.split("/"));
    }

    /** The last segment: the table's own folder name. */
    public String leaf() {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    /** The folder under {@code root}, segment by segment (never parsed as a path string). */
    public Path resolveIn(Path root) {
        Path p = root;
        for (String s : segments()) {
            p = p.resolve(s);
        }
        return p;
    }

    /** LakeLens's own bookkeeping tables (e.g. {@code _lakelens_integrity}). */
    public boolean isInternal() {
        return segments().stream().anyMatch(s -> s.startsWith(INTERNAL_PREFIX));
    }

    /** The name as one SQL identifier: in backticks, with backticks doubled ({@code `sales/2024/Daily-Prices`}). */
    public String sql() {
        return quote(path);
    }

    /** Any text as one backtick-quoted SQL identifier. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** True when the name is a plain SQL identifier that needs no quoting (letters, digits, underscores). */
    public boolean isPlainIdentifier() {
        return path.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /** The name as SQL text should show it: plain when it can be, quoted otherwise. */
    public String sqlReference() {
        return isPlainIdentifier() ? path : sql();
    }

    /**
     * The name with every character outside {@code [A-Za-z0-9_.-]} (and {@code /} unless
     * {@code keepSlash}) percent-encoded as UTF-8 bytes ({@code %2F}, {@code %20}, {@code %C3%BC}).
     * The encoding is injective ({@code %} itself is encoded), so two names never encode alike,
     * and the result holds no character with a meaning in Redis key patterns or file names.
     */
    public String encoded(boolean keepSlash) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '.' || keepSlash && c == '/';
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** A single file name standing for this table (e.g. its lock file), short enough for any file system. */
    public String fileName() {
        String e = encoded(false);
        if (e.length() <= 120 && !e.startsWith(".")) {
            return e;
        }
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(path.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return e.substring(0, Math.min(60, e.length())).replace('.', '_') + "~" + java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException x) {
            throw new IllegalStateException(x);
        }
    }

    @Override
    public int compareTo(TableName o) {
        return path.compareTo(o.path);
    }

    @Override
    public String toString() {
        return path;
    }
}
