package dev.chorus.embedded;

import java.util.List;

/**
 * A module the embedded stack can run.
 *
 * @param name        the module name: its principal, client id, data sub-folder and {@code chorus/status/<name>}
 * @param codeClasses classes whose jar (or classes folder) belongs to this module alone: its Micronaut beans and
 *                    {@code application.yml} are visible to its own context only ({@link ModuleClassLoader})
 * @param http        whether its HTTP server runs (only the gateway's: the one published port)
 */
record EmbeddedModule(String name, List<String> codeClasses, boolean http) {

    EmbeddedModule {
        codeClasses = List.copyOf(codeClasses);
    }
}
