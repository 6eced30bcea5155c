package dev.survivor.hub.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Optional TLS for the hub port: a PKCS#12 key store for the server, a PKCS#12 trust store for clients. */
public final class Tls {
    private Tls() { }

    public static SSLContext serverContext(Path keyStore, char[] password) throws IOException {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(keyStore, password), password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(keyStore + ": cannot use as a TLS key store: " + e.getMessage(), e);
        }
    }

    /** Socket factory trusting the certificates in {@code trustStore} (e.g. the hub's self-signed one). */
    public static SSLSocketFactory clientFactory(Path trustStore, char[] password) throws IOException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore, password));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException(trustStore + ": cannot use as a TLS trust store: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path p, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p)) {
            ks.load(in, password);
        }
        return ks;
    }
}
