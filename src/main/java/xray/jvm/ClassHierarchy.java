package xray.jvm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xray.kernel.Malformed;
import xray.model.ClassHierarchySample;
import xray.model.ClassHierarchySample.Type;

/**
 * The reply of {@code VM.class_hierarchy -i}: every loaded class under its superclass, one level of
 * "|  " per step down, each followed by the interfaces it implements.
 * <pre>
 * java.lang.Object/null
 * |--java.util.EventListener/null (intf)
 * |--org.apache.catalina.startup.ContextConfig/0x00007f2b242c9ab0
 * |  implements org.apache.catalina.LifecycleListener/0x00007f2b242c9ab0 (declared intf)
 * |  |--org.apache.catalina.startup.TldConfig/0x00007f2b242c9ab0
 * |  |  implements org.apache.catalina.LifecycleListener/0x00007f2b242c9ab0 (inherited intf)
 * |--java.lang.invoke.LambdaForm$MH/0x00007f2ab01b6400/null
 * </pre>
 * After the name comes its class loader's ClassLoaderData address, or "null" for the boot loader
 * (hidden classes carry a "/0x…" of their own in the name). Output is the same on JDK 17 and 25.
 */
public final class ClassHierarchy {
    private ClassHierarchy() {
    }

    public static ClassHierarchySample parse(String text) {
        Map<String, Type> types = new HashMap<>();
        // The class at each depth on the way down to the current line.
        List<Node> path = new ArrayList<>();
        List<Node> kept = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : text.split("\n")) {
            int depth = 0;
            int i = 0;
            while (line.startsWith("|  ", i)) {
                depth++;
                i += 3;
            }
            String rest = line.substring(i);
            if (rest.startsWith("implements ")) {
                if (depth < path.size()) { // an interface line is indented like the children of its class
                    path.get(depth).interfaces.add(name(rest.substring("implements ".length())));
                }
                continue;
            }
            String entry;
            if (rest.startsWith("|--")) {
                entry = rest.substring(3);
                depth++;
            } else if (depth == 0 && rest.startsWith("java.lang.Object/")) {
                entry = rest;
            } else {
                continue; // the "PID:" line jcmd adds, or anything else
            }
            while (path.size() > depth) {
                path.remove(path.size() - 1);
            }
            if (path.size() < depth) {
                continue; // a jump of more than one level: not a line of this format
            }
            boolean intf = entry.endsWith(" (intf)");
            Node n = new Node(name(entry), intf || depth == 0 ? null : path.get(depth - 1).name, intf);
            path.add(n);
            if (seen.add(n.name)) {
                kept.add(n); // another loader's class of the same name is read, not kept
            }
        }
        if (kept.isEmpty()) {
            throw new Malformed("no 'java.lang.Object' line");
        }
        for (Node n : kept) {
            types.put(n.name, new Type(n.name, n.superclass, n.isInterface, n.interfaces));
        }
        return new ClassHierarchySample(types);
    }

    /** A class as it is read: its interfaces follow its line. */
    private static final class Node {
        final String name;
        final String superclass;
        final boolean isInterface;
        final List<String> interfaces = new ArrayList<>();

        Node(String name, String superclass, boolean isInterface) {
            this.name = name;
            this.superclass = superclass;
            this.isInterface = isInterface;
        }
    }

    /** "org.x.Foo/0x00007f2b242c9ab0 (declared intf)" → "org.x.Foo"; hidden classes keep their "/0x…". */
    static String name(String entry) {
        String e = entry;
        int paren = e.indexOf(" (");
        if (paren >= 0) {
            e = e.substring(0, paren);
        }
        int slash = e.lastIndexOf('/');
        return slash < 0 ? e : e.substring(0, slash);
    }
}
