package dev.survivor.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code --version}: the Maven project version, filtered into a resource at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    /** The version string, or "unknown" when the resource is missing (running from an IDE). */
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/pipeline-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"pipeline " + version(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
