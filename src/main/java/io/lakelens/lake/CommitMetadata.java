package io.lakelens.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code userMetadata} LakeLens writes into each commit: who and why, as JSON. */
public final class CommitMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommitMetadata() {
    }

    /** The OS user running LakeLens. */
    public static String currentUser() {
        String u = System.getProperty("user.name");
        return u == null || u.isBlank() ? "unknown" : u;
    }

    public static String json(String reason) {
        return json(reason, null);
    }

    /**
     * As {@link #json(String)}, tagged with the id of one {@link LakeEngine#write} call so a
     * failed write can tell whether any of its commits landed before it failed.
     */
    public static String json(String reason, String writeId) {
        ObjectNode node = JSON.createObjectNode();
        node.put("user", currentUser());
        node.put("reason", reason == null ? "" : reason);
        node.put("app", "LakeLens");
        if (writeId != null) {
            node.put("writeId", writeId);
        }
        return node.toString();
    }

    /** The write id recorded in userMetadata, or null. */
    public static String writeId(String userMetadata) {
        return field(userMetadata, "writeId");
    }

    /** The user recorded in userMetadata, or null when it is not LakeLens's JSON. */
    public static String user(String userMetadata) {
        return field(userMetadata, "user");
    }

    /** The reason recorded in userMetadata; plain-text metadata is itself the reason. */
    public static String reason(String userMetadata) {
        if (userMetadata == null || userMetadata.isBlank()) {
            return "";
        }
        String r = field(userMetadata, "reason");
        return r != null ? r : userMetadata;
    }

    /** A field of LakeLens's own userMetadata; another tool's JSON is not read as ours. */
    private static String field(String userMetadata, String name) {
        if (userMetadata == null || !userMetadata.trim().startsWith("{")) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(userMetadata);
            if (!"LakeLens".equals(root.path("app").asText(null))) {
                return null;
            }
            JsonNode n = root.get(name);
            return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
        } catch (Exception e) {
            return null;
        }
    }
}
