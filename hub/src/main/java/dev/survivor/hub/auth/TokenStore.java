package dev.survivor.hub.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.common.AtomicFiles;
import dev.survivor.hub.protocol.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Hub access tokens. The file holds only a salt and SHA-256(salt ‖ token) per token: tokens are 256 random bits, so
 * a slow password hash adds nothing, and hashing stays cheap when 200 clients connect at once. Every check walks
 * all entries and compares digests with {@link MessageDigest#isEqual}, so timing reveals neither which entry
 * matched nor how many bytes did.
 */
public final class TokenStore {

    /** Operators may change parameters and start or stop scripts; clients may not. */
    public enum Role { CLIENT, OPERATOR }

    public record Entry(String name, Role role, byte[] salt, byte[] hash, String created) { }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path file;
    private volatile List<Entry> entries;
    private volatile String loadedStamp;

    private TokenStore(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
        this.loadedStamp = stamp(file);
    }

    private static String stamp(Path file) {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() + ":" + Files.size(file) : "none";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /**
     * Re-reads the file if it changed since it was loaded, so `pipeline hub token add/remove` take effect on a
     * running hub. A file that became unreadable keeps the last good entries (and says so).
     */
    public void reloadIfChanged() {
        String now = stamp(file);
        if (now.equals(loadedStamp)) {
            return;
        }
        synchronized (this) {
            if (now.equals(loadedStamp)) {
                return;
            }
            try {
                entries = load(file).entries;
                loadedStamp = now;
            } catch (IOException e) {
                java.util.logging.Logger.getLogger(TokenStore.class.getName()).warning(
                        "token file changed but cannot be read; keeping the previous tokens: " + e.getMessage());
                loadedStamp = now;
            }
        }
    }

    /** Loads the file; a missing file is an empty store (every token is refused). */
    public static TokenStore load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new TokenStore(file, List.of());
        }
        JsonNode root;
        try {
            root = MessageCodec.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("tokens");
        if (list == null || !list.isArray()) {
            throw new IOException(file + ": expected an object with a 'tokens' array");
        }
        List<Entry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode t : list) {
            String where = file + ": tokens[" + i++ + "]";
            try {
                out.add(new Entry(req(t, "name", where), Role.valueOf(req(t, "role", where).toUpperCase()),
                        Base64.getDecoder().decode(req(t, "salt", where)),
                        Base64.getDecoder().decode(req(t, "hash", where)), t.path("created").asText("")));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
        return new TokenStore(file, out);
    }

    private static String req(JsonNode t, String field, String where) throws IOException {
        JsonNode v = t.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IOException(where + ": missing string field '" + field + "'");
        }
        return v.asText();
    }

    public Path file() {
        return file;
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * Creates a token, stores its salted hash (replacing an entry of the same name) and returns the token text:
     * the only time it is ever visible.
     */
    public synchronized String add(String name, Role role) throws IOException {
        if (name == null || !name.matches("[A-Za-z0-9_.@-]{1,64}")) {
            throw new IllegalArgumentException("token name must be 1-64 of [A-Za-z0-9_.@-], got '" + name + "'");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "sph_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        List<Entry> next = new ArrayList<>(entries.stream().filter(e -> !e.name().equals(name)).toList());
        next.add(new Entry(name, role, salt, digest(salt, token), Instant.now().toString()));
        write(next);
        entries = List.copyOf(next);
        loadedStamp = stamp(file);
        return token;
    }

    /** Removes a token by name; returns whether one existed. */
    public synchronized boolean remove(String name) throws IOException {
        List<Entry> next = entries.stream().filter(e -> !e.name().equals(name)).toList();
        if (next.size() == entries.size()) {
            return false;
        }
        write(next);
        entries = List.copyOf(next);
        loadedStamp = stamp(file);
        return true;
    }

    /** The entry the token belongs to, if any. */
    public Optional<Entry> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Entry match = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(digest(e.salt(), token), e.hash())) {
                match = e;
            }
        }
        return Optional.ofNullable(match);
    }

    private void write(List<Entry> list) throws IOException {
        ObjectNode root = MessageCodec.JSON.createObjectNode();
        root.put("version", 1);
        ArrayNode arr = root.putArray("tokens");
        for (Entry e : list) {
            arr.addObject().put("name", e.name()).put("role", e.role().name().toLowerCase())
                    .put("salt", Base64.getEncoder().encodeToString(e.salt()))
                    .put("hash", Base64.getEncoder().encodeToString(e.hash())).put("created", e.created());
        }
        byte[] bytes = MessageCodec.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        try {
            AtomicFiles.writePrivate(file, out -> out.write(bytes));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static byte[] digest(byte[] salt, String token) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt);
            return md.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Reads a token file written for a client: the first non-blank line, trimmed. */
    public static String readTokenFile(Path tokenFile) throws IOException {
        for (String line : Files.readAllLines(tokenFile, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                return line.trim();
            }
        }
        throw new IOException(tokenFile + ": empty token file (expected the token on its first line)");
    }
}
