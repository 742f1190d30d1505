package io.lakelens.lake;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Walks a lake folder for its tables: every folder holding a {@code _delta_log} is a table, at
 * any depth. The walk never enters a table's own folders (data, partitions, log), hidden
 * folders (a name starting with {@code .}, such as LakeLens's own {@code .lakelens}) or
 * LakeLens's internal {@code _lakelens_*} tables. Links are followed only to folders inside
 * the lake, each folder once, so a link out of the lake is never read and a loop ends at once.
 * A folder that cannot be listed is reported as an unreadable table (it may hold one). Only
 * the directory structure is read: no log content, no Spark. Stateless; thread-safe.
 */
final class LakeDiscovery {
    private static final Pattern LOG_ENTRY = Pattern.compile("\\d{20}\\.(json|checkpoint.*|crc)|_last_checkpoint");
    /** Deeper than any real lake; a bound so a pathological tree cannot run the walk forever. */
    static final int MAX_DEPTH = 48;

    private final Path root;
    private final Path realRoot;
    private final List<LakeTable> tables = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final Set<Path> visited = new HashSet<>();
    /** Links to folders, followed after the real folders so a table is listed under its own name. */
    private final java.util.ArrayDeque<Link> links = new java.util.ArrayDeque<>();

    private record Link(Path dir, Path link, String name, Path target, int depth) {
    }

    private LakeDiscovery(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    /** The tables under {@code root} with their structural state; an absent root has none. */
    static LakeListing walk(Path root) {
        long t0 = System.nanoTime();
        if (!Files.isDirectory(root)) {
            return new LakeListing(List.of(), List.of(), 0);
        }
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            return new LakeListing(List.of(), List.of("the lake folder " + root + " cannot be read (" + Errors.ioReason(e) + ")"), 0);
        }
        LakeDiscovery d = new LakeDiscovery(root, real);
        d.visited.add(real);
        if (Files.exists(root.resolve("_delta_log"), LinkOption.NOFOLLOW_LINKS)) {
            d.skipped.add("the lake folder " + root + " is itself a Delta table; open its parent folder as the lake to see it");
        }
        d.enter(root, "", 0);
        while (!d.links.isEmpty()) {
            d.follow(d.links.removeFirst());
        }
        d.tables.sort(Comparator.comparing(LakeTable::name));
        return new LakeListing(d.tables, d.skipped, (System.nanoTime() - t0) / 1_000_000);
    }

    private void enter(Path dir, String prefix, int depth) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                children.add(p);
            }
        } catch (IOException e) {
            String name = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
            if (name.isEmpty()) {
                skipped.add("the lake folder " + root + " cannot be listed (" + Errors.ioReason(e) + ")");
            } else {
                tables.add(LakeTable.unreadable(name, "the folder " + name + " cannot be read (" + Errors.ioReason(e)
                        + "), so whether it holds a table is unknown; give this user read access to it."));
            }
            return;
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path child : children) {
            String leaf = child.getFileName().toString();
            if (leaf.startsWith(".") || leaf.equals("_delta_log")) {
                continue;
            }
            String name = prefix + leaf;
            if (!TableName.isValid(name)) {
                if (isFolder(child)) {
                    skipped.add(printable(name) + ": a folder name LakeLens cannot use as a table name (it holds a control character)");
                }
                continue;
            }
            if (TableName.of(name).isInternal()) {
                continue;
            }
            BasicFileAttributes own;
            try {
                own = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue; // removed while we looked
            }
            if (own.isSymbolicLink()) {
                Path target;
                try {
                    target = child.toRealPath();
                } catch (IOException e) {
                    skipped.add(name + ": a link to a folder that does not exist or cannot be reached (" + Errors.ioReason(e) + ")");
                    continue;
                }
                if (Files.isDirectory(target)) {
                    links.add(new Link(dir, child, name, target, depth));
                }
                continue;
            }
            if (!own.isDirectory()) {
                continue;
            }
            try {
                visited.add(child.toRealPath());
            } catch (IOException e) {
                // listing it below reports why it cannot be read
            }
            visit(child, name, depth);
        }
    }

    /** A link to a folder: followed when it stays in the lake, leads somewhere new and is no loop. */
    private void follow(Link l) {
        if (!l.target().startsWith(realRoot)) {
            skipped.add(l.name() + ": a link to " + l.target() + ", outside the lake; not followed");
            return;
        }
        if (isAncestorOf(l.target(), l.dir())) {
            skipped.add(l.name() + ": a link back to " + relative(l.target()) + " (a loop); not followed");
            return;
        }
        if (!visited.add(l.target())) {
            skipped.add(l.name() + ": a link to " + relative(l.target()) + ", listed under that name");
            return;
        }
        visit(l.link(), l.name(), l.depth());
    }

    private void visit(Path child, String name, int depth) {
        Path log = child.resolve("_delta_log");
        if (Files.exists(log, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(log)) {
            tables.add(structure(name, log));
        } else if (depth + 1 >= MAX_DEPTH) {
            skipped.add(name + ": deeper than " + MAX_DEPTH + " folders; not searched");
        } else {
            enter(child, name + "/", depth + 1);
        }
    }

    /** What the {@code _delta_log} entry alone says: a readable folder with log files, or why not. */
    static LakeTable structure(String name, Path log) {
        if (!Files.isDirectory(log)) {
            return LakeTable.unreadable(name, "Table " + name + " is damaged: its _delta_log is "
                    + (Files.isSymbolicLink(log) ? "a broken link" : "a file, not a folder") + ".");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(log)) {
            for (Path p : entries) {
                if (LOG_ENTRY.matcher(p.getFileName().toString()).matches()) {
                    return LakeTable.ok(name, "");
                }
            }
        } catch (IOException e) {
            return LakeTable.unreadable(name, "Table " + name + " cannot be read: its _delta_log cannot be listed ("
                    + Errors.ioReason(e) + ").");
        }
        return LakeTable.unreadable(name, "Table " + name + " is damaged: its _delta_log holds no commits.");
    }

    private static boolean isFolder(Path p) {
        return Files.isDirectory(p);
    }

    private boolean isAncestorOf(Path target, Path dir) {
        try {
            return dir.toRealPath().startsWith(target);
        } catch (IOException e) {
            return false;
        }
    }

    private String relative(Path real) {
        String r = realRoot.relativize(real).toString().replace('\\', '/');
        return r.isEmpty() ? "the lake folder" : r;
    }

    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
