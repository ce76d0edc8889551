package dev.chorus.testkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chorus.client.ChorusClient;
import dev.chorus.client.ChorusClientException;
import dev.chorus.client.OutgoingMessage;
import dev.chorus.client.ReceivedMessage;
import dev.chorus.client.RefusedException;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ChorusClient} against the real broker and the repository's ACL (the client's own tests cannot start it). */
@Timeout(120)
class ChorusClientTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static ChorusClient connect(final String principal) {
        return connect(principal, BROKER.uri());
    }

    private static ChorusClient connect(final String principal, final String uri) {
        return ChorusClient.to(uri)
                .login(principal, BROKER.password(principal).getBytes(StandardCharsets.UTF_8))
                .connect();
    }

    @Test
    void jsonRecordsTravelWithTheirContentTypeAndRetainedOnesArriveOnSubscribe() {
        try (ChorusClient cli = connect("cli");
                ChorusClient rawReader = connect("operator");
                ChorusClient jsonReader = connect("operator")) {
            final TtsSay say = new TtsSay("hello", "kitchen", null, "id-1", null, null);
            ChorusClient.await(cli.publishJson("hermes/test/client/retained", say, 1, true), WAIT);

            final List<ReceivedMessage> raw = new CopyOnWriteArrayList<>();
            final List<TtsSay> decoded = new CopyOnWriteArrayList<>();
            ChorusClient.await(rawReader.subscribe("hermes/test/client/#", 1, raw::add), WAIT);
            ChorusClient.await(
                    jsonReader.subscribeJson("hermes/test/client/#", 1, TtsSay.class, (m, r) -> decoded.add(r)), WAIT);
            ChorusClient.await(
                    cli.publish("hermes/test/client/text", "not json".getBytes(StandardCharsets.UTF_8), 0, false),
                    WAIT);

            await().until(() -> raw.size() >= 2);
            final ReceivedMessage retained = raw.stream()
                    .filter(m -> m.topic().endsWith("/retained"))
                    .findFirst()
                    .orElseThrow();
            assertThat(retained.retained()).isTrue();
            assertThat(retained.contentType()).isEqualTo(OutgoingMessage.JSON);
            await().until(() -> !decoded.isEmpty());
            assertThat(decoded).containsExactly(say); // the text payload was skipped, not delivered as null
        }
    }

    @Test
    void aPublishTheAclRefusesFailsAndTheConnectionStaysUsable() {
        try (ChorusClient cli = connect("cli")) {
            assertThatThrownBy(
                            () -> ChorusClient.await(cli.publish("chorus/status/tts", new byte[] {1}, 1, false), WAIT))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining("chorus/status/tts")
                    .satisfies(
                            e -> assertThat(((RefusedException) e).reasonCode()).isEqualTo(0x87));
            ChorusClient.await(cli.publish("hermes/test/client/allowed", new byte[] {1}, 1, false), WAIT);
            assertThat(cli.isConnected()).isTrue();
        }
    }

    @Test
    void aRefusedSubscriptionNamesItsFiltersAndTheGrantedOnesDeliver() {
        try (ChorusClient cli = connect("cli");
                ChorusClient operator = connect("operator")) {
            final List<ReceivedMessage> got = new CopyOnWriteArrayList<>();
            assertThatThrownBy(() -> ChorusClient.await(
                            cli.subscribe(List.of("hermes/test/granted", "chorus/secret/#"), 1, got::add), WAIT))
                    .isInstanceOfSatisfying(
                            RefusedException.class,
                            e -> assertThat(e.refusedFilters()).containsExactly("chorus/secret/#"));
            ChorusClient.await(operator.publish("hermes/test/granted", new byte[] {7}, 1, false), WAIT);
            await().until(() -> !got.isEmpty());
            assertThat(got.get(0).payload()).containsExactly(7);
        }
    }

    @Test
    void requestAndReplyOverResponseTopicAndCorrelationData() throws Exception {
        try (ChorusClient cli = connect("cli");
                ChorusClient echo = connect("operator")) {
            ChorusClient.await(
                    echo.subscribe(
                            "hermes/test/echo",
                            1,
                            m -> echo.publish(new OutgoingMessage(
                                    m.responseTopic(),
                                    ("echo: " + m.text()).getBytes(StandardCharsets.UTF_8),
                                    1,
                                    false,
                                    null,
                                    null,
                                    m.correlationData()))),
                    WAIT);

            final ReceivedMessage reply = cli.request(OutgoingMessage.of("hermes/test/echo", "hi"), WAIT)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reply.text()).isEqualTo("echo: hi");
            assertThat(reply.topic()).startsWith("chorus/reply/cli/");

            final CompletableFuture<ReceivedMessage> unanswered =
                    cli.request(OutgoingMessage.of("hermes/test/nobody", "?"), Duration.ofMillis(300));
            assertThatThrownBy(() -> unanswered.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void manyPublishesAtOnceAllCompleteAndArriveInOrder() {
        final int count = 500;
        try (ChorusClient cli = connect("cli");
                ChorusClient operator = connect("operator")) {
            final List<String> got = new CopyOnWriteArrayList<>();
            ChorusClient.await(operator.subscribe("hermes/test/flood", 1, m -> got.add(m.text())), WAIT);
            final List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(cli.publish(
                        "hermes/test/flood", Integer.toString(i).getBytes(StandardCharsets.UTF_8), 1, false));
            }
            ChorusClient.await(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)), Duration.ofSeconds(60));
            await().until(() -> got.size() >= count);
            // one publisher, one topic, one QoS: MQTT's ordered-topic rule guarantees the order (spec 4.6)
            assertThat(got)
                    .containsExactlyElementsOf(IntStream.range(0, count)
                            .mapToObj(Integer::toString)
                            .toList());
        }
    }

    @Test
    void aHandlerMayBlockOnItsOwnClientsFutures() {
        try (ChorusClient operator = connect("operator");
                ChorusClient watcher = connect("operator")) {
            final List<ReceivedMessage> acks = new CopyOnWriteArrayList<>();
            ChorusClient.await(watcher.subscribe("hermes/test/block/ack", 1, acks::add), WAIT);
            ChorusClient.await(
                    operator.subscribe(
                            "hermes/test/block/go",
                            1,
                            m -> ChorusClient.await(
                                    operator.publish("hermes/test/block/ack", m.payload(), 1, false), WAIT)),
                    WAIT);
            ChorusClient.await(operator.publish("hermes/test/block/go", new byte[] {1}, 1, false), WAIT);
            ChorusClient.await(operator.publish("hermes/test/block/go", new byte[] {2}, 1, false), WAIT);
            await().until(() -> acks.size() >= 2);
        }
    }

    @Test
    void aCutConnectionCompletesLostAndLaterPublishesFail() throws Exception {
        try (TcpProxy link = TcpProxy.to(BROKER);
                ChorusClient cli = connect("cli", link.uri())) {
            assertThat(cli.lost()).isNotDone();
            link.cut();
            final String why = cli.lost().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(why).isNotBlank();
            assertThat(cli.lostReason()).isEqualTo(why);
            assertThat(cli.isConnected()).isFalse();
            assertThatThrownBy(() ->
                            ChorusClient.await(cli.publish("hermes/test/client/late", new byte[0], 1, false), WAIT))
                    .isInstanceOf(ChorusClientException.class);
        }
    }

    @Test
    void aWrongPasswordIsARefusedLogin() {
        assertThatThrownBy(() -> ChorusClient.to(BROKER.uri())
                        .login("cli", "wrong".getBytes(StandardCharsets.UTF_8))
                        .connect())
                .isInstanceOfSatisfying(
                        ChorusClientException.class,
                        e -> assertThat(e.loginRefused()).isTrue())
                .hasMessageContaining("refused the login");
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        final ChorusClient cli = connect("cli");
        cli.close();
        cli.close();
        assertThat(cli.isConnected()).isFalse();
        assertThat(cli.publish("hermes/test/client/closed", new byte[0], 1, false))
                .isCompletedExceptionally();
        assertThat(cli.lost()).as("closing is not losing the connection").isNotDone();
    }
}
