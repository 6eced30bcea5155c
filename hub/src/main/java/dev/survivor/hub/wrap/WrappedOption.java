package dev.survivor.hub.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.params.ParameterType;
import java.util.List;

/**
 * One command-line option of a wrapped program, as a hub parameter.
 *
 * @param flags every spelling ({@code -b}, {@code --batch-size}); the first long one is used on the command line
 * @param takesValue false for a switch ({@code store_true}); a switch is passed when its value differs from the
 *                   default
 * @param defaultText the default from the help text or null; a value option without one is typed STRING with
 *                    default "" (meaning: not passed) unless the given ARGS set it
 */
public record WrappedOption(List<String> flags, boolean takesValue, String metavar, List<String> choices,
                            String defaultText, String description) {

    public WrappedOption {
        flags = List.copyOf(flags);
        choices = choices == null ? List.of() : List.copyOf(choices);
        description = description == null ? "" : description.strip();
    }

    /** The flag written on the command line: the first {@code --long} spelling, else the first one. */
    public String flag() {
        return flags.stream().filter(f -> f.startsWith("--")).findFirst().orElse(flags.getFirst());
    }

    /** The parameter name: the flag without dashes, inner dashes as underscores (argparse's dest). */
    public String name() {
        return flag().replaceFirst("^-+", "").replace('-', '_');
    }

    public boolean matches(String token) {
        return flags.contains(token);
    }

    /** The hub parameter; {@code givenValue} (from ARGS, may be null) decides the type when the help did not. */
    public ParameterSpec spec(String givenValue) {
        String note = description + (description.isEmpty() ? "" : " ") + "[flag " + flag() + "; applies at next start]";
        if (!takesValue) {
            return new ParameterSpec(name(), ParameterType.BOOL, BooleanNode.valueOf(switchDefault()), null, null,
                    List.of(), note);
        }
        if (!choices.isEmpty()) {
            String d = defaultText != null && choices.contains(defaultText) ? defaultText : choices.getFirst();
            return new ParameterSpec(name(), ParameterType.CHOICE, TextNode.valueOf(d), null, null, choices, note);
        }
        ParameterType t = inferType(defaultText != null ? defaultText : givenValue, metavar);
        JsonNode d = defaultText == null ? defaultFor(t) : parse(t, defaultText);
        return new ParameterSpec(name(), t, d, null, null, List.of(), note);
    }

    boolean switchDefault() {
        return defaultText != null && Boolean.parseBoolean(defaultText.strip());
    }

    /** The JSON value of a command-line text for this option's type. */
    static JsonNode parse(ParameterType t, String text) {
        return switch (t) {
            case INT -> LongNode.valueOf(Long.parseLong(text.strip()));
            case FLOAT -> DoubleNode.valueOf(Double.parseDouble(text.strip()));
            case BOOL -> BooleanNode.valueOf(Boolean.parseBoolean(text.strip()));
            case STRING, CHOICE -> TextNode.valueOf(text);
        };
    }

    private static JsonNode defaultFor(ParameterType t) {
        return switch (t) {
            case INT -> LongNode.valueOf(0);
            case FLOAT -> DoubleNode.valueOf(0);
            case BOOL -> BooleanNode.FALSE;
            case STRING, CHOICE -> TextNode.valueOf("");
        };
    }

    /** int / float when the sample parses as one, else string; without a sample, only "N"/"INT"/"FLOAT" count. */
    static ParameterType inferType(String sample, String metavar) {
        if (sample != null) {
            String s = sample.strip();
            if (s.matches("[-+]?\\d{1,18}")) {
                return ParameterType.INT;
            }
            if (s.matches("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
                return ParameterType.FLOAT;
            }
            return ParameterType.STRING;
        }
        return ParameterType.STRING;
    }
}
