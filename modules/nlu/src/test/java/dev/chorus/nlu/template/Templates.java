package dev.chorus.nlu.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers: compile a template set from strings and recognise with it. */
final class Templates {

    private Templates() {}

    static TrainedTemplates compile(String sentencesIni, String... slotFiles) {
        try {
            return TemplateCompiler.compile(files(sentencesIni, slotFiles));
        } catch (TemplateException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** {@code slotFiles}: path, content, path, content... */
    static Map<String, String> files(String sentencesIni, String... slotFiles) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(TemplateCompiler.SENTENCES, sentencesIni);
        for (int i = 0; i < slotFiles.length; i += 2) {
            files.put(slotFiles[i], slotFiles[i + 1]);
        }
        return files;
    }

    static TemplateError error(String sentencesIni, String... slotFiles) {
        try {
            TemplateCompiler.compile(files(sentencesIni, slotFiles));
        } catch (TemplateException e) {
            return e.error();
        }
        throw new AssertionError("compiled, but should not have: " + sentencesIni);
    }

    static Recognition recognize(TrainedTemplates t, String query) {
        Optional<Recognition> r = t.recognize(query, null);
        assertThat(r).as("recognised: " + query).isPresent();
        return r.get();
    }

    static boolean matches(TrainedTemplates t, String query) {
        return t.recognize(query, List.of()).isPresent();
    }
}
