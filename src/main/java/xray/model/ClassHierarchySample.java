package xray.model;

import java.util.List;
import java.util.Map;

/**
 * The loaded classes and interfaces as {@code VM.class_hierarchy -i} printed them: for each name,
 * its superclass and every interface it implements, declared or inherited. A name defined by
 * several class loaders appears once (the first definition printed).
 */
public record ClassHierarchySample(Map<String, Type> types) {
    public ClassHierarchySample {
        types = Map.copyOf(types);
    }

    /**
     * @param superclass the superclass's name, null for java.lang.Object and interfaces
     * @param interfaces every interface it implements, declared and inherited
     */
    public record Type(String name, String superclass, boolean isInterface, List<String> interfaces) {
        public Type {
            interfaces = List.copyOf(interfaces);
        }
    }
}
