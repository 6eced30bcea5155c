package dev.survivor.models.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.survivor.models.TestData;
import dev.survivor.models.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --device cuda on builds without GPU support: the run says so and trains on CPU. */
class DeviceFallbackTest {

    @Test
    void treeLibrariesFallBackToCpuAndSaySo() {
        Dataset d = TestData.regression(120, 5, 1, true);
        Map<String, Object> p = Map.of("n_estimators", 5, "max_depth", 3, "learning_rate", 0.1, "subsample", 0.8,
                "colsample_bytree", 0.8);
        for (ModelType t : List.of(ModelType.XGBOOST, ModelType.LIGHTGBM)) {
            List<String> log = new ArrayList<>();
            ModelFamily fam = ModelFamilies.of(t);
            Device cuda = Device.parse("cuda:0");
            try (Regressor r = fam.train(d, d, p, new TrainContext(1, 1, cuda, log::add))) {
                assertThat(r.predict(d.x(), d.rows())).hasSize(120);
            }
            // neither artefact here has GPU support
            assertThat(fam.deviceUsed(cuda)).isEqualTo("cpu");
            assertThat(log).as(t.id()).anyMatch(l -> l.contains("training on CPU"));
        }
    }

    @Test
    void deviceStrings() {
        assertThat(Device.parse("cpu").gpu()).isFalse();
        assertThat(Device.parse("cuda").ordinal()).isZero();
        assertThat(Device.parse("cuda:1").ordinal()).isEqualTo(1);
        assertThatThrownBy(() -> Device.parse("tpu")).hasMessageContaining("expected cpu, cuda or cuda:N");
    }
}
