package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** One recognised word. Wire order value, confidence, rangeStart, rangeEnd, time. */
@HermesMessage
public record AsrToken(String value, Double confidence, Integer rangeStart, Integer rangeEnd, Time time) {

    public AsrToken {
        Required.key(value, "value");
        Required.key(confidence, "confidence");
        Required.key(rangeStart, "rangeStart");
        Required.key(rangeEnd, "rangeEnd");
    }

    /** Seconds into the audio. Wire order start, end. */
    @HermesMessage
    public record Time(Double start, Double end) {

        public Time {
            Required.key(start, "start");
            Required.key(end, "end");
        }
    }
}
