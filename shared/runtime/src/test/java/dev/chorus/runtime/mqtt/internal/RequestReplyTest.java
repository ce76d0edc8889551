package dev.chorus.runtime.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.client.OutgoingMessage;
import dev.chorus.runtime.mqtt.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestReplyTest {

    private final RequestReply requests = new RequestReply("example");

    @Test
    void aRequestCarriesItsReplyTopicAndCorrelationDataAndTheReplyCompletesIt() {
        RequestReply.Request request =
                requests.prepare(OutgoingMessage.of("example/echo", "hi"), Duration.ofSeconds(30));
        String id = new String(request.message().correlationData(), StandardCharsets.UTF_8);
        assertThat(request.message().responseTopic()).isEqualTo("chorus/reply/example/" + id);
        assertThat(requests.replyFilter()).isEqualTo("chorus/reply/example/#");

        requests.onReply(InboundMessage.of("chorus/reply/example/someone-else", new byte[0]));
        assertThat(request.answer()).isNotDone();
        InboundMessage reply =
                InboundMessage.of(request.message().responseTopic(), "echo".getBytes(StandardCharsets.UTF_8));
        requests.onReply(reply);
        assertThat(request.answer()).isCompletedWithValue(reply);
    }

    @Test
    void aReplyGoesToTheResponseTopicWithTheCorrelationData() {
        byte[] correlation = {1, 2, 3};
        InboundMessage request = new InboundMessage(
                "example/echo", new byte[0], 1, false, false, "chorus/reply/other/42", correlation, List.of(), null);
        OutgoingMessage reply = RequestReply.replyTo(request, new byte[] {9}, OutgoingMessage.JSON);
        assertThat(reply.topic()).isEqualTo("chorus/reply/other/42");
        assertThat(reply.correlationData()).containsExactly(1, 2, 3).isNotSameAs(correlation);
        assertThat(reply.qos()).isEqualTo(1);
        assertThat(reply.contentType()).isEqualTo(OutgoingMessage.JSON);

        assertThatThrownBy(() -> RequestReply.replyTo(InboundMessage.of("example/x", new byte[0]), new byte[0], null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no response topic");
    }
}
