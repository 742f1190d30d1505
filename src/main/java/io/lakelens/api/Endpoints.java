package io.lakelens.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakelens.AppContext;
import io.lakelens.analytics.AnalysisKind;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's endpoints. Each is the twin of a CLI command: its parameters are that command's
 * options (named in camelCase: {@code --page-size} is {@code pageSize}), and it answers with what
 * the command prints with {@code --format json}, because it runs that very command in this
 * process ({@link Commands}). The OpenAPI document is generated from this list and the
 * commands' own option models, so it cannot drift from what the server accepts.
 */
final class Endpoints {
    /** Where an endpoint's path gets its variable part from. */
    enum Scope { FIXED, TABLE, ANALYSIS }

    /** A parameter the API adds to (or requires beyond) the command's own options. */
    record Extra(String name, String type, String description, boolean required) {
    }

    /**
     * One endpoint.
     *
     * @param path    the full path (FIXED), the action after the table name ({@code ""} for describe), or unused
     * @param hidden  command options the API sets itself and does not take from the caller
     * @param write   whether it changes the lake (refused on a read-only lake, 409)
     */
    record Endpoint(String method, Scope scope, String path, String operationId, String summary, String cli,
                    String command, Set<String> hidden, List<Extra> extras, boolean write,
                    Handler handler) {
        String template() {
            return switch (scope) {
                case FIXED -> path;
                case TABLE -> ApiPaths.TABLES + "/{name}" + (path.isEmpty() ? "" : "/" + path);
                case ANALYSIS -> ApiPaths.ANALYZE + "{analysis}";
            };
        }

        boolean open() {
            return operationId.equals("health");
        }
    }

    interface Handler {
        Response handle(Call call);
    }

    /** One request as an endpoint sees it: the table or analysis from the path and every other parameter. */
    record Call(AppContext ctx, Endpoint endpoint, String table, String analysis, Map<String, List<String>> params,
                boolean authenticated) {
    }

    record Response(int status, String body) {
    }

    /** Rows a paged query may reach: the SQL console's limit. */
    static final int QUERY_MAX_ROWS = 10_000;
    static final int QUERY_MAX_PAGE_SIZE = 1_000;
    private static final Set<String> ALWAYS_HIDDEN = Set.of("format");
    private static final Pattern OPTION_NAME = Pattern.compile("'--([a-z0-9][a-z0-9-]*)(=[^']*)?'");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The CLI this API is the twin of. */
    static final Commands COMMANDS = Commands.load();

    private static final List<Endpoint> ALL = List.of(
            new Endpoint("GET", Scope.FIXED, "/api/health", "health",
                    "Without a token: whether the server answers. With one: Spark, lake, cache and component versions.",
                    "health", "health", Set.of(), List.of(), false, Endpoints::health),
            new Endpoint("GET", Scope.FIXED, "/api/stats", "stats",
                    "Per-strategy search metrics of this server's searches so far; lastBench=true gives the last bench's "
                            + "table and queries=N runs the CLI's representative sequence first.",
                    "stats", "stats", Set.of(), List.of(), false, Endpoints::stats),
            new Endpoint("GET", Scope.FIXED, ApiPaths.TABLES, "tables", "The lake's Delta tables.",
                    "tables", "tables", Set.of(), List.of(), false, c -> command(c, List.of(), List.of())),
            new Endpoint("GET", Scope.TABLE, "", "describe", "A table's schema, size and properties.",
                    "describe", "describe", Set.of(), List.of(), false, Endpoints::onTable),
            new Endpoint("GET", Scope.TABLE, "history", "history", "A table's commits, newest first, with who and why.",
                    "history", "history", Set.of(), List.of(), false, Endpoints::onTable),
            new Endpoint("GET", Scope.TABLE, "timeline", "timeline",
                    "A table's versions, oldest first: operation, rows and files changed, readable or vacuumed.",
                    "timeline", "timeline", Set.of(), List.of(), false, Endpoints::onTable),
            new Endpoint("GET", Scope.TABLE, "search", "search",
                    "Search the table through one of the four strategies, with every filter of `lakelens search`.",
                    // choosing a table's searched columns writes to the lake: not through a GET
                    "search", "search", Set.of("table", "show-columns", "set-columns", "reset-columns"),
                    List.of(new Extra("q", "string", "The search text (the CLI's TEXT); empty lists everything.", false)),
                    false, Endpoints::search),
            new Endpoint("GET", Scope.TABLE, "diff", "diff",
                    "Rows added, removed and changed between two versions, matched on the table's key; paged by offset and limit.",
                    "diff", "diff", Set.of(), List.of(), false, Endpoints::onTable),
            new Endpoint("GET", Scope.TABLE, "audit", "audit", "Every change to one row across versions, with who, when and why.",
                    "audit", "audit", Set.of(), List.of(), false, Endpoints::onTable),
            new Endpoint("POST", Scope.TABLE, "optimize", "optimize",
                    "Compact the table's small files (optionally Z-ordering them) as one commit; a reason is required.",
                    "optimize", "optimize", Set.of(),
                    List.of(new Extra("reason", "string", "Why; recorded in the commit. Required.", true)),
                    true, Endpoints::optimize),
            new Endpoint("GET", Scope.ANALYSIS, "", "analyze",
                    "A named analysis (sector, volatility, movers, risk) as of any version or time.",
                    "analyze", "analyze", Set.of(), List.of(), false, Endpoints::analyze),
            new Endpoint("POST", Scope.FIXED, "/api/query", "query",
                    "Read-only SQL over the lake's tables (each visible by its name), a page at a time; statements that "
                            + "change data are refused. Pages are cut from the first page × pageSize rows (at most "
                            + QUERY_MAX_ROWS + "); add ORDER BY for pages that follow each other.",
                    "query", "query", Set.of("max-rows"),
                    List.of(new Extra("sql", "string", "The query.", true),
                            new Extra("page", "integer", "Page number, from 1 (default 1).", false),
                            new Extra("pageSize", "integer", "Rows per page, 1 to " + QUERY_MAX_PAGE_SIZE + " (default 100).", false)),
                    false, Endpoints::query),
            new Endpoint("GET", Scope.FIXED, "/api/openapi.json", "openapi", "This API's contract (OpenAPI 3.1).",
                    null, null, Set.of(), List.of(), false, c -> new Response(200, OpenApi.document(COMMANDS.version()))));

    private static final Map<String, CommandSpec> SPECS = new ConcurrentHashMap<>();

    private Endpoints() {
    }

    static List<Endpoint> all() {
        return ALL;
    }

    /** The command's option model, built once per endpoint and only read afterwards. */
    static CommandSpec spec(Endpoint e) {
        return SPECS.computeIfAbsent(e.command(), COMMANDS::spec);
    }

    /** The command options an endpoint takes from the caller. */
    static List<OptionSpec> options(Endpoint e) {
        if (e.command() == null) {
            return List.of();
        }
        List<OptionSpec> out = new ArrayList<>();
        for (OptionSpec o : spec(e).options()) {
            String n = bare(o.longestName());
            if (!o.usageHelp() && !o.versionHelp() && !ALWAYS_HIDDEN.contains(n) && !e.hidden().contains(n)) {
                out.add(o);
            }
        }
        return out;
    }

    /** The caller's name of an option: {@code --page-size} is {@code pageSize}. */
    static String parameterName(OptionSpec o) {
        return camel(bare(o.longestName()));
    }

    /** Every parameter an endpoint takes, in the order documented. */
    static List<String> parameterNames(Endpoint e) {
        List<String> names = new ArrayList<>();
        e.extras().forEach(x -> names.add(x.name()));
        options(e).forEach(o -> {
            if (!names.contains(parameterName(o))) {
                names.add(parameterName(o));
            }
        });
        return names;
    }

    // ---- handlers

    private static Response health(Call c) {
        if (!c.authenticated()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", "ok");
            m.put("service", "lakelens");
            m.put("version", COMMANDS.version());
            m.put("detail", "send the bearer token for Spark, lake and cache checks");
            return new Response(200, write(m));
        }
        return command(c, List.of(), List.of());
    }

    private static Response stats(Call c) {
        if (c.params().isEmpty()) {
            return new Response(200, COMMANDS.searchStatsJson(c.ctx()));
        }
        return command(c, List.of(), List.of());
    }

    private static Response onTable(Call c) {
        return command(c, List.of(), List.of(c.table()));
    }

    private static Response search(Call c) {
        Map<String, List<String>> params = new LinkedHashMap<>(c.params());
        List<String> q = params.remove("q");
        if (q != null && q.size() > 1) {
            throw new ApiError(400, "bad_parameter", "'q' is given " + q.size() + " times; give it once.");
        }
        return command(c, params, List.of("--table=" + c.table()), q == null ? List.of() : q);
    }

    private static Response optimize(Call c) {
        List<String> reason = c.params().get("reason");
        if (reason == null || reason.stream().allMatch(String::isBlank)) {
            throw new ApiError(400, "missing_reason", "OPTIMIZE needs a reason (recorded in the commit); send \"reason\".");
        }
        return onTable(c);
    }

    private static Response analyze(Call c) {
        boolean known = Arrays.stream(AnalysisKind.values()).anyMatch(k -> k.id().equals(c.analysis()));
        if (!known) {
            throw new ApiError(404, "not_found", "No analysis '" + ApiPaths.abbreviate(c.analysis()) + "'; there are "
                    + String.join(", ", Arrays.stream(AnalysisKind.values()).map(AnalysisKind::id).toList()) + ".");
        }
        return command(c, List.of(), List.of(c.analysis()));
    }

    private static Response query(Call c) {
        Map<String, List<String>> params = new LinkedHashMap<>(c.params());
        String sql = single(params.remove("sql"), "sql");
        if (sql == null || sql.isBlank()) {
            throw new ApiError(400, "missing_sql", "Send the query as \"sql\".");
        }
        int page = integer(params.remove("page"), "page", 1);
        int pageSize = integer(params.remove("pageSize"), "pageSize", 100);
        if (page < 1) {
            throw new ApiError(400, "bad_parameter", "Page " + page + " does not exist; pages start at 1.");
        }
        if (pageSize < 1 || pageSize > QUERY_MAX_PAGE_SIZE) {
            throw new ApiError(400, "bad_parameter", "pageSize must be between 1 and " + QUERY_MAX_PAGE_SIZE + ", not " + pageSize + ".");
        }
        long reach = (long) page * pageSize;
        if (reach > QUERY_MAX_ROWS) {
            throw new ApiError(400, "bad_parameter", "A query pages through its first " + QUERY_MAX_ROWS + " rows; page " + page
                    + " of " + pageSize + " rows lies beyond them.");
        }
        Response r = command(c, params, List.of("--max-rows=" + (reach + 1)), List.of(sql));
        try {
            ArrayNode rows = (ArrayNode) JSON.readTree(r.body());
            int from = (page - 1) * pageSize;
            ObjectNode doc = JSON.createObjectNode();
            doc.put("page", page);
            doc.put("pageSize", pageSize);
            doc.put("hasMore", rows.size() > reach);
            ArrayNode shown = doc.putArray("rows");
            for (int i = from; i < Math.min(rows.size(), reach); i++) {
                shown.add(rows.get(i));
            }
            return new Response(200, JSON.writeValueAsString(doc) + "\n");
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("The query command printed something other than a JSON array", e);
        }
    }

    // ---- running the twin command

    private static Response command(Call c, List<String> fixed, List<String> positionals) {
        return command(c, c.params(), fixed, positionals);
    }

    /**
     * Runs the endpoint's command with {@code fixed} options, the caller's parameters as options,
     * {@code --format=json} and the positional arguments after {@code --} (so a value that starts
     * with a dash is never read as an option).
     */
    private static Response command(Call c, Map<String, List<String>> params, List<String> fixed, List<String> positionals) {
        Endpoint e = c.endpoint();
        List<String> args = new ArrayList<>(fixed);
        args.addAll(arguments(e, params));
        args.add("--format=json");
        if (!positionals.isEmpty()) {
            args.add("--");
            args.addAll(positionals);
        }
        Commands.Answer a = COMMANDS.run(c.ctx(), e.command(), args);
        if (a.out().isBlank()) {
            throw new ApiError(400, "bad_request", a.err().isBlank() ? e.operationId() + " printed nothing."
                    : a.err().strip().lines().reduce((x, y) -> y).orElse("").replaceFirst("^lakelens: ", ""));
        }
        return new Response(200, a.out());
    }

    /** The caller's parameters as the command's options. */
    static List<String> arguments(Endpoint e, Map<String, List<String>> params) {
        List<OptionSpec> options = options(e);
        List<String> args = new ArrayList<>();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            OptionSpec o = options.stream().filter(x -> parameterName(x).equals(p.getKey()) || bare(x.longestName()).equals(p.getKey()))
                    .findFirst().orElseThrow(() -> new ApiError(400, "unknown_parameter", "'" + ApiPaths.abbreviate(p.getKey())
                            + "' is not a parameter of " + e.operationId() + "; it takes "
                            + (parameterNames(e).isEmpty() ? "none" : String.join(", ", parameterNames(e))) + "."));
            boolean flag = o.arity().max() == 0;
            for (String v : p.getValue()) {
                if (!flag) {
                    args.add(o.longestName() + "=" + v);
                    continue;
                }
                switch (v.strip().toLowerCase(Locale.ROOT)) {
                    case "", "true" -> args.add(o.longestName());
                    case "false" -> {
                    }
                    default -> throw new ApiError(400, "bad_parameter", "'" + p.getKey() + "' takes true or false, not '"
                            + ApiPaths.abbreviate(v) + "'.");
                }
            }
        }
        return args;
    }

    /** A picocli message in the API's words: parameters by their camelCase names. */
    static String translate(String message) {
        Matcher m = OPTION_NAME.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("'" + camel(m.group(1)) + "'"));
        }
        m.appendTail(sb);
        return sb.toString().replace("option", "parameter").replace("Option", "Parameter");
    }

    private static String single(List<String> values, String name) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ApiError(400, "bad_parameter", "'" + name + "' is given " + values.size() + " times; give it once.");
        }
        return values.getFirst();
    }

    private static int integer(List<String> values, String name, int dflt) {
        String v = single(values, name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException ex) {
            throw new ApiError(400, "bad_parameter", "'" + name + "' must be a whole number, not '" + ApiPaths.abbreviate(v) + "'.");
        }
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a JSON request body (an object of scalars or arrays of scalars) as parameters. */
    static Map<String, List<String>> bodyParameters(byte[] body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return params;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiError(400, "bad_body", "The body is not JSON: " + ApiPaths.abbreviate(String.valueOf(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ApiError(400, "bad_body", "The body could not be read: " + ApiPaths.abbreviate(String.valueOf(e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new ApiError(400, "bad_body", "The body must be a JSON object, e.g. {\"sql\": \"SELECT 1\"}.");
        }
        for (Map.Entry<String, JsonNode> f : root.properties()) {
            JsonNode v = f.getValue();
            List<String> values = new ArrayList<>();
            if (v.isArray()) {
                for (JsonNode x : v) {
                    values.add(scalar(f.getKey(), x));
                }
            } else if (!v.isNull()) {
                values.add(scalar(f.getKey(), v));
            }
            if (!values.isEmpty()) {
                params.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).addAll(values);
            }
        }
        return params;
    }

    private static String scalar(String field, JsonNode v) {
        if (v.isValueNode() && !v.isNull()) {
            return v.asText();
        }
        throw new ApiError(400, "bad_body", "\"" + ApiPaths.abbreviate(field) + "\" must be a string, number, boolean or a list of them.");
    }

    private static String bare(String option) {
        return option.replaceFirst("^-+", "");
    }

    static String camel(String kebab) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char ch : kebab.toCharArray()) {
            if (ch == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return sb.toString();
    }
}
