import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The dev overlay's hot reload (modules/dev-run.sh starts it after one Maven build of the module
 * and shared/): watches the src/main folders of the module and of the shared/ projects it uses,
 * and on a save recompiles in this JVM (javax.tools, warm after the first time) and restarts the
 * module's Micronaut context in this JVM. Why not Micronaut's mn:run: every save cost a child
 * Maven (about 6 s before the old application even stopped) and a new application JVM (about
 * 3 s); docs/performance.md, "Dev loop".
 *
 * <p>Class loading: the dependency jars are on this JVM's class path and stay loaded (and
 * compiled by the JIT) across restarts, as does an engine's static state (MaryTTS starts once);
 * the projects' target/classes folders are in a new class loader per start, so changed classes
 * are new classes. A debugger attached to the JVM (JDWP, dev-run.sh) sets its line breakpoints
 * again in each new class.
 *
 * <p>What Maven did at the first build, done here per save: javac with --release 17 and
 * -parameters, Micronaut's annotation processor found on the class path (the dev profile of
 * modules/pom.xml puts it there), resources copied with {@code ${project.version}} filled in
 * application.yml (the only filtered value of the poms). A changed project is rebuilt whole into a
 * new folder, and the projects that depend on it too, so a deleted class or bean leaves nothing
 * behind; a compile error is printed and the running module is left as it was. A project whose
 * resources alone changed gets them copied, no javac.
 *
 * <p>Usage: {@code java -cp <jars> DevRunner <classpath file> <module dir> <main class> <build-start
 * file>}: the classpath file is {@code mvn dependency:build-classpath}'s output for the module (jars
 * and the shared projects' target/classes); the build-start file was touched before that build.
 */
public final class DevRunner {

    private static final long POLL_MS = 100;
    /**
     * Each restart leaves the stopped context behind (Micronaut's bean definitions in the jars keep
     * a reference to every environment they ran in: a heap dump after seven restarts showed seven
     * contexts held from {@code $HealthMonitorTask$Definition.$EXEC}). When the old generation,
     * after its last full collection, holds more than this share of its maximum, DevRunner ends
     * with {@link #EXIT_RESTART_JVM} and dev-run.sh starts a fresh JVM. System property
     * chorus.dev.old-gen-limit (CHORUS_DEV_JAVA_OPTS) changes it.
     */
    private static final double OLD_GEN_LIMIT = Double.parseDouble(System.getProperty("chorus.dev.old-gen-limit", "0.5"));

    static final int EXIT_RESTART_JVM = 3;

    private final List<Project> projects; // upstream first
    private final List<Path> jars;
    private final String mainClass;
    private final String version;
    /** When Maven's build before this JVM began (files saved since may not be in its classes). */
    private final long buildStart;
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    /**
     * One file manager for every compile: it keeps the jars it has opened and indexed (about a
     * hundred), which a new one would read again each time. The class path and output folder are
     * set per compile by the options.
     */
    private final StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
    /** Per project, the folder its classes are loaded from: Maven's at first, then DevRunner's latest. */
    private final Map<Project, Path> classes = new HashMap<>();
    private AutoCloseable running;
    private URLClassLoader loader;
    /** The JVM shutdown hooks the running module added (Micronaut's, which would keep it alive). */
    private Set<Thread> hooks = Set.of();
    private int generation;
    /** Projects whose last compile failed: compiled again with the next change, whatever it is. */
    private final Set<Project> failed = new LinkedHashSet<>();

    /** One Maven project whose sources are watched: a shared/ project or the module. */
    record Project(String artifactId, Path dir, Set<String> dependsOn) {
        Path sources() {
            return dir.resolve("src/main/java");
        }

        Path resources() {
            return dir.resolve("src/main/resources");
        }

        /** Where Maven's first build put the classes. */
        Path mavenClasses() {
            return dir.resolve("target/classes");
        }
    }

    /** A file as a look saw it; {@link #CHANGING} when it went away during the look. */
    record Stamp(long modified, long size) {}

    private static final Stamp CHANGING = new Stamp(Long.MAX_VALUE, -1);

    /** What a save changed: per project, whether java sources changed, resources changed. */
    record Change(Set<Project> java, Set<Project> resources) {
        boolean isEmpty() {
            return java.isEmpty() && resources.isEmpty();
        }
    }

    private DevRunner(List<Project> projects, List<Path> jars, String mainClass, String version, long buildStart) {
        this.buildStart = buildStart;
        this.projects = projects;
        this.jars = jars;
        this.mainClass = mainClass;
        this.version = version;
        projects.forEach(p -> classes.put(p, p.mavenClasses()));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: DevRunner <classpath file> <module dir> <main class> <build-start file>");
            System.exit(2);
        }
        List<Path> jars = new ArrayList<>();
        List<Path> projectDirs = new ArrayList<>();
        for (String entry : Files.readString(Path.of(args[0])).strip().split(":")) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path) && path.endsWith("target/classes")) {
                projectDirs.add(path.getParent().getParent());
            } else if (!entry.isEmpty()) {
                jars.add(path);
            }
        }
        Path module = Path.of(args[1]);
        projectDirs.add(module);
        List<Project> projects = upstreamFirst(projectDirs.stream().map(DevRunner::project).toList());
        long buildStart = Files.getLastModifiedTime(Path.of(args[3])).toMillis();
        DevRunner runner =
                new DevRunner(projects, jars, args[2], pomVersion(module.resolve("pom.xml")), buildStart);
        runner.useLogbackConfig();
        runner.run();
    }

    private void run() throws Exception {
        // folders of an earlier JVM of this container (dev-run.sh starts a new one now and then)
        for (Project p : projects) {
            try (Stream<Path> old = Files.list(p.mavenClasses().getParent())) {
                old.filter(d -> d.getFileName().toString().startsWith("classes-dev-")).forEach(DevRunner::deleteTree);
            }
        }
        Map<Project, Map<Path, Stamp>> seen = snapshot();
        start();
        warmUp();
        // saved while Maven built (its start: the build-start file of dev-run.sh): not in its classes
        Set<Project> savedDuringBuild = savedSince(seen, buildStart);
        if (!savedDuringBuild.isEmpty()) {
            rebuildAndRestart(new Change(savedDuringBuild, savedDuringBuild));
        }
        while (true) {
            Thread.sleep(POLL_MS);
            Map<Project, Map<Path, Stamp>> now = snapshot();
            if (now.equals(seen)) {
                continue;
            }
            // an editor may write a file in several steps: wait until two looks agree
            Map<Project, Map<Path, Stamp>> settled;
            while (!(settled = snapshot()).equals(now)) {
                now = settled;
                Thread.sleep(POLL_MS);
            }
            Change change = diff(seen, now);
            seen = now;
            if (!change.isEmpty()) {
                rebuildAndRestart(change);
                if (oldGenerationFull()) {
                    System.out.println("[dev] the restarts left too much memory behind: a new JVM (dev-run.sh)");
                    stop();
                    System.exit(EXIT_RESTART_JVM);
                }
            }
        }
    }

    /**
     * Compiles the module once into a scratch folder, discarded: javac and the annotation processor
     * loaded and partly compiled by the JIT before the first save (that save took twice as long
     * without: 7.3 s against 3-4 s for the next ones, audio).
     */
    private void warmUp() {
        long t0 = System.nanoTime();
        Project module = projects.get(projects.size() - 1);
        Path scratch = module.dir().resolve("target/classes-dev-warm-up");
        try {
            String errors = compile(module, scratch, Map.of());
            System.out.printf("[dev] javac warmed up in %d ms%s%n", (System.nanoTime() - t0) / 1_000_000,
                    errors == null ? "" : " (with errors: " + errors.lines().findFirst().orElse("") + ")");
        } catch (IOException e) {
            System.err.println("[dev] javac warm-up: " + e);
        } finally {
            deleteTree(scratch);
        }
    }

    private void rebuildAndRestart(Change change) throws Exception {
        long t0 = System.nanoTime();
        Set<Project> changedJava = new LinkedHashSet<>(change.java());
        changedJava.addAll(failed);
        Set<Project> recompile = withDownstream(changedJava);
        Map<Project, Path> built = new LinkedHashMap<>();
        for (Project p : projects) {
            if (!recompile.contains(p)) {
                continue;
            }
            Path out = p.dir().resolve("target/classes-dev-" + (++generation));
            String errors = compile(p, out, built);
            if (errors != null) {
                System.err.printf("[dev] %s does not compile; the module keeps running as it was:%n%s%n",
                        p.artifactId(), errors);
                built.values().forEach(DevRunner::deleteTree);
                deleteTree(out);
                failed.addAll(recompile);
                return;
            }
            copyResources(p, out);
            built.put(p, out);
        }
        failed.clear();
        long compiled = System.nanoTime();
        stop();
        // the new folders replace the old ones: no rename of target/classes, which overlayfs
        // refuses for a folder of the image's layers (EXDEV)
        for (Map.Entry<Project, Path> e : built.entrySet()) {
            Path old = classes.put(e.getKey(), e.getValue());
            if (!old.equals(e.getKey().mavenClasses())) {
                deleteTree(old);
            }
        }
        for (Project p : change.resources()) {
            if (!built.containsKey(p)) {
                copyResources(p, classes.get(p));
            }
        }
        long stopped = System.nanoTime();
        start();
        System.out.printf("[dev] restarted: %s compiled in %d ms, stopped in %d ms, started in %d ms%n",
                built.isEmpty() ? "resources only," : built.keySet().stream().map(Project::artifactId).toList(),
                (compiled - t0) / 1_000_000, (stopped - compiled) / 1_000_000,
                (System.nanoTime() - stopped) / 1_000_000);
    }

    /** Compiles a project's sources into out; null when it compiled, else javac's messages. */
    private String compile(Project p, Path out, Map<Project, Path> built) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = walk(p.sources())) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        Files.createDirectories(out);
        if (sources.isEmpty()) {
            return null;
        }
        List<String> classpath = new ArrayList<>();
        jars.forEach(j -> classpath.add(j.toString()));
        for (Project other : projects) {
            if (other != p) {
                classpath.add(built.getOrDefault(other, classes.get(other)).toString());
            }
        }
        List<String> options = List.of(
                "--release", "17", "-parameters", "-nowarn", "-Xlint:none",
                "-classpath", String.join(":", classpath), "-d", out.toString());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                .call();
        if (ok) {
            return null;
        }
        StringBuilder text = new StringBuilder(messages.toString());
        diagnostics.getDiagnostics().forEach(d -> text.append(d).append('\n'));
        return text.toString();
    }

    /** Copies a project's resources into out, as Maven's resources phase does. */
    private void copyResources(Project p, Path out) throws IOException {
        try (Stream<Path> files = walk(p.resources())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = out.resolve(p.resources().relativize(file).toString());
                Files.createDirectories(target.getParent());
                if (file.getFileName().toString().equals("application.yml")) {
                    Files.writeString(target, Files.readString(file).replace("${project.version}", version));
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void start() throws Exception {
        List<URL> urls = new ArrayList<>();
        // the module first, as on Maven's class path
        for (int i = projects.size() - 1; i >= 0; i--) {
            urls.add(classes.get(projects.get(i)).toUri().toURL());
        }
        loader = new URLClassLoader("chorus-dev-" + generation, urls.toArray(URL[]::new),
                DevRunner.class.getClassLoader());
        Thread thread = Thread.currentThread();
        // threads the module starts (executors, Paho, Netty) inherit this loader
        thread.setContextClassLoader(loader);
        Set<Thread> hooksBefore = shutdownHooks();
        try {
            Class<?> main = Class.forName(mainClass, true, loader);
            main.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
            // Micronaut's stop: the module says offline, closes MQTT and its port
            Method stop = Class.forName("dev.chorus.runtime.ChorusApplication", true, loader)
                    .getMethod("stopStarted");
            running = () -> stop.invoke(null);
        } finally {
            thread.setContextClassLoader(DevRunner.class.getClassLoader());
            hooks = new LinkedHashSet<>(shutdownHooks());
            hooks.removeAll(hooksBefore);
        }
    }

    private void stop() {
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("[dev] stopping the module: " + e);
            }
            running = null;
        }
        // Micronaut's start added a hook that stops the context at exit; left there, it would hold
        // every stopped context and its class loader until the JVM ends
        for (Thread hook : hooks) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        System.out.printf("[dev] stopped; %d shutdown hook(s) removed%n", hooks.size());
        hooks = Set.of();
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                System.err.println("[dev] closing the class loader: " + e);
            }
            loader = null;
        }
    }

    /** The projects with a source or resource file modified at or after the given time, in a look. */
    private static Set<Project> savedSince(Map<Project, Map<Path, Stamp>> look, long millis) {
        Set<Project> changed = new LinkedHashSet<>();
        look.forEach((p, files) -> {
            if (files.values().stream().anyMatch(stamp -> stamp.modified() >= millis)) {
                changed.add(p);
            }
        });
        return changed;
    }

    /** Whether the tenured pool held more than {@link #OLD_GEN_LIMIT} of its maximum after its last collection. */
    private static boolean oldGenerationFull() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP && afterGc != null && afterGc.getMax() > 0
                    && (pool.getName().contains("Old") || pool.getName().contains("Tenured"))) {
                return afterGc.getUsed() > afterGc.getMax() * OLD_GEN_LIMIT;
            }
        }
        return false;
    }

    /** The JVM's shutdown hooks (needs --add-opens java.base/java.lang=ALL-UNNAMED; none without). */
    private static Set<Thread> shutdownHooks() {
        try {
            Class<?> registry = Class.forName("java.lang.ApplicationShutdownHooks");
            Field field = registry.getDeclaredField("hooks");
            field.setAccessible(true);
            synchronized (registry) {
                Map<?, ?> all = (Map<?, ?>) field.get(null);
                Set<Thread> threads = new LinkedHashSet<>();
                all.keySet().forEach(t -> threads.add((Thread) t));
                return threads;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Set.of();
        }
    }

    /** Logback lives in a jar (this JVM's loader) and would not see logback.xml in target/classes. */
    private void useLogbackConfig() {
        if (System.getProperty("logback.configurationFile") == null) {
            projects.stream()
                    .map(p -> p.resources().resolve("logback.xml"))
                    .filter(Files::isRegularFile)
                    .reduce((first, second) -> second)
                    .ifPresent(f -> System.setProperty("logback.configurationFile", f.toString()));
        }
    }

    private Map<Project, Map<Path, Stamp>> snapshot() throws IOException {
        Map<Project, Map<Path, Stamp>> all = new LinkedHashMap<>();
        for (Project p : projects) {
            Map<Path, Stamp> files = new HashMap<>();
            for (Path root : List.of(p.sources(), p.resources())) {
                try (Stream<Path> walk = walk(root)) {
                    for (Path f : walk.filter(Files::isRegularFile).toList()) {
                        files.put(f, new Stamp(Files.getLastModifiedTime(f).toMillis(), Files.size(f)));
                    }
                } catch (UncheckedIOException e) {
                    // a file deleted during the walk: the next look sees the folder as it is then
                    files.put(root, CHANGING);
                }
            }
            all.put(p, files);
        }
        return all;
    }

    private static Change diff(Map<Project, Map<Path, Stamp>> before, Map<Project, Map<Path, Stamp>> after) {
        Set<Project> java = new LinkedHashSet<>();
        Set<Project> resources = new LinkedHashSet<>();
        for (Map.Entry<Project, Map<Path, Stamp>> e : after.entrySet()) {
            Project p = e.getKey();
            Set<Path> changed = new LinkedHashSet<>();
            Map<Path, Stamp> old = before.get(p);
            e.getValue().forEach((f, stamp) -> {
                if (!stamp.equals(old.get(f))) {
                    changed.add(f);
                }
            });
            old.keySet().stream().filter(f -> !e.getValue().containsKey(f)).forEach(changed::add);
            for (Path f : changed) {
                (f.startsWith(p.sources()) ? java : resources).add(p);
            }
        }
        return new Change(java, resources);
    }

    /** The given projects and every project that depends on one of them, directly or not. */
    private Set<Project> withDownstream(Set<Project> changed) {
        Set<Project> all = new LinkedHashSet<>(changed);
        for (Project p : projects) { // upstream first: one pass suffices
            if (p.dependsOn().stream().anyMatch(d -> all.stream().anyMatch(c -> c.artifactId().equals(d)))) {
                all.add(p);
            }
        }
        return all;
    }

    private static List<Project> upstreamFirst(List<Project> unordered) {
        List<Project> ordered = new ArrayList<>();
        List<Project> left = new ArrayList<>(unordered);
        left.sort(Comparator.comparing(Project::artifactId));
        while (!left.isEmpty()) {
            Project next = left.stream()
                    .filter(p -> left.stream().noneMatch(o -> p.dependsOn().contains(o.artifactId())))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("dependency cycle among " + left));
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    private static Project project(Path dir) {
        Element pom = pom(dir.resolve("pom.xml"));
        Set<String> dependsOn = new LinkedHashSet<>();
        for (Element deps : children(pom, "dependencies")) {
            for (Element dep : children(deps, "dependency")) {
                dependsOn.add(text(dep, "artifactId"));
            }
        }
        return new Project(text(pom, "artifactId"), dir, dependsOn);
    }

    private static String pomVersion(Path pomFile) {
        Element pom = pom(pomFile);
        String own = text(pom, "version");
        return own != null ? own : children(pom, "parent").stream().map(p -> text(p, "version")).findFirst().orElse("dev");
    }

    private static Element pom(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }

    private static Stream<Path> walk(Path root) throws IOException {
        return Files.isDirectory(root) ? Files.walk(root) : Stream.empty();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            System.err.println("[dev] cannot delete " + root + ": " + e.getMessage());
        }
    }
}
