package io.lakelens.ui.kit;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the header's connection indicators show. Written on the UI thread only. */
public final class Connections {
    /** The Spark session. */
    public enum Spark {
        STARTING("Spark starting"), LOCAL("Spark local"), REMOTE("Spark remote"), DOWN("Spark down");

        private final String label;

        Spark(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The Redis cache. */
    public enum Cache {
        CONNECTING("Redis connecting"), EMBEDDED("Redis embedded"), EXTERNAL("Redis external"),
        DOWN("Redis down"), OFF("No cache");

        private final String label;

        Cache(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final ObjectProperty<Spark> spark = new SimpleObjectProperty<>(Spark.STARTING);
    private final StringProperty sparkDetail = new SimpleStringProperty("");
    private final ObjectProperty<Cache> cache = new SimpleObjectProperty<>(Cache.CONNECTING);
    private final StringProperty cacheDetail = new SimpleStringProperty("");

    public ObjectProperty<Spark> sparkProperty() {
        return spark;
    }

    public StringProperty sparkDetailProperty() {
        return sparkDetail;
    }

    public ObjectProperty<Cache> cacheProperty() {
        return cache;
    }

    public StringProperty cacheDetailProperty() {
        return cacheDetail;
    }
}
