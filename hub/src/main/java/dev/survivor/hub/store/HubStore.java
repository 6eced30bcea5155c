package dev.survivor.hub.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.survivor.hub.protocol.MessageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The hub's SQLite database (WAL). One connection, serialised by this object's monitor: SQLite has a single
 * writer anyway, and each call is one short autocommit statement. In WAL mode with synchronous=NORMAL a committed
 * row survives the hub process being killed; only an OS crash or power loss can drop the last commits.
 */
public final class HubStore implements AutoCloseable {

    /** Result of storing a share: its row id, and whether (client, share id) had been stored before. */
    public record StoredShare(long id, boolean duplicate) { }

    private record PendingShare(String clientId, String shareId, String kind, String payload,
                                CompletableFuture<StoredShare> result) { }

    private static final PendingShare STOP = new PendingShare(null, null, null, null, null);
    private static final int MAX_BATCH = 512;

    private final Path path;
    private final Connection db;
    private final BlockingQueue<PendingShare> shareQueue = new LinkedBlockingQueue<>();
    private final Thread shareWriter;

    private HubStore(Path path, Connection db) {
        this.path = path;
        this.db = db;
        this.shareWriter = Thread.ofPlatform().name("hub-share-writer").daemon().unstarted(this::shareWriterLoop);
    }

    /** Opens (creating if needed) and migrates the database to the latest schema version. */
    public static HubStore open(Path path) throws IOException {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            HubStore store = new HubStore(path, c);
            store.migrate();
            store.shareWriter.start();
            return store;
        } catch (SQLException e) {
            throw new IOException(path + ": cannot open hub database: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public synchronized int schemaVersion() throws SQLException {
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private synchronized void migrate() throws SQLException, IOException {
        int version = schemaVersion();
        if (version > Migrations.latest()) {
            throw new IOException(path + ": database schema version " + version + " is newer than this hub ("
                    + Migrations.latest() + "); upgrade the hub");
        }
        if (version == Migrations.latest()) {
            return;
        }
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            for (int v = version; v < Migrations.latest(); v++) {
                for (String sql : Migrations.STEPS.get(v)) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = " + Migrations.latest());
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    // ---- clients ----

    public synchronized Optional<String> tokenNameOf(String clientId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT token_name FROM clients WHERE client_id = ?")) {
            p.setString(1, clientId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Reputation state persisted for a client id: {reputation, successes, failures}, if known. */
    public synchronized Optional<double[]> reputationOf(String clientId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT reputation, successes, failures FROM clients WHERE client_id = ?")) {
            p.setString(1, clientId);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new double[] {rs.getDouble(1), rs.getLong(2), rs.getLong(3)})
                        : Optional.empty();
            }
        }
    }

    public synchronized void clientConnected(String clientId, String tokenName) throws SQLException {
        String now = now();
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO clients (client_id, token_name, status, first_seen, last_seen) VALUES (?, ?, 'connected', ?, ?)
                ON CONFLICT (client_id) DO UPDATE SET status = 'connected', last_seen = excluded.last_seen""")) {
            p.setString(1, clientId);
            p.setString(2, tokenName);
            p.setString(3, now);
            p.setString(4, now);
            p.executeUpdate();
        }
    }

    public synchronized void clientHello(String clientId, String role, String specialization, List<String> caps)
            throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "UPDATE clients SET role = ?, specialization = ?, capabilities = ?, last_seen = ? WHERE client_id = ?")) {
            p.setString(1, role);
            p.setString(2, specialization);
            p.setString(3, json(MessageCodec.JSON.valueToTree(caps)));
            p.setString(4, now());
            p.setString(5, clientId);
            p.executeUpdate();
        }
    }

    public synchronized void clientStatus(String clientId, String status) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "UPDATE clients SET status = ?, last_seen = ? WHERE client_id = ?")) {
            p.setString(1, status);
            p.setString(2, now());
            p.setString(3, clientId);
            p.executeUpdate();
        }
    }

    public synchronized void clientReputation(String clientId, double reputation, long successes, long failures)
            throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "UPDATE clients SET reputation = ?, successes = ?, failures = ? WHERE client_id = ?")) {
            p.setDouble(1, reputation);
            p.setLong(2, successes);
            p.setLong(3, failures);
            p.setString(4, clientId);
            p.executeUpdate();
        }
    }

    /** Marks every client that was connected when the hub last stopped as gone (called on start). */
    public synchronized int markAllGone() throws SQLException {
        try (Statement s = db.createStatement()) {
            return s.executeUpdate("UPDATE clients SET status = 'gone' WHERE status <> 'gone'");
        }
    }

    // ---- shares ----

    /**
     * Stores a share once: a repeat of (client, share id), e.g. a resend after reconnecting, is a duplicate. The
     * future completes after the row is committed. Shares queued together are committed in one transaction
     * (group commit), which keeps 200 busy clients from paying one commit each.
     */
    public CompletableFuture<StoredShare> submitShare(String clientId, String shareId, String kind,
                                                      JsonNode payload) {
        CompletableFuture<StoredShare> f = new CompletableFuture<>();
        if (!shareWriter.isAlive()) {
            f.completeExceptionally(new SQLException("hub database is closed"));
            return f;
        }
        shareQueue.add(new PendingShare(clientId, shareId, kind, json(payload), f));
        return f;
    }

    /** Blocking form of {@link #submitShare}. */
    public StoredShare insertShare(String clientId, String shareId, String kind, JsonNode payload)
            throws SQLException {
        try {
            return submitShare(clientId, shareId, kind, payload).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException se ? se : new SQLException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while storing a share", e);
        }
    }

    private void shareWriterLoop() {
        List<PendingShare> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(shareQueue.take());
            } catch (InterruptedException e) {
                return;
            }
            shareQueue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                writeBatch(batch);
            }
            batch.clear();
            if (stop) {
                PendingShare p;
                while ((p = shareQueue.poll()) != null) {
                    if (p != STOP) {
                        p.result().completeExceptionally(new SQLException("hub database is closing"));
                    }
                }
                return;
            }
        }
    }

    private synchronized void writeBatch(List<PendingShare> batch) {
        List<StoredShare> results = new ArrayList<>(batch.size());
        try {
            db.setAutoCommit(false);
            try (PreparedStatement ins = db.prepareStatement("""
                    INSERT INTO shares (client_id, share_id, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (client_id, share_id) DO NOTHING RETURNING id""");
                 PreparedStatement sel = db.prepareStatement(
                         "SELECT id FROM shares WHERE client_id = ? AND share_id = ?")) {
                String now = now();
                for (PendingShare p : batch) {
                    ins.setString(1, p.clientId());
                    ins.setString(2, p.shareId());
                    ins.setString(3, p.kind());
                    ins.setString(4, p.payload());
                    ins.setString(5, now);
                    try (ResultSet rs = ins.executeQuery()) {
                        if (rs.next()) {
                            results.add(new StoredShare(rs.getLong(1), false));
                            continue;
                        }
                    }
                    sel.setString(1, p.clientId());
                    sel.setString(2, p.shareId());
                    try (ResultSet rs = sel.executeQuery()) {
                        rs.next();
                        results.add(new StoredShare(rs.getLong(1), true));
                    }
                }
            }
            db.commit();
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original failure is what callers need
            }
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is unusable; later calls will report it
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
    }

    public synchronized long countShares() throws SQLException {
        return scalarLong("SELECT COUNT(*) FROM shares");
    }

    /** Distinct (client, share id) pairs stored: equal to {@link #countShares()} when nothing is stored twice. */
    public synchronized long countDistinctShares() throws SQLException {
        return scalarLong("SELECT COUNT(*) FROM (SELECT DISTINCT client_id, share_id FROM shares)");
    }

    /** Newest shares first, optionally of one kind. */
    public synchronized ArrayNode recentShares(String kind, int limit) throws SQLException {
        String sql = "SELECT id, client_id, share_id, kind, payload, created_at FROM shares "
                + (kind == null ? "" : "WHERE kind = ? ") + "ORDER BY id DESC LIMIT ?";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            int i = 1;
            if (kind != null) {
                p.setString(i++, kind);
            }
            p.setInt(i, limit);
            ArrayNode out = MessageCodec.JSON.createArrayNode();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.addObject().put("id", rs.getLong(1)).put("client_id", rs.getString(2))
                            .put("share_id", rs.getString(3)).put("kind", rs.getString(4))
                            .put("created_at", rs.getString(6)).set("payload", parse(rs.getString(5)));
                }
            }
            return out;
        }
    }

    // ---- collaborations ----

    public synchronized void collaborationOpened(String id, String requester, String target, String task,
                                                 JsonNode payload) throws SQLException {
        String now = now();
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO collaborations (collab_id, requester, target, task, payload, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'requested', ?, ?)""")) {
            p.setString(1, id);
            p.setString(2, requester);
            p.setString(3, target);
            p.setString(4, task);
            p.setString(5, json(payload));
            p.setString(6, now);
            p.setString(7, now);
            p.executeUpdate();
        }
    }

    public synchronized void collaborationUpdated(String id, String status, double progress, String note,
                                                  JsonNode result) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("""
                UPDATE collaborations SET status = ?, progress = ?, note = COALESCE(?, note),
                  result = COALESCE(?, result), updated_at = ? WHERE collab_id = ?""")) {
            p.setString(1, status);
            p.setDouble(2, progress);
            p.setString(3, note);
            p.setString(4, result == null ? null : json(result));
            p.setString(5, now());
            p.setString(6, id);
            p.executeUpdate();
        }
    }

    /** Collaborations in a given status set (e.g. open ones), oldest first. */
    public synchronized ArrayNode collaborations(boolean openOnly, int limit) throws SQLException {
        String sql = "SELECT collab_id, requester, target, task, status, progress, note, created_at, updated_at "
                + "FROM collaborations " + (openOnly ? "WHERE status IN ('requested', 'accepted') " : "")
                + "ORDER BY created_at DESC LIMIT ?";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setInt(1, limit);
            ArrayNode out = MessageCodec.JSON.createArrayNode();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.addObject().put("collab_id", rs.getString(1)).put("requester", rs.getString(2))
                            .put("target", rs.getString(3)).put("task", rs.getString(4))
                            .put("status", rs.getString(5)).put("progress", rs.getDouble(6))
                            .put("note", rs.getString(7)).put("created_at", rs.getString(8))
                            .put("updated_at", rs.getString(9));
                }
            }
            return out;
        }
    }

    /** Marks open collaborations involving the client as failed; returns their ids. */
    public synchronized List<String> failCollaborationsOf(String clientId, String reason) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("""
                SELECT collab_id FROM collaborations
                WHERE status IN ('requested', 'accepted') AND (requester = ? OR target = ?)""")) {
            p.setString(1, clientId);
            p.setString(2, clientId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        for (String id : ids) {
            try (PreparedStatement p = db.prepareStatement(
                    "UPDATE collaborations SET status = 'failed', note = ?, updated_at = ? WHERE collab_id = ?")) {
                p.setString(1, reason);
                p.setString(2, now());
                p.setString(3, id);
                p.executeUpdate();
            }
        }
        return ids;
    }

    // ---- parameters and their audit trail ----

    public synchronized void saveParameter(String clientId, String name, JsonNode spec, JsonNode value)
            throws SQLException {
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO parameters (client_id, name, spec, value, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (client_id, name) DO UPDATE SET spec = excluded.spec, value = excluded.value,
                  updated_at = excluded.updated_at""")) {
            p.setString(1, clientId);
            p.setString(2, name);
            p.setString(3, json(spec));
            p.setString(4, json(value));
            p.setString(5, now());
            p.executeUpdate();
        }
    }

    /** Records a requested change; returns its audit id (also the request id sent to the client). */
    public synchronized long changeRequested(String clientId, String name, JsonNode oldValue, JsonNode newValue,
                                             String requestedBy) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("""
                INSERT INTO parameter_changes (client_id, name, old_value, new_value, requested_by, requested_at, status)
                VALUES (?, ?, ?, ?, ?, ?, 'pending')""")) {
            p.setString(1, clientId);
            p.setString(2, name);
            p.setString(3, oldValue == null ? null : json(oldValue));
            p.setString(4, json(newValue));
            p.setString(5, requestedBy);
            p.setString(6, now());
            p.executeUpdate();
        }
        return scalarLong("SELECT last_insert_rowid()");
    }

    /** Closes an audit entry: status is acknowledged, refused or undelivered. */
    public synchronized void changeResolved(long id, String status, JsonNode valueInForce, String reason)
            throws SQLException {
        try (PreparedStatement p = db.prepareStatement("""
                UPDATE parameter_changes SET status = ?, value_in_force = ?, reason = ?, acknowledged_at = ?
                WHERE id = ?""")) {
            p.setString(1, status);
            p.setString(2, valueInForce == null ? null : json(valueInForce));
            p.setString(3, reason);
            p.setString(4, now());
            p.setLong(5, id);
            p.executeUpdate();
        }
    }

    public synchronized ArrayNode parameterChanges(int limit) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("""
                SELECT id, client_id, name, old_value, new_value, requested_by, requested_at, status,
                  value_in_force, reason, acknowledged_at FROM parameter_changes ORDER BY id DESC LIMIT ?""")) {
            p.setInt(1, limit);
            ArrayNode out = MessageCodec.JSON.createArrayNode();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    ObjectNode o = out.addObject().put("id", rs.getLong(1)).put("client_id", rs.getString(2))
                            .put("name", rs.getString(3)).put("requested_by", rs.getString(6))
                            .put("requested_at", rs.getString(7)).put("status", rs.getString(8))
                            .put("reason", rs.getString(10)).put("acknowledged_at", rs.getString(11));
                    o.set("old_value", parse(rs.getString(4)));
                    o.set("new_value", parse(rs.getString(5)));
                    o.set("value_in_force", parse(rs.getString(9)));
                }
            }
            return out;
        }
    }

    // ---- events ----

    public synchronized void event(String kind, String clientId, JsonNode detail) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "INSERT INTO events (at, kind, client_id, detail) VALUES (?, ?, ?, ?)")) {
            p.setString(1, now());
            p.setString(2, kind);
            p.setString(3, clientId);
            p.setString(4, detail == null ? null : json(detail));
            p.executeUpdate();
        }
    }

    public synchronized long countEvents(String kind) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT COUNT(*) FROM events WHERE kind = ?")) {
            p.setString(1, kind);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The latest events of one kind, newest first: {id, at, kind, client_id, detail}. */
    public synchronized ArrayNode events(String kind, int limit) throws SQLException {
        ArrayNode out = MessageCodec.JSON.createArrayNode();
        try (PreparedStatement p = db.prepareStatement(
                "SELECT id, at, kind, client_id, detail FROM events WHERE kind = ? ORDER BY id DESC LIMIT ?")) {
            p.setString(1, kind);
            p.setInt(2, limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.addObject().put("id", rs.getLong(1)).put("at", rs.getString(2)).put("kind", rs.getString(3))
                            .put("client_id", rs.getString(4)).set("detail", parse(rs.getString(5)));
                }
            }
        }
        return out;
    }

    private long scalarLong(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String json(JsonNode n) {
        return n == null ? "null" : n.toString();
    }

    private static JsonNode parse(String s) {
        if (s == null) {
            return MessageCodec.JSON.nullNode();
        }
        try {
            return MessageCodec.JSON.readTree(s);
        } catch (IOException e) {
            return MessageCodec.JSON.getNodeFactory().textNode(s);
        }
    }

    private static String now() {
        return Instant.now().toString();
    }

    /** Finishes queued shares, then closes the connection. */
    @Override
    public void close() throws SQLException {
        if (shareWriter.isAlive()) {
            shareQueue.add(STOP);
            try {
                shareWriter.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            db.close();
        }
    }
}
