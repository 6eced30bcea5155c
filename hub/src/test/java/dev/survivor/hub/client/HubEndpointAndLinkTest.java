package dev.survivor.hub.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.server.TestHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HubEndpointAndLinkTest {
    @TempDir
    Path dir;

    @Test
    void endpointParsingAndEnvironmentFallback() {
        assertThat(HubEndpoint.parse("node1:9000", null)).isEqualTo(new HubEndpoint("node1", 9000, null));
        assertThat(HubEndpoint.parse("node1", null).port()).isEqualTo(10117);
        assertThat(HubEndpoint.parse("[::1]:7", null).host()).isEqualTo("::1");
        assertThatThrownBy(() -> HubEndpoint.parse("h:0", null)).hasMessageContaining("outside 1-65535");
        assertThatThrownBy(() -> HubEndpoint.parse("h:x", null)).hasMessageContaining("not a number");
        assertThat(HubEndpoint.resolve(null, null, Map.of())).isEmpty();
        assertThat(HubEndpoint.resolve(null, null, Map.of("PIPELINE_HUB", "h:5", "PIPELINE_HUB_TOKEN_FILE", "/t")))
                .contains(new HubEndpoint("h", 5, Path.of("/t")));
        assertThatThrownBy(() -> HubEndpoint.resolve("h:5", null, Map.of()))
                .hasMessageContaining("PIPELINE_HUB_TOKEN_FILE");
    }

    @Test
    void linkIsANoOpWithoutAHubAndSurvivesTheHubGoingAway() throws Exception {
        try (HubLink none = HubLink.none()) {
            none.registerParameter(ParameterSpec.ofInt("n", 1, 1, 2, ""), v -> { });
            assertThat(none.share("s", "k", HubLink.object())).isFalse();
            assertThat(none.safePoint()).isZero();
            assertThat(none.connected()).isFalse();
        }
        TestHub hub = new TestHub(dir);
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, hub.clientToken + "\n");
        try (HubLink link = HubLink.connect(Optional.of(new HubEndpoint("127.0.0.1", hub.port(), tokenFile)),
                "step6-x", "step6", null, List.of("cpu"))) {
            assertThat(link.share("s1", "prediction", HubLink.object().put("p", 1))).isTrue();
            hub.close();
            long end = System.nanoTime() + 10_000_000_000L;
            while (link.connected() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(link.connected()).isFalse();
            assertThat(link.share("s2", "prediction", HubLink.object())).isFalse();
            link.variable("progress", 1.0);
            assertThat(link.safePoint()).isZero();
        }
    }
}
