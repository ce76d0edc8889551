package dev.chorus.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test subscriber received, topic and payload, in arrival order (duplicates kept). */
final class Recorder {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final List<String[]> messages = new CopyOnWriteArrayList<>();

    void add(String topic, String payload) {
        messages.add(new String[] {topic, payload});
    }

    /** The topics of the messages whose topic starts with the prefix. */
    List<String> on(String topicPrefix) {
        return messages.stream()
                .filter(m -> m[0].startsWith(topicPrefix))
                .map(m -> m[0])
                .toList();
    }

    /** The payloads of the messages whose topic starts with the prefix. */
    List<String> texts(String topicPrefix) {
        return messages.stream()
                .filter(m -> m[0].startsWith(topicPrefix))
                .map(m -> m[1])
                .toList();
    }

    /**
     * The Hermes request ids ({@code "id"}) of the answers on topics with the prefix, one per message, so a
     * duplicate answer counts twice.
     */
    List<String> ids(String topicPrefix) {
        List<String> ids = new ArrayList<>();
        for (String text : texts(topicPrefix)) {
            Matcher m = ID.matcher(text);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }
}
