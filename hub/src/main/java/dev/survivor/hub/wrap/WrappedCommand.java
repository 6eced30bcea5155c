package dev.survivor.hub.wrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.survivor.hub.params.ParameterSpec;
import dev.survivor.hub.params.ParameterType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A wrapped program's command line as typed parameters. The given tokens keep their order; an option among them
 * is re-written with the value in force, a switch is dropped when set back to its default, and an option that was
 * not given is appended once its value differs from the default. Unknown tokens (positionals, options the help did
 * not list) pass through unchanged.
 */
public final class WrappedCommand {
    private sealed interface Token { }

    private record Literal(String text) implements Token { }

    private record OptionToken(WrappedOption option) implements Token { }

    private final List<Token> tokens = new ArrayList<>();
    private final Map<String, WrappedOption> options = new LinkedHashMap<>();
    private final Map<String, ParameterSpec> specs = new LinkedHashMap<>();
    private final Map<String, JsonNode> values = new LinkedHashMap<>();
    private final Map<String, Boolean> given = new LinkedHashMap<>();

    /**
     * @param command the program and its arguments as given to {@code wrap}
     * @param fromHelp the options its {@code --help} listed; when empty, {@code --name value}, {@code --name=value}
     *                 and bare {@code --switch} tokens of {@code command} become the parameters
     */
    public WrappedCommand(List<String> command, List<WrappedOption> fromHelp) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to wrap");
        }
        List<WrappedOption> known = new ArrayList<>(fromHelp);
        if (known.isEmpty()) {
            known.addAll(inferFromArgs(command.subList(1, command.size())));
        }
        known.forEach(o -> options.putIfAbsent(o.name(), o));
        Map<String, String> givenText = new LinkedHashMap<>();
        tokens.add(new Literal(command.getFirst()));
        for (int i = 1; i < command.size(); i++) {
            String t = command.get(i);
            String flag = t.contains("=") && t.startsWith("-") ? t.substring(0, t.indexOf('=')) : t;
            WrappedOption o = known.stream().filter(k -> k.matches(flag)).findFirst().orElse(null);
            if (o == null || given.containsKey(o.name())) {
                tokens.add(new Literal(t));
                continue;
            }
            if (o.takesValue()) {
                String v = t.contains("=") ? t.substring(t.indexOf('=') + 1) : i + 1 < command.size()
                        ? command.get(++i) : null;
                if (v == null) {
                    throw new IllegalArgumentException("option " + flag + " needs a value");
                }
                givenText.put(o.name(), v);
            } else {
                givenText.put(o.name(), Boolean.toString(!o.switchDefault()));
            }
            given.put(o.name(), true);
            tokens.add(new OptionToken(o));
        }
        for (WrappedOption o : options.values()) {
            String g = givenText.get(o.name());
            ParameterSpec spec = o.spec(g);
            specs.put(o.name(), spec);
            JsonNode v = spec.defaultValue();
            if (g != null) {
                try {
                    v = spec.validate(WrappedOption.parse(spec.type() == ParameterType.CHOICE ? ParameterType.STRING
                            : spec.type(), g));
                } catch (ParameterSpec.InvalidValueException | NumberFormatException e) {
                    throw new IllegalArgumentException("option " + o.flag() + " " + g + ": " + e.getMessage(), e);
                }
            }
            values.put(o.name(), v);
        }
    }

    /** Options guessed from the given ARGS when the help text was not parseable: only {@code --long} forms. */
    static List<WrappedOption> inferFromArgs(List<String> args) {
        List<WrappedOption> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String t = args.get(i);
            if (!t.startsWith("--") || t.equals("--")) {
                continue;
            }
            if (t.contains("=")) {
                out.add(new WrappedOption(List.of(t.substring(0, t.indexOf('='))), true, null, List.of(), null,
                        "from the given arguments"));
            } else if (i + 1 < args.size() && !looksLikeOption(args.get(i + 1))) {
                out.add(new WrappedOption(List.of(t), true, null, List.of(), null, "from the given arguments"));
                i++;
            } else {
                out.add(new WrappedOption(List.of(t), false, null, List.of(), null, "from the given arguments"));
            }
        }
        return out;
    }

    private static boolean looksLikeOption(String s) {
        return s.startsWith("-") && !s.matches("-\\d.*");
    }

    /** The parameters to register, in option order. */
    public List<ParameterSpec> specs() {
        return List.copyOf(specs.values());
    }

    public synchronized JsonNode value(String name) {
        return values.get(name);
    }

    /** Sets the value for the next start; validated against the parameter's spec. */
    public synchronized void set(String name, JsonNode value) throws ParameterSpec.InvalidValueException {
        ParameterSpec spec = specs.get(name);
        if (spec == null) {
            throw new ParameterSpec.InvalidValueException("no option '" + name + "'");
        }
        values.put(name, spec.validate(value));
    }

    /** The command line for the next start. */
    public synchronized List<String> commandLine() {
        List<String> out = new ArrayList<>();
        for (Token t : tokens) {
            switch (t) {
                case Literal l -> out.add(l.text());
                case OptionToken o -> emit(o.option(), true, out);
            }
        }
        for (WrappedOption o : options.values()) {
            if (!given.containsKey(o.name())) {
                emit(o, false, out);
            }
        }
        return out;
    }

    private void emit(WrappedOption o, boolean wasGiven, List<String> out) {
        JsonNode v = values.get(o.name());
        boolean isDefault = v.equals(specs.get(o.name()).defaultValue());
        if (!o.takesValue()) {
            if (!isDefault) {
                out.add(o.flag());
            }
        } else if (wasGiven || !isDefault) {
            out.add(o.flag());
            out.add(v.asText());
        }
    }
}
