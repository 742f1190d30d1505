package io.lakelens.analytics;

import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.SparkSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Makes the lake's tables visible to SQL by their names, so a query may say
 * {@code SELECT * FROM `sales/2024/Daily-Prices` VERSION AS OF 3}, {@code TIMESTAMP AS OF '…'}
 * or {@code table_changes('market_data', 0)}: each lake gets its own {@link LakeTableCatalog}
 * (named after its folder, so two lakes open in one JVM never see each other's tables), set as
 * the query session's current catalog. Tables resolve on first mention; registering reads
 * nothing and writes nothing. Thread-safe.
 */
final class LakeCatalog {
    private LakeCatalog() {
    }

    /** The catalog holding {@code engine}'s tables, e.g. {@code lakelens_3f2a9c1b0d4e}. */
    static String name(LakeEngine engine) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(engine.lakeRoot().toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "lakelens_" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers the lake's catalog in {@code session} and makes it current. */
    static void use(LakeEngine engine, SparkSession session) {
        String name = name(engine);
        session.conf().set("spark.sql.catalog." + name, LakeTableCatalog.class.getName());
        session.conf().set("spark.sql.catalog." + name + "." + LakeTableCatalog.ROOT, engine.lakeRoot().toAbsolutePath().toString());
        // the name is generated (letters, digits, underscore), never user text
        session.sql("USE " + name);
    }
}
