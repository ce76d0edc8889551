package dev.chorus.protocol.messages;

/**
 * A message that knows the topic it is published on, as rhasspy-hermes' message classes do: a
 * publish takes its topic from the record ({@code mqtt.publish(new TtsSayFinished(...))}) and cannot
 * put a message on the wrong topic. The topic comes from {@link dev.chorus.protocol.Topics}, the one
 * catalog; {@link dev.chorus.protocol.Topics#filterOf(Class)} gives the filter that receives a type.
 *
 * <p>Messages whose topic is not a function of their payload (toggles shared by several
 * components, {@code playFinished} whose site is only in the topic, errors) do not implement it.
 */
public interface Addressed {

    /** The topic this message is published on. Not a wire key (Jackson writes record components only). */
    String topic();
}
