package xray.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import xray.model.ClassHierarchySample;
import xray.model.HistogramSample;
import xray.model.JvmReport.ListenerClass;
import xray.model.JvmReport.Listeners;
import xray.model.JvmSample;

/**
 * Listener-like classes and their growth (JVM-AUDIT.md, section 3). A class is a suspect by what it
 * is: its own simple name (after the last {@code $}) matches the pattern, or it implements
 * java.util.EventListener or an interface whose own name matches (from the class hierarchy; a
 * lambda is a suspect only this way, its name says nothing). Enums and records are not suspects.
 * Growth counts only when it is steady: the count rises at every one of three or more histograms of
 * all objects (garbage not excluded), or between two of live objects (--live: retained growth).
 * Pure.
 */
public final class JvmListeners {
    /** Listener-like names, matched case-insensitively against a class's or an interface's own simple name. */
    public static final String DEFAULT_PATTERN = "listener|handler|callback|observer|subscriber|watcher";
    /** A class with this many instances or more is shown whatever its growth. */
    static final long SHOWN_COUNT = 100;
    /** The most numerous classes shown in any case. */
    static final int SHOWN_TOP = 5;

    private JvmListeners() {
    }

    /** The pattern for --listeners: case-insensitive, found anywhere in the own simple name. */
    public static Pattern pattern(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    static Listeners listeners(JvmSample.Histograms h, Pattern pattern) {
        List<HistogramSample> samples = h.samples();
        if (samples.isEmpty()) {
            return null;
        }
        ClassHierarchySample types = h.hierarchy();
        HistogramSample last = samples.get(samples.size() - 1);
        Map<String, Candidate> now = new LinkedHashMap<>();
        for (HistogramSample.Row r : last.rows()) {
            String n = r.className();
            if (excluded(n, r.module()) || types != null && enumOrRecord(types, n)) {
                continue;
            }
            Candidate c = now.get(n);
            if (c == null) {
                // a lambda's or other hidden class's name says nothing: it is a suspect only by the interface it implements
                String by = !hidden(n) && matches(pattern, n) ? "" : types == null ? null
                        : listenerInterface(types, n, pattern);
                if (by == null) {
                    continue;
                }
                now.put(n, new Candidate(n, r.module(), r.instances(), r.bytes(), 1, by.isEmpty() ? null : by));
            } else {
                now.put(n, new Candidate(n, c.module, c.count + r.instances(), c.bytes + r.bytes(), c.loaders + 1, c.by));
            }
        }
        List<Map<String, Long>> counts = new ArrayList<>();
        for (HistogramSample s : samples) {
            counts.add(counts(s, now.keySet()));
        }
        int steps = samples.size();
        boolean enoughSamples = h.live() ? steps >= 2 : steps >= 3;
        List<ListenerClass> all = new ArrayList<>();
        for (Candidate c : now.values()) {
            Long growth = null;
            boolean growing = false;
            if (steps > 1) {
                long first = counts.get(0).getOrDefault(c.name, 0L);
                growth = c.count - first;
                growing = enoughSamples;
                for (int i = 1; i < steps && growing; i++) {
                    growing = counts.get(i).getOrDefault(c.name, 0L) > counts.get(i - 1).getOrDefault(c.name, 0L);
                }
            }
            all.add(new ListenerClass(c.name, c.module, c.count, c.bytes, growth, growing, c.loaders, c.by));
        }
        all.sort(Comparator.comparing((ListenerClass c) -> c.growing() ? c.growth() : 0L, Comparator.reverseOrder())
                .thenComparing(ListenerClass::count, Comparator.reverseOrder()).thenComparing(ListenerClass::name));
        // What matters: many instances, steady growth, or the few most numerous.
        Set<String> top = new HashSet<>();
        all.stream().sorted(Comparator.comparing(ListenerClass::count, Comparator.reverseOrder())
                .thenComparing(ListenerClass::name)).limit(SHOWN_TOP).forEach(c -> top.add(c.name()));
        List<ListenerClass> shown = new ArrayList<>();
        for (ListenerClass c : all) {
            if (c.count() >= SHOWN_COUNT || c.growing() || top.contains(c.name())) {
                shown.add(c);
            }
        }
        return new Listeners(h.live() ? "live" : "all", pattern.pattern(), h.intervalSeconds(), steps, types != null,
                h.hierarchySkipped(), shown, all.size() - shown.size());
    }

    private record Candidate(String name, String module, long count, long bytes, int loaders, String by) {
    }

    /** Instances by class name in one histogram, for the names asked (rows of several loaders added up). */
    private static Map<String, Long> counts(HistogramSample s, Set<String> names) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (HistogramSample.Row r : s.rows()) {
            if (names.contains(r.className())) {
                out.merge(r.className(), r.instances(), Long::sum);
            }
        }
        return out;
    }

    static boolean matches(Pattern pattern, String className) {
        return pattern.matcher(ListenerClass.ownName(className)).find();
    }

    /**
     * The interface that makes a class listener-like: java.util.EventListener, or one whose own
     * simple name matches; null when there is none.
     */
    static String listenerInterface(ClassHierarchySample types, String className, Pattern pattern) {
        ClassHierarchySample.Type t = types.types().get(className);
        if (t == null || t.isInterface()) {
            return null;
        }
        for (String i : t.interfaces()) {
            if (i.equals("java.util.EventListener") || matches(pattern, i)) {
                return i;
            }
        }
        return null;
    }

    /** Enums (and their constants' bodies) and records hold data, not callbacks. */
    static boolean enumOrRecord(ClassHierarchySample types, String className) {
        ClassHierarchySample.Type t = types.types().get(className);
        for (int depth = 0; t != null && depth < 64; depth++) {
            if ("java.lang.Enum".equals(t.superclass()) || "java.lang.Record".equals(t.superclass())) {
                return true;
            }
            t = t.superclass() == null ? null : types.types().get(t.superclass());
        }
        return false;
    }

    /**
     * JDK-internal classes (java.*, jdk.*, sun.*, com.sun.*, or any class of a java.* or jdk.* module,
     * such as javax.management) and arrays. Lambdas stay: {@code handlers.add(e -> ...)} is how a
     * listener is written today, and a capturing lambda left registered is one instance per call.
     */
    static boolean excluded(String className, String module) {
        return className.startsWith("[") || className.startsWith("java.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")
                || module != null && (module.startsWith("java.") || module.startsWith("jdk."));
    }

    /** A hidden class (a lambda's, "a.B$$Lambda$14/0x0000000800c0b1f8"): the JVM adds "/0x…" to its name. */
    static boolean hidden(String className) {
        return className.contains("/0x");
    }
}
