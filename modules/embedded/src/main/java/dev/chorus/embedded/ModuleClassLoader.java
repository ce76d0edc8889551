package dev.chorus.embedded;

import java.io.IOException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * One module's view of the shared classpath. Micronaut finds beans through resources
 * ({@code META-INF/micronaut/...BeanDefinitionReference}) and reads {@code application.yml} (the module's name)
 * as a resource, so a context given this loader sees the beans and configuration of its own module and of the
 * shared jars (runtime, Micronaut) but none of another module's. Classes are not filtered: every class is loaded
 * once, by the parent, and shared by all contexts (less memory than a copy of Micronaut per module).
 */
final class ModuleClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final List<String> hiddenPrefixes;

    private ModuleClassLoader(String module, ClassLoader parent, List<String> hiddenPrefixes) {
        super("chorus-" + module, parent);
        this.hiddenPrefixes = List.copyOf(hiddenPrefixes);
    }

    /** A loader for {@code module} that hides the code of every other module in {@code all}. */
    static ModuleClassLoader of(EmbeddedModule module, Collection<EmbeddedModule> all, ClassLoader parent) {
        List<String> hidden = new ArrayList<>();
        for (EmbeddedModule other : all) {
            if (!other.name().equals(module.name())) {
                for (String className : other.codeClasses()) {
                    hidden.add(resourcePrefix(codeLocation(className, parent)));
                }
            }
        }
        return new ModuleClassLoader(module.name(), parent, hidden);
    }

    @Override
    public URL getResource(String name) {
        Enumeration<URL> all = getResources(name);
        return all.hasMoreElements() ? all.nextElement() : null;
    }

    @Override
    public Enumeration<URL> getResources(String name) {
        List<URL> visible = new ArrayList<>();
        try {
            for (URL url : Collections.list(getParent().getResources(name))) {
                if (!isHidden(url)) {
                    visible.add(url);
                }
            }
        } catch (IOException e) {
            // as ClassLoader.getResource: a resource that cannot be listed is not there
            return Collections.emptyEnumeration();
        }
        return Collections.enumeration(visible);
    }

    private boolean isHidden(URL url) {
        String s = url.toString();
        for (String prefix : hiddenPrefixes) {
            if (s.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Where a class was loaded from: a jar or a classes folder. */
    static URL codeLocation(String className, ClassLoader loader) {
        try {
            CodeSource source = Class.forName(className, false, loader)
                    .getProtectionDomain()
                    .getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("no code location for " + className);
            }
            return source.getLocation();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the classpath (a module jar is missing)", e);
        }
    }

    /** The prefix of every resource URL inside a code location. */
    static String resourcePrefix(URL location) {
        String s = location.toString();
        if (s.endsWith("/")) {
            return s;
        }
        return "jar:" + s + "!/";
    }
}
