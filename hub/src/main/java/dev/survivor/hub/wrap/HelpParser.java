package dev.survivor.hub.wrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the options out of a program's {@code --help} text, argparse style
 * ({@code -b N, --batch-size N   help (default: 64)}, {@code --mode {fast,slow}}, switches without a metavar) and
 * picocli style ({@code -n, --name=<name>   help  Default: x}, {@code Valid values: a, b}). {@code -h/--help} and
 * {@code -V/--version} are skipped. Lines it cannot read are ignored; an empty result means "not parseable".
 */
public final class HelpParser {
    private HelpParser() { }

    /** An option line: indentation, then the flag part, then two or more spaces (or the end), then the help. */
    private static final Pattern OPTION_LINE = Pattern.compile("^\\s{1,12}(-{1,2}[A-Za-z0-9?][^\\s]*.*?)(?:\\s{2,}(.*))?$");
    private static final Pattern ALT = Pattern.compile(
            "^(-{1,2}[A-Za-z0-9?][A-Za-z0-9_.?-]*)(?:[= ](.+))?$");
    private static final Pattern DEFAULT_ARGPARSE = Pattern.compile("\\(default:\\s*([^)]*)\\)");
    private static final Pattern DEFAULT_PICOCLI = Pattern.compile("Default:\\s*(\\S+?)\\.?(?:\\s|$)");
    private static final Pattern VALID_VALUES = Pattern.compile("Valid values:\\s*([^.]+)");

    public static List<WrappedOption> parse(String help) {
        List<WrappedOption> out = new ArrayList<>();
        Builder current = null;
        for (String raw : help.split("\\R")) {
            String line = raw.replace('\t', ' ');
            Matcher m = OPTION_LINE.matcher(line);
            Builder b = m.matches() ? Builder.of(m.group(1).strip()) : null;
            if (b != null) {
                add(out, current);
                current = b;
                current.help.append(m.group(2) == null ? "" : m.group(2).strip());
            } else if (current != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
                current.help.append(' ').append(line.strip());
            } else {
                add(out, current);
                current = null;
            }
        }
        add(out, current);
        return out;
    }

    private static void add(List<WrappedOption> out, Builder b) {
        if (b == null || b.flags.stream().anyMatch(f -> List.of("-h", "--help", "-V", "--version").contains(f))) {
            return;
        }
        String help = b.help.toString().strip();
        String dflt = null;
        Matcher d = DEFAULT_ARGPARSE.matcher(help);
        Matcher p = DEFAULT_PICOCLI.matcher(help);
        if (d.find()) {
            dflt = d.group(1).strip();
        } else if (p.find()) {
            dflt = p.group(1).strip();
        }
        if ("None".equals(dflt) || "null".equals(dflt) || (dflt != null && dflt.isEmpty())) {
            dflt = null;
        }
        List<String> choices = b.choices;
        Matcher v = VALID_VALUES.matcher(help);
        if (choices.isEmpty() && b.takesValue && v.find()) {
            choices = Arrays.stream(v.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        if (!b.takesValue && dflt != null && !dflt.equalsIgnoreCase("true") && !dflt.equalsIgnoreCase("false")) {
            dflt = null;
        }
        out.add(new WrappedOption(b.flags, b.takesValue, b.metavar, choices, dflt, help));
    }

    /** Collects the flag part of one option line. */
    private static final class Builder {
        final List<String> flags = new ArrayList<>();
        final StringBuilder help = new StringBuilder();
        boolean takesValue;
        String metavar;
        List<String> choices = List.of();

        /** Null when the flag part is not a list of option spellings. */
        static Builder of(String flagPart) {
            Builder b = new Builder();
            for (String alt : splitAlternatives(flagPart)) {
                Matcher m = ALT.matcher(alt.strip());
                if (!m.matches()) {
                    return null;
                }
                b.flags.add(m.group(1));
                String meta = m.group(2);
                if (meta != null) {
                    meta = meta.strip();
                    b.takesValue = true;
                    b.metavar = meta.replaceAll("^[<\\[]|[>\\]]$", "");
                    if (meta.startsWith("{") && meta.endsWith("}")) {
                        b.choices = Arrays.stream(meta.substring(1, meta.length() - 1).split(","))
                                .map(String::strip).toList();
                    }
                }
            }
            return b.flags.isEmpty() ? null : b;
        }

        /** Splits "-b N, --batch-size N" at the commas that are not inside {…} choices. */
        private static List<String> splitAlternatives(String s) {
            List<String> parts = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '{' || c == '<' || c == '[') {
                    depth++;
                } else if (c == '}' || c == '>' || c == ']') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    parts.add(s.substring(start, i));
                    start = i + 1;
                }
            }
            parts.add(s.substring(start));
            return parts;
        }
    }
}
