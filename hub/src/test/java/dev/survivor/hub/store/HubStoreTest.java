package dev.survivor.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubStoreTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void migratesToLatestVersionInWalModeAndKeepsDataAcrossReopen() throws Exception {
        Path db = dir.resolve("hub.db");
        try (HubStore s = HubStore.open(db)) {
            assertThat(s.schemaVersion()).isEqualTo(Migrations.latest());
            s.clientConnected("w1", "workers");
            HubStore.StoredShare first = s.insertShare("w1", "s-1", "run_summary", F.objectNode().put("n", 1));
            HubStore.StoredShare again = s.insertShare("w1", "s-1", "run_summary", F.objectNode().put("n", 2));
            assertThat(first.duplicate()).isFalse();
            assertThat(again.duplicate()).isTrue();
            assertThat(again.id()).isEqualTo(first.id());
            long change = s.changeRequested("w1", "batch_size", F.numberNode(64), F.numberNode(128), "op");
            s.changeResolved(change, "acknowledged", F.numberNode(128), null);
        }
        assertThat(Files.exists(dir.resolve("hub.db-wal")) || Files.exists(db)).isTrue();
        try (HubStore s = HubStore.open(db)) {
            assertThat(s.countShares()).isEqualTo(1);
            assertThat(s.recentShares("run_summary", 10).get(0).path("payload").path("n").asInt()).isEqualTo(1);
            assertThat(s.tokenNameOf("w1")).contains("workers");
            var audit = s.parameterChanges(10).get(0);
            assertThat(audit.path("status").asText()).isEqualTo("acknowledged");
            assertThat(audit.path("old_value").asInt()).isEqualTo(64);
            assertThat(audit.path("value_in_force").asInt()).isEqualTo(128);
            assertThat(audit.path("requested_by").asText()).isEqualTo("op");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void refusesADatabaseFromANewerHub() throws Exception {
        Path db = dir.resolve("new.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HubStore.open(db))
                .hasMessageContaining("schema version 99 is newer");
    }

    @Test
    void openCollaborationsOfAGoneClientFail() throws Exception {
        try (HubStore s = HubStore.open(dir.resolve("c.db"))) {
            s.collaborationOpened("c1", "a", "b", "cv", F.nullNode());
            s.collaborationOpened("c2", "a", "x", "cv", F.nullNode());
            assertThat(s.failCollaborationsOf("b", "gone")).containsExactly("c1");
            assertThat(s.collaborations(true, 10)).hasSize(1);
        }
    }
}
