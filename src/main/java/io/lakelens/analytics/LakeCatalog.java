package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.lake.AsOf;

import io.lakelens.lake.Errors;
import io.lakelens.lake.LakeEngine;
import org.apache.spark.sql.SparkSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Names the lake's tables in Spark's catalogue so SQL can say {@code market_data VERSION AS OF 3}
 * or {@code TIMESTAMP AS OF '…'} (Delta resolves those on catalogue tables, not on temporary
 * views). Each lake gets its own database, named after its folder, so two lakes open in one
 * JVM never see each other's tables; a query session makes it its current database. The
 * entries are external tables pointing at the table folders: registering reads the log and
 * writes nothing. Thread-safe.
 */
final class LakeCatalog {
    private LakeCatalog() {
    }

    /** The database holding {@code engine}'s tables, e.g. {@code lakelens_3f2a9c1b0d4e}. */
    static String database(LakeEngine engine) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest(engine.lakeRoot().toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "lakelens_" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers {@code tables} (validated names of existing Delta tables) if they are not yet,
     * and makes the lake's database current in {@code session}.
     */
    static void use(LakeEngine engine, SparkSession session, List<String> tables) {
        String db = database(engine);
        synchronized (LakeCatalog.class) {
            var catalog = session.catalog();
            if (!catalog.databaseExists(db)) {
                session.sessionState().catalog().createDatabase(
                        new org.apache.spark.sql.catalyst.catalog.CatalogDatabase(db, "LakeLens lake " + engine.lakeRoot(),
                                new java.io.File(System.getProperty("java.io.tmpdir"), "lakelens-warehouse/" + db).toURI(), scala.collection.immutable.Map$.MODULE$.empty()), true);
            }
            for (String t : tables) {
                if (!catalog.tableExists(db, t)) {
                    try {
                        catalog.createTable(db + "." + t, engine.tablePath(t).toString(), "delta");
                    } catch (Exception e) { // a table that cannot be named is still readable as a view
                        if (!catalog.tableExists(db, t)) {
                            // a damaged log is the usual cause: say which table and version
                            LakeLensException mapped = Errors.forRead(t, AsOf.LATEST, e, engine.tablePath(t));
                            throw new LakeLensException(mapped.getMessage(), e);
                        }
                    }
                }
            }
        }
        session.catalog().setCurrentDatabase(db);
    }
}
