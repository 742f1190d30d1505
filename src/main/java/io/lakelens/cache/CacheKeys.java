package io.lakelens.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Builds the keys every LakeLens process agrees on. The hash covers the table's identity
 * (its Delta table id, so two lakes sharing one Redis or a table re-created at the same path
 * never share answers) and the normalised request; each part is length-prefixed so no two
 * different part lists hash alike.
 */
public final class CacheKeys {
    private CacheKeys() {
    }

    /** SHA-256 over length-prefixed UTF-8 parts, as 64 hex digits. */
    public static String fingerprint(String... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                byte[] b = (p == null ? "\u0000null" : p).getBytes(StandardCharsets.UTF_8);
                md.update(ByteBuffer.allocate(4).putInt(b.length).array());
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** One page of one search at one version. */
    public static CacheKey search(String table, String tableId, long version, String normalisedRequest) {
        return new CacheKey(table, version, TtlClass.QUERIES, fingerprint(tableId, normalisedRequest));
    }

    /** The newest cached answer to a search, at whatever version it was read (circuit-breaker fallback). */
    public static CacheKey lastSearch(String table, String tableId, String normalisedRequest) {
        return new CacheKey(table, CacheKey.ANY_VERSION, TtlClass.FALLBACK, fingerprint(tableId, normalisedRequest));
    }

    /** A derived value (aggregate, dictionary) of a table at one version, named by its parameters. */
    public static CacheKey analytics(String table, String tableId, long version, String name, String... params) {
        String[] all = new String[params.length + 2];
        all[0] = tableId;
        all[1] = name;
        System.arraycopy(params, 0, all, 2, params.length);
        return new CacheKey(table, version, TtlClass.ANALYTICS, fingerprint(all));
    }

    /** The latest quote of a symbol as of a version. */
    public static CacheKey price(String table, String tableId, long version, String symbol) {
        return new CacheKey(table, version, TtlClass.REALTIME, fingerprint(tableId, symbol));
    }

    /** Glob matching every key of a table (and no other table's), for clearing it (bench cold runs). */
    public static String tablePattern(String table) {
        return "lakelens:" + CacheKey.segment(table) + ":*";
    }
}
