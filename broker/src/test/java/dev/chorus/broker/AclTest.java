package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclTest {

    private final Acl acl = Acl.parse(
            "test.conf",
            List.of(
                    "# comment",
                    "*        pub     chorus/status/{principal}",
                    "*        sub     chorus/reply/{principal}/#",
                    "tts      sub     hermes/tts/say        # trailing comment",
                    "tts      pub     hermes/audioServer/+/playBytes/+",
                    "operator pubsub  hermes/#",
                    ""));

    @Test
    void publishMatchesFiltersAndOwnPrincipal() {
        assertThat(acl.mayPublish("tts", "chorus/status/tts")).isTrue();
        assertThat(acl.mayPublish("tts", "chorus/status/audio")).isFalse();
        assertThat(acl.mayPublish("tts", "hermes/audioServer/kitchen/playBytes/42"))
                .isTrue();
        assertThat(acl.mayPublish("tts", "hermes/audioServer/kitchen/playBytes/42/extra"))
                .isFalse();
        assertThat(acl.mayPublish("tts", "hermes/tts/say")).as("sub only").isFalse();
        assertThat(acl.mayPublish("operator", "hermes/anything/at/all")).isTrue();
        assertThat(acl.mayPublish("nobody", "hermes/tts/say")).isFalse();
    }

    @Test
    void subscriptionMustNotReachBeyondTheRule() {
        assertThat(acl.maySubscribe("tts", "hermes/tts/say")).isTrue();
        assertThat(acl.maySubscribe("tts", "hermes/tts/+")).isFalse();
        assertThat(acl.maySubscribe("tts", "#")).isFalse();
        assertThat(acl.maySubscribe("tts", "chorus/reply/tts/#")).isTrue();
        assertThat(acl.maySubscribe("tts", "chorus/reply/tts/abc")).isTrue();
        assertThat(acl.maySubscribe("tts", "chorus/reply/+/#")).isFalse();
        assertThat(acl.maySubscribe("operator", "hermes/+/say")).isTrue();
        assertThat(acl.maySubscribe("operator", "$share/g/hermes/tts/say")).isTrue();
        assertThat(acl.maySubscribe("operator", "$SYS/#")).isFalse();
    }

    @Test
    void namedPrincipalsReserveClientIds() {
        assertThat(acl.principals()).containsExactly("tts", "operator");
    }

    @Test
    void errorsNameFileAndLine() {
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("tts pub a/b", "tts publish a/b")))
                .hasMessage("acl.conf:2: access must be pub, sub or pubsub, got: publish");
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("tts pub")))
                .hasMessageStartingWith("acl.conf:1: expected '<principal> <pub|sub|pubsub> <topic filter>"
                        + " [siteId={site}|siteIds={site}]'");
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("tts pub a/#/b")))
                .hasMessage("acl.conf:1: '#' must be a whole level and the last one: a/#/b");
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("tts pub a/b+")))
                .hasMessage("acl.conf:1: '+' must be a whole level: a/b+");
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("tts sub $share/g/a/b")))
                .hasMessage("acl.conf:1: write the topic filter without '$share/<group>/'"
                        + " (a shared subscription is judged by its topic filter): $share/g/a/b");
    }

    @Test
    void sharedSubscriptionsAreJudgedByTheirTopicFilter() {
        assertThat(acl.maySubscribe("tts", "$share/g/hermes/tts/say")).isTrue();
        assertThat(acl.maySubscribe("tts", "$share/g/hermes/tts/+")).isFalse();
    }

    @Test
    void noPrincipalMayBeNamedLikeTheIdsTheBrokerAssigns() {
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("tts pub a/b", "hmq_x sub a/b")))
                .hasMessage(
                        "acl.conf:2: a principal name must not start with 'hmq_' (the broker assigns client ids with it): hmq_x");
    }

    @Test
    void repositoryAclParses() {
        final Acl repo = Acl.load(TestBroker.REPO_ACL);
        assertThat(repo.principals()).contains("tts", "audio", "gateway", "cli", "operator");
        assertThat(repo.mayPublish("operator", "hermes/tts/say")).isTrue();
        assertThat(repo.mayPublish("operator", "chorus/status/tts")).isFalse();
    }

    private final Acl sites = Acl.parse(
            "sites.conf",
            List.of(
                    "*                pub  chorus/status/{principal}",
                    "satellite-{site} pub  chorus/status/{principal}-audio",
                    "satellite-{site} sub  hermes/audioServer/{site}/playBytes/+",
                    "satellite-{site} pub  hermes/audioServer/{site}/playFinished",
                    "satellite-{site} pub  hermes/hotword/+/detected  siteId={site}   # payload check",
                    "satellite-{site} pub  chorus/tts/say  siteIds={site}",
                    "tts              sub  hermes/tts/say"));

    private static ByteBuffer json(final String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSatelliteIsConfinedToItsSiteByTopic() {
        assertThat(sites.mayPublish("satellite-kitchen", "hermes/audioServer/kitchen/playFinished"))
                .isTrue();
        assertThat(sites.mayPublish("satellite-kitchen", "hermes/audioServer/hall/playFinished"))
                .isFalse();
        assertThat(sites.mayPublish("satellite-kitchen", "chorus/status/satellite-kitchen-audio"))
                .isTrue();
        assertThat(sites.mayPublish("satellite-kitchen", "chorus/status/satellite-hall-audio"))
                .isFalse();
        assertThat(sites.maySubscribe("satellite-kitchen", "hermes/audioServer/kitchen/playBytes/+"))
                .isTrue();
        assertThat(sites.maySubscribe("satellite-kitchen", "hermes/audioServer/+/playBytes/+"))
                .isFalse();
        assertThat(sites.maySubscribe("satellite-hall", "hermes/audioServer/kitchen/playBytes/#"))
                .isFalse();
    }

    @Test
    void aSatelliteIsConfinedToItsSiteByPayload() {
        final String topic = "hermes/hotword/hey_jarvis/detected";
        assertThat(sites.mayPublish("satellite-kitchen", topic, json("{\"siteId\":\"kitchen\",\"modelId\":\"x\"}")))
                .isTrue();
        assertThat(sites.mayPublish("satellite-kitchen", topic, json("{\"siteId\":\"hall\"}")))
                .isFalse();
        assertThat(sites.mayPublish("satellite-kitchen", topic, json("{\"modelId\":\"x\"}")))
                .as("no siteId")
                .isFalse();
        assertThat(sites.mayPublish("satellite-kitchen", topic, json("{\"siteId\":[\"kitchen\"]}")))
                .isFalse();
        assertThat(sites.mayPublish("satellite-kitchen", topic, json("not json")))
                .isFalse();
        assertThat(sites.mayPublish("satellite-kitchen", topic, null)).isFalse();
        assertThat(sites.mayPublish(
                        "satellite-kitchen",
                        topic,
                        json("{\"siteId\":\"kitchen\",\"pad\":\"" + "x".repeat(Acl.MAX_SITE_CHECKED_PAYLOAD) + "\"}")))
                .as("too large to parse")
                .isFalse();
    }

    @Test
    void aSatelliteMaySayOnSeveralSitesOnlyWhenEveryOneIsItsOwn() {
        final String topic = "chorus/tts/say";
        assertThat(sites.mayPublish("satellite-kitchen", topic, json("{\"text\":\"hi\",\"siteIds\":[\"kitchen\"]}")))
                .isTrue();
        assertThat(sites.mayPublish(
                        "satellite-kitchen", topic, json("{\"text\":\"hi\",\"siteIds\":[\"kitchen\",\"kitchen\"]}")))
                .as("every entry its own site (the tts module refuses the repeat)")
                .isTrue();
        for (final String refused : List.of(
                "{\"text\":\"hi\",\"siteIds\":[\"hall\"]}",
                "{\"text\":\"hi\",\"siteIds\":[\"kitchen\",\"hall\"]}",
                "{\"text\":\"hi\",\"siteIds\":[]}",
                "{\"text\":\"hi\",\"siteIds\":\"kitchen\"}",
                "{\"text\":\"hi\",\"siteIds\":[\"kitchen\",null]}",
                "{\"text\":\"hi\",\"siteIds\":[[\"kitchen\"]]}",
                "{\"text\":\"hi\",\"siteId\":\"kitchen\"}",
                "{\"text\":\"hi\"}",
                "[\"kitchen\"]",
                "not json")) {
            assertThat(sites.mayPublish("satellite-kitchen", topic, json(refused)))
                    .as(refused)
                    .isFalse();
        }
        assertThat(sites.mayPublish("satellite-kitchen", topic, null)).isFalse();
        assertThat(sites.mayPublish("satellite-hall", topic, json("{\"text\":\"hi\",\"siteIds\":[\"hall\"]}")))
                .isTrue();
        assertThat(sites.mayPublish(
                        "satellite-kitchen", "hermes/hotword/hey_jarvis/detected", json("{\"siteIds\":[\"kitchen\"]}")))
                .as("a siteId rule reads siteId only")
                .isFalse();
    }

    @Test
    void onlySiteNamesMakeSatellites() {
        assertThat(sites.mayPublish("satellite-", "chorus/status/satellite--audio"))
                .isFalse();
        assertThat(sites.mayPublish("satellite-a-b", "hermes/audioServer/a-b/playFinished"))
                .as("'-' is not in a satellite's site")
                .isFalse();
        assertThat(sites.mayPublish("satellite-{site}", "hermes/audioServer/{site}/playFinished"))
                .isFalse();
        assertThat(sites.principals()).containsExactly("tts");
    }

    @Test
    void aSatellitesClientIdsAreItsOwn() {
        assertThat(sites.ownerOfClientId("satellite-kitchen-audio")).isEqualTo("satellite-kitchen");
        assertThat(sites.ownerOfClientId("satellite-kitchen")).isEqualTo("satellite-kitchen");
        assertThat(sites.ownerOfClientId("tts-1")).isEqualTo("tts");
        assertThat(sites.ownerOfClientId("satellites")).isNull();
        assertThat(sites.ownerOfClientId("mosquitto-123")).isNull();
    }

    @Test
    void siteRulesAreOnlyForSatellites() {
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("tts pub a/{site}")))
                .hasMessageStartingWith("acl.conf:1: {site} is only for principals like satellite-{site}");
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("tts pub a/b siteId={site}")))
                .hasMessageStartingWith("acl.conf:1: {site} is only for principals like satellite-{site}");
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("satellite-{site} sub a/b siteId={site}")))
                .hasMessage("acl.conf:1: siteId={site} checks what is published: use pub");
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("tts pub a/b siteIds={site}")))
                .hasMessageStartingWith("acl.conf:1: {site} is only for principals like satellite-{site}");
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("satellite-{site} sub a/b siteIds={site}")))
                .hasMessage("acl.conf:1: siteIds={site} checks what is published: use pub");
        assertThatThrownBy(() -> Acl.parse("acl.conf", List.of("satellite-{site} pub a/b siteId=x")))
                .hasMessageStartingWith("acl.conf:1: expected '<principal> <pub|sub|pubsub> <topic filter>");
    }

    @Test
    void repositoryAclConfinesSatellites() {
        final Acl repo = Acl.load(TestBroker.REPO_ACL);
        assertThat(repo.mayPublish("satellite-kitchen", "hermes/audioServer/kitchen/audioFrame"))
                .isTrue();
        assertThat(repo.mayPublish("satellite-kitchen", "hermes/audioServer/hall/audioFrame"))
                .isFalse();
        assertThat(repo.mayPublish("satellite-kitchen", "chorus/listening/satellite-kitchen-wake"))
                .isTrue();
        assertThat(repo.mayPublish("satellite-kitchen", "chorus/listening/wake"))
                .isFalse();
        assertThat(repo.mayPublish(
                        "satellite-kitchen", "hermes/tts/say", json("{\"text\":\"hi\",\"siteId\":\"hall\"}")))
                .isFalse();
        assertThat(repo.mayPublish(
                        "satellite-kitchen", "hermes/tts/say", json("{\"text\":\"hi\",\"siteId\":\"kitchen\"}")))
                .isTrue();
        assertThat(repo.mayPublish(
                        "satellite-kitchen", "chorus/tts/say", json("{\"text\":\"hi\",\"siteIds\":[\"kitchen\"]}")))
                .isTrue();
        assertThat(repo.mayPublish(
                        "satellite-kitchen",
                        "chorus/tts/say",
                        json("{\"text\":\"hi\",\"siteIds\":[\"kitchen\",\"hall\"]}")))
                .isFalse();
        assertThat(repo.maySubscribe("satellite-kitchen", "hermes/#")).isFalse();
    }

    @Test
    void repeatedQuestionsGetTheSameAnswersFromTheCache() {
        for (int round = 0; round < 3; round++) {
            assertThat(acl.mayPublish("tts", "chorus/status/tts")).isTrue();
            assertThat(acl.mayPublish("tts", "chorus/status/audio")).isFalse();
            assertThat(acl.maySubscribe("tts", "hermes/tts/say")).isTrue();
            assertThat(acl.maySubscribe("tts", "hermes/tts/+")).isFalse();
            assertThat(acl.mayPublish("audio", "chorus/status/tts"))
                    .as("per principal")
                    .isFalse();
        }
        assertThat(acl.cachedDecisions("tts")).isEqualTo(4);
    }

    @Test
    void theCacheStaysBoundedWhenTopicsNeverRepeat() {
        for (int i = 0; i < 3 * DecisionCache.MAX_PER_PRINCIPAL; i++) {
            assertThat(acl.mayPublish("tts", "hermes/audioServer/kitchen/playBytes/" + i))
                    .isTrue();
        }
        assertThat(acl.cachedDecisions("tts")).isLessThanOrEqualTo(DecisionCache.MAX_PER_PRINCIPAL);
        assertThat(acl.mayPublish("tts", "hermes/audioServer/kitchen/playBytes/1/extra"))
                .isFalse();
    }
}
