package xray.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.ParserSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The command model a run uses (CommandModel, written at compile time by
 * xray.build.CommandModelProcessor from the annotations) is the one picocli reads from the same
 * annotations by reflection, which the man pages and completions come from: every property picocli
 * exposes of every command, option, positional parameter, mixin, usage message and parser, and the
 * help text of every command.
 */
class CommandModelTest {
    static final String FIX = "The generated command model (CommandModel, written at compile time by "
            + "xray.build.CommandModelProcessor in src/build/java) no longer matches what picocli reads from "
            + "the annotations: teach the processor the attribute named above.";

    /** Properties that name how a value is stored (a reflective Field or the generated switch), not what the model is. */
    static final Set<String> STORAGE = Set.of("getter", "setter", "scope", "userObject", "annotatedElement",
            "mixinAnnotatedElements", "specElements", "parentCommandElements", "commandLine", "toBuilder", "hashCode",
            "toString", "getClass", "interpolator", "typeInfo");

    @Test
    void generatedModelEqualsTheAnnotatedOne() {
        Main.Context context = new Main.Context(false, Map.of());
        CommandLine annotated = Main.annotated(context);
        CommandLine generated = Main.commandLine(context);
        List<String> differences = new ArrayList<>();
        compare("xray", annotated, generated, differences);
        if (!differences.isEmpty()) {
            fail(differences.size() + " differences:\n  " + String.join("\n  ", differences) + "\n" + FIX);
        }
    }

    @Test
    void everyCommandIsComparedAndHasOptions() {
        CommandLine generated = Main.commandLine(new Main.Context(false, Map.of()));
        assertEquals(List.of("mem", "ps", "jvm", "top", "serve", "capture", "complete", "help"),
                List.copyOf(generated.getSubcommands().keySet()));
        assertEquals(CommandModel.mainSubcommands, List.copyOf(generated.getSubcommands().keySet()));
        assertTrue(generated.getSubcommands().get("mem").getCommandSpec().optionsMap().containsKey("--depth"));
        assertTrue(generated.getSubcommands().get("top").getCommandSpec().optionsMap().containsKey("--delay"));
        assertTrue(generated.getSubcommands().get("serve").getCommandSpec().optionsMap().containsKey("--max-cgroups"));
        assertTrue(generated.getSubcommands().get("capture").getCommandSpec().optionsMap().containsKey("--output"));
    }

    /** The comparison fails on a difference: an option the annotations have and the generated model lacks. */
    @Test
    void aMissingOptionIsADifference() {
        Main.Context context = new Main.Context(false, Map.of());
        CommandLine annotated = Main.annotated(context);
        annotated.getSubcommands().get("mem").getCommandSpec()
                .addOption(OptionSpec.builder("--brand-new").description("A flag added later.").build());
        List<String> differences = new ArrayList<>();
        compare("xray", annotated, Main.commandLine(context), differences);
        assertFalse(differences.isEmpty());
        assertTrue(differences.stream().anyMatch(d -> d.contains("--brand-new")), differences.toString());
    }

    /** A run builds only the command it runs; --help and help build all. */
    @Test
    void aRunBuildsOnlyItsCommand() {
        Main.Context context = new Main.Context(false, Map.of());
        assertEquals(Set.of("mem"), Main.commandLine(context, "mem", "--json").getSubcommands().keySet());
        assertEquals(8, Main.commandLine(context, "--help").getSubcommands().size());
        assertEquals(8, Main.commandLine(context, "help", "mem").getSubcommands().size());
        assertEquals(8, Main.commandLine(context).getSubcommands().size());
    }

    static void compare(String path, CommandLine annotated, CommandLine generated, List<String> out) {
        diff(path, describe(annotated.getCommandSpec()), describe(generated.getCommandSpec()), out);
        String a = annotated.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String g = generated.getUsageMessage(CommandLine.Help.Ansi.OFF);
        if (!a.equals(g)) {
            out.add(path + ": --help differs:\n--- annotations\n" + a + "--- generated\n" + g);
        }
        for (Map.Entry<String, CommandLine> sub : annotated.getSubcommands().entrySet()) {
            CommandLine other = generated.getSubcommands().get(sub.getKey());
            if (other == null) {
                out.add(path + ": subcommand " + sub.getKey() + " missing from the generated model");
            } else {
                compare(path + " " + sub.getKey(), sub.getValue(), other, out);
            }
        }
        for (String name : generated.getSubcommands().keySet()) {
            if (!annotated.getSubcommands().containsKey(name)) {
                out.add(path + ": subcommand " + name + " only in the generated model");
            }
        }
    }

    static void diff(String path, Object a, Object g, List<String> out) {
        if (a instanceof Map<?, ?> am && g instanceof Map<?, ?> gm) {
            for (Object k : am.keySet()) {
                if (!gm.containsKey(k)) {
                    out.add(path + "." + k + ": only in the annotations (" + am.get(k) + ")");
                } else {
                    diff(path + "." + k, am.get(k), gm.get(k), out);
                }
            }
            for (Object k : gm.keySet()) {
                if (!am.containsKey(k)) {
                    out.add(path + "." + k + ": only in the generated model (" + gm.get(k) + ")");
                }
            }
        } else if (!java.util.Objects.equals(a, g)) {
            out.add(path + ": annotations " + a + ", generated " + g);
        }
    }

    /** Every property of a command, by name; options and parameters by name, in their order. */
    static Map<String, Object> describe(CommandSpec spec) {
        Map<String, Object> d = properties(spec, CommandSpec.class);
        d.put("usageMessage", properties(spec.usageMessage(), UsageMessageSpec.class));
        d.put("parser", properties(spec.parser(), ParserSpec.class));
        Map<String, Object> options = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            options.put("option " + o.longestName(), properties(o, OptionSpec.class));
        }
        d.put("options", options);
        Map<String, Object> positionals = new LinkedHashMap<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            positionals.put("positional " + p.paramLabel(), properties(p, PositionalParamSpec.class));
        }
        d.put("positionals", positionals);
        Map<String, Object> mixins = new LinkedHashMap<>();
        spec.mixins().forEach((name, m) -> mixins.put("mixin " + name, describe(m)));
        d.put("mixins", mixins);
        return d;
    }

    /** The values of the public getters (no arguments) a picocli model class declares. */
    static Map<String, Object> properties(Object o, Class<?> type) {
        Map<String, Object> d = new LinkedHashMap<>();
        Method[] methods = type.getMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (m.getParameterCount() != 0 || m.getReturnType() == void.class || Modifier.isStatic(m.getModifiers())
                    || !m.getDeclaringClass().getName().startsWith("picocli.") || STORAGE.contains(m.getName())
                    || m.getName().matches("(add|remove|reset|clear|validate|update|apply|inject).*")
                    || d.containsKey(m.getName())) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                v = "throws " + e.getCause();
            }
            d.put(m.getName(), normal(v));
        }
        if (o instanceof ArgSpec a) {
            d.put("typeInfo", List.of(a.typeInfo().getClassName(), normal(a.typeInfo().getAuxiliaryTypeInfos().stream()
                    .map(CommandLine.Model.ITypeInfo::getClassName).toList()), a.typeInfo().isMultiValue(),
                    a.typeInfo().isEnum(), normal(a.typeInfo().getEnumConstantNames())));
            d.put("toString", a.toString());
        }
        return d;
    }

    /** A value as a comparable description: model objects by name, strategy objects by class. */
    static Object normal(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character) {
            return v;
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof Class<?> c) {
            return c.getName();
        }
        if (v instanceof CommandLine.Range r) {
            return r + (r.isUnspecified() ? " (unspecified)" : "");
        }
        if (v instanceof OptionSpec o) {
            return "option " + o.longestName();
        }
        if (v instanceof PositionalParamSpec p) {
            return "positional " + p.paramLabel();
        }
        if (v instanceof CommandSpec c) {
            return "command " + c.qualifiedName();
        }
        if (v instanceof CommandLine c) {
            return "command " + c.getCommandSpec().qualifiedName();
        }
        if (v.getClass().isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
                l.add(normal(java.lang.reflect.Array.get(v, i)));
            }
            return l;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(normal(k), normal(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            return c.stream().map(CommandModelTest::normal).toList();
        }
        if (v instanceof Iterable<?> it) {
            List<Object> l = new ArrayList<>();
            it.forEach(x -> l.add(normal(x)));
            return l;
        }
        return v.getClass().getName();
    }
}
