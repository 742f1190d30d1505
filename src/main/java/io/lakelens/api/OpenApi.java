package io.lakelens.api;

import io.lakelens.analytics.AnalysisKind;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API's OpenAPI 3.1 document, generated from {@link Endpoints} and the options of each
 * endpoint's twin command, so what it lists is what the server accepts. Built once; thread-safe.
 */
final class OpenApi {
    private static volatile String document;

    private OpenApi() {
    }

    static String document(String version) {
        String d = document;
        if (d == null) {
            d = Endpoints.write(build(version));
            document = d;
        }
        return d;
    }

    static Map<String, Object> build(String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", map("title", "LakeLens API", "version", version,
                "description", "A local HTTP API over a LakeLens lake. Each endpoint is the twin of a `lakelens` command: it "
                        + "takes that command's options as parameters (camelCase: --page-size is pageSize; a flag is "
                        + "true or false; a list option is repeated or comma-separated) and answers with the JSON the command "
                        + "prints with --format json. Every request but /api/health needs `Authorization: Bearer <token>`, "
                        + "the token kept in ~/.lakelens/api-token. Errors are {\"error\": code, \"message\": text}."));
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Endpoints.Endpoint e : Endpoints.all()) {
            add(paths, e.template(), e, operation(e, false));
            if (e.scope() == Endpoints.Scope.TABLE) {
                add(paths, ApiPaths.TABLE + (e.path().isEmpty() ? "" : "/" + e.path()), e, operation(e, true));
            }
        }
        doc.put("paths", paths);
        doc.put("components", map(
                "securitySchemes", map("bearerAuth", map("type", "http", "scheme", "bearer",
                        "description", "The token in ~/.lakelens/api-token (mode 0600), created on first use.")),
                "schemas", map("Error", map("type", "object", "required", List.of("error", "message"),
                        "properties", map("error", map("type", "string", "description", "A stable code, e.g. unknown_parameter."),
                                "message", map("type", "string", "description", "One line saying what is wrong and what to do."))))));
        doc.put("security", List.of(map("bearerAuth", List.of())));
        return doc;
    }

    private static void add(Map<String, Object> paths, String path, Endpoints.Endpoint e, Map<String, Object> op) {
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(path, k -> new LinkedHashMap<>());
        item.put(e.method().toLowerCase(java.util.Locale.ROOT), op);
    }

    private static Map<String, Object> operation(Endpoints.Endpoint e, boolean nameAsParameter) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", e.operationId() + (nameAsParameter ? "ByName" : ""));
        op.put("summary", e.summary());
        if (e.cli() != null) {
            op.put("description", "The twin of `lakelens " + e.cli() + "`: same options, and the JSON that `lakelens " + e.cli()
                    + " --format json` prints" + (e.operationId().equals("query") ? ", cut to the page asked for." : ".")
                    + (e.write() ? " Refused with 409 on a lake opened with --read-only." : ""));
        }
        List<Object> params = new ArrayList<>();
        switch (e.scope()) {
            case TABLE -> params.add(nameAsParameter
                    ? map("name", "name", "in", "query", "required", true, "schema", map("type", "string"),
                    "description", "The table's name, any characters (form-encoded).")
                    : map("name", "name", "in", "path", "required", true, "schema", map("type", "string"),
                    "description", "The table's name, percent-encoded. It may contain '/' (as is or as %2F); the last "
                            + "segment is the action when it is one of " + String.join(", ", ApiPaths.TABLE_ACTIONS.stream().sorted().toList())
                            + ", so send a '/' before such a last part as %2F, or use /api/table?name=."));
            case ANALYSIS -> params.add(map("name", "analysis", "in", "path", "required", true,
                    "schema", map("type", "string", "enum", Arrays.stream(AnalysisKind.values()).map(AnalysisKind::id).toList())));
            case FIXED -> {
            }
        }
        Map<String, Map<String, Object>> fields = fields(e);
        List<String> required = new ArrayList<>();
        for (Endpoints.Extra x : e.extras()) {
            if (x.required()) {
                required.add(x.name());
            }
        }
        for (OptionSpec o : Endpoints.options(e)) {
            if (o.required() && !required.contains(Endpoints.parameterName(o))) {
                required.add(Endpoints.parameterName(o));
            }
        }
        if (e.method().equals("POST")) {
            Map<String, Object> schema = map("type", "object", "properties", fields);
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            op.put("requestBody", map("required", !required.isEmpty(), "description", "A JSON object; its fields may also be sent "
                    + "as query parameters.", "content", map("application/json", map("schema", schema))));
        } else {
            fields.forEach((name, schema) -> {
                Map<String, Object> p = map("name", name, "in", "query", "required", required.contains(name));
                Object description = schema.remove("description");
                if (description != null) {
                    p.put("description", description);
                }
                p.put("schema", schema);
                params.add(p);
            });
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (e.open()) {
            op.put("security", List.of(map(), map("bearerAuth", List.of())));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", map("description", "The command's JSON answer.", "content", map("application/json", map("schema", map()))));
        for (String code : errors(e)) {
            responses.put(code, map("description", describe(code), "content",
                    map("application/json", map("schema", map("$ref", "#/components/schemas/Error")))));
        }
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Map<String, Object>> fields(Endpoints.Endpoint e) {
        Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
        for (Endpoints.Extra x : e.extras()) {
            fields.put(x.name(), map("type", x.type(), "description", x.description()));
        }
        for (OptionSpec o : Endpoints.options(e)) {
            String name = Endpoints.parameterName(o);
            if (fields.containsKey(name)) {
                continue;
            }
            Map<String, Object> s = schema(o);
            String description = String.join(" ", o.description());
            if (!description.isBlank()) {
                s.put("description", description);
            }
            fields.put(name, s);
        }
        return fields;
    }

    private static Map<String, Object> schema(OptionSpec o) {
        Class<?> t = o.type();
        if (o.arity().max() == 0) {
            return map("type", "boolean");
        }
        Map<String, Object> s;
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            s = map("type", "array", "items", map("type", "string"));
        } else if (t == int.class || t == Integer.class) {
            s = map("type", "integer", "format", "int32");
        } else if (t == long.class || t == Long.class) {
            s = map("type", "integer", "format", "int64");
        } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            s = map("type", "number");
        } else if (t == boolean.class || t == Boolean.class) {
            s = map("type", "boolean");
        } else {
            s = map("type", "string");
        }
        if (o.defaultValue() != null) {
            s.put("default", o.defaultValue());
        }
        return s;
    }

    private static List<String> errors(Endpoints.Endpoint e) {
        List<String> codes = new ArrayList<>(List.of("400"));
        if (!e.open()) {
            codes.add("401");
        }
        if (e.scope() != Endpoints.Scope.FIXED) {
            codes.add("404");
        }
        if (e.write()) {
            codes.add("409");
        }
        if (e.method().equals("POST")) {
            codes.add("413");
        }
        return codes;
    }

    private static String describe(String code) {
        return switch (code) {
            case "400" -> "A bad parameter or value, or a request the command refuses.";
            case "401" -> "No bearer token, or not the right one.";
            case "404" -> "No such table or analysis.";
            case "409" -> "The lake is read-only, or another writer conflicted.";
            case "413" -> "The request body is larger than the server accepts.";
            default -> code;
        };
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
