package dev.chorus.dialogue;

/** What the dialogue manager sends: JSON messages and the feedback sounds' WAV bytes. */
public interface DialogueOutput {

    /** A message record published as JSON on {@code topic}. */
    void publish(String topic, Object message);

    /** A binary payload (a WAV) published on {@code topic}. */
    void publishBytes(String topic, byte[] payload);
}
