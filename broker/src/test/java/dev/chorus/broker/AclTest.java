package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .hasMessageStartingWith("acl.conf:1: expected '<principal> <pub|sub|pubsub> <topic filter>'");
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
