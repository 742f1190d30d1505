package io.lakelens.lake;

import java.util.List;

/**
 * What a walk of the lake found: its tables in name order, and folders it did not enter with
 * the reason (links out of the lake or back into the tree, unreadable names).
 *
 * @param tables    every folder holding a {@code _delta_log}, sorted by name
 * @param skipped   one line per folder not searched, e.g. "links/escape: a link to a folder outside the lake"
 * @param elapsedMs how long the walk (and, for a checked listing, the checks) took
 */
public record LakeListing(List<LakeTable> tables, List<String> skipped, long elapsedMs) {
    public LakeListing {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
    }

    /** Every table's name, openable or not. */
    public List<String> names() {
        return tables.stream().map(LakeTable::name).toList();
    }

    /** The names of the tables that open. */
    public List<String> readableNames() {
        return tables.stream().filter(LakeTable::readable).map(LakeTable::name).toList();
    }

    public java.util.Optional<LakeTable> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
