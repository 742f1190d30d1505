package io.lakelens.cache;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking Redis client of a few dozen lines, for the moments Lettuce is too much: checking
 * that a recorded embedded Redis answers, waiting for one to start, and the detached keeper
 * that watches one (which must load as few classes as possible). Not thread-safe.
 */
final class RespClient implements Closeable {
    /** A Redis error reply. */
    static final class RespError extends IOException {
        RespError(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RespClient(String host, int port, int timeoutMs) throws IOException {
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects and authenticates; fails with the server's message on a wrong password. */
    static RespClient open(String host, int port, String password, int timeoutMs) throws IOException {
        RespClient c = new RespClient(host, port, timeoutMs);
        try {
            if (password != null && !password.isEmpty()) {
                c.call("AUTH", password);
            }
            return c;
        } catch (IOException e) {
            c.close();
            throw e;
        }
    }

    /** Sends one command; returns a String, Long, byte[] (bulk), List or null. */
    Object call(String... args) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String a : args) {
            byte[] v = a.getBytes(StandardCharsets.UTF_8);
            b.write(('$' + Integer.toString(v.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.write(v);
            b.write('\r');
            b.write('\n');
        }
        out.write(b.toByteArray());
        out.flush();
        return read();
    }

    String callText(String... args) throws IOException {
        Object r = call(args);
        return r instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(r);
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("Redis closed the connection");
        }
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new RespError(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    yield null;
                }
                byte[] v = in.readNBytes(n);
                readLine();
                yield v;
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                yield items;
            }
            default -> throw new IOException("Not a Redis reply (type byte " + type + ")");
        };
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(32);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                in.read();
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** One field of an INFO reply, e.g. {@code connected_clients}. */
    static String infoField(String info, String field) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
