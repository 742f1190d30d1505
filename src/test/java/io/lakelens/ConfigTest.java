package io.lakelens;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark masters LakeLens accepts, and the one-line refusal of the others. */
class ConfigTest {
    @Test
    void localAndStandaloneMastersAreAccepted() {
        Config c = Config.fromEnvironment(Map.of("LAKELENS_LAKE", "/tmp/lake"));
        assertEquals("local[*]", c.sparkMaster());
        for (String m : new String[]{"local", "local[2]", "local[*]", "local[4,2]", "spark://host:7077",
                "spark://a:7077,b:7077"}) {
            assertEquals(m, c.withSparkMaster(m).sparkMaster());
        }
        assertEquals(Path.of("/tmp/lake"), c.lakeRoot());
    }

    @Test
    void sparkConnectIsRefusedWithTheReason() {
        Config c = Config.fromEnvironment(Map.of());
        LakeLensException e = assertThrows(LakeLensException.class, () -> c.withSparkMaster("sc://localhost:15002"));
        assertTrue(e.getMessage().startsWith("Spark Connect (sc://localhost:15002) is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("spark://host:port"), e.getMessage());
        assertThrows(LakeLensException.class, () -> Config.fromEnvironment(Map.of("LAKELENS_SPARK_MASTER", "sc://h")));
    }

    @Test
    void otherMastersAreRefused() {
        Config c = Config.fromEnvironment(Map.of());
        for (String m : new String[]{"yarn", "k8s://https://h:443", "spark://", "local[x]", "mesos://h:5050"}) {
            LakeLensException e = assertThrows(LakeLensException.class, () -> c.withSparkMaster(m), m);
            assertTrue(e.getMessage().contains("is not a Spark master LakeLens runs on"), e.getMessage());
        }
    }
}
