package dev.chorus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Routes routes = new Routes();
    private final Consumer<ReceivedMessage> status = m -> {};
    private final Consumer<ReceivedMessage> all = m -> {};

    @Test
    void eachMatchingHandlerOnceEvenWithOverlappingFilters() {
        routes.add(List.of("chorus/status/+", "chorus/status/tts"), status);
        routes.add(List.of("#"), all);
        assertThat(routes.handlersFor("chorus/status/tts")).containsExactly(status, all);
        assertThat(routes.handlersFor("hermes/tts/say")).containsExactly(all);
    }

    @Test
    void removedFiltersNoLongerRoute() {
        routes.add(List.of("a/+", "b/#"), status);
        routes.remove(List.of("b/#"), status);
        assertThat(routes.handlersFor("b/1")).isEmpty();
        assertThat(routes.handlersFor("a/1")).containsExactly(status);
    }
}
