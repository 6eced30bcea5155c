package dev.survivor.pipeline.step3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreDeviceOrdinalTest {

    @Test
    void visibleDevicesMakeTheOnlyVisibleGpuOrdinalZero() {
        ScoreCommand c = new ScoreCommand();
        c.gpuId = 5;
        assertThat(c.deviceOrdinal(Map.of("CUDA_VISIBLE_DEVICES", "5"))).isZero();
        assertThat(c.deviceOrdinal(Map.of("HIP_VISIBLE_DEVICES", "5", "ROCR_VISIBLE_DEVICES", "5"))).isZero();
        assertThat(c.deviceOrdinal(Map.of())).isEqualTo(5);
        assertThat(c.deviceOrdinal(Map.of("CUDA_VISIBLE_DEVICES", " "))).isEqualTo(5);
    }
}
