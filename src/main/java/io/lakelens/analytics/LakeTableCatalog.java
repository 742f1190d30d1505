package io.lakelens.analytics;

import io.lakelens.LakeLensException;
import io.lakelens.lake.TableName;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCatalog;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.delta.catalog.DeltaCatalog;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark SQL catalog whose tables are the lake's tables under their names, whatever characters
 * the names hold: {@code SELECT * FROM `sales/2024/Daily-Prices` VERSION AS OF 3} resolves here
 * (Spark's own catalogue accepts only letters, digits and underscores in table names). Each name
 * is looked up as a folder under the lake root ({@code root} option), refused when it leads
 * outside the lake, and handed to Delta's catalog as a path table, which gives time travel by
 * version and timestamp. Read-only: creating, altering, dropping and renaming are refused. One
 * instance per Spark session (Spark creates it from the session's configuration).
 */
public final class LakeTableCatalog implements TableCatalog {
    /** The option naming the lake root folder. */
    public static final String ROOT = "root";

    private String name;
    private Path root;
    private DeltaCatalog delta;

    @Override
    public void initialize(String name, CaseInsensitiveStringMap options) {
        this.name = name;
        String r = options.get(ROOT);
        if (r == null || r.isBlank()) {
            throw new IllegalArgumentException("The lake catalog needs its root folder (option " + ROOT + ").");
        }
        this.root = io.lakelens.lake.s3.S3Lakes.lakePath(r);
        DeltaCatalog d = new DeltaCatalog();
        d.setDelegateCatalog(SparkSession.active().sessionState().catalogManager().v2SessionCatalog());
        this.delta = d;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String[] defaultNamespace() {
        return new String[0];
    }

    /**
     * The lake folder an identifier names. Unquoted dotted names ({@code v1.2}) arrive split
     * into parts and are joined back with dots, so only the folder's own name matters. A name
     * that leads outside the lake ({@code ..}, an absolute path, a link out) is refused with
     * the reason ({@link LakeLensException}); one that names no table is not found.
     */
    Path folder(Identifier ident) throws NoSuchTableException {
        List<String> parts = new ArrayList<>(List.of(ident.namespace()));
        parts.add(ident.name());
        String text = String.join(".", parts);
        if (!TableName.isValid(text)) {
            if (text.contains("..") || text.startsWith("/")) {
                TableName.of(text); // throws the reason
            }
            throw new NoSuchTableException(ident);
        }
        TableName table = TableName.of(text);
        Path dir = table.resolveIn(root);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchTableException(ident);
        }
        try {
            Path real = dir.toRealPath();
            if (!real.startsWith(root.toRealPath())) {
                throw new LakeLensException("Table " + table + " is refused: it is a link to " + real + ", outside the lake " + root
                        + "; LakeLens opens only tables inside the lake.");
            }
        } catch (IOException e) {
            throw new NoSuchTableException(ident);
        }
        if (!Files.isDirectory(dir.resolve("_delta_log"))) {
            throw new NoSuchTableException(ident);
        }
        return dir;
    }

    private static Identifier pathIdentifier(Path dir) {
        return Identifier.of(new String[]{"delta"}, dir.toString());
    }

    @Override
    public Table loadTable(Identifier ident) throws NoSuchTableException {
        return delta.loadTable(pathIdentifier(folder(ident)));
    }

    @Override
    public Table loadTable(Identifier ident, String version) throws NoSuchTableException {
        return delta.loadTable(pathIdentifier(folder(ident)), version);
    }

    @Override
    public Table loadTable(Identifier ident, long timestamp) throws NoSuchTableException {
        return delta.loadTable(pathIdentifier(folder(ident)), timestamp);
    }

    @Override
    public boolean tableExists(Identifier ident) {
        try {
            folder(ident);
            return true;
        } catch (NoSuchTableException e) {
            return false;
        }
    }

    @Override
    public Identifier[] listTables(String[] namespace) {
        return new Identifier[0];
    }

    @Override
    public void invalidateTable(Identifier ident) {
        // nothing cached here; Delta keeps its own log cache per path
    }

    @Override
    public Table createTable(Identifier ident, StructType schema, org.apache.spark.sql.connector.expressions.Transform[] partitions,
                             Map<String, String> properties) {
        throw readOnly();
    }

    @Override
    public Table alterTable(Identifier ident, TableChange... changes) {
        throw readOnly();
    }

    @Override
    public boolean dropTable(Identifier ident) {
        throw readOnly();
    }

    @Override
    public void renameTable(Identifier oldIdent, Identifier newIdent) {
        throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("The lake's SQL catalog is read-only.");
    }
}
