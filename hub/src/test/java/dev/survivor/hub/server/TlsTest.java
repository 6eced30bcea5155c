package dev.survivor.hub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.survivor.hub.client.HubClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the hub port with a keytool-made self-signed certificate. */
@Timeout(60)
class TlsTest {
    @TempDir
    Path dir;

    private void keytool(String... args) throws Exception {
        String kt = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(kt));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void clientTrustingTheHubCertificateConnectsAndAPlainClientDoesNot() throws Exception {
        Path ks = dir.resolve("hub.p12");
        keytool("-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "secret1",
                "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2");
        // one keytool run (each costs a JVM start): the client trusts the certificate of the key entry itself

        try (TestHub hub = new TestHub(dir, b -> {
            try {
                b.tls(Tls.serverContext(ks, "secret1".toCharArray()));
            } catch (java.io.IOException e) {
                throw new RuntimeException(e);
            }
        })) {
            HubClient.Options o = hub.options("tls-client", hub.clientToken, "step6", null)
                    .withSocketFactory(Tls.clientFactory(ks, "secret1".toCharArray()));
            try (HubClient c = HubClient.connect(o)) {
                assertThat(c.share("k", JsonNodeFactory.instance.objectNode().put("a", 1)).duplicate()).isFalse();
            }
            // a plain-text client cannot talk to the TLS port
            assertThatThrownBy(() -> HubClient.connect(hub.options("plain", hub.clientToken, "step6", null)
                    .withHeartbeat(java.time.Duration.ZERO).withTimeout(java.time.Duration.ofSeconds(2))))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
