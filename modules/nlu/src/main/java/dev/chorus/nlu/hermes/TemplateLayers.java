package dev.chorus.nlu.hermes;

import dev.chorus.nlu.NluSettings;
import dev.chorus.nlu.template.TemplateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the templates come from. Three layers, highest first: {@code data} (the nlu data folder's
 * {@code intents/}, written through {@code chorus/nlu/templates/set}), {@code mounted}
 * ({@code CHORUS_NLU_TEMPLATES_DIR}) and {@code builtin} (the image's {@code /etc/chorus/intents}). The first layer
 * whose folder has a {@code sentences.ini} wins as a whole, slot lists included: layers are not merged, so what is
 * trained is always one folder as somebody wrote it.
 */
final class TemplateLayers {

    /** One layer: its name and folder. */
    record Layer(String name, Path dir) {}

    /** A layer's template files. */
    record Contents(Layer layer, Map<String, String> files) {}

    static final String DATA = "data";
    static final String MOUNTED = "mounted";
    static final String BUILTIN = "builtin";

    private final List<Layer> layers;

    TemplateLayers(NluSettings settings) {
        List<Layer> list = new ArrayList<>();
        list.add(new Layer(DATA, settings.dataTemplates()));
        settings.mounted().ifPresent(dir -> list.add(new Layer(MOUNTED, dir)));
        list.add(new Layer(BUILTIN, settings.builtIn()));
        this.layers = List.copyOf(list);
    }

    Layer data() {
        return layers.get(0);
    }

    /** The layers that have a sentences.ini, highest first. */
    List<Layer> present() {
        return layers.stream().filter(l -> TemplateFolder.present(l.dir())).toList();
    }

    static Contents read(Layer layer) throws IOException {
        return new Contents(layer, TemplateFolder.read(layer.dir()));
    }

    /**
     * Names, sizes and modification times of every template file of every layer: changes when any of them does
     * (a file edited, added or removed, a layer appearing).
     */
    String fingerprint() {
        StringBuilder out = new StringBuilder();
        for (Layer layer : layers) {
            out.append(layer.name()).append('|');
            Path sentences = layer.dir().resolve("sentences.ini");
            Path slots = layer.dir().resolve("slots");
            append(out, sentences);
            if (Files.isDirectory(slots)) {
                try (Stream<Path> walk = Files.walk(slots)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(p -> append(out, p));
                } catch (IOException | java.io.UncheckedIOException e) {
                    out.append("unreadable ").append(slots);
                }
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            out.append(p)
                    .append(':')
                    .append(a.size())
                    .append(':')
                    .append(a.lastModifiedTime().toMillis())
                    .append(';');
        } catch (IOException e) {
            out.append(p).append(":-;");
        }
    }
}
