package dev.survivor.coordinator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClusterConfigReaderTest {

    private static ClusterConfig parse(String json) throws Exception {
        return ClusterConfigReader.parse("cfg.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The reference's distributed_config.json shape, Step 1 sections and python_env included. */
    @Test
    void acceptsTheReferenceConfigWithItsDefaults() throws Exception {
        ClusterConfig c = parse("""
                {"nodes": [
                  {"hostname": "localhost", "gpu_count": 2, "gpu_type": "RTX 3080 Ti",
                   "script_path": "/home/michael/distributed_prng_analysis", "python_env": "/home/michael/venvs/torch/bin/python",
                   "max_concurrent_script_jobs": 2, "use_ramdisk": true, "ramdisk_path": "/dev/shm/prng"},
                  {"hostname": "192.168.3.120", "username": "michael", "gpu_count": 8, "gpu_type": "RX 6600",
                   "script_path": "/home/michael/distributed_prng_analysis", "python_env": "/home/michael/rocm_env/bin/python",
                   "max_concurrent_script_jobs": 8}],
                 "sieve_defaults": {"threshold": 0.01}, "search_bounds": {}, "evaluation_thresholds": {}}
                """);
        NodeConfig local = c.nodes().get(0);
        NodeConfig rig = c.nodes().get(1);
        assertThat(local.isLocal()).isTrue();
        assertThat(local.backend()).isEqualTo(Backend.CUDA);
        assertThat(local.staggerSeconds()).isEqualTo(3.0);
        assertThat(rig.transport()).isEqualTo(Transport.SSH);
        assertThat(rig.backend()).as("reference ROCm host list as default").isEqualTo(Backend.ROCM);
        assertThat(rig.staggerSeconds()).isEqualTo(2.0);
        assertThat(rig.port()).isEqualTo(22);
        assertThat(rig.sharedFilesystem()).isFalse();
        assertThat(c.totalGpus()).isEqualTo(10);
        assertThat(c.ssh().hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
    }

    @Test
    void unknownKeysAndWrongTypesNameTheKey() {
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"localhost\", \"gpu_count\": 1, \"gpu_cnt\": 2}]}"))
                .hasMessageContaining("cfg.json: nodes[0].gpu_cnt: unknown key");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"localhost\", \"gpu_count\": 1.5}]}"))
                .hasMessageContaining("nodes[0].gpu_count: expected an integer, found a number 1.5");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"h\", \"gpu_count\": 1, \"script_path\": \"/x\", \"backend\": \"opencl\"}]}"))
                .hasMessageContaining("nodes[0].backend: expected \"cuda\", \"rocm\", \"cpu\" or \"auto\", found \"opencl\"");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"h\", \"gpu_count\": 1}]}"))
                .hasMessageContaining("nodes[0].script_path: required key is missing");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"h\", \"gpu_count\": 1, \"script_path\": \"rel\"}]}"))
                .hasMessageContaining("nodes[0].script_path: an SSH node needs an absolute path");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"localhost\", \"gpu_count\": 1, \"env\": {\"A\": true}}]}"))
                .hasMessageContaining("nodes[0].env.A: expected a string");
        assertThatThrownBy(() -> parse("{\"nodes\": [], \"x\": 1}")).hasMessageContaining("cfg.json: x: unknown key")
                .hasMessageContaining("x: unknown key");
        assertThatThrownBy(() -> parse("{\"ssh\": {\"host_key_policy\": \"off\"}, \"nodes\": [{\"hostname\": \"localhost\", \"gpu_count\": 1}]}"))
                .hasMessageContaining("ssh.host_key_policy: expected \"strict\" or \"accept-new\"");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"localhost\", \"gpu_count\": 1, \"java\": \"/opt/jdk/bin/java\"}]}"))
                .hasMessageContaining("nodes[0].pipeline_jar: required when \"java\" names a java binary");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"h\", \"gpu_count\": 1, \"script_path\": \"/x\", \"backend\": \"auto\"}]}"))
                .hasMessageContaining("\"auto\" is only possible for a local node");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"localhost\", \"gpu_count\": 1},"
                + " {\"hostname\": \"localhost\", \"gpu_count\": 1}]}")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"hostname\": \"localhost\", \"gpu_count\": 1,}]}"))
                .hasMessageContaining("cfg.json: not valid JSON at line 1");
    }

    @Test
    void shippedExampleIsTheReal26GpuCluster() {
        ClusterConfig c = ClusterConfigReader.example();
        assertThat(c.totalGpus()).isEqualTo(26);
        assertThat(c.nodes()).extracting(NodeConfig::backend).containsExactly(Backend.CUDA, Backend.ROCM, Backend.ROCM);
        assertThat(c.nodes().get(1).env()).containsEntry("HSA_OVERRIDE_GFX_VERSION", "10.3.0");
    }

    @Test
    void embeddedDefaultIsOneLocalNodeWithADetectedBackend() {
        ClusterConfig c = ClusterConfigReader.embeddedDefault();
        assertThat(c.nodes()).hasSize(1);
        NodeConfig n = c.nodes().getFirst();
        assertThat(n.isLocal()).isTrue();
        assertThat(n.gpuCount()).isPositive();
        assertThat(n.backend()).isEqualTo(LocalDevices.detect().backend());
    }

    @Test
    void backendDecidesGpuVisibility() {
        assertThat(Backend.CUDA.visibilityEnv(3)).containsExactly(java.util.Map.entry("CUDA_VISIBLE_DEVICES", "3"));
        assertThat(Backend.ROCM.visibilityEnv(3)).containsOnlyKeys("HIP_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES");
        assertThat(Backend.CPU.visibilityEnv(3)).isEmpty();
    }
}
