package dev.survivor.hub.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesOnlySaltedHashesAndVerifiesAcrossReload() throws IOException {
        Path file = dir.resolve("tokens.json");
        TokenStore store = TokenStore.load(file);
        String a = store.add("trainers", TokenStore.Role.CLIENT);
        String op = store.add("alice", TokenStore.Role.OPERATOR);
        assertThat(a).startsWith("sph_").isNotEqualTo(op);
        String text = Files.readString(file);
        assertThat(text).doesNotContain(a).doesNotContain(op).contains("\"salt\"").contains("\"hash\"");

        TokenStore again = TokenStore.load(file);
        assertThat(again.verify(a)).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("trainers"));
        assertThat(again.verify(op)).hasValueSatisfying(e -> assertThat(e.role()).isEqualTo(TokenStore.Role.OPERATOR));
        assertThat(again.verify(a + "x")).isEmpty();
        assertThat(again.verify("")).isEmpty();
        assertThat(again.verify(null)).isEmpty();
    }

    @Test
    void aRunningStoreSeesTokensAddedOrRemovedByAnotherWriter() throws IOException {
        Path file = dir.resolve("shared.json");
        TokenStore hubView = TokenStore.load(file);
        String t = TokenStore.load(file).add("late", TokenStore.Role.CLIENT);
        assertThat(hubView.verify(t)).isEmpty();
        hubView.reloadIfChanged();
        assertThat(hubView.verify(t)).isPresent();
        TokenStore.load(file).remove("late");
        hubView.reloadIfChanged();
        assertThat(hubView.verify(t)).isEmpty();
    }

    @Test
    void addingANameAgainRotatesItsToken() throws IOException {
        TokenStore store = TokenStore.load(dir.resolve("t.json"));
        String first = store.add("w", TokenStore.Role.CLIENT);
        String second = store.add("w", TokenStore.Role.CLIENT);
        assertThat(store.entries()).hasSize(1);
        assertThat(store.verify(first)).isEmpty();
        assertThat(store.verify(second)).isPresent();
        assertThat(store.remove("w")).isTrue();
        assertThat(store.verify(second)).isEmpty();
        assertThat(store.remove("w")).isFalse();
    }

    @Test
    void badFilesAndNamesGetClearErrors() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"tokens\":[{\"name\":\"x\",\"role\":\"client\",\"salt\":\"AA==\"}]}");
        assertThatThrownBy(() -> TokenStore.load(bad)).hasMessageContaining("tokens[0]")
                .hasMessageContaining("'hash'");
        Files.writeString(bad, "not json");
        assertThatThrownBy(() -> TokenStore.load(bad)).hasMessageContaining("not valid JSON");
        TokenStore store = TokenStore.load(dir.resolve("t.json"));
        assertThatThrownBy(() -> store.add("has space", TokenStore.Role.CLIENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenFileReadsFirstNonBlankLine() throws IOException {
        Path f = dir.resolve("token");
        Files.writeString(f, "\n  sph_abc  \n");
        assertThat(TokenStore.readTokenFile(f)).isEqualTo("sph_abc");
        Files.writeString(f, "\n");
        assertThatThrownBy(() -> TokenStore.readTokenFile(f)).hasMessageContaining("empty token file");
    }
}
