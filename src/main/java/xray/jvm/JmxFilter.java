package xray.jvm;

import java.io.ObjectInputFilter;
import java.util.Set;

/**
 * What xray's JMX client may deserialize: the connector stubs, the values the platform MXBeans
 * return (open types, boxed numbers, names, collections of them) and the exceptions JMX and RMI
 * throw, nothing else. What a JVM sends over JMX, and the stub inside a connector address read from
 * its perf data, are written by the JVM's user: without a filter, a hostile one could have xray
 * (usually root) build objects of any class on its class path.
 *
 * <p>The list was taken from a logging filter while xray read every MBean it reads and provoked
 * the errors it can meet (an unknown MBean, attribute, operation).
 */
final class JmxFilter implements ObjectInputFilter {
    /** Classes xray's JMX calls receive, by name (superclasses included: a filter sees each). */
    static final Set<String> ALLOWED = Set.of(
            // the connector: the stub in the address, and the connection it hands out
            "javax.management.remote.rmi.RMIServerImpl_Stub", "javax.management.remote.rmi.RMIConnectionImpl_Stub",
            "java.rmi.server.RemoteStub", "java.rmi.server.RemoteObject",
            // MBean names, attributes and open-type values (MemoryUsage is a CompositeData)
            "javax.management.ObjectName", "javax.management.Attribute", "javax.management.AttributeList",
            "javax.management.openmbean.CompositeDataSupport", "javax.management.openmbean.CompositeType",
            "javax.management.openmbean.TabularDataSupport", "javax.management.openmbean.TabularType",
            "javax.management.openmbean.ArrayType", "javax.management.openmbean.SimpleType",
            "javax.management.openmbean.OpenType",
            "java.lang.Number", "java.lang.Long", "java.lang.Integer", "java.lang.Short", "java.lang.Byte",
            "java.lang.Double", "java.lang.Float", "java.lang.Boolean", "java.lang.Character",
            "java.util.ArrayList", "java.util.HashSet", "java.util.HashMap", "java.util.TreeMap",
            "java.util.Collections$EmptyList", "java.util.Collections$UnmodifiableCollection",
            "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableRandomAccessList",
            // what an exception carries
            "java.lang.StackTraceElement");

    /** Packages whose exceptions JMX and RMI report (an unknown MBean, an unmarshalling error). */
    static final Set<String> EXCEPTION_PACKAGES = Set.of("java.lang", "java.io", "java.rmi", "java.rmi.server",
            "javax.management", "javax.management.openmbean", "javax.management.remote");

    /** Element types an array may have beyond the allowed classes. */
    static final Set<String> ARRAY_ELEMENTS = Set.of("java.lang.Object", "java.lang.String", "java.util.Map$Entry");

    static final long MAX_DEPTH = 32;
    static final long MAX_REFERENCES = 1_000_000;
    static final long MAX_ARRAY = 1_000_000;
    static final long MAX_BYTES = 64L << 20;

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.arrayLength() > MAX_ARRAY
                || info.streamBytes() > MAX_BYTES) {
            return Status.REJECTED;
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.UNDECIDED; // a limits-only check
        }
        return allowed(c) ? Status.ALLOWED : Status.REJECTED;
    }

    static boolean allowed(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
            if (c.isPrimitive() || ARRAY_ELEMENTS.contains(c.getName())) {
                return true;
            }
        }
        if (ALLOWED.contains(c.getName())) {
            return true;
        }
        return Throwable.class.isAssignableFrom(c) && EXCEPTION_PACKAGES.contains(c.getPackageName());
    }
}
