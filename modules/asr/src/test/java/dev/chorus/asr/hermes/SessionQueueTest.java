package dev.chorus.asr.hermes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.asr.listen.Sessions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every listener that feeds the listening sessions shares one runtime queue: a frame that arrived before a
 * startListening (or a toggleOff) is handled before it, never recorded into the session it did not belong to.
 */
class SessionQueueTest {

    @Test
    void startStopTogglesAndFramesAreHandledInArrivalOrder() {
        List<String> queues = List.of(
                new AudioFrameListener(null).queue(),
                new StartListeningListener(null, null, null, null).queue(),
                new StopListeningListener(null).queue(),
                new ToggleListener.On(null).queue(),
                new ToggleListener.Off(null).queue());
        assertThat(queues).containsOnly(Sessions.QUEUE);
    }
}
