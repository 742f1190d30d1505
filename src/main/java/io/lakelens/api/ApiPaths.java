package io.lakelens.api;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a request path names a table. A table name is an opaque string that may hold {@code /},
 * spaces, dots, capitals and any other character, so it is taken from the raw path:
 * <ul>
 *   <li>{@code /api/tables/NAME} describes NAME; {@code /api/tables/NAME/ACTION} runs ACTION on it,
 *   where ACTION is the last segment and one of {@link #TABLE_ACTIONS}. NAME is everything between
 *   {@code /api/tables/} and that segment, percent-decoded (UTF-8), so
 *   {@code /api/tables/sales/2024/orders/history} is the history of {@code sales/2024/orders}.</li>
 *   <li>A {@code /} inside NAME may also be sent as {@code %2F}; an encoded slash never separates
 *   segments. That makes any name unambiguous, including one whose last part is itself an action:
 *   {@code /api/tables/sales%2Fhistory} describes the table {@code sales/history}.</li>
 *   <li>Or the name goes in a query parameter: {@code /api/table?name=NAME} and
 *   {@code /api/table/ACTION?name=NAME}.</li>
 * </ul>
 * Pure functions; thread-safe.
 */
final class ApiPaths {
    static final String TABLES = "/api/tables";
    static final String TABLE = "/api/table";
    static final String ANALYZE = "/api/analyze/";
    /** The segments that end a table path as an action; anything else is part of the name. */
    static final Set<String> TABLE_ACTIONS = Set.of("history", "timeline", "search", "diff", "audit", "optimize");

    private ApiPaths() {
    }

    /**
     * A table route: the decoded name and the action ({@code ""} for describe).
     */
    record TableRoute(String name, String action) {
    }

    /**
     * The table and action of a raw path under {@code /api/tables/}, or empty if the path is not
     * one (the list {@code /api/tables} itself included).
     *
     * @throws ApiError 400 when the name is empty or badly percent-encoded
     */
    static Optional<TableRoute> table(String rawPath) {
        String prefix = TABLES + "/";
        if (!rawPath.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = rawPath.substring(prefix.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<String> segments = Arrays.asList(rest.split("/", -1));
        String action = "";
        if (segments.size() >= 2 && TABLE_ACTIONS.contains(segments.getLast())) {
            action = segments.getLast();
            rest = String.join("/", segments.subList(0, segments.size() - 1));
        }
        String name = decodePath(rest);
        if (name.isEmpty()) {
            throw new ApiError(400, "bad_table_name", "The table name is empty.");
        }
        return Optional.of(new TableRoute(name, action));
    }

    /**
     * The action of a raw path of the query-parameter form ({@code /api/table} or
     * {@code /api/table/ACTION}), or empty if the path is not one. An unknown action is returned
     * as is (the router answers 404 for it).
     */
    static Optional<String> tableByParameter(String rawPath) {
        if (rawPath.equals(TABLE) || rawPath.equals(TABLE + "/")) {
            return Optional.of("");
        }
        if (rawPath.startsWith(TABLE + "/")) {
            return Optional.of(decodePath(rawPath.substring(TABLE.length() + 1)));
        }
        return Optional.empty();
    }

    /** The analysis named by a raw path under {@code /api/analyze/}, or empty. */
    static Optional<String> analysis(String rawPath) {
        if (!rawPath.startsWith(ANALYZE)) {
            return Optional.empty();
        }
        return Optional.of(decodePath(rawPath.substring(ANALYZE.length())));
    }

    /**
     * Percent-decodes a path (UTF-8). Unlike form decoding, {@code +} stays a plus.
     *
     * @throws ApiError 400 for a malformed escape or bytes that are not UTF-8
     */
    static String decodePath(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw new ApiError(400, "bad_path", "The path has a malformed percent escape near '"
                            + raw.substring(i, Math.min(raw.length(), i + 3)) + "'.");
                }
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new ApiError(400, "bad_path", "The path's percent escapes are not UTF-8 text.");
        }
    }

    /**
     * The query string's parameters in order, form-decoded (UTF-8, {@code +} is a space); a
     * parameter given more than once keeps every value.
     *
     * @throws ApiError 400 for a malformed escape
     */
    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "bad_query", "The query string has a malformed escape in '" + abbreviate(pair) + "'.");
            }
        }
        return params;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 59) + "…";
    }
}
