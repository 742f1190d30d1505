package io.lakelens.lake.s3;

import io.lakelens.Config;
import io.lakelens.LakeLensException;
import io.lakelens.LakeStateFolder;
import io.lakelens.lake.TableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a lake in a bucket is named, addressed and configured; no request is made. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class S3LakeUriTest {
    static final Map<String, String> ENV = Map.of("AWS_REGION", "eu-west-1");

    @Test
    void s3AndS3aNameTheSameLakeAndPrintAsTheS3aUriSparkIsHanded() {
        Path a = Config.parseLake("s3a://lakes/team/lake", ENV, "http://127.0.0.1:9000");
        Path b = Config.parseLake("s3://lakes/team/lake/", ENV, "http://127.0.0.1:9000");
        assertEquals(a, b);
        assertEquals("s3a://lakes/team/lake", a.toString());
        assertEquals("s3a://lakes/team/lake/sales/2024", TableName.of("sales/2024").resolveIn(a).toString());
        assertEquals("sales/2024", a.relativize(a.resolve("sales").resolve("2024")).toString());
        assertTrue(a.resolve("sales").startsWith(a));
        assertEquals(a, a.resolve("sales").getParent());
        assertTrue(S3Lakes.isRemote(a));
        assertFalse(S3Lakes.isRemote(Config.parseLake("/tmp/lake", ENV, null)));
    }

    @Test
    void theEndpointRegionAndCredentialChainAreSetForTheBucketOnly() {
        Path lake = Config.parseLake("s3a://lakes/lake", ENV, "http://127.0.0.1:9000");
        Map<String, String> conf = S3Lakes.hadoopEntries(lake);
        assertEquals("http://127.0.0.1:9000", conf.get("fs.s3a.bucket.lakes.endpoint"));
        assertEquals("false", conf.get("fs.s3a.bucket.lakes.connection.ssl.enabled"));
        assertEquals("true", conf.get("fs.s3a.bucket.lakes.path.style.access"));
        assertEquals("eu-west-1", conf.get("fs.s3a.bucket.lakes.endpoint.region"));
        assertEquals(S3Settings.CREDENTIAL_PROVIDERS, conf.get("fs.s3a.bucket.lakes.aws.credentials.provider"));
        assertTrue(conf.keySet().stream().allMatch(k -> k.startsWith("fs.s3a.bucket.lakes.")), conf.toString());
        assertFalse(S3Settings.CREDENTIAL_PROVIDERS.contains("InstanceProfile"));
    }

    @Test
    void theLakesOwnStateIsLocalAndKeyedByStoreBucketAndPrefix() {
        Path lake = Config.parseLake("s3a://lakes/team/lake", ENV, "http://127.0.0.1:9000");
        Path state = LakeStateFolder.of(lake);
        assertFalse(S3Lakes.isRemote(state));
        assertTrue(state.endsWith(Path.of("127.0.0.1_9000", "lakes", "team", "lake")), state.toString());
        Path local = Path.of("/tmp/some-lake");
        assertEquals(local.resolve(".lakelens"), LakeStateFolder.of(local));
    }

    @Test
    void badBucketsPrefixesAndEndpointsAreOneLineRefusals() {
        for (String bad : new String[]{"s3a://UPPER/lake", "s3a://a/lake", "s3a://lakes/../up", "s3a://lakes/a/./b"}) {
            LakeLensException e = assertThrows(LakeLensException.class, () -> Config.parseLake(bad, ENV, null), bad);
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        assertThrows(LakeLensException.class, () -> Config.parseLake("s3a://lakes/x", ENV, "ftp://host"));
        LakeLensException other = assertThrows(LakeLensException.class, () -> Config.parseLake("gs://bucket/lake", ENV, null));
        assertTrue(other.getMessage().contains("s3a://bucket/prefix"), other.getMessage());
    }
}
