package dev.chorus.nlu.template;

import dev.chorus.nlu.template.SentencesIni.Section;
import dev.chorus.nlu.template.TrainedTemplates.IntentTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compiles a template set (Rhasspy's sentences.ini and its slot lists) into {@link TrainedTemplates}. A template
 * that cannot be compiled is refused as a whole with its file, line and reason.
 */
public final class TemplateCompiler {

    /** The template file; slot lists are {@code slots/<name>} beside it. */
    public static final String SENTENCES = "sentences.ini";

    private TemplateCompiler() {}

    /**
     * @param files file contents by path relative to the template folder: {@code sentences.ini},
     *              {@code slots/rooms}, {@code slots/dir/name}
     */
    public static TrainedTemplates compile(Map<String, String> files) throws TemplateException {
        String sentences = files.get(SENTENCES);
        if (sentences == null) {
            throw new TemplateException(new TemplateError(SENTENCES, 0, "missing"));
        }
        List<Section> sections = SentencesIni.read(SENTENCES, sentences);
        if (sections.isEmpty()) {
            throw new TemplateException(new TemplateError(SENTENCES, 0, "no [Intent] section"));
        }
        Resolver resolver = new Resolver(sections, files);
        Vocabulary vocabulary = new Vocabulary();
        List<IntentTemplate> templates = new ArrayList<>();
        List<Graph> graphs = new ArrayList<>();
        for (Section section : sections) {
            Expr intent = resolver.intent(section);
            try {
                graphs.add(Graph.build(intent, vocabulary));
            } catch (SyntaxException e) {
                throw section.header().error(e.getMessage());
            }
            TreeSet<String> words = new TreeSet<>();
            Jsgf.words(intent, words);
            templates.add(
                    new IntentTemplate(section.intent(), Jsgf.of(intent), List.copyOf(words), Jsgf.count(intent)));
        }
        return new TrainedTemplates(templates, graphs, vocabulary);
    }
}
