package dev.survivor.models;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Versions of the ML libraries this build links, generated from the pom (no literals to drift). */
public final class LibraryVersions {
    private static final Map<String, String> VERSIONS = load();

    private LibraryVersions() {
    }

    private static Map<String, String> load() {
        Properties p = new Properties();
        try (InputStream in = LibraryVersions.class.getResourceAsStream("library-versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // leaves the map empty: every lookup then says "unknown", as Tribuo's provenance does
        }
        Map<String, String> m = new TreeMap<>();
        p.forEach((k, v) -> m.put(k.toString(), v.toString()));
        return Collections.unmodifiableMap(m);
    }

    public static String get(String library) {
        return VERSIONS.getOrDefault(library, "unknown");
    }

    /** Library versions plus the JVM and platform, for the sidecar. */
    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>(VERSIONS);
        m.put("java", System.getProperty("java.version"));
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        return m;
    }
}
