package dev.survivor.pipeline;

import java.lang.reflect.InvocationTargetException;

/**
 * The application jar's entry point, compiled for Java 8 so that any old JVM can run it: on Java older than
 * 25 it prints one line saying what to install (instead of an UnsupportedClassVersionError) and exits 69;
 * otherwise it hands over to {@code dev.survivor.pipeline.Main}.
 */
public final class JavaVersionGate {
    static final int REQUIRED = 25;

    private JavaVersionGate() {
    }

    public static void main(String[] args) throws Throwable {
        String spec = System.getProperty("java.specification.version", "0");
        int major = Integer.parseInt(spec.startsWith("1.") ? spec.substring(2) : spec.replaceAll("\\D.*", ""));
        if (major < REQUIRED) {
            System.err.println("pipeline: needs Java " + REQUIRED + " or newer, but this is Java " + spec + " ("
                    + System.getProperty("java.home") + "). Install a JDK " + REQUIRED + " (e.g. Temurin " + REQUIRED
                    + ") and set JAVA_HOME to it, or use the release bundle, which brings its own Java runtime.");
            System.exit(69);
        }
        try {
            Class.forName("dev.survivor.pipeline.Main").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
