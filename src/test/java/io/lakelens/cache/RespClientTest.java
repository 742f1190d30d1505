package io.lakelens.cache;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small blocking Redis client against a real Redis: every reply type, errors and passwords. */
class RespClientTest {
    static EmbeddedRedis redis;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start(16);
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    static RespClient client() throws IOException {
        return RespClient.open("127.0.0.1", redis.port(), redis.password(), 5_000);
    }

    @Test
    void everyKindOfReplyIsReadAsItsJavaType() throws IOException {
        try (RespClient c = client()) {
            assertEquals("PONG", c.call("PING"));
            assertEquals("OK", c.call("SET", "resp:text", "Zürich ✓ \r\n with CRLF"));
            assertArrayEquals("Zürich ✓ \r\n with CRLF".getBytes(StandardCharsets.UTF_8), (byte[]) c.call("GET", "resp:text"));
            assertEquals("Zürich ✓ \r\n with CRLF", c.callText("GET", "resp:text"), "a bulk reply is read by its length, not by line");
            assertEquals(5L, c.call("INCRBY", "resp:n", "5"));
            assertNull(c.call("GET", "resp:missing"));
            assertEquals(3L, c.call("RPUSH", "resp:list", "a", "", "c"));
            List<?> items = (List<?>) c.call("LRANGE", "resp:list", "0", "-1");
            assertEquals(3, items.size());
            assertEquals("", new String((byte[]) items.get(1), StandardCharsets.UTF_8), "an empty bulk string is not null");
            assertEquals("null", c.callText("GET", "resp:missing"));
        }
    }

    @Test
    void anErrorReplyIsARespErrorAndTheConnectionStaysUsable() throws IOException {
        try (RespClient c = client()) {
            RespClient.RespError e = assertThrows(RespClient.RespError.class, () -> c.call("NO_SUCH_COMMAND"));
            assertTrue(e.getMessage().startsWith("ERR"), e.getMessage());
            c.call("SET", "resp:s", "x");
            RespClient.RespError wrongType = assertThrows(RespClient.RespError.class, () -> c.call("INCR", "resp:s"));
            assertTrue(wrongType.getMessage().contains("not an integer"), wrongType.getMessage());
            assertEquals("PONG", c.call("PING"));
        }
    }

    @Test
    void aWrongOrMissingPasswordIsRefusedByTheServer() throws IOException {
        RespClient.RespError wrong = assertThrows(RespClient.RespError.class,
                () -> RespClient.open("127.0.0.1", redis.port(), "not-" + redis.password(), 5_000));
        assertTrue(wrong.getMessage().startsWith("WRONGPASS") || wrong.getMessage().contains("invalid password"), wrong.getMessage());
        try (RespClient none = RespClient.open("127.0.0.1", redis.port(), null, 5_000)) {
            RespClient.RespError e = assertThrows(RespClient.RespError.class, () -> none.call("GET", "resp:text"));
            assertTrue(e.getMessage().startsWith("NOAUTH"), e.getMessage());
        }
    }

    @Test
    void nothingListeningOrAClosedConnectionIsAnIOException() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThrows(IOException.class, () -> RespClient.open("127.0.0.1", closed, null, 2_000));
        RespClient c = client();
        try {
            c.call("CLIENT", "KILL", "SKIPME", "no", "TYPE", "normal"); // the server drops this very connection
        } catch (IOException dropped) {
            // the reply may not make it before the connection closes
        }
        assertThrows(IOException.class, () -> c.call("PING"));
        c.close();
    }

    @Test
    void infoFieldsAreReadFromAnInfoReply() throws IOException {
        try (RespClient c = client()) {
            String info = c.callText("INFO");
            assertTrue(Integer.parseInt(RespClient.infoField(info, "connected_clients")) >= 1, info);
            assertEquals(redis.version(), RespClient.infoField(info, "redis_version"));
        }
        assertEquals("3", RespClient.infoField("# Clients\r\nconnected_clients:3\r\nblocked_clients:0\r\n", "connected_clients"));
        assertEquals("", RespClient.infoField("connected_clients:3\r\n", "connected"), "a prefix of a field is not the field");
        assertEquals("", RespClient.infoField("", "connected_clients"));
    }
}
