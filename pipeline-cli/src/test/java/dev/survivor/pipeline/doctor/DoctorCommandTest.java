package dev.survivor.pipeline.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.survivor.common.ExitCodes;
import dev.survivor.pipeline.CliRun;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {
    @Test
    void listsEveryProviderAndTheAutoChoice() {
        CliRun r = CliRun.of("doctor");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Java:").contains("CPU:").contains("Temp folder:")
                .containsPattern("java +rank 100 +available")
                .containsPattern("test-unavailable +rank 1 +UNAVAILABLE +test fixture: no such device")
                .containsPattern("--backend auto selects: (?!test-unavailable)[a-z]+");
    }

    @Test
    void jsonReportHasProvidersWithReasonsAndDetails() throws Exception {
        CliRun r = CliRun.of("doctor", "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.lastOutLine());
        String auto = j.get("auto_selects").asText();
        boolean autoAvailable = false;
        for (JsonNode b : j.get("backends")) {
            autoAvailable |= b.get("name").asText().equals(auto) && b.get("available").asBoolean();
        }
        assertThat(autoAvailable).as("auto picks an available provider: " + auto).isTrue();
        assertThat(j.get("temp_dir").get("writable").asBoolean()).isTrue();
        assertThat(j.get("cpu").get("available_processors").asInt()).isPositive();
        JsonNode first = j.get("backends").get(0);
        assertThat(first.get("name").asText()).isEqualTo("test-unavailable");
        assertThat(first.get("available").asBoolean()).isFalse();
        assertThat(first.get("details").get("device").asText()).isEqualTo("none");
    }

    @Test
    void requestedBackendMustBeAvailable() {
        assertThat(CliRun.of("doctor", "--backend", "java").exitCode()).isZero();
        CliRun un = CliRun.of("doctor", "--backend", "test-unavailable");
        assertThat(un.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(un.errLines()).hasSize(1);
        assertThat(un.err()).contains("test-unavailable").contains("not available");
        CliRun unknown = CliRun.of("doctor", "--backend", "quantum");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknown.err()).contains("unknown backend 'quantum'").contains("java");
    }
}
