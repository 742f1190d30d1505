package io.lakelens.lake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one list of JVM flags, as the launchers and child JVMs get it for each JDK. */
@Timeout(30)
class JvmFlagsTest {
    private static final String SECURITY_ACTION = "--add-opens=java.base/sun.security.action=ALL-UNNAMED";
    private static final String UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    @Test
    void jdk21GetsThePomListAsItIs() {
        List<String> flags = JvmFlags.forJdk(21);
        assertTrue(flags.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), flags.toString());
        assertTrue(flags.contains(SECURITY_ACTION));
        assertFalse(flags.contains(UNSAFE), "JDK 21 does not know the Unsafe option and would not start");
    }

    @Test
    void jdk24AndLaterDropTheGoneOpenAndAllowUnsafeAndNativeAccess() {
        for (int jdk : new int[]{24, 25}) {
            List<String> flags = JvmFlags.forJdk(jdk);
            assertFalse(flags.contains(SECURITY_ACTION), flags.toString());
            assertTrue(flags.contains(UNSAFE));
            assertTrue(flags.contains("--enable-native-access=ALL-UNNAMED"));
        }
    }

    @Test
    void aRangeAppliesOnlyInsideItAndCommentsAreSkipped() {
        String text = """
                # comment
                -Da=1 -Db=2
                21-23 -Dold=1
                24+ !-Da=1 -Dnew=1
                """;
        assertEquals(List.of("-Da=1", "-Db=2", "-Dold=1"), JvmFlags.parse(text, 22));
        assertEquals(List.of("-Db=2", "-Dnew=1"), JvmFlags.parse(text, 24));
    }
}
