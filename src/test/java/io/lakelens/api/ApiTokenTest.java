package io.lakelens.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class ApiTokenTest {
    @TempDir
    Path dir;

    @Test
    void isCreatedOnFirstUseReadableByItsOwnerOnlyAndReusedAfterwards() throws Exception {
        Path home = dir.resolve("home").resolve(".lakelens");
        ApiToken first = ApiToken.loadOrCreate(home);
        Path file = home.resolve(ApiToken.FILE);
        assertEquals(file, first.file().orElseThrow());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertTrue(first.value().length() >= 32, first.value());
        assertEquals(first.value(), Files.readString(file).strip());
        assertEquals(first.value(), ApiToken.loadOrCreate(home).value());
        assertNotEquals(first.value(), ApiToken.loadOrCreate(dir.resolve("other")).value());
    }

    @Test
    void aTokenFileOthersCouldReadIsNarrowedToItsOwner() throws Exception {
        Path file = ApiToken.loadOrCreate(dir).file().orElseThrow();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ApiToken.loadOrCreate(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anEmptyTokenFileIsReplacedByANewToken() throws Exception {
        Files.writeString(dir.resolve(ApiToken.FILE), "\n");
        ApiToken t = ApiToken.loadOrCreate(dir);
        assertTrue(t.value().length() >= 32);
        assertEquals(t.value(), Files.readString(dir.resolve(ApiToken.FILE)).strip());
    }

    @Test
    void acceptsOnlyABearerHeaderWithExactlyThisToken() {
        ApiToken t = ApiToken.random();
        assertTrue(t.accepts("Bearer " + t.value()));
        assertTrue(t.accepts("bearer " + t.value()));
        assertFalse(t.accepts(null));
        assertFalse(t.accepts(t.value()));
        assertFalse(t.accepts("Basic " + t.value()));
        assertFalse(t.accepts("Bearer " + t.value().substring(1)));
        assertFalse(t.accepts("Bearer " + t.value() + "x"));
        assertFalse(t.accepts("Bearer "));
    }
}
