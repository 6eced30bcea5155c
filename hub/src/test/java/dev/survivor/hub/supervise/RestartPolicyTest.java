package dev.survivor.hub.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.hub.protocol.MessageCodec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    @Test
    void onFailureRestartsOnlyFailuresUpToTheMaximumWithDoublingCappedBackoff() throws Exception {
        RestartPolicy p = RestartPolicy.fromJson(MessageCodec.JSON.readTree(
                "{\"policy\": \"on-failure\", \"max_restarts\": 3, \"backoff_ms\": 100, \"max_backoff_ms\": 250}"),
                "scripts.x.restart");
        assertThat(p.restarts(true, 0)).isTrue();
        assertThat(p.restarts(true, 2)).isTrue();
        assertThat(p.restarts(true, 3)).isFalse();
        assertThat(p.restarts(false, 0)).isFalse();
        assertThat(p.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.delay(3)).isEqualTo(Duration.ofMillis(250));
        assertThat(RestartPolicy.NEVER.restarts(true, 0)).isFalse();
        assertThat(RestartPolicy.fromJson(null, "x")).isEqualTo(RestartPolicy.NEVER);
    }

    @Test
    void badPoliciesNameTheField() {
        assertThatThrownBy(() -> RestartPolicy.fromJson(MessageCodec.JSON.readTree("{\"policy\": \"always\"}"),
                "scripts.x.restart")).hasMessageContaining("scripts.x.restart").hasMessageContaining("on-failure");
        assertThatThrownBy(() -> RestartPolicy.fromJson(MessageCodec.JSON.readTree("{\"max_restarts\": -1}"),
                "scripts.x.restart")).hasMessageContaining("scripts.x.restart.max_restarts");
    }
}
