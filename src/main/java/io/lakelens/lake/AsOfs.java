package io.lakelens.lake;

/** Public entry to {@link AsOf} parsing, for the CLI and the UI. */
public final class AsOfs {
    private AsOfs() {
    }

    /** See {@link AsOf#parse(String)}. */
    public static AsOf parse(String text) {
        return AsOf.parse(text);
    }
}
