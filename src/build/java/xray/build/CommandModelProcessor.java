package xray.build;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Writes picocli's command model as code, at compile time, from the picocli annotations of the
 * commands: {@code CommandModel} in the commands' package builds each command's
 * {@code CommandSpec} with picocli's programmatic API, so a run builds its model without
 * reflection (no annotation proxies, no reflective field access). The annotations stay the one
 * source: help, the man pages and the completions come from them, and CommandModelTest proves the
 * generated model equal to the one picocli reads from the annotations at run time.
 *
 * <p>What it writes, per {@code @Command} class C (method {@code c(C, Parent)}): the command's
 * attributes, then its members in declaration order ({@code @ParentCommand}, {@code @Spec},
 * {@code @Mixin}, {@code @Option}, {@code @Parameters}), then the standard help options, as
 * picocli does. Fields are read and written through one switch ({@code CommandModel.Field}),
 * so they must not be private. A command whose subcommands are listed in
 * {@code @Command(subcommands)} gets {@code cSubcommands} (their names, in order) and
 * {@code cSubcommand(name, C)}, which builds one: a run builds only the command it runs.
 * Subcommand classes from libraries (picocli's {@code HelpCommand}) are built by picocli itself.
 *
 * <p>Anything it does not know (an annotation attribute, {@code @ArgGroup}, a private field) stops
 * the build with a message saying what to add here.
 */
@SupportedAnnotationTypes("picocli.CommandLine.*")
public final class CommandModelProcessor extends AbstractProcessor {
    private static final String PICOCLI = "picocli.CommandLine";
    private static final String SELF = "xray.build.CommandModelProcessor";
    /** picocli's "no value" marker in annotation attributes ({@code CommandLine.Option.NULL_VALUE}). */
    private static final String NULL_VALUE = "__no_default_value__";

    private boolean done;

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /** A problem in the annotated code that the generator cannot turn into code. */
    private static final class Unsupported extends RuntimeException {
        final transient Element where;

        Unsupported(Element where, String message) {
            super(message + " (the command model is written by " + SELF
                    + ", src/build/java: teach it, or use what it knows)");
            this.where = where;
        }
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (done || round.processingOver()) {
            return false;
        }
        TypeElement command = type(PICOCLI + ".Command");
        if (command == null) {
            return false;
        }
        List<TypeElement> commands = new ArrayList<>(ElementFilter.typesIn(round.getElementsAnnotatedWith(command)));
        if (commands.isEmpty()) {
            return false;
        }
        done = true;
        try {
            write(commands);
        } catch (Unsupported e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, e.getMessage(), e.where);
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "cannot write the command model: " + e);
        }
        return false;
    }

    // ------------------------------------------------------------------ the generated class

    private final StringBuilder methods = new StringBuilder();
    /** Field bindings: index → get and set statements for CommandModel.Field. */
    private final List<String[]> fields = new ArrayList<>();
    private final Set<TypeElement> generated = new LinkedHashSet<>();
    private final Set<TypeElement> mixins = new LinkedHashSet<>();
    private String pkg;

    private void write(List<TypeElement> commands) throws IOException {
        for (TypeElement c : commands) {
            String p = packageOf(c);
            if (pkg == null) {
                pkg = p;
            } else if (!pkg.equals(p)) {
                throw new Unsupported(c, "@Command classes in two packages (" + pkg + " and " + p
                        + "): the generated model reads their fields, so they must share one package");
            }
        }
        generated.addAll(commands);
        for (TypeElement c : commands) {
            command(c);
        }
        for (TypeElement m : new ArrayList<>(mixins)) {
            mixin(m);
        }
        StringBuilder out = new StringBuilder();
        out.append("// Written by ").append(SELF).append(" (src/build/java) from the picocli annotations\n")
                .append("// of the commands in this package, at every compile. Do not edit: change the annotations.\n")
                .append("package ").append(pkg).append(";\n\n")
                .append("import picocli.CommandLine;\n")
                .append("import picocli.CommandLine.Model.CommandSpec;\n")
                .append("import picocli.CommandLine.Model.OptionSpec;\n")
                .append("import picocli.CommandLine.Model.PositionalParamSpec;\n\n")
                .append("/** The picocli command model, built without reflection (see ").append(SELF).append("). */\n")
                .append("@javax.annotation.processing.Generated(\"").append(SELF).append("\")\n")
                .append("final class CommandModel {\n")
                .append("    private CommandModel() {\n    }\n")
                .append(methods)
                .append(fieldClass())
                .append(helpOptions())
                .append("}\n");
        Element[] origin = commands.toArray(new Element[0]);
        try (Writer w = processingEnv.getFiler().createSourceFile(pkg + ".CommandModel", origin).openWriter()) {
            w.write(out.toString());
        }
    }

    private String fieldClass() {
        StringBuilder get = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            get.append("                case ").append(i).append(": return (T) (Object) ").append(fields.get(i)[0]).append(";\n");
            set.append("                case ").append(i).append(": ").append(fields.get(i)[1]).append("; break;\n");
        }
        return "\n    /** Reads and writes one annotated field (what picocli would do by reflection). */\n"
                + "    @SuppressWarnings(\"unchecked\")\n"
                + "    private static final class Field implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {\n"
                + "        private final Object target;\n"
                + "        private final int id;\n\n"
                + "        Field(Object target, int id) {\n"
                + "            this.target = target;\n"
                + "            this.id = id;\n"
                + "        }\n\n"
                + "        @Override\n"
                + "        public <T> T get() {\n"
                + "            switch (id) {\n" + get
                + "                default: throw new IllegalStateException(\"no field \" + id);\n"
                + "            }\n"
                + "        }\n\n"
                + "        @Override\n"
                + "        public <T> T set(T value) {\n"
                + "            T old = get();\n"
                + "            switch (id) {\n" + set
                + "                default: throw new IllegalStateException(\"no field \" + id);\n"
                + "            }\n"
                + "            return old;\n"
                + "        }\n"
                + "    }\n";
    }

    // ------------------------------------------------------------------ commands

    private void command(TypeElement c) {
        AnnotationMirror cmd = annotation(c, PICOCLI + ".Command");
        Map<String, AnnotationValue> attrs = explicit(cmd);
        String cls = typeName(c);
        String m = methodName(c);
        TypeMirror parentType = parentType(c);
        String parentParam = parentType == null ? "" : ", " + parentType + " parent";
        StringBuilder b = new StringBuilder();
        b.append("\n    /** {@code ").append(cls).append("}: its @Command and its members. */\n");
        b.append("    static CommandSpec ").append(m).append("(").append(cls).append(" c").append(parentParam).append(") {\n");
        b.append("        CommandSpec s = CommandSpec.wrapWithoutInspection(c);\n");
        boolean help = commandAttributes(c, attrs, b);
        members(c, b, false);
        if (help) {
            b.append("        standardHelpOptions(s);\n");
        }
        b.append("        return s;\n    }\n");
        methods.append(b);
        AnnotationValue subs = attrs.get("subcommands");
        if (subs != null) {
            subcommands(c, m, cls, list(subs));
        }
    }

    /** The {@code @ParentCommand} field's type, or null: the type of a subcommand method's second argument. */
    private TypeMirror parentType(TypeElement c) {
        for (VariableElement f : ElementFilter.fieldsIn(c.getEnclosedElements())) {
            if (annotation(f, PICOCLI + ".ParentCommand") != null) {
                return processingEnv.getTypeUtils().erasure(f.asType());
            }
        }
        return null;
    }

    private void subcommands(TypeElement c, String m, String cls, List<AnnotationValue> subs) {
        StringBuilder names = new StringBuilder();
        StringBuilder cases = new StringBuilder();
        for (AnnotationValue v : subs) {
            TypeElement sub = (TypeElement) ((DeclaredType) v.getValue()).asElement();
            AnnotationMirror subCmd = annotation(sub, PICOCLI + ".Command");
            if (subCmd == null) {
                throw new Unsupported(c, "subcommand " + sub + " has no @Command");
            }
            AnnotationValue nameValue = explicit(subCmd).get("name");
            if (nameValue == null) {
                throw new Unsupported(sub, "a subcommand needs @Command(name)");
            }
            String name = (String) nameValue.getValue();
            names.append(names.length() == 0 ? "" : ", ").append(literal(name));
            cases.append("            case ").append(literal(name)).append(": return ");
            if (generated.contains(sub)) {
                TypeMirror parent = parentType(sub);
                cases.append(methodName(sub)).append("(new ").append(typeName(sub)).append("()")
                        .append(parent == null ? "" : ", parent").append(");\n");
            } else {
                // A library's command (picocli's HelpCommand): its fields are private to it, so
                // picocli reads it. Only runs that need it (help) build it.
                cases.append("CommandSpec.forAnnotatedObject(new ").append(typeName(sub)).append("());\n");
            }
        }
        methods.append("\n    /** The subcommands of {@code ").append(cls).append("}, in the order --help lists them. */\n")
                .append("    static final java.util.List<String> ").append(m).append("Subcommands = java.util.List.of(")
                .append(names).append(");\n");
        methods.append("\n    /** Builds one subcommand of {@code ").append(cls).append("}. */\n")
                .append("    static CommandSpec ").append(m).append("Subcommand(String name, ").append(cls).append(" parent) {\n")
                .append("        switch (name) {\n").append(cases)
                .append("            default: throw new IllegalArgumentException(\"no subcommand \" + name);\n")
                .append("        }\n    }\n");
    }

    /** @return whether the standard help options are mixed in (they are added last, as picocli does) */
    private boolean commandAttributes(TypeElement c, Map<String, AnnotationValue> attrs, StringBuilder b) {
        boolean help = false;
        for (Map.Entry<String, AnnotationValue> e : attrs.entrySet()) {
            AnnotationValue v = e.getValue();
            String usage = "        s.usageMessage().";
            switch (e.getKey()) {
                case "name" -> b.append("        s.name(").append(literal(v)).append(");\n");
                case "aliases" -> b.append("        s.aliases(").append(literal(v)).append(");\n");
                case "version" -> b.append("        s.version(").append(literal(v)).append(");\n");
                case "versionProvider" -> b.append("        s.versionProvider(new ").append(classValue(v)).append("());\n");
                case "mixinStandardHelpOptions" -> help = (Boolean) v.getValue();
                case "subcommands" -> {
                    // handled by subcommands(): a run adds only the subcommand it runs
                }
                case "helpCommand" -> b.append("        s.helpCommand(").append(v.getValue()).append(");\n");
                case "separator" -> b.append("        s.parser().separator(").append(literal(v)).append(");\n");
                case "exitCodeOnSuccess", "exitCodeOnUsageHelp", "exitCodeOnVersionHelp", "exitCodeOnInvalidInput",
                        "exitCodeOnExecutionException", "subcommandsRepeatable" ->
                    b.append("        s.").append(e.getKey()).append("(").append(v.getValue()).append(");\n");
                case "header", "headerHeading", "description", "descriptionHeading", "footer", "footerHeading",
                        "synopsisHeading", "customSynopsis", "synopsisSubcommandLabel", "commandListHeading",
                        "optionListHeading", "parameterListHeading", "exitCodeListHeading", "abbreviateSynopsis",
                        "sortOptions", "sortSynopsis", "showDefaultValues", "hidden", "showAtFileInUsageHelp",
                        "showEndOfOptionsDelimiterInUsageHelp" ->
                    b.append(usage).append(e.getKey()).append("(").append(literal(v)).append(");\n");
                case "requiredOptionMarker" -> b.append(usage).append("requiredOptionMarker(").append(literal(v)).append(");\n");
                case "usageHelpWidth" -> b.append(usage).append("width(").append(v.getValue()).append(");\n");
                case "usageHelpAutoWidth" -> b.append(usage).append("autoWidth(").append(v.getValue()).append(");\n");
                case "exitCodeList" -> b.append(usage).append("exitCodeList(CommandLine.Model.UsageMessageSpec.keyValuesMap(")
                        .append(literal(v)).append("));\n");
                default -> throw new Unsupported(c, "@Command(" + e.getKey() + ") is not supported");
            }
        }
        return help;
    }

    /** Members in declaration order, as picocli reads a class's declared fields. */
    private void members(TypeElement c, StringBuilder b, boolean inMixin) {
        for (TypeMirror up = c.getSuperclass(); up.getKind() == TypeKind.DECLARED; ) {
            TypeElement parent = (TypeElement) ((DeclaredType) up).asElement();
            for (Element e : parent.getEnclosedElements()) {
                for (AnnotationMirror a : e.getAnnotationMirrors()) {
                    if (a.getAnnotationType().toString().startsWith(PICOCLI + ".")) {
                        throw new Unsupported(c, "picocli annotations inherited from " + parent + " are not supported yet");
                    }
                }
            }
            up = parent.getSuperclass();
        }
        for (Element e : c.getEnclosedElements()) {
            if (e.getKind() == ElementKind.METHOD || e.getKind() == ElementKind.CONSTRUCTOR) {
                for (String a : List.of("Option", "Parameters", "Mixin", "Spec", "ParentCommand", "ArgGroup", "Unmatched")) {
                    if (annotation(e, PICOCLI + "." + a) != null) {
                        throw new Unsupported(e, "@" + a + " on a method is not supported; annotate a field");
                    }
                }
                continue;
            }
            if (e.getKind() != ElementKind.FIELD) {
                continue;
            }
            VariableElement f = (VariableElement) e;
            for (String a : List.of("ArgGroup", "Unmatched")) {
                if (annotation(f, PICOCLI + "." + a) != null) {
                    throw new Unsupported(f, "@" + a + " is not supported yet");
                }
            }
            AnnotationMirror option = annotation(f, PICOCLI + ".Option");
            AnnotationMirror params = annotation(f, PICOCLI + ".Parameters");
            AnnotationMirror mixin = annotation(f, PICOCLI + ".Mixin");
            AnnotationMirror spec = annotation(f, PICOCLI + ".Spec");
            AnnotationMirror parent = annotation(f, PICOCLI + ".ParentCommand");
            if (option == null && params == null && mixin == null && spec == null && parent == null) {
                continue;
            }
            accessible(f);
            String field = "c." + f.getSimpleName();
            if (parent != null) {
                b.append("        ").append(field).append(" = parent;\n");
            } else if (spec != null) {
                if (isMixee(spec)) {
                    if (!inMixin) {
                        throw new Unsupported(f, "@Spec(MIXEE) belongs in a mixin");
                    }
                    continue; // set by the command that mixes it in
                }
                b.append("        ").append(field).append(" = s;\n");
            } else if (mixin != null) {
                TypeElement type = (TypeElement) processingEnv.getTypeUtils().asElement(f.asType());
                mixins.add(type);
                AnnotationValue name = explicit(mixin).get("name");
                String mixinName = name == null ? f.getSimpleName().toString() : (String) name.getValue();
                b.append("        {\n");
                b.append("            ").append(typeName(type)).append(" m = new ").append(typeName(type)).append("();\n");
                b.append("            ").append(field).append(" = m;\n");
                b.append("            s.addMixin(").append(literal(mixinName)).append(", ").append(methodName(type)).append("(m));\n");
                for (VariableElement mf : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                    AnnotationMirror ms = annotation(mf, PICOCLI + ".Spec");
                    if (ms != null && isMixee(ms)) {
                        accessible(mf);
                        b.append("            m.").append(mf.getSimpleName()).append(" = s;\n");
                    }
                }
                b.append("        }\n");
            } else {
                b.append("        s.").append(option != null ? "addOption(" : "addPositional(")
                        .append(arg(c, f, option != null ? option : params, option != null, "c")).append(");\n");
            }
        }
    }

    /** A mixin class: {@code static CommandSpec m(M c)}, its options and its own {@code @Spec}. */
    private void mixin(TypeElement m) {
        if (annotation(m, PICOCLI + ".Command") != null) {
            throw new Unsupported(m, "a mixin with @Command attributes is not supported yet");
        }
        StringBuilder b = new StringBuilder();
        String cls = typeName(m);
        b.append("\n    /** The mixin {@code ").append(cls).append("}: its members. */\n");
        b.append("    static CommandSpec ").append(methodName(m)).append("(").append(cls).append(" c) {\n");
        b.append("        CommandSpec s = CommandSpec.wrapWithoutInspection(c);\n");
        StringBuilder body = new StringBuilder();
        for (VariableElement f : ElementFilter.fieldsIn(m.getEnclosedElements())) {
            if (annotation(f, PICOCLI + ".Mixin") != null || annotation(f, PICOCLI + ".ParentCommand") != null) {
                throw new Unsupported(f, "@Mixin and @ParentCommand inside a mixin are not supported yet");
            }
        }
        members(m, body, true);
        b.append(body).append("        return s;\n    }\n");
        methods.append(b);
    }

    private boolean isMixee(AnnotationMirror spec) {
        AnnotationValue v = explicit(spec).get("value");
        return v != null && v.getValue().toString().equals("MIXEE");
    }

    // ------------------------------------------------------------------ options and parameters

    /**
     * The builder of one option or positional parameter, from its annotation's attributes, as
     * picocli's annotation reader fills its builder; {@code owner} is the expression of the object
     * whose field it sets (null: no field, picocli keeps the value).
     */
    private String arg(TypeElement c, VariableElement f, AnnotationMirror a, boolean isOption, String owner) {
        Map<String, AnnotationValue> attrs = explicit(a);
        TypeMirror type = f.asType();
        StringBuilder b = new StringBuilder();
        if (isOption) {
            b.append("OptionSpec.builder(").append(literal(attrs.get("names"))).append(")");
        } else {
            b.append("PositionalParamSpec.builder()");
        }
        String arity = null;
        for (Map.Entry<String, AnnotationValue> e : attrs.entrySet()) {
            AnnotationValue v = e.getValue();
            String k = e.getKey();
            switch (k) {
                case "names" -> {
                    // the builder's argument
                }
                case "required", "help", "usageHelp", "versionHelp", "hideParamSyntax", "interactive", "echo",
                        "hidden", "negatable", "order" -> b.append("\n                .").append(k).append("(").append(v.getValue()).append(")");
                case "description", "descriptionKey", "prompt", "index" ->
                    b.append("\n                .").append(k).append("(").append(literal(v)).append(")");
                case "paramLabel" -> {
                    // below: picocli trims it, or infers it from the field
                }
                case "arity" -> {
                    arity = (String) v.getValue();
                    b.append("\n                .arity(").append(literal(v)).append(")");
                }
                case "split" -> b.append("\n                .splitRegex(").append(literal(v)).append(")");
                case "splitSynopsisLabel" -> b.append("\n                .splitRegexSynopsisLabel(").append(literal(v)).append(")");
                case "defaultValue", "fallbackValue", "mapFallbackValue" -> b.append("\n                .").append(k).append("(")
                        .append(NULL_VALUE.equals(v.getValue()) ? "null" : literal(v)).append(")");
                case "showDefaultValue" -> b.append("\n                .showDefaultValue(CommandLine.Help.Visibility.")
                        .append(v.getValue()).append(")");
                case "scope" -> b.append("\n                .scopeType(CommandLine.ScopeType.").append(v.getValue()).append(")");
                case "converter" -> {
                    List<String> made = new ArrayList<>();
                    for (AnnotationValue cv : list(v)) {
                        made.add("new " + classValue(cv) + "()");
                    }
                    b.append("\n                .converters(").append(String.join(", ", made)).append(")");
                }
                case "completionCandidates" -> b.append("\n                .completionCandidates(new ").append(classValue(v)).append("())");
                case "parameterConsumer" -> b.append("\n                .parameterConsumer(new ").append(classValue(v)).append("())");
                case "preprocessor" -> b.append("\n                .preprocessor(new ").append(classValue(v)).append("())");
                default -> throw new Unsupported(f, "@" + (isOption ? "Option" : "Parameters") + "(" + k + ") is not supported");
            }
        }
        String typeName = erasure(type);
        if ((typeName.startsWith("java.time.") || typeName.startsWith("java.sql.")) && !attrs.containsKey("converter")) {
            throw new Unsupported(f, "a " + typeName + " option needs a converter: xray turns off picocli's "
                    + "reflective converters for java.time and java.sql (Main.PICOCLI_PROPERTIES)");
        }
        AnnotationValue label = attrs.get("paramLabel");
        String paramLabel = label == null || ((String) label.getValue()).isBlank()
                ? "<" + f.getSimpleName() + ">" : ((String) label.getValue()).trim();
        b.append("\n                .paramLabel(").append(literal(paramLabel)).append(")");
        if (!isOption) {
            // picocli: required when the arity asks for at least one value
            b.append("\n                .required(").append(minArity(arity, type) > 0).append(")");
        }
        // picocli's annotation reader copies these even when not written ("" where the builder has null)
        for (String k : List.of("descriptionKey", "prompt")) {
            if (!attrs.containsKey(k)) {
                b.append("\n                .").append(k).append("(\"\")");
            }
        }
        if (!attrs.containsKey("scope")) {
            b.append("\n                .scopeType(CommandLine.ScopeType.LOCAL)");
        }
        b.append("\n                .type(").append(typeName).append(".class)");
        List<String> aux = auxiliaryTypes(f, type);
        if (!aux.isEmpty()) {
            b.append("\n                .auxiliaryTypes(").append(String.join(", ", aux)).append(")");
        }
        b.append("\n                .withToString(").append(literal("field " + toGenericString(c, f))).append(")");
        if (owner != null) {
            int id = binding(c, f);
            b.append("\n                .getter(new Field(").append(owner).append(", ").append(id).append("))")
                    .append("\n                .setter(new Field(").append(owner).append(", ").append(id).append("))")
                    .append("\n                .initialValue(").append(owner).append(".").append(f.getSimpleName()).append(")")
                    .append("\n                .hasInitialValue(true)");
        } else {
            b.append("\n                .initialValue(").append(zero(type)).append(")")
                    .append("\n                .hasInitialValue(true)");
        }
        b.append("\n                .build()");
        return owner == null ? "withValue(" + b + ", " + zero(type) + ")" : b.toString();
    }

    /** The least number of values an arity asks for (picocli's default: one, none for a multi-value positional). */
    private int minArity(String arity, TypeMirror type) {
        if (arity == null || arity.isBlank()) {
            return multiValue(type) ? 0 : 1;
        }
        String min = arity.contains("..") ? arity.substring(0, arity.indexOf("..")) : arity;
        return min.trim().equals("*") ? 0 : Integer.parseInt(min.trim());
    }

    private boolean multiValue(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            return true;
        }
        var types = processingEnv.getTypeUtils();
        for (String container : List.of("java.util.Collection", "java.util.Map")) {
            TypeElement e = type(container);
            if (e != null && types.isAssignable(types.erasure(type), types.erasure(e.asType()))) {
                return true;
            }
        }
        return false;
    }

    /** Element types of arrays and type arguments of generic fields (picocli's auxiliary types). */
    private List<String> auxiliaryTypes(VariableElement f, TypeMirror type) {
        List<String> out = new ArrayList<>();
        if (type.getKind() == TypeKind.ARRAY) {
            out.add(erasure(((ArrayType) type).getComponentType()) + ".class");
        } else if (type instanceof DeclaredType d && !d.getTypeArguments().isEmpty()) {
            for (TypeMirror t : d.getTypeArguments()) {
                if (t.getKind() != TypeKind.DECLARED) {
                    throw new Unsupported(f, "type argument " + t + " is not supported (name a class)");
                }
                out.add(erasure(t) + ".class");
            }
        }
        return out;
    }

    /** One more entry in CommandModel.Field: how to read and write this field of a C. */
    private int binding(TypeElement c, VariableElement f) {
        String target = "((" + typeName(c) + ") target)." + f.getSimpleName();
        TypeMirror t = f.asType();
        String cast = t.getKind().isPrimitive() ? boxed(t) : t.toString();
        fields.add(new String[] {target, target + " = (" + cast + ") value"});
        return fields.size() - 1;
    }

    private String boxed(TypeMirror primitive) {
        return processingEnv.getTypeUtils().boxedClass((javax.lang.model.type.PrimitiveType) primitive).getQualifiedName().toString();
    }

    private static String zero(TypeMirror t) {
        return switch (t.getKind()) {
            case BOOLEAN -> "false";
            case BYTE, SHORT, INT, CHAR -> "(" + t + ") 0";
            case LONG -> "0L";
            case FLOAT -> "0f";
            case DOUBLE -> "0d";
            default -> "null";
        };
    }

    /** picocli's description of a field ({@code Field.toGenericString()} without access modifiers or "java.lang."). */
    private String toGenericString(TypeElement c, VariableElement f) {
        StringBuilder b = new StringBuilder();
        for (Modifier m : f.getModifiers()) {
            if (m != Modifier.PRIVATE && m != Modifier.PROTECTED && m != Modifier.PUBLIC) {
                b.append(m).append(' ');
            }
        }
        b.append(binaryTypeName(f.asType())).append(' ').append(processingEnv.getElementUtils().getBinaryName(c))
                .append('.').append(f.getSimpleName());
        return b.toString().replace("java.lang.", "");
    }

    private String binaryTypeName(TypeMirror t) {
        if (t.getKind() == TypeKind.ARRAY) {
            return binaryTypeName(((ArrayType) t).getComponentType()) + "[]";
        }
        if (t instanceof DeclaredType d) {
            String raw = processingEnv.getElementUtils().getBinaryName((TypeElement) d.asElement()).toString();
            if (d.getTypeArguments().isEmpty()) {
                return raw;
            }
            List<String> args = new ArrayList<>();
            d.getTypeArguments().forEach(a -> args.add(binaryTypeName(a)));
            return raw + "<" + String.join(", ", args) + ">";
        }
        return t.toString();
    }

    // ------------------------------------------------------------------ standard help options

    /** picocli's -h/--help and -V/--version, read from its AutoHelpMixin's annotations. */
    private String helpOptions() {
        TypeElement auto = type(PICOCLI + ".AutoHelpMixin");
        if (auto == null) {
            throw new Unsupported(null, "picocli's AutoHelpMixin is not on the class path");
        }
        StringBuilder b = new StringBuilder();
        b.append("\n    /** picocli's standard help options (@Command(mixinStandardHelpOptions)), from its AutoHelpMixin. */\n");
        b.append("    static void standardHelpOptions(CommandSpec s) {\n");
        b.append("        CommandSpec m = CommandSpec.wrapWithoutInspection(null);\n");
        for (VariableElement f : ElementFilter.fieldsIn(auto.getEnclosedElements())) {
            AnnotationMirror o = annotation(f, PICOCLI + ".Option");
            if (o != null) {
                b.append("        m.addOption(").append(arg(auto, f, o, true, null)).append(");\n");
            }
        }
        b.append("        s.addMixin(\"mixinStandardHelpOptions\", m);\n    }\n");
        b.append("\n    /** An option that keeps its own value (no field), holding the value of an unset field. */\n");
        b.append("    private static OptionSpec withValue(OptionSpec o, Object value) {\n");
        b.append("        o.setValue(value);\n        return o;\n    }\n");
        return b.toString();
    }

    // ------------------------------------------------------------------ helpers

    private void accessible(VariableElement f) {
        if (f.getModifiers().contains(Modifier.PRIVATE)) {
            throw new Unsupported(f, "field " + f.getSimpleName() + " is private: the generated model sets it "
                    + "without reflection, so make it package-private");
        }
        if (f.getModifiers().contains(Modifier.FINAL) || f.getModifiers().contains(Modifier.STATIC)) {
            throw new Unsupported(f, "field " + f.getSimpleName() + " must be neither final nor static");
        }
    }

    private TypeElement type(String name) {
        return processingEnv.getElementUtils().getTypeElement(name);
    }

    private AnnotationMirror annotation(Element e, String type) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(type)) {
                return m;
            }
        }
        return null;
    }

    /** The attributes written in the annotation (not its defaults), in declaration order of the annotation type. */
    private static Map<String, AnnotationValue> explicit(AnnotationMirror m) {
        Map<String, AnnotationValue> out = new LinkedHashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
            out.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<AnnotationValue> list(AnnotationValue v) {
        Object o = v.getValue();
        return o instanceof List<?> l ? (List<AnnotationValue>) l : List.of(v);
    }

    private String classValue(AnnotationValue v) {
        return typeName((TypeElement) ((DeclaredType) v.getValue()).asElement());
    }

    private String packageOf(TypeElement c) {
        Element e = c;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }

    private static String typeName(TypeElement c) {
        return c.getQualifiedName().toString();
    }

    private String erasure(TypeMirror t) {
        return processingEnv.getTypeUtils().erasure(t).toString();
    }

    /** lowerCamel of the simple name (nested classes joined): MemCommand → memCommand. */
    private static String methodName(TypeElement c) {
        StringBuilder name = new StringBuilder(c.getSimpleName());
        for (Element e = c.getEnclosingElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
            name.insert(0, t.getSimpleName() + "_");
        }
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** A Java literal for a string, or an array of them ({@code "a", "b"} for varargs). */
    private static String literal(AnnotationValue v) {
        Object o = v.getValue();
        if (o instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object x : l) {
                parts.add(literal((AnnotationValue) x));
            }
            return String.join(", ", parts);
        }
        if (o instanceof String s) {
            return literal(s);
        }
        if (o instanceof Character ch) {
            return "'" + (ch == '\'' || ch == '\\' ? "\\" + ch : String.valueOf(ch)) + "'";
        }
        return String.valueOf(o);
    }

    private static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
